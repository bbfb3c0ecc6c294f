"""Fit the block classifier (exporter/ingest/blocks.py) on every development corpus and
write it to exporter/ingest/block_model.json, or check that the shipped file equals a retrain.

    python -m benchmarks.ingest_train [--check] [--without FAMILY ...]

Each page is read into layout pieces exactly as `exporter ingest` reads it; each piece is
labelled from its page's truth file by matching its text (a headline, kicker, subheadline,
section heading, byline, body or caption text; anything no article holds is furniture,
`other`). Needs scikit-learn (the `train` extra); ingest itself does not.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from exporter.ingest.api import lay_out
from exporter.ingest.blocks import FEATURES, LABELS, BlockModel, explode, features
from exporter.ingest.layout import BoxByline, Piece
from exporter.ingest.notes import Notes

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHIPPED = ROOT / "exporter" / "ingest" / "block_model.json"
TEXT_CORPORA = ("ingest-corpus-varied", "ingest-corpus-fresh", "ingest-corpus-raw", "ingest-blind")
PDF_CORPORA = ("ingest-pdf", "ingest-blind")
_NOISE = regex.compile(r"[\s—―─\-‐]|^[□■◎▲△●○◆◇★☆▶►]")


@dataclass
class Page:
    family: str
    name: str
    pieces: list[Piece]
    truth: dict


def _family(path: Path) -> str:
    if path.parent.name == "ingest-corpus":
        return "qingchuan"
    if path.suffix == ".pdf" and path.parent.name == "ingest-pdf":
        return "pdf-" + path.stem  # each development PDF is a paper of its own
    return path.stem.rsplit("-", 1)[0]


def page_paths() -> list[Path]:
    paths = sorted((FIXTURES / "ingest-corpus").glob("page*.txt"))
    for corpus in TEXT_CORPORA:
        paths += sorted((FIXTURES / corpus).glob("*.txt"))
    for corpus in PDF_CORPORA:
        paths += sorted((FIXTURES / corpus).glob("*.pdf"))
    return [p for p in paths if p.with_suffix(".truth.json").is_file()]


@cache
def read_page(path: Path) -> list[Page]:
    """A corpus file's pages as layout pieces, with the file's truth."""
    truth = json.loads(path.with_suffix(".truth.json").read_text(encoding="utf-8"))
    notes = Notes()
    if path.suffix == ".pdf":
        from exporter.ingest.pdf import read_pdf
        pages = [(f"{path.name}#p{pg.number}", pg.text, pg) for pg in read_pdf(path)]
    else:
        pages = [(path.name, path.read_text(encoding="utf-8"), None)]
    return [Page(_family(path), name, [p.piece for p in explode(lay_out(text, name, notes, Counter(), None, pdf).pieces)],
                 truth) for name, text, pdf in pages]


def _norm(text: str) -> str:
    return _NOISE.sub("", text)


def label(piece: Piece, truth: dict) -> str:
    """What the truth says this piece is."""
    raw = piece.text if isinstance(piece, BoxByline) else piece.raw
    text = _norm(raw)
    if not text:
        return "other"
    bodies, captions, heads = [], [], {}
    for a in truth["articles"]:
        for key in ("headline", "kicker", "subheadline"):
            if a.get(key):
                heads.setdefault(_norm(a[key]), key)
        for s in a.get("sections") or []:
            if s.get("heading"):
                heads.setdefault(_norm(s["heading"]), "subhead")
            bodies += s.get("paragraphs") or []
        paras = (a.get("lead") or []) + (a.get("paragraphs") or [])
        if a["kind"] in ("photo", "caption"):
            captions += paras + [a.get("caption") or ""]
        else:
            bodies += paras
        bodies += [a.get("issuer") or "", a.get("date") or ""]
    if text in heads:
        return heads[text]
    mid = len(text) // 2
    probes = {text[:12], text[mid - 6 : mid + 6], text[-12:]} if len(text) > 12 else {text}
    if any(q in _norm(c) for c in captions if c for q in probes):
        return "caption"
    if any(q in _norm(b) for b in bodies if b for q in probes):
        return "body"
    names = [_norm(n) for a in truth["articles"] for n in a.get("authors") or []]
    if len(text) <= 60 and any(n and n in text for n in names):
        return "byline"
    if any(text in h and len(text) >= 2 for h in heads):  # a headline's part (a wrapped one split in two)
        return heads[next(h for h in heads if text in h)]
    return "other"


def dataset(pages: list[Page]) -> tuple[list[list[float]], list[str]]:
    xs: list[list[float]] = []
    ys: list[str] = []
    for page in pages:
        xs += features(page.pieces)
        ys += [label(p, page.truth) for p in page.pieces]
    return xs, ys


def train(pages: list[Page]) -> BlockModel:
    """Standardise the features and fit a multinomial logistic regression (deterministic: lbfgs)."""
    try:
        import numpy as np
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler
    except ImportError:
        sys.exit("training the block model needs scikit-learn: pip install -e '.[train]'")
    xs, ys = dataset(pages)
    x = np.array(xs, dtype=float)
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    z = (x - scaler.mean_) / scale
    present = [lab for lab in LABELS if lab in ys]
    clf = LogisticRegression(C=1.0, max_iter=5000).fit(z, ys)
    coef = {lab: row for lab, row in zip(clf.classes_, clf.coef_)}
    inter = dict(zip(clf.classes_, clf.intercept_))
    r = 6  # rounded so the file is stable across platforms
    model = BlockModel(
        LABELS, FEATURES, tuple(round(float(v), r) for v in scaler.mean_), tuple(round(float(v), r) for v in scale),
        tuple(tuple(round(float(v), r) for v in coef[lab]) if lab in present else (0.0,) * len(FEATURES)
              for lab in LABELS),
        tuple(round(float(inter[lab]), r) if lab in present else -30.0 for lab in LABELS),
        trained_on=len(ys), accuracy=0.0)
    right = sum(max(model.probabilities(v).items(), key=lambda t: t[1])[0] == y for v, y in zip(xs, ys))
    return BlockModel(**{**model.__dict__, "accuracy": round(right / len(ys), 4)})


def all_pages(without: frozenset[str] = frozenset()) -> list[Page]:
    return [pg for path in page_paths() for pg in read_page(path) if pg.family not in without]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when the shipped model differs from a retrain")
    ap.add_argument("--without", nargs="*", default=[], help="leave these families out")
    args = ap.parse_args(argv)
    pages = all_pages(frozenset(args.without))
    model = train(pages)
    counts = Counter(y for y in dataset(pages)[1])
    print(f"{len(pages)} pages, {model.trained_on} blocks: " + ", ".join(f"{k} {counts[k]}" for k in LABELS))
    print(f"training accuracy {model.accuracy:.4f}")
    if args.check:
        same = SHIPPED.is_file() and SHIPPED.read_text(encoding="utf-8") == model.to_json()
        print("shipped model equals the retrain" if same else "shipped model DIFFERS from the retrain")
        return 0 if same else 1
    SHIPPED.write_text(model.to_json(), encoding="utf-8")
    print(f"wrote {SHIPPED.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
