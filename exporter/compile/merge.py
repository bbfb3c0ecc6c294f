"""Volume transforms on articles: merge jumped articles with their continuations, and
drop exact duplicates across editions. Pure functions: articles in, articles and notes out."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Article


@dataclass(frozen=True)
class Dated:
    """An article with the edition it came from (label for reports, key for matching)."""

    article: Article
    edition_key: str


def continues(first: Dated, cont: Dated) -> bool:
    """Whether `cont` is the continuation of `first`: an explicit link, the same headline,
    or the same id in another edition."""
    a, b = first.article, cont.article
    if b.continues is not None:
        return b.continues == a.id
    return bool(a.headline and a.headline == b.headline) or (a.id == b.id and first.edition_key != cont.edition_key)


def merge_continuations(items: list[Dated]) -> tuple[list[Dated], list[str], list[str]]:
    """Join each '（下转N版）' article with its '（上接M版）' continuation into one article.

    A continuation is matched to the nearest earlier open jump (same edition first) with
    the same headline, the same id, or an explicit `continues` link. Unmatched jump lines
    stay visible and are reported. Returns (items, what was merged, what could not be).
    """
    merged: list[str] = []
    notes: list[str] = []
    out: list[Dated | None] = list(items)
    open_jumps: list[int] = []  # indices in `out` of articles still waiting for a continuation
    for i, item in enumerate(items):
        art = item.article
        if art.continued_from:
            candidates = [j for j in open_jumps if continues(out[j], item)]  # type: ignore[arg-type]
            candidates.sort(key=lambda j: (out[j].edition_key != item.edition_key, -j))  # type: ignore[union-attr]
            if candidates:
                j = candidates[0]
                first = out[j]
                assert first is not None
                out[j] = Dated(joined(first.article, art), first.edition_key)
                out[i] = None
                if not art.continued_to:
                    open_jumps.remove(j)
                merged.append(f"merged '{art.title}' ({item.edition_key}) with its continuation from {art.continued_from}")
                continue
            notes.append(f"'{art.title}' ({item.edition_key}) continues from {art.continued_from}, "
                         "but that part is not in this volume; its jump line names that edition")
        if art.continued_to:
            open_jumps.append(i)
    for j in open_jumps:
        left = out[j]
        assert left is not None
        notes.append(f"'{left.article.title}' ({left.edition_key}) continues on {left.article.continued_to}, "
                     "but that part is not in this volume; its jump line names that edition")
    return [x for x in out if x is not None], merged, notes


def joined(first: Article, cont: Article) -> Article:
    """The first part's headline group and byline, then both bodies; jump lines that were
    satisfied disappear, a further jump of the continuation is kept."""
    authors = list(dict.fromkeys([*first.authors, *cont.authors]))
    return first.model_copy(update={
        "blocks": [*first.blocks, *cont.blocks],
        "lead": first.lead or cont.lead,
        "authors": authors,
        "continued_to": cont.continued_to,
    })


def drop_duplicates(items: list[Dated]) -> tuple[list[Dated], list[str]]:
    """An article printed again in a later edition (same headline and text) appears once."""
    seen: dict[tuple[str | None, tuple[str, ...]], str] = {}
    kept, notes = [], []
    for item in items:
        key = (item.article.headline, tuple(item.article.texts))
        if key in seen:
            notes.append(f"'{item.article.title}' ({item.edition_key}) repeats the article of {seen[key]}; kept once")
            continue
        seen[key] = item.edition_key
        kept.append(item)
    return kept, notes
