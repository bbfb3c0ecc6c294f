"""Paragraph breaks line pair by line pair on text pages: how many breaks the ingest missed
and how many it made where the truth runs on, per corpus and family.

    python -m benchmarks.ingest_linepairs --corpus DIR [--corpus DIR ...] [--show] [--set FIELD=VALUE]

Every two lines of a text page that follow one another (blank lines and form feeds between
them skipped, `gap` then) are labelled from the page's truth: a `join` when one truth
paragraph holds the two texts run together, a `break` when a truth paragraph ends with the
upper one and the next paragraph of its article starts with the lower one. A pair the truth
places neither way (a headline, a byline, a table the truth leaves out, a repaired line) is
not counted. The ingest's edition is read the same way: a missed break is a truth break the
ingest ran on in one paragraph, a false break a truth join it set as two paragraphs of one
article. Pairs cut between two articles are story boundaries, counted by `ingest_errors`.
Texts are compared as the corpus scorer normalises them (no spaces, NFKC).
"""

from __future__ import annotations

import argparse
import multiprocessing
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

from benchmarks.ingest_errors import _paras
from benchmarks.ingest_families import _scorer, edition
from benchmarks.ingest_train import family_name
from exporter.ingest.layout import column_ends

SHORTEST = 4  # characters: two lines whose texts together are shorter are placed by chance


def pairs(text: str) -> list[tuple[int, str, int, str, bool]]:
    """A page's line pairs: (line number, text, line number, text, gap between them)."""
    out, prev, gap = [], None, False
    for no, _, raw in column_ends(text.split("\n")):  # numbered and cut at column breaks as the layout does
        gap = gap or "\f" in raw and prev is not None
        raw = raw.replace("\f", "")
        if not raw.strip():
            gap = prev is not None
            continue
        if prev is not None:
            out.append((prev[0], prev[1], no, raw, gap))
        prev, gap = (no, raw), False
    return out


def label(a: str, b: str, articles: list[list[str]]) -> str | None:
    """`join`, `break` or None: how these articles' paragraphs place normalised texts a, b."""
    if not a or not b or len(a) + len(b) < SHORTEST:
        return None
    if any(a + b in p for ps in articles for p in ps):
        return "join"
    if any(p.endswith(a) and q.startswith(b) for ps in articles for p, q in zip(ps, ps[1:])):
        return "break"
    return None


def page_pairs(path: Path, model: object, weights: object) -> list[tuple[str, str, int, str, int, str, bool]]:
    """Per line pair the truth places: (truth label, ingest label or '', line, text, line, text, gap)."""
    import json
    sc = _scorer()
    truth = json.loads(path.with_suffix(".truth.json").read_text(encoding="utf-8"))
    want = [_paras(a, sc.norm) for a in truth["articles"] if a["kind"] != "caption"]
    got = [sc.blocks_text(a)[0] for a in edition(path, weights, model)["articles"]]
    out = []
    for i, a, j, b, gap in pairs(path.read_text(encoding="utf-8")):
        t = label(sc.norm(a), sc.norm(b), want)
        if t is not None:
            out.append((t, label(sc.norm(a), sc.norm(b), got) or "", i, a, j, b, gap))
    return out


def _rows(path: Path, weights: object) -> tuple[str, str, list]:
    from exporter.ingest.segment import SHIPPED_MODEL
    return family_name(path), path.name, page_pairs(path, SHIPPED_MODEL, weights)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, action="append", required=True)
    ap.add_argument("--show", action="store_true", help="print every missed and false break")
    ap.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                    help="a Weights field other than the shipped value (repeatable)")
    args = ap.parse_args(argv)
    from exporter.ingest.weights import SHIPPED
    weights = replace(SHIPPED, **{k: float(v) for k, v in (item.split("=", 1) for item in args.set)})
    jobs = [(path, weights) for corpus in args.corpus for path in sorted(corpus.glob("*.txt"))
            if path.with_suffix(".truth.json").is_file()]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        rows = pool.starmap(_rows, jobs)
    table: dict[str, Counter] = defaultdict(Counter)
    for family, page, found in rows:
        for want, got, i, a, j, b, gap in found:
            t = table[family]
            t[want + "s"] += 1
            missed, false = want == "break" and got == "join", want == "join" and got == "break"
            t["missed"] += missed
            t["false"] += false
            if args.show and (missed or false):
                print(f"{page}:{i}-{j} {'missed' if missed else 'false'}{' (gap)' if gap else ''}: {a.strip()!r} / {b.strip()!r}")
    cols = ("breaks", "joins", "missed", "false")
    print("| family | " + " | ".join(cols) + " |")
    print("| --- " * (len(cols) + 1) + "|")
    for family, t in sorted(table.items()):
        print(f"| {family} | " + " | ".join(str(t[c]) for c in cols) + " |")
    every = sum(table.values(), Counter())
    print("| all | " + " | ".join(str(every[c]) for c in cols) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
