"""Score the current `exporter ingest` on the blind corpus (tests/fixtures/ingest-blind):
pages in layout families no ingest rule was written from.

    python -m benchmarks.ingest_blind [--corpus DIR] [--scorer score.py] [--json OUT] [--show]

Every page goes through the command line (`python -m exporter ingest PAGE -o edition.json`,
the fixed contract), so any later version of the ingest is scored the same way. The
figures come from the shared corpus scorer (../shared/ingest-corpus/score.py, or the copy
in tests/fixtures/ingest-corpus): segmented, titles, authors, captions, subheads,
paragraph F1 and character similarity, summed (counts) or averaged (F1, char-sim) per
family. For page PDFs it also counts photos extracted as figures with an image file and a
caption (`photos`), and matches them to the truth's photos: `photos_caption` truth photos
whose caption an extracted picture carries (same text as the scorer compares it), and
`photos_credit` of the truth's credited photos those whose credit is right too
(`photos_credit_n`). The scores are measured, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "ingest-blind"
# ../shared beside a checkout (or beside its worktree folder), else the repository's copy
SCORERS = (ROOT.parent / "shared" / "ingest-corpus" / "score.py", ROOT.parent.parent / "shared" / "ingest-corpus" / "score.py",
           ROOT / "tests" / "fixtures" / "ingest-corpus" / "score.py")
DATE = "2025-03-15"
SUMMARY = re.compile(
    r"segmented (\d+)/(\d+), titles (\d+)/\d+, authors (\d+)/\d+, captions (\d+)/(\d+), subheads (\d+)/(\d+), "
    r"paragraph P=[\d.]+ R=[\d.]+ F1=([\d.]+), char-sim ([\d.]+)")
FIELDS = ("segmented", "articles", "titles", "authors", "captions", "captions_n", "subheads", "subheads_n", "f1", "sim")


def default_scorer() -> Path:
    return next(p for p in SCORERS if p.is_file())


def ingest(page: Path, meta: dict, out: Path) -> tuple[Path | None, str]:
    """Run the checkout's `exporter ingest` on one page; the edition's path, or None and why."""
    edition = out / "edition.json"
    cmd = [sys.executable, "-m", "exporter", "ingest", str(page), "-o", str(edition), "--date", DATE,
           "--publication", meta["publication"], "--language", meta["language"]]
    # this checkout's package first: an editable install elsewhere (a worktree's venv) must not score other code
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))}
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=out, timeout=600, env=env)
    if res.returncode != 0 or not edition.is_file():
        return None, (res.stderr.strip().splitlines() or [f"exit {res.returncode}"])[-1]
    return edition, ""


def photos(edition: dict, base: Path) -> int:
    """Figures that carry an extracted image file and a caption."""
    n = 0
    for article in edition.get("articles", []):
        for block in article.get("blocks", []):
            if block.get("type") == "figure" and block.get("caption") and block.get("src"):
                n += (base / block["src"]).is_file()
    return n


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _credit(text: str | None) -> str:
    """A credit as compared: without a closing 摄 (some truths keep it) and without case (a
    credit printed in capitals reads as capitals)."""
    return _norm(text).removesuffix("摄").removesuffix("攝").casefold()


def truth_photos(truth: list[dict]) -> list[tuple[str, str]]:
    """(caption, credit) of every photo in a truth: photo stories and standalone captions."""
    out = []
    for a in truth:
        if a["kind"] == "photo":
            out.append((_norm("".join(a.get("paragraphs") or [])), _credit(a.get("credit"))))
        elif a["kind"] == "caption":
            out.append((_norm(a.get("caption") or "".join(a.get("paragraphs") or [])), _credit(a.get("credit"))))
    return out


def matched_photos(edition: dict, base: Path, truth: list[dict]) -> tuple[int, int]:
    """Truth photos found as a figure with an image file and the same caption; of those with a
    credit in the truth, how many carry that credit."""
    figures = [(_norm(b.get("caption")), _credit(b.get("credit")))
               for a in edition.get("articles", []) for b in a.get("blocks", [])
               if b.get("type") == "figure" and b.get("src") and (base / b["src"]).is_file()]
    found = credited = 0
    for caption, credit in truth_photos(truth):
        hit = next((f for f in figures if f[0] == caption), None)
        if hit is not None:
            figures.remove(hit)
            found += 1
            credited += bool(credit) and hit[1] == credit
    return found, credited


def score_page(page: Path, meta: dict, scorer: Path) -> dict:
    truth_path = page.with_suffix(".truth.json")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))["articles"]
    result = {"page": page.name, "family": meta["family"], "pages": 1,
              "photos_n": sum(1 for a in truth if a["kind"] in ("photo", "caption")) if page.suffix == ".pdf" else 0,
              "photos_credit_n": sum(1 for _, c in truth_photos(truth) if c) if page.suffix == ".pdf" else 0,
              "photos_caption": 0, "photos_credit": 0}
    with tempfile.TemporaryDirectory() as tmp:
        edition, error = ingest(page, meta, Path(tmp))
        if edition is None:
            n = sum(1 for a in truth if a["kind"] != "caption")
            return result | dict.fromkeys(FIELDS, 0) | {"articles": n, "photos": 0, "error": error, "detail": ""}
        res = subprocess.run([sys.executable, str(scorer), str(truth_path), str(edition)], capture_output=True,
                             text=True, timeout=600)
        m = SUMMARY.search(res.stdout)
        if m is None:
            raise RuntimeError(f"{page.name}: the scorer said {res.stdout!r} {res.stderr!r}")
        values = [int(x) for x in m.groups()[:8]] + [float(x) for x in m.groups()[8:]]
        result |= dict(zip(FIELDS, values, strict=True))
        result["detail"] = res.stdout.splitlines()[0]
        if page.suffix == ".pdf":
            out = json.loads(edition.read_text(encoding="utf-8"))
            result["photos"] = photos(out, edition.parent)
            result["photos_caption"], result["photos_credit"] = matched_photos(out, edition.parent, truth)
        else:
            result["photos"] = 0
    return result


def total(rows: list[dict]) -> dict:
    out: dict = defaultdict(float)
    for r in rows:
        for k in (*FIELDS, "pages", *PHOTOS):
            out[k] += r.get(k, 0)
    out["f1"] /= out["pages"] or 1
    out["sim"] /= out["pages"] or 1
    return dict(out)


PHOTOS = ("photos", "photos_n", "photos_caption", "photos_credit", "photos_credit_n")
HEADER = ("| family | pages | segmented | titles | authors | captions | subheads | para F1 | char-sim | photos | right caption | right credit |\n"
          "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")


def row(name: str, s: dict) -> str:
    n = int(s["articles"])
    ph = (f"{int(s['photos'])}/{int(s['photos_n'])} | {int(s['photos_caption'])}/{int(s['photos_n'])} | "
          f"{int(s['photos_credit'])}/{int(s['photos_credit_n'])}") if s.get("photos_n") else "– | – | –"
    return (f"| {name} | {int(s['pages'])} | {int(s['segmented'])}/{n} | {int(s['titles'])}/{n} | "
            f"{int(s['authors'])}/{n} | {int(s['captions'])}/{int(s['captions_n'])} | "
            f"{int(s['subheads'])}/{int(s['subheads_n'])} | {s['f1']:.3f} | {s['sim']:.3f} | {ph} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--scorer", type=Path, default=None, help="the corpus scorer (default: the shared score.py)")
    ap.add_argument("--json", type=Path, help="write every page's figures here as JSON")
    ap.add_argument("--show", action="store_true", help="print the scorer's per-article line for every page")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    scorer = args.scorer or default_scorer()
    manifest = json.loads((args.corpus / "manifest.json").read_text(encoding="utf-8"))
    pages = [(args.corpus / name, meta) for name, meta in manifest.items()]
    with ThreadPoolExecutor(args.jobs) as pool:
        rows = list(pool.map(lambda pm: score_page(pm[0], pm[1], scorer), pages))
    for r in rows:
        if r.get("error"):
            print(f"{r['page']}: ingest failed: {r['error']}", file=sys.stderr)
        elif args.show:
            print(f"{r['page']}: {r['detail']}")
    families: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        families[r["family"]].append(r)
    print(f"exporter ingest on the blind corpus ({len(rows)} pages; scorer {scorer})")
    print(HEADER)
    for fam, fam_rows in families.items():
        print(row(fam, total(fam_rows)))
    text = [r for r in rows if r["page"].endswith(".txt")]
    pdf = [r for r in rows if r["page"].endswith(".pdf")]
    for name, part in (("all text pages", text), ("all PDF pages", pdf), ("all", rows)):
        if part:
            print(row(f"**{name}**", total(part)))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
