"""Jump lines of a print document, resolved to the page the other part stands on.

A newspaper's （下转2版） names a page of the newspaper, not of our PDF. When both parts of a
jumped article are in the document (matched as the compiler matches them, see
compile/merge.py), the print template sets the jump line with a link to the other part and
CSS prints that part's page with `target-counter()`. A volume merges such pairs into one
article, so their jump lines disappear; a jump whose other part is absent keeps its text.
"""

from __future__ import annotations

from ...compile.merge import Dated, continues
from ...model import Article, Part, slug_of


def jump_targets(parts: list[Part]) -> dict[tuple[str, str], str]:
    """{(article id, "to" | "from"): anchor of the other part} for every matched jump."""
    articles = [a for part in parts for a in part.articles]
    targets: dict[tuple[str, str], str] = {}
    open_jumps: list[Article] = []
    for art in articles:
        if art.continued_from:
            first = next((j for j in reversed(open_jumps) if continues(Dated(j, ""), Dated(art, ""))), None)
            if first is not None:
                open_jumps.remove(first)
                targets[(str(first.id), "to")] = slug_of(art)
                targets[(str(art.id), "from")] = slug_of(first)
        if art.continued_to:
            open_jumps.append(art)
    return targets
