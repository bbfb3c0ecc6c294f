"""Jump lines inside one document: which article continues which, one rule for every writer.

A newspaper's （下转2版） / "Continued on page 4" names a page of the newspaper, not of our
output. When both parts of a jumped article are in the same book or PDF, they are paired as
a volume merges them (compile/merge.py): a continuation belongs to the nearest earlier
article still waiting with a jump line that it `continues` (explicit id, or the same
headline). The writers only format the result: EPUB links the two jump lines and lists the
article once (writers/epub/jumps.py); print prints the other part's page with
`target-counter()` (writers/pdf/writer.py), except that a continuation in its first part's
own section is joined to it there (`join_in_section`). A jump whose other part is absent
keeps its text (a volume names the edition it is in: compile/volume.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .compile.merge import Dated, continues, joined
from .model import Article, Edition, Volume


@dataclass(frozen=True)
class Jumps:
    """Pairs of (first part, continuation) by article id."""

    to: dict[str, Article] = field(default_factory=dict)  # first part's id -> continuation
    back: dict[str, Article] = field(default_factory=dict)  # continuation's id -> first part

    def __bool__(self) -> bool:
        return bool(self.to)

    def listed(self, article: Article) -> bool:
        """False for a continuation whose first part is in the document."""
        return article.id not in self.back

    def other(self, article: Article, way: str) -> Article | None:
        """The part a jump line of `article` points at: "to" its continuation, "from" (back)
        to its first part; None when that part is not in the document."""
        return (self.to if way == "to" else self.back).get(article.id or "")


def pair_jumps(articles: list[Article]) -> Jumps:
    """Pair every '(continued on)' article with its '(continued from)' continuation, in
    document order."""
    jumps = Jumps()
    waiting: list[Article] = []
    for art in articles:
        if art.continued_from:
            match = next((w for w in reversed(waiting) if continues(Dated(w, ""), Dated(art, ""))), None)
            if match is not None:
                waiting.remove(match)
                assert match.id is not None and art.id is not None
                jumps.to[match.id] = art
                jumps.back[art.id] = match
        if art.continued_to:
            waiting.append(art)
    return jumps


def join_in_section(edition: Edition) -> Edition:
    """The edition with each continuation that stands in its first part's section joined to
    that part, as a volume merges them: the reader of a reflowed section meets the rest a few
    items later, so a pair of jump lines there only sends them back and forth (and, set on
    our pages, would often name the page they stand on). A continuation in another section
    keeps its place and both jump lines, which print the other part's page."""
    if isinstance(edition, Volume):  # compile/merge.py has joined its parts already
        return edition
    jumps = pair_jumps([a for s in edition.sections_in_order() for a in s.articles])
    joins = {first: cont for first, cont in jumps.to.items() if jumps.back[cont.id or ""].section == cont.section}
    if not joins:
        return edition
    gone = {cont.id for cont in joins.values()}
    articles = []
    for art in edition.articles:
        if art.id in gone:
            continue
        part = art
        while part.id in joins:  # a continuation that jumps again in the section joins too
            part = joins[part.id or ""]
            art = joined(art, part)
        articles.append(art)
    return edition.model_copy(update={"articles": articles})
