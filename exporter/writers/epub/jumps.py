"""Jump lines inside one book: "Continued on page 4" and （下转3版） become links to the
continuation's page, and its （上接1版） links back; the continuation is left out of the
contents and navigation, which list the article once, under its first part. Which part
continues which is exporter/jumps.py, the rule print uses too.
"""

from __future__ import annotations

from ...jumps import Jumps
from ...model import Article, slug_of


def jump_href(jumps: Jumps, page_of: object, article: Article, way: str) -> str | None:
    """The link of a jump line: 'to' the continuation's jump-from line, or 'from' (back) to
    the first part's jump-to line; None when the other part is not in the book."""
    other = jumps.other(article, way)
    if other is None:
        return None
    anchor = "jump-from" if way == "to" else "jump-to"
    return f"{page_of(other)}#{slug_of(other)}-{anchor}"  # type: ignore[operator]
