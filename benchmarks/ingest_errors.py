"""Why articles are missed: each truth article of a corpus page that `exporter ingest` gets
wrong is put in one error class, and the classes are counted per family, so the causes
that recur across families can be fixed first.

    python -m benchmarks.ingest_errors --corpus DIR [--held-out] [--show] [--only txt|pdf] [--family F]
        [--roles] [--set FIELD=VALUE]

With `--held-out` each family is read with the block classifier and page decoder trained
without it (leave one family out; slow), else with the shipped models. Classes:

- segmentation: `split` (the article's paragraphs land in two or more articles), `merged`
  (its article holds another article's paragraphs), `head-in-body` (a headline, kicker, deck
  or subhead of the page ends up as body text), `lost` (some of its text is in no article:
  set aside or taken as a heading), `paragraphs` (the article is whole but its paragraph
  breaks differ);
- title: `no-title`, `part-title` (the printed title holds the found one: a kicker or deck
  missing, or a kicker taken alone), `extra-title` (the found title holds the printed one
  and more), `other-title` (another article's title), `wrong-title` (text that is no title);
- authors: `byline-missed` (none found), `authors-wrong`; notices `notice-wrong`;
- `missing`: no article holds any of its paragraphs.

With `--roles` each title error is also read role by role (`roles`): which truth field each
found kicker, headline and deck is (`K`, `H`, `S`; `H+` holds the headline and more), another
article's title (`T`), or text that is no title (`B` when a truth paragraph holds it, else
`L`: a label or a furniture line). The patterns are counted in head-group classes:
`run-together` (a truth field run into more text), `label-kept` (a label as the kicker, or as
the headline over the headline or deck), `text-as-head` (a paragraph's text so), `wrong-head`
(no title, another article's or no text's as the headline), `kicker-as-headline` (the
headline then in the deck), `deck-as-headline`, `headline-missing`, `kicker-missing`,
`deck-missing`, `extra-kicker`, `extra-deck`, `other`. `--set FIELD=VALUE` reads the pages
with a `Weights` field other than the shipped value (a scan by hand).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from benchmarks.ingest_families import _scorer, edition
from benchmarks.ingest_train import family_name

CLASSES = ("split", "merged", "head-in-body", "lost", "paragraphs", "missing",
           "no-title", "part-title", "extra-title", "other-title", "wrong-title",
           "byline-missed", "authors-wrong", "notice-wrong")


def classify(truth: dict, pred: dict) -> list[tuple[str, list[str]]]:
    """Per truth article (captions aside): its id and its error classes (empty: right)."""
    sc = _scorer()
    norm = sc.norm
    particles = pred["articles"]
    ptexts = [sc.blocks_text(a) for a in particles]
    joined = ["".join(ps + cs) for ps, cs in ptexts]
    arts = [a for a in truth["articles"] if a["kind"] != "caption"]

    gt = [_paras(a, norm) for a in arts]
    titles = {norm(a.get(k)) for a in truth["articles"] for k in ("kicker", "headline", "subheadline") if a.get(k)}
    titles |= {norm(s["heading"]) for a in arts for s in a.get("sections", []) if s.get("heading")}
    titles.discard("")
    whole_titles = [sc.title_of(a) for a in arts]
    out = []
    for k, a in enumerate(arts):
        g = [p for p in gt[k] if p]
        where = [{i for i, j in enumerate(joined) if p in j} for p in g]
        hits = Counter(i for w in where for i in w)
        if not hits:
            out.append((a["id"], ["missing"]))
            continue
        best = hits.most_common(1)[0][0]
        errors: list[str] = []
        own = set(g)
        others = {p for j, ps in enumerate(gt) if j != k for p in ps if p and p not in own}
        ps, cs = ptexts[best]
        counts = sum(1 for p in ps + cs if p in g)
        own_preds = [p for p in ps if p not in titles]
        purity = sum(1 for p in own_preds + [c for c in cs if c in g] if p in g) / max(
            1, len(own_preds) + len([c for c in cs if c in g]))
        if not (purity >= 0.999 and counts >= len(g)):
            if len(hits) > 1:
                errors.append("split")
            elif any(o in joined[best] for o in others if len(o) >= 6):
                errors.append("merged")
            elif any(t in p for p in ps for t in titles if len(t) >= 2 and t not in g):
                errors.append("head-in-body")
            elif any(not w for w in where):
                errors.append("lost")
            else:
                errors.append("paragraphs")
        got = sc.title_of(particles[best])
        want = whole_titles[k]
        if got != want:
            if not got:
                errors.append("no-title")
            elif got in want:
                errors.append("part-title")
            elif want and want in got:
                errors.append("extra-title")
            elif got in whole_titles or any(got and got in t for t in titles):
                errors.append("other-title")
            else:
                errors.append("wrong-title")
        if a["kind"] == "notice":
            nt = particles[best].get("notice") or {}
            if norm(nt.get("issuer")) != norm(a.get("issuer")) or norm(nt.get("date")) != norm(a.get("date")):
                errors.append("notice-wrong")
        elif sc.authors_of(particles[best]) != sorted(norm(x) for x in a["authors"]):
            errors.append("byline-missed" if not particles[best].get("authors") else "authors-wrong")
        out.append((a["id"], errors))
    return out


ROLE_CLASSES = ("run-together", "label-kept", "text-as-head", "wrong-head", "kicker-as-headline", "deck-as-headline", "headline-missing", "kicker-missing",
                "deck-missing", "extra-kicker", "extra-deck", "other")


def roles(truth: dict, pred: dict) -> list[tuple[str, str, str]]:
    """Per truth article whose title is wrong (its best-matching found article decides, as in
    `classify`): its id, the found groups' roles as a pattern (`L H ·`: a label as kicker,
    the right headline, no deck) and the head-group class."""
    sc = _scorer()
    norm = sc.norm
    particles = pred["articles"]
    joined = ["".join(ps + cs) for ps, cs in (sc.blocks_text(a) for a in particles)]
    arts = [a for a in truth["articles"] if a["kind"] != "caption"]
    others = {norm(b.get(k)) for b in truth["articles"] for k in _HEADS} - {""}
    text = "\n".join(p for b in truth["articles"] for p in _paras(b, norm))
    out = []
    for a in arts:
        hits = Counter(i for p in _paras(a, norm) for i, j in enumerate(joined) if p and p in j)
        if not hits:
            continue
        found = particles[hits.most_common(1)[0][0]]
        if sc.title_of(found) == sc.title_of(a):
            continue
        want = {norm(a.get(k)): tag for k, tag in zip(_HEADS, "KHS") if a.get(k)}
        got = [norm(found.get(k)) for k in _HEADS]
        tags = [_tag(g, want, others, text) for g in got]
        out.append((a["id"], " ".join(tags), _role_class(tags, [bool(a.get(k)) for k in _HEADS])))
    return out


_HEADS = ("kicker", "headline", "subheadline")


def _paras(a: dict, norm: Callable[[str], str]) -> list[str]:
    """An article's truth paragraphs (lead, sections and paragraphs), normalised."""
    ps = list(a.get("lead", []))
    for s in a.get("sections", []):
        ps += s["paragraphs"]
    return [norm(p) for p in ps + a.get("paragraphs", [])]


def _tag(found: str, want: dict[str, str], others: set[str], text: str) -> str:
    """What one found kicker, headline or deck is (see `roles`)."""
    if not found:
        return "·"
    if found in want:
        return want[found]
    for title, tag in want.items():
        if title in found:
            return tag + "+"  # the truth field and more run into it
    return "T" if found in others else "B" if found in text else "L"


def _role_class(tags: list[str], has: list[bool]) -> str:
    k, h, s = tags
    if "+" in k + h + s:
        return "run-together"
    if k == "L" or h == "L" and s in ("H", "S"):
        return "label-kept"
    if k == "B" or h == "B" and s in ("H", "S"):
        return "text-as-head"
    if h in ("L", "B", "T") and "H" not in tags:
        return "wrong-head"
    if h == "K":
        return "kicker-as-headline"
    if h == "S":
        return "deck-as-headline"
    if "H" not in tags:
        return "headline-missing"
    if has[0] and k != "K":
        return "kicker-missing"
    if has[2] and s != "S":
        return "deck-missing"
    if k != "·" and not has[0]:
        return "extra-kicker"
    if s != "·" and not has[2]:
        return "extra-deck"
    return "other"


def _family_rows(family: str, paths: list[Path], held_out: bool,
                 with_roles: bool = False, weights: object = None) -> list[tuple[str, str, list]]:
    from exporter.ingest.segment import SHIPPED_MODEL
    model: object = SHIPPED_MODEL
    if held_out:
        from benchmarks.ingest_train import all_pages, train, train_sequence
        others = all_pages(frozenset({family}))
        model = (train(others), train_sequence(others))
    rows = []
    for path in paths:
        truth = json.loads(path.with_suffix(".truth.json").read_text(encoding="utf-8"))
        pred = edition(path, weights, model, dt.date(2025, 3, 15))
        rows.append((family, path.name, classify(truth, pred), roles(truth, pred) if with_roles else []))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, action="append", required=True)
    ap.add_argument("--held-out", action="store_true", help="models trained without each family (slow)")
    ap.add_argument("--show", action="store_true", help="print every wrong article's classes")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--only", choices=("txt", "pdf"), help="only the text pages or only the page PDFs")
    ap.add_argument("--family", action="append", help="only these families (repeatable)")
    ap.add_argument("--roles", action="store_true", help="read every title error role by role")
    ap.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                    help="a Weights field other than the shipped value (repeatable)")
    args = ap.parse_args(argv)
    suffixes = (f".{args.only}",) if args.only else (".txt", ".pdf")
    fams: dict[str, list[Path]] = defaultdict(list)
    for corpus in args.corpus:
        for path in sorted(corpus.iterdir()):
            if path.suffix in suffixes and path.with_suffix(".truth.json").is_file():
                if not args.family or family_name(path) in args.family:
                    fams[family_name(path)].append(path)
    from exporter.ingest.weights import SHIPPED
    weights = replace(SHIPPED, **{k: float(v) for k, v in (item.split("=", 1) for item in args.set)})
    with multiprocessing.get_context("fork").Pool(2) as pool:
        rows = [r for rs in pool.starmap(_family_rows, [(f, p, args.held_out, args.roles, weights)
                                                        for f, p in fams.items()]) for r in rs]
    table: dict[str, Counter] = defaultdict(Counter)
    for family, page, arts, _ in rows:
        for aid, errors in arts:
            table[family]["articles"] += 1
            table[family]["right"] += not any(e in CLASSES[:6] for e in errors)
            table[family].update(errors)
            if args.show and errors:
                print(f"{page} {aid}: {' '.join(errors)}")
    used = [c for c in CLASSES if any(t[c] for t in table.values())]
    print("| family | articles | segmented | " + " | ".join(used) + " |")
    print("| --- " * (len(used) + 3) + "|")
    for family, t in table.items():
        print(f"| {family} | {t['articles']} | {t['right']} | " + " | ".join(str(t[c] or "") for c in used) + " |")
    every = sum(table.values(), Counter())
    if args.roles:
        _print_roles(rows, args.show)
    print(f"| all | {every['articles']} | {every['right']} | " + " | ".join(str(every[c]) for c in used) + " |")
    print("families hit per class: " + ", ".join(
        f"{c} {sum(1 for t in table.values() if t[c])}" for c in used))
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "table": table}, ensure_ascii=False, indent=1) + "\n",
                             encoding="utf-8")
    return 0


def _print_roles(rows: list, show: bool) -> None:
    """The head-group classes of the title errors, per family and in all."""
    table: dict[str, Counter] = defaultdict(Counter)
    for family, page, _, found in rows:
        for aid, pattern, cls in found:
            table[family][cls] += 1
            if show:
                print(f"{page} {aid}: {cls} ({pattern})")
    used = [c for c in ROLE_CLASSES if any(t[c] for t in table.values())]
    print("| family | " + " | ".join(used) + " |")
    print("| --- " * (len(used) + 1) + "|")
    for family, t in sorted(table.items()):
        print(f"| {family} | " + " | ".join(str(t[c] or "") for c in used) + " |")
    every = sum(table.values(), Counter())
    print("| all | " + " | ".join(str(every[c]) for c in used) + " |")


if __name__ == "__main__":
    raise SystemExit(main())
