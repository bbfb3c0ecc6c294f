"""Score the current `exporter ingest` on the blind corpus (tests/fixtures/ingest-blind):
pages in layout families no ingest rule was written from.

    python -m benchmarks.ingest_blind [--corpus DIR] [--scorer score.py] [--json OUT] [--show]

Every page goes through the command line (`python -m exporter ingest PAGE -o edition.json`,
the fixed contract), so any later version of the ingest is scored the same way. The
figures come from the shared corpus scorer (../shared/ingest-corpus/score.py, or the copy
in tests/fixtures/ingest-corpus): segmented, titles, authors, captions, subheads,
paragraph F1 and character similarity, summed (counts) or averaged (F1, char-sim) per
family. For page PDFs it also counts photos extracted as figures with an image file and a
caption. The scores are measured, never asserted.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
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
    res = subprocess.run(cmd, capture_output=True, text=True, cwd=out, timeout=600)
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


def score_page(page: Path, meta: dict, scorer: Path) -> dict:
    truth_path = page.with_suffix(".truth.json")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))["articles"]
    result = {"page": page.name, "family": meta["family"], "pages": 1,
              "photos_n": sum(1 for a in truth if a["kind"] in ("photo", "caption")) if page.suffix == ".pdf" else 0}
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
        result["photos"] = photos(json.loads(edition.read_text(encoding="utf-8")), edition.parent) \
            if page.suffix == ".pdf" else 0
    return result


def total(rows: list[dict]) -> dict:
    out: dict = defaultdict(float)
    for r in rows:
        for k in (*FIELDS, "pages", "photos", "photos_n"):
            out[k] += r.get(k, 0)
    out["f1"] /= out["pages"] or 1
    out["sim"] /= out["pages"] or 1
    return dict(out)


HEADER = ("| family | pages | segmented | titles | authors | captions | subheads | para F1 | char-sim | photos |\n"
          "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")


def row(name: str, s: dict) -> str:
    n = int(s["articles"])
    ph = f"{int(s['photos'])}/{int(s['photos_n'])}" if s.get("photos_n") else "–"
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
