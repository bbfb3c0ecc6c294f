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
import tempfile
from collections import Counter
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import regex

from exporter.ingest.api import lay_out
from exporter.ingest.blocks import FEATURES, LABELS, BlockModel, explode, features
from exporter.ingest.sequence import HEADS, INPUTS, STATES, SequenceModel, inputs
from exporter.ingest.layout import BoxByline, Piece
from exporter.ingest.notes import Notes

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SHIPPED = ROOT / "exporter" / "ingest" / "block_model.json"
SHIPPED_SEQUENCE = ROOT / "exporter" / "ingest" / "sequence_model.json"
TEXT_CORPORA = ("ingest-corpus-varied", "ingest-corpus-fresh", "ingest-corpus-raw", "ingest-blind", "ingest-blind2",
                "ingest-blind3", "ingest-blind4", "ingest-blind5", "ingest-blind6", "ingest-blind7",
                "ingest-blind8", "ingest-blind9", "ingest-blind10", "ingest-blind11", "ingest-blind12",
                "ingest-blind13", "ingest-blind14")
PDF_CORPORA = ("ingest-pdf", "ingest-blind", "ingest-blind2", "ingest-blind3", "ingest-blind4", "ingest-blind5", "ingest-blind6",
               "ingest-blind7", "ingest-blind8", "ingest-blind9", "ingest-blind10", "ingest-blind11",
               "ingest-blind12", "ingest-blind13", "ingest-blind14")
# a later blind corpus's families are marked with its number: its hongkong is not the varied corpus's
MARKED = {"ingest-blind2": "b2-", "ingest-blind3": "b3-", "ingest-blind4": "b4-", "ingest-blind5": "b5-", "ingest-blind6": "b6-",
          "ingest-blind7": "b7-", "ingest-blind8": "b8-",
          "ingest-blind9": "b9-", "ingest-blind10": "b10-",
          "ingest-blind11": "b11-", "ingest-blind12": "b12-", "ingest-blind13": "b13-",
          "ingest-blind14": "b14-"}
_NOISE = regex.compile(r"[\s—―─\-‐]|^[□■◎▲△●○◆◇★☆▶►]")


@dataclass
class Page:
    family: str
    name: str
    pieces: list[Piece]
    truth: dict

    @cached_property
    def vectors(self) -> list[list[float]]:
        """The blocks' features, computed once: a retrain and its cross-fitted folds read them
        seven times over (read only)."""
        return features(self.pieces)

    @cached_property
    def labels(self) -> list[str]:
        """What the truth says each block is, computed once (read only)."""
        return [label(p, self.truth) for p in self.pieces]


def _family(path: Path) -> str:
    if path.parent.name == "ingest-corpus":
        return "qingchuan"
    if path.suffix == ".pdf" and path.parent.name == "ingest-pdf":
        return "pdf-" + path.stem  # each development PDF is a paper of its own
    return family_name(path)


def family_name(path: Path) -> str:
    """A page's layout family: its file name's stem before the page number; the later blind
    corpora's families are marked `b2-` … `b14-` (blind3's hongkong is not the varied corpus's)."""
    return MARKED.get(path.parent.name, "") + path.stem.rsplit("-", 1)[0]


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


def _articles(piece: Piece, truth: dict) -> list[int]:
    """The truth articles whose paragraphs hold this piece's text."""
    text = _norm(piece.text if isinstance(piece, BoxByline) else piece.raw)
    if not text:
        return []
    mid = len(text) // 2
    texts = []
    for a in truth["articles"]:
        paras = (a.get("lead") or []) + (a.get("paragraphs") or []) + [a.get("caption") or ""]
        paras += [p for s in a.get("sections") or [] for p in s.get("paragraphs") or []]
        texts.append([_norm(p) for p in paras if p])
    for probe in (text, text[:12], text[mid - 6 : mid + 6], text[-12:]):  # the whole text first
        found = [k for k, paras in enumerate(texts) if probe and any(probe in p for p in paras)]
        if found:
            return found
    return []


def sequence_labels(page: Page) -> list[str]:
    """The page's labels for the decoder: a kicker, headline or subheadline printed after
    the body of its own article (and before none of it) is a `tail`."""
    labels = list(page.labels)
    owners: list[int | None] = []
    for piece, y in zip(page.pieces, labels):  # a stock sentence several articles print goes with its neighbour
        found = _articles(piece, page.truth) if y in ("body", "caption") else []
        last = next((o for o in reversed(owners) if o is not None), None)
        owners.append(last if last in found else found[0] if found else None)
    for i, (piece, y) in enumerate(zip(page.pieces, labels)):
        if y not in HEADS:
            continue
        text = _norm(piece.text if isinstance(piece, BoxByline) else piece.raw)
        own = {k for k, a in enumerate(page.truth["articles"]) if any(
            a.get(key) and (_norm(a[key]) == text or text in _norm(a[key])) for key in HEADS)}
        before = {owners[j] for j in range(i)} & own
        after = {owners[j] for j in range(i + 1, len(labels))} & own
        if before and not after:
            labels[i] = "tail"
    return labels


def dataset(pages: list[Page]) -> tuple[list[list[float]], list[str]]:
    xs: list[list[float]] = []
    ys: list[str] = []
    for page in pages:
        xs += page.vectors
        ys += page.labels
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


FOLDS = 5  # the decoder learns from classifier probabilities of pages the classifier did not see


def crossfit(pages: list[Page]) -> list[list[dict[str, float]]]:
    """The block classifier's probabilities for every page's blocks, each from a classifier
    trained without that page's family (families dealt into FOLDS folds in name order)."""
    families = sorted({page.family for page in pages})
    fold = {f: k % FOLDS for k, f in enumerate(families)}
    out: list[list[dict[str, float]]] = [[] for _ in pages]
    for k in range(min(FOLDS, len(families))):
        model = train([page for page in pages if fold[page.family] != k])
        for i, page in enumerate(pages):
            if fold[page.family] == k:
                out[i] = [model.probabilities(v) for v in page.vectors]
    return out


def train_sequence(pages: list[Page]) -> SequenceModel:
    """Fit the page decoder: a linear-chain CRF (python-crfsuite, L-BFGS, deterministic) over
    cross-fitted classifier log-probabilities and context features, with a weight for every
    label pair."""
    try:
        import pycrfsuite
    except ImportError:
        sys.exit("training the page decoder needs python-crfsuite: pip install -e '.[train]'")
    probs = crossfit(pages)
    xs = [[inputs(p, v) for p, v in zip(pr, page.vectors)] for page, pr in zip(pages, probs)]
    ys = [sequence_labels(page) for page in pages]
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys):
        trainer.append(pycrfsuite.ItemSequence([{**dict(zip(INPUTS, row)), "bias": 1.0} for row in x]), y)
    trainer.set_params({"c1": 0.0, "c2": 1.0, "max_iterations": 500,
                        "feature.possible_states": True, "feature.possible_transitions": True})
    with tempfile.TemporaryDirectory() as tmp:
        trainer.train(str(Path(tmp) / "crf"))
        tagger = pycrfsuite.Tagger()
        tagger.open(str(Path(tmp) / "crf"))
        info = tagger.info()
        tagger.close()
    r = 6
    emission = tuple(tuple(round(info.state_features.get((f, s), 0.0), r) for f in (*INPUTS, "bias"))
                     for s in STATES)
    transition = tuple(tuple(round(info.transitions.get((a, b), 0.0), r) for b in STATES) for a in STATES)
    n = sum(len(y) for y in ys)
    model = SequenceModel(STATES, INPUTS, emission, transition, trained_on=n)
    right = sum(d.label == t for x, y in zip(xs, ys) for d, t in zip(model.decode(x), y))
    return SequenceModel(**{**model.__dict__, "accuracy": round(right / n, 4)})


def all_pages(without: frozenset[str] = frozenset(), corpora: frozenset[str] = frozenset()) -> list[Page]:
    """The training pages, without these families and without the pages of these corpus folders."""
    return [pg for path in page_paths() if path.parent.name not in corpora for pg in read_page(path)
            if pg.family not in without]


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
    decoder = train_sequence(pages)
    tails = sum(y == "tail" for page in pages for y in sequence_labels(page))
    print(f"page decoder: {len(STATES)} labels ({tails} tail heads), training accuracy {decoder.accuracy:.4f}")
    made = ((SHIPPED, model.to_json()), (SHIPPED_SEQUENCE, decoder.to_json()))
    if args.check:
        same = all(path.is_file() and path.read_text(encoding="utf-8") == text for path, text in made)
        print("shipped models equal the retrain" if same else "shipped models DIFFER from the retrain")
        return 0 if same else 1
    for path, text in made:
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
