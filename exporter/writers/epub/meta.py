"""OPF metadata: identity, dates and accessibility claims that are true of the book we write.

The identifier and the modification time come from the edition (or SOURCE_DATE_EPOCH),
never from a random UUID or the clock, so two builds of one edition are identical.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from dataclasses import dataclass

from ebooklib import epub

from ...errors import InputError
from ...model import Edition, Section

CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.x Level AA"
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://newsprint-exporter/edition")


def identifier(edition: Edition) -> str:
    """urn:uuid derived from publication, date and edition label: stable across builds."""
    key = "\n".join((edition.title, edition.date.isoformat(), edition.edition or ""))
    return f"urn:uuid:{uuid.uuid5(_NAMESPACE, key)}"


def build_time(edition: Edition) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set (reproducible-builds.org), else midnight UTC of the edition date."""
    raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if raw:
        if not raw.isdigit():
            raise InputError.single("SOURCE_DATE_EPOCH", f"'{raw}' is not a number of seconds since 1970")
        return dt.datetime.fromtimestamp(int(raw), dt.UTC)
    return dt.datetime.combine(edition.date, dt.time(0), dt.UTC)


@dataclass(frozen=True)
class Contents:
    """What the accessibility metadata must describe."""

    images: int  # images in the reading order (cover included), every one with alt text
    sections: list[Section]


def add_metadata(book: epub.EpubBook, edition: Edition, title: str, contents: Contents) -> None:
    """Dublin Core and accessibility metadata; creators get distinct ids (ebooklib's
    default gives every author id="creator", which EPUBCheck rejects)."""
    book.set_identifier(identifier(edition))
    book.set_title(title)
    book.set_language(edition.language)
    book.add_metadata("DC", "date", edition.date.isoformat())
    if edition.publisher:
        book.add_metadata("DC", "publisher", edition.publisher)
    for n, name in enumerate(edition.authors, 1):
        book.add_author(name, uid=f"creator-{n}")
    for section in contents.sections:
        if section.name:
            book.add_metadata("DC", "subject", section.name)
    if edition.description:
        book.add_metadata("DC", "description", edition.description)
    for prop, value in accessibility(edition, contents):
        book.add_metadata(None, "meta", value, {"property": prop})


def accessibility(edition: Edition, contents: Contents) -> list[tuple[str, str]]:
    """schema.org accessibility properties and the conformance claim for this book."""
    visual = contents.images > 0
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
    if visual:
        features.append("alternativeText")
    modes = ["textual", "visual"] if visual else ["textual"]
    sufficient = ["textual", "textual,visual"] if visual else ["textual"]
    summary = (
        f"{edition.title}, {edition.date.isoformat()}: a table of contents, a section index page for "
        f"each of {len(contents.sections)} sections and one page per article, headings marking the structure, "
        "in reading order. Text reflows and can be restyled by the reader. "
        + ("Every image, the cover included, has a text alternative; captions carry the same text. "
           if visual else "There are no images. ")
        + "No flashing, motion or sound."
    )
    return [
        *(("schema:accessMode", m) for m in modes),
        *(("schema:accessModeSufficient", s) for s in sufficient),
        *(("schema:accessibilityFeature", f) for f in features),
        ("schema:accessibilityHazard", "none"),
        ("schema:accessibilitySummary", summary),
        ("dcterms:conformsTo", CONFORMANCE),
        ("a11y:certifiedBy", edition.publisher or edition.title),
    ]
