"""Per-family scores of `exporter ingest` on the varied corpus, each family also scored
with the tunable weights fitted on the other families only (leave one family out).

    python -m benchmarks.ingest_families [--corpus DIR] [--json OUT]
    python -m benchmarks.ingest_families --scan label_sure=0.4,0.5,0.6,0.7,0.8
    python -m benchmarks.ingest_families --rules [--family F …]

`--scan FIELD=V,…` fits one `Weights` field alone: every value on every page (the shipped
weights otherwise), the value the whole corpus prefers, and each family scored with the
value the other families prefer (of tied values, the one nearest the shipped value, as the fit's steps would stop).

`--rules` leaves one family out for the rules with fitted thresholds (`RULES`: session 11's
head stacks, sign-offs, column labels, brief lists and headless bodies): each threshold is
scanned as above, the families a rule touches are found (their score moves when it is off:
each field's first value switches its rule off) and scored in-sample, with the thresholds
the other families prefer and with each rule off; then each of them (or each `--family`) is
scored with the block classifier and page decoder trained without it, under the shipped
thresholds, under those the other families prefer, and with each rule off.

Scores come from the corpus scorer (tests/fixtures/ingest-corpus/score.py, a copy of
../shared/ingest-corpus/score.py): segmented, titles, authors, captions, subheads,
paragraph F1 and character similarity, summed (counts) or averaged (F1, char-sim) over a
family's pages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import importlib.util
import io
import multiprocessing
import contextlib
from dataclasses import replace
from functools import cache
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import regex

from benchmarks.ingest_train import family_name
from exporter.ingest.api import _ingest
from exporter.ingest.pdf import read_pdf
from exporter.ingest.segment import SHIPPED_MODEL
from exporter.ingest.weights import PRIOR, SHIPPED, Weights, neighbours, using

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SCORER = FIXTURES / "ingest-corpus" / "score.py"
_SUMMARY = regex.compile(
    r"segmented (\d+)/(\d+), titles (\d+)/\d+, authors (\d+)/\d+, captions (\d+)/(\d+), subheads (\d+)/(\d+), "
    r"paragraph P=[\d.]+ R=[\d.]+ F1=([\d.]+), char-sim ([\d.]+)"
)
COUNTS = ("segmented", "titles", "authors", "captions", "subheads")


def score_page(page: Path, weights: Weights | None = None, model: object = SHIPPED_MODEL) -> dict[str, float]:
    """Ingest one page (text or PDF) and score it against its truth file (`model`: the block
    classifier, None for the written rules alone)."""
    return score(page.with_suffix(".truth.json"), edition(page, weights, model))


def edition(path: Path, weights: Weights | None = None, model: object = SHIPPED_MODEL,
            date: dt.date = dt.date(2025, 3, 1)) -> dict:
    """A page file ingested in-process as `exporter ingest` reads it, with these weights (the PDF
    reader's thresholds too) and models; the edition as JSON data."""
    if path.suffix == ".pdf":
        with using(weights):
            pages = [(f"{path.name}#p{pg.number}", pg.text, pg) for pg in read_pdf(path)]
    else:
        pages = [(path.name, path.read_text(encoding="utf-8"), None)]
    result = _ingest(pages, "corpus", date, "zh-CN", None, weights, model)
    return result.edition.model_dump(mode="json", exclude_none=True)


def score(truth: Path, edition: dict) -> dict[str, float]:
    """The corpus scorer's figures for an edition (as JSON data) against a truth file."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as fh:
        json.dump(edition, fh, ensure_ascii=False)
    out, argv = io.StringIO(), sys.argv
    try:
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            sys.argv = [str(SCORER), str(truth), fh.name]
            _scorer().main()
    finally:
        sys.argv = argv
        Path(fh.name).unlink()
    m = _SUMMARY.search(out.getvalue())
    if m is None:
        raise RuntimeError(f"{truth}: scorer said {out.getvalue()!r}")
    s, n, t, a, c, cn, h, hn, f1, sim = m.groups()
    return {"articles": int(n), "segmented": int(s), "titles": int(t), "authors": int(a), "captions": int(c),
            "captions_n": int(cn), "subheads": int(h), "subheads_n": int(hn), "f1": float(f1), "sim": float(sim),
            "pages": 1}


@cache
def _scorer():  # noqa: ANN202 - the corpus's own script, loaded as a module
    spec = importlib.util.spec_from_file_location("corpus_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def total(scores: list[dict[str, float]]) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for s in scores:
        for k, v in s.items():
            out[k] += v
    pages = out["pages"] or 1
    out["f1"] /= pages
    out["sim"] /= pages
    return dict(out)


def families(*corpora: Path) -> dict[str, list[Path]]:
    """The corpora's pages by family (FAMILY-N.txt), plus the three original pages as `qingchuan`."""
    fams: dict[str, list[Path]] = defaultdict(list)
    fams["qingchuan"] = sorted((FIXTURES / "ingest-corpus").glob("page*.txt"))
    for corpus in corpora:
        for txt in sorted(corpus.glob("*.txt")):
            fams[family_name(txt)].append(txt)
    return dict(fams)


def objective(score: dict[str, float]) -> float:
    """One number to fit weights by: the share of articles segmented and titled, plus F1."""
    n = score["articles"] or 1
    return (score["segmented"] + score["titles"]) / n + score["f1"]


class Scores:
    """Per-page scores under given weights, computed once (two worker processes) and kept."""

    def __init__(self, jobs: int = 2) -> None:
        self.cache: dict[tuple[Weights, Path], dict[str, float]] = {}
        self.jobs = jobs

    def fill(self, pairs: list[tuple[Weights, Path]]) -> None:
        todo = [(w, p) for w, p in dict.fromkeys(pairs) if (w, p) not in self.cache]
        if not todo:
            return
        if self.jobs <= 1:
            self.cache.update({(w, p): score_page(p, w) for w, p in todo})
            return
        with multiprocessing.get_context("fork").Pool(self.jobs) as pool:
            for pair, s in zip(todo, pool.starmap(score_page, [(p, w) for w, p in todo], chunksize=8)):
                self.cache[pair] = s

    def value(self, w: Weights, pages: list[Path]) -> float:
        return objective(total([self.cache[w, p] for p in pages]))


def fit(scores: Scores, pages: list[Path], start: Weights = PRIOR, steps: int = 8) -> Weights:
    """Hill-climb from the prior: move to the best of the neighbouring weights (each cost
    halved or doubled, each threshold moved a step) while that raises the score on these
    pages; a tie keeps the current weights, so a value moves only when the data ask."""
    best = start
    scores.fill([(best, p) for p in pages])
    best_value = scores.value(best, pages)
    for _ in range(steps):
        near = neighbours(best)
        scores.fill([(w, p) for w in near for p in pages])
        value, w = max(((scores.value(w, pages), w) for w in near), key=lambda t: t[0])
        if value <= best_value + 1e-9:
            break
        best, best_value = w, value
    return best


def row(name: str, s: dict[str, float]) -> str:
    n = int(s["articles"])
    return (f"| {name} | {int(s['pages'])} | {int(s['segmented'])}/{n} | {int(s['titles'])}/{n} | "
            f"{int(s['authors'])}/{n} | {int(s['captions'])}/{int(s['captions_n'])} | "
            f"{int(s['subheads'])}/{int(s['subheads_n'])} | {s['f1']:.3f} | {s['sim']:.3f} |")


HEADER = ("| family | pages | segmented | titles | authors | captions | subheads | para F1 | char-sim |\n"
          "| --- | --- | --- | --- | --- | --- | --- | --- | --- |")


RUNS = ("rules", "model", "decoder", "in-sample")


def _model_held_out(family: str, pages: list[Path]) -> list[list[dict[str, float]]]:
    """A family's pages scored four ways: by the written rules alone; with the block
    classifier trained without that family; with that classifier and the page decoder
    trained without it (leave one family out); and with the shipped models (in-sample)."""
    from benchmarks.ingest_train import all_pages, train, train_sequence

    others = all_pages(frozenset({family}))
    model, decoder = train(others), train_sequence(others)
    return [[score_page(p, model=m) for p in pages] for m in (None, model, (model, decoder), SHIPPED_MODEL)]


def model_report(fams: dict[str, list[Path]]) -> dict[str, dict]:
    """Per family: the rules alone, the block classifier and the page decoder that never saw
    the family, and the shipped models (which did)."""
    from benchmarks.ingest_train import all_pages

    all_pages()  # read every training page once here: the workers inherit the pages
    with multiprocessing.get_context("fork").Pool(2) as pool:
        results = pool.starmap(_model_held_out, list(fams.items()))
    print("\nleave one family out: each family scored by the rules alone, with the block classifier "
          "(model) and with the classifier and page decoder (decoder) trained on the other families, "
          "and with the shipped models (in-sample)")
    print(HEADER.replace("| family |", "| family | run |").replace("| --- |", "| --- | --- |", 1))
    out: dict[str, dict] = {}
    for f, runs in zip(fams, results):
        out[f] = {run: total(scores) for run, scores in zip(RUNS, runs)}
        for run in RUNS:
            print(row(f"{f} | {run}", out[f][run]))
    for k, run in enumerate(RUNS):
        print(row(f"all | {run}", total([s for runs in results for s in runs[k]])))
    return out


def _preferred(scores: Scores, options: list[Weights], name: str, pages: list[Path]) -> Weights:
    """Of the values these pages score best with, the one nearest the shipped (as the fit's ties)."""
    top = max(scores.value(w, pages) for w in options)
    return min((w for w in options if scores.value(w, pages) >= top - 1e-9),
               key=lambda w: abs(getattr(w, name) - getattr(SHIPPED, name)))


def scan(fams: dict[str, list[Path]], name: str, values: list[float]) -> dict[str, object]:
    """Fit one field of the shipped weights by trying each value on every page: the value
    all families prefer, and each family scored with the value the others prefer."""
    scores = Scores()
    options = [replace(SHIPPED, **{name: v}) for v in values]
    every = [p for pages in fams.values() for p in pages]
    scores.fill([(w, p) for w in options for p in every])

    print(f"{name}: " + ", ".join(f"{getattr(w, name):g} → {scores.value(w, every):.4f}" for w in options))
    print(HEADER.replace("| family |", f"| family | {name} held out | run |").replace("| --- |", "| --- | --- | --- |", 1))
    held_pages, ship_pages = [], []
    chosen = {}
    for f, pages in fams.items():
        w = _preferred(scores, options, name, [p for g, ps in fams.items() if g != f for p in ps])
        chosen[f] = getattr(w, name)
        held_pages += [scores.cache[w, p] for p in pages]
        ship_pages += [scores.cache[SHIPPED, p] for p in pages] if SHIPPED in options else []
        print(row(f"{f} | {chosen[f]:g} | held out", total([scores.cache[w, p] for p in pages])))
    print(row("all | | held out", total(held_pages)))
    if ship_pages:
        print(row("all | | shipped", total(ship_pages)))
    overall = getattr(_preferred(scores, options, name, every), name)
    print(f"all families prefer {name}={overall:g} (shipped {getattr(SHIPPED, name):g})")
    return {"field": name, "overall": overall, "chosen": chosen,
            "values": {str(getattr(w, name)): scores.value(w, every) for w in options}}


# The session-11 rules' fitted thresholds and the values scanned; the first value of each
# switches its rule off (no head stacks, no bare-name sign-off mid-block, no column label,
# no brief list, no headless body headed).
RULES = {"stack_units": (0.0, 3.0, 4.0, 5.0), "stack_body_end": (0.0, 6.0, 8.0, 10.0),
         "sign_off_share": (0.0, 0.4, 0.5, 0.6), "label_longer": (99.0, 2.0, 3.0, 4.0),
         "brief_items": (99.0, 2.0, 3.0), "headless_chars": (99.0, 3.0, 4.0, 5.0)}


def _held_out_runs(family: str, pages: list[Path], variants: list[Weights]) -> list[list[dict[str, float]]]:
    """A family's pages scored with the block classifier and page decoder trained without
    it, under each of `variants`."""
    from benchmarks.ingest_train import all_pages, train, train_sequence

    others = all_pages(frozenset({family}))
    models = (train(others), train_sequence(others))
    return [[score_page(p, w, model=models) for p in pages] for w in variants]


def rules_report(fams: dict[str, list[Path]], rules: dict[str, tuple[float, ...]],
                 only: list[str] | None = None) -> dict[str, object]:
    """Leave one family out for rules with fitted thresholds (see `--rules` above)."""
    from benchmarks.ingest_train import all_pages

    scores = Scores()
    every = [p for pages in fams.values() for p in pages]
    options = {name: [replace(SHIPPED, **{name: v}) for v in values] for name, values in rules.items()}
    scores.fill([(w, p) for ws in options.values() for w in [SHIPPED, *ws] for p in every])
    overall: dict[str, float] = {}
    for name, ws in options.items():
        overall[name] = getattr(_preferred(scores, ws, name, every), name)
        print(f"{name}: " + ", ".join(f"{getattr(w, name):g} → {scores.value(w, every):.4f}" for w in ws)
              + f"; all families prefer {overall[name]:g} (shipped {getattr(SHIPPED, name):g})")
    chosen = {f: {name: getattr(_preferred(scores, ws, name, [p for g, ps in fams.items() if g != f for p in ps]), name)
                  for name, ws in options.items()} for f in fams}
    off = {name: ws[0] for name, ws in options.items()}

    def moved(f: str) -> list[str]:  # the rules whose switching off changes the family's in-sample score
        return [name for name, w in off.items() if total([scores.cache[w, p] for p in fams[f]])
                != total([scores.cache[SHIPPED, p] for p in fams[f]])]

    touched = [f for f in fams if moved(f)]
    print("\nthe families the rules touch, shipped models: in-sample (shipped thresholds), with the thresholds "
          "the other families prefer, and with each rule that moves the family off")
    print(HEADER.replace("| family |", "| family | run |").replace("| --- |", "| --- | --- |", 1))
    out: dict[str, dict] = {}
    for f in touched:
        fitted = replace(SHIPPED, **chosen[f])
        scores.fill([(fitted, p) for p in fams[f]])
        out[f] = {"in-sample": total([scores.cache[SHIPPED, p] for p in fams[f]]),
                  "thresholds held out": total([scores.cache[fitted, p] for p in fams[f]])}
        out[f] |= {f"{n} off": total([scores.cache[off[n], p] for p in fams[f]]) for n in moved(f)}
        print(f"{f}: thresholds fitted without it: {fitted.label()}")
        for run, s in out[f].items():
            print(row(f"{f} | {run}", s))
    for run in ("in-sample", "thresholds held out"):
        print(row(f"all touched | {run}", total([
            scores.cache[SHIPPED if run == "in-sample" else replace(SHIPPED, **chosen[f]), p]
            for f in touched for p in fams[f]])))
    held_fams = only or touched
    variants = {f: [SHIPPED, replace(SHIPPED, **chosen[f]), *off.values()] for f in held_fams}
    all_pages()  # read every training page once here: the workers inherit the pages
    with multiprocessing.get_context("fork").Pool(2) as pool:
        held = dict(zip(held_fams, pool.starmap(_held_out_runs, [(f, fams[f], variants[f]) for f in held_fams])))
    runs = ("held out", "held out, thresholds held out", *(f"held out, {n} off" for n in off))
    print("\nleave one family out: the block classifier and page decoder trained without the family, with the "
          "shipped thresholds, with those the other families prefer, and with each rule that moves it off")
    print(HEADER.replace("| family |", "| family | run |").replace("| --- |", "| --- | --- |", 1))
    for f in held_fams:
        out.setdefault(f, {}).update({run: total(s) for run, s in zip(runs, held[f])})
        for run in runs[:2] + tuple(f"held out, {n} off" for n in moved(f)):
            print(row(f"{f} | {run}", out[f][run]))
    for k, run in enumerate(runs[:2]):
        print(row(f"all | {run}", total([s for f in held_fams for s in held[f][k]])))
    return {"overall": overall, "chosen": chosen, "families": out}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, action="append",
                    help="a corpus folder (repeatable; default: ingest-corpus-varied, -fresh, -raw and ingest-blind to 7)")
    ap.add_argument("--json", type=Path, help="write the figures here as JSON")
    ap.add_argument("--no-fit", action="store_true", help="score with the default weights only")
    ap.add_argument("--model-only", action="store_true",
                    help="only the block classifier's and page decoder's leave-one-family-out scores (no weight fit)")
    ap.add_argument("--scan", metavar="FIELD=V,…", help="fit one weight alone over these values")
    ap.add_argument("--rules", action="store_true",
                    help="leave one family out for the rules with fitted thresholds (RULES), models held out too")
    ap.add_argument("--family", action="append", help="with --rules or --model-only: only these families")
    args = ap.parse_args(argv)
    fams = families(*(args.corpus or [FIXTURES / f"ingest-corpus-{c}" for c in ("varied", "fresh", "raw")]
                      + [FIXTURES / f"ingest-blind{n}" for n in ("", "2", "3", "4", "5", "6", "7")]))
    if args.rules:
        report = rules_report(fams, RULES, args.family)
        if args.json:
            args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        return 0
    if args.scan:
        name, _, values = args.scan.partition("=")
        report = scan(fams, name, [float(v) for v in values.split(",")])
        if args.json:
            args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        return 0
    if args.model_only:
        report = {"model": model_report({f: ps for f, ps in fams.items() if not args.family or f in args.family})}
        if args.json:
            args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        return 0
    report: dict[str, dict] = {}
    pages_default = {f: [score_page(p) for p in pages] for f, pages in fams.items()}
    default = {f: total(s) for f, s in pages_default.items()}
    print("shipped weights (in-sample: every family was seen while writing the rules)")
    print(HEADER)
    for f, s in default.items():
        print(row(f, s))
    print(row("all", total([s for ss in pages_default.values() for s in ss])))
    report["default"] = default
    if not args.no_fit:
        every = [p for pages in fams.values() for p in pages]
        scores = Scores()
        held: dict[str, dict] = {}
        chosen: dict[str, str] = {}
        held_pages: dict[str, list] = {}
        for f in fams:
            w = fit(scores, [p for g, pages in fams.items() if g != f for p in pages])
            chosen[f] = w.label()
            scores.fill([(w, p) for p in fams[f]])
            held_pages[f] = [scores.cache[w, p] for p in fams[f]]
            held[f] = total(held_pages[f])
        print("\nheld out: each family scored with the weights fitted on the other families")
        print(HEADER)
        for f, s in held.items():
            print(row(f, s) + f" {chosen[f]}")
        print(row("all", total([s for ss in held_pages.values() for s in ss])))
        print(f"\nfitted on all families: {fit(scores, every).label()}; shipped: {SHIPPED.label()}")
        report["held_out"] = held
        report["chosen"] = chosen
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
