"""Jump lines inside one book: "Continued on page 4" and （下转3版） become links to the
continuation's page, and its （上接1版） links back; the continuation is left out of the
contents and navigation, which list the article once, under its first part.

A continuation is paired as a volume merges them (compile/merge.py): the nearest earlier
article still waiting with a jump line, the same headline or an explicit `continues` id.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...compile.merge import Dated, continues
from ...model import Article, slug_of


@dataclass(frozen=True)
class Jumps:
    """Pairs of (first part, continuation) by article id."""

    to: dict[str, Article] = field(default_factory=dict)  # first part's id -> continuation
    back: dict[str, Article] = field(default_factory=dict)  # continuation's id -> first part

    def listed(self, article: Article) -> bool:
        """False for a continuation whose first part is in the book."""
        return article.id not in self.back


def pair_jumps(articles: list[Article]) -> Jumps:
    """Pair every '(continued on)' article with its '(continued from)' continuation."""
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


def jump_href(jumps: Jumps, page_of: object, article: Article, way: str) -> str | None:
    """The link of a jump line: 'to' the continuation's jump-from line, or 'from' (back) to
    the first part's jump-to line; None when the other part is not in the book."""
    other = (jumps.to if way == "to" else jumps.back).get(article.id or "")
    if other is None:
        return None
    anchor = "jump-from" if way == "to" else "jump-to"
    return f"{page_of(other)}#{slug_of(other)}-{anchor}"  # type: ignore[operator]
