"""Leave one corpus out: every development corpus scored with the block classifier and page
decoder trained without it and with the fitted weights refitted without it, next to its
in-sample score (the shipped models and weights, which saw it).

    python -m benchmarks.ingest_loco [--corpus NAME …] [--jobs N] [--json OUT]
        [--refit FIELD=V,… …] [--no-refit] [--scan FIELD=V,… …] [--only txt|pdf]

The units held out (`UNITS`) are the corpus folders, each written by one hand or generator:
the three original pages, the varied and the fresh corpora, our own page PDFs with their
`pdftotext -raw` text (the same pages read two ways, so held out together), pdf3 and pdf4
(never in training: held out, their models are the shipped ones) and each blind corpus.
For each, both models are retrained in memory on the training corpora without it
(`benchmarks.ingest_train`; the shipped model files are not touched), and its pages are
scored in-process as `exporter ingest` reads them, with the corpus scorer.

Weights: each `--refit` field (default `indent=1,2`, the one value the fit moved from the
prior, see exporter/ingest/weights.py) is scored at every value on every page of every
corpus (shipped models); a corpus held out gets the value the other corpora prefer by the
fit's objective (segmented and titled shares plus mean paragraph F1; of tied values the one
nearest the shipped). `--scan FIELD=V,…` scores fields the same way without using them in
the held-out scores: per field, the value all corpora prefer and the corpora whose absence
changes it (a value that corpus alone decides).

Printed: per corpus and per family, text and PDF rows apart, segmented, titles, authors and
paragraph F1 in-sample and held out, and the sums. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
from dataclasses import replace
from pathlib import Path

from benchmarks.ingest_families import FIXTURES, Scores, _preferred, objective, score_page, total
from benchmarks.ingest_train import PDF_CORPORA, TEXT_CORPORA, all_pages, family_name, page_paths, train, train_sequence
from exporter.ingest.segment import SHIPPED_MODEL
from exporter.ingest.weights import SHIPPED, Weights

UNITS = {"ingest-corpus": ("ingest-corpus",), "ingest-corpus-varied": ("ingest-corpus-varied",),
         "ingest-corpus-fresh": ("ingest-corpus-fresh",), "ingest-pdf": ("ingest-pdf", "ingest-corpus-raw"),
         "ingest-pdf3": ("ingest-pdf3",), "ingest-pdf4": ("ingest-pdf4",),
         # every blind corpus the models train on (ingest_train's lists): one held out at a time
         **{c: (c,) for c in dict.fromkeys(TEXT_CORPORA + PDF_CORPORA) if c.startswith("ingest-blind")}}
REFIT = {"indent": (1.0, 2.0)}
KINDS = ("text", "PDF")


def unit_pages(unit: str, suffixes: tuple[str, ...] = (".txt", ".pdf")) -> list[Path]:
    """A unit's pages with a truth file: text pages and page PDFs (or those of `suffixes`)."""
    return [p for folder in UNITS[unit] for p in sorted((FIXTURES / folder).iterdir())
            if p.suffix in suffixes and p.with_suffix(".truth.json").is_file()]


def kind(page: Path) -> str:
    return "PDF" if page.suffix == ".pdf" else "text"


def trained_on(unit: str) -> bool:
    """Whether the shipped models were trained on pages of the unit."""
    return any(p.parent.name in UNITS[unit] for p in page_paths())


def _held_out(unit: str, variants: list[Weights], suffixes: tuple[str, ...]) -> dict:
    """The unit's pages scored with both models trained without its folders, under each of
    `variants`; with what the models were trained on."""
    pages = unit_pages(unit, suffixes)
    if trained_on(unit):
        training = all_pages(corpora=frozenset(UNITS[unit]))
        models: object = (train(training), train_sequence(training))
        info = {"pages": len(training), "blocks": models[0].trained_on, "accuracy": models[0].accuracy,
                "decoder_accuracy": models[1].accuracy}
    else:
        models, info = SHIPPED_MODEL, {"pages": None, "blocks": None, "shipped": True}
    print(f"{unit}: " + ("the shipped models (never trained on it)" if info.get("shipped") else
                         f"models trained on {info['pages']} pages without it") + f"; scoring {len(pages)} pages",
          file=sys.stderr, flush=True)
    return {"model": info, "scores": [[score_page(p, w, model=models) for p in pages] for w in variants]}


def refit(scores: Scores, fields: dict[str, tuple[float, ...]], every: dict[str, list[Path]]) -> dict[str, dict]:
    """Per unit, the value of each field the other units' pages prefer (shipped models); and
    the value all of them prefer."""
    out: dict[str, dict] = {}
    for name, values in fields.items():
        options = [replace(SHIPPED, **{name: v}) for v in values]
        pages = [p for ps in every.values() for p in ps]
        overall = getattr(_preferred(scores, options, name, pages), name)
        chosen = {u: getattr(_preferred(scores, options, name, [p for v, ps in every.items() if v != u for p in ps]), name)
                  for u in every}
        out[name] = {"overall": overall, "shipped": getattr(SHIPPED, name), "chosen": chosen,
                     "values": {f"{getattr(w, name):g}": round(scores.value(w, pages), 4) for w in options},
                     "decided_by": sorted(u for u, v in chosen.items() if v != overall),
                     "by_corpus": {u: {f"{getattr(w, name):g}": round(scores.value(w, ps), 4) for w in options}
                                   for u, ps in every.items() if ps}}
    return out


def _cells(s: dict) -> str:
    n = int(s["articles"])
    return f"{int(s['segmented'])}/{n} | {int(s['titles'])} | {int(s['authors'])} | {s['f1']:.3f}"


def _rows(name: str, inside: list[tuple[Path, dict]], held: list[tuple[Path, dict]]) -> list[str]:
    out = []
    for k in KINDS:
        a = [s for p, s in inside if kind(p) == k]
        b = [s for p, s in held if kind(p) == k]
        if a:
            out.append(f"| {name} | {k} | {len(a)} | {_cells(total(a))} | {_cells(total(b))} |")
    return out


HEADER = ("| corpus or family | kind | pages | in-sample: segmented | titles | authors | para F1 | "
          "held out: segmented | titles | authors | para F1 |\n" + "| --- " * 11 + "|")


def run(units: list[str], fields: dict[str, tuple[float, ...]], scan: dict[str, tuple[float, ...]] | None = None,
        jobs: int = 2, suffixes: tuple[str, ...] = (".txt", ".pdf")) -> dict:
    """Score the units in-sample and held out (see the module's docstring); the report as data."""
    scan = scan or {}
    every = {u: unit_pages(u, suffixes) for u in (UNITS if fields or scan else units)}
    scores = Scores(jobs)
    wanted = [(SHIPPED, p) for ps in every.values() for p in ps]
    wanted += [(replace(SHIPPED, **{n: v}), p) for n, vs in (fields | scan).items() for v in vs for ps in every.values()
               for p in ps]
    print(f"scoring {len(dict.fromkeys(wanted))} page runs with the shipped models", file=sys.stderr, flush=True)
    scores.fill(wanted)
    fitted = refit(scores, fields, every)
    scanned = refit(scores, scan, every)
    weights = {u: replace(SHIPPED, **{n: f["chosen"][u] for n, f in fitted.items()}) for u in units}
    if any(trained_on(u) for u in units):
        all_pages()  # every training page read once here: the workers inherit them
    if jobs <= 1:
        held = {u: _held_out(u, [weights[u]], suffixes) for u in units}
    else:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            held = dict(zip(units, pool.starmap(_held_out, [(u, [weights[u]], suffixes) for u in units], chunksize=1)))
    report: dict = {"refit": fitted, "scan": scanned, "units": {}}
    lines = [HEADER]
    inside_all: list[tuple[Path, dict]] = []
    held_all: list[tuple[Path, dict]] = []
    for u in units:
        pages = unit_pages(u, suffixes)
        inside = [(p, scores.cache[SHIPPED, p]) for p in pages]
        out = list(zip(pages, held[u]["scores"][0]))
        inside_all += inside
        held_all += out
        lines += _rows(f"**{u}**", inside, out)
        for fam in dict.fromkeys(family_name(p) for p in pages):
            lines += _rows(f"  {fam}", [x for x in inside if family_name(x[0]) == fam], [x for x in out if family_name(x[0]) == fam])
        report["units"][u] = {"model": held[u]["model"], "weights": _label(weights[u]),
                              "pages": {p.name: {"in-sample": a[1], "held out": b[1]} for p, a, b in zip(pages, inside, out)},
                              **{f"{k} {run}": total([s for p, s in part if kind(p) == k])
                                 for run, part in (("in-sample", inside), ("held out", out)) for k in KINDS}}
    lines += _rows("**all**", inside_all, held_all)
    print("leave one corpus out: in-sample (shipped models and weights) and held out (models trained and weights "
          "refitted without the corpus)")
    print("\n".join(lines))
    for u in units:
        m = held[u]["model"]
        trained = "the shipped models (never trained on it)" if m.get("shipped") else f"{m['pages']} pages, {m['blocks']} blocks"
        print(f"{u}: {trained}; weights {_label(weights[u])}")
    for title, part in (("refitted", fitted), ("scanned", scanned)):
        for name, f in part.items():
            print(f"{title} {name}: " + ", ".join(f"{v} → {o}" for v, o in f["values"].items())
                  + f"; all corpora prefer {f['overall']:g} (shipped {f['shipped']:g}); "
                  + (f"held out, another value for {', '.join(f['decided_by'])}" if f["decided_by"] else "the same held out"))
    report["all"] = {f"{k} {run}": total([s for p, s in part if kind(p) == k])
                     for run, part in (("in-sample", inside_all), ("held out", held_all)) for k in KINDS}
    report["objective"] = {run: objective(total([s for _, s in part])) if part else None
                           for run, part in (("in-sample", inside_all), ("held out", held_all))}
    return report


def _label(w: Weights) -> str:
    return "shipped" if w == SHIPPED else w.label()


def _fields(items: list[str]) -> dict[str, tuple[float, ...]]:
    out = {}
    for item in items:
        name, _, values = item.partition("=")
        if not hasattr(SHIPPED, name) or not values:
            raise SystemExit(f"--refit/--scan {item}: expected FIELD=V,… with a Weights field")
        out[name] = tuple(float(v) for v in values.split(","))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", action="append", choices=list(UNITS), help="only these corpora (repeatable)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json", type=Path, help="write the figures here as JSON")
    ap.add_argument("--refit", action="append", default=[], metavar="FIELD=V,…",
                    help="refit this field without each corpus (repeatable; default indent=1,2)")
    ap.add_argument("--no-refit", action="store_true", help="the shipped weights held out too (models only)")
    ap.add_argument("--only", choices=("txt", "pdf"), help="only the text pages or only the page PDFs")
    ap.add_argument("--scan", action="append", default=[], metavar="FIELD=V,…",
                    help="score this field's values leave one corpus out, without using them (repeatable)")
    args = ap.parse_args(argv)
    fields = {} if args.no_refit else _fields(args.refit) or REFIT
    suffixes = (f".{args.only}",) if args.only else (".txt", ".pdf")
    report = run(args.corpus or list(UNITS), fields, _fields(args.scan), args.jobs, suffixes)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
