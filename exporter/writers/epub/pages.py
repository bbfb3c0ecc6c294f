"""The XHTML content documents of the book, rendered from the shared templates.

Reading order: cover, title page, contents, then (in a volume, each part page followed by)
each section page followed by its articles. Every page is a complete XHTML document.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from jinja2 import Environment
from lxml import etree

from ...errors import RenderError
from ...labels import Labels
from ...model import Article, Edition, Part, Section, slug_of

SVG_NS = "http://www.w3.org/2000/svg"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@dataclass(frozen=True)
class BookPage:
    """One content document: file name in the book, its title, markup, and landmark."""

    name: str
    title: str
    xhtml: str
    landmark: str | None = None  # "cover", "toc" or "bodymatter"

    def properties(self) -> list[str]:
        """Manifest properties the content needs (inline SVG must be declared, OPF-014)."""
        return ["svg"] if next(self.tree.iter(f"{{{SVG_NS}}}svg"), None) is not None else []

    @cached_property
    def tree(self) -> etree._Element:
        """The parsed document; an empty or broken page is an error before anything is written."""
        try:
            return etree.fromstring(self.xhtml.encode("utf-8"), _PARSER)
        except etree.XMLSyntaxError as exc:
            raise RenderError(f"EPUB page {self.name} is not well-formed XHTML ({exc}); check the theme's templates") from None

    def text(self) -> str:
        """Everything the page shows as text, for font subsetting."""
        return "".join(self.tree.itertext())


def article_file(article: Article) -> str:
    return f"article-{slug_of(article)}.xhtml"


def section_file(section: Section) -> str:
    return f"section-{section.slug}.xhtml"


def part_file(part: Part) -> str:
    return f"part-{part.slug}.xhtml"


def named_parts(edition: Edition, labels: Labels) -> list[Part]:
    """Parts with their sections; an unnamed section gets the language's fallback name,
    since in a book it needs a page and a navigation entry of its own."""
    return [
        dataclasses.replace(part, sections=[
            s if s.name else dataclasses.replace(s, name=labels.section_fallback) for s in part.sections
        ])
        for part in edition.parts()
    ]


def render_pages(env: Environment, context: dict[str, Any], parts: list[Part], labels: Labels) -> list[BookPage]:
    """All content documents in reading order."""
    edition: Edition = context["edition"]

    def page(template: str, name: str, title: str, landmark: str | None = None, **extra: Any) -> BookPage:
        xhtml = env.get_template(f"epub/{template}.xhtml").render({**context, **extra})
        return BookPage(name, title, xhtml, landmark)

    pages = [
        page("cover", "cover.xhtml", labels.cover, "cover"),
        page("title", "title.xhtml", labels.title_page),
        page("contents", "contents.xhtml", labels.contents, "toc"),
    ]
    for part in parts:
        if part.title:
            pages.append(page("part", part_file(part), part.title, part=part))
        for section in part.sections:
            assert section.name is not None
            pages.append(page("section", section_file(section), section.name, section=section))
            pages += [page("article", article_file(a), a.title, article=a) for a in section.articles]
    pages[3] = dataclasses.replace(pages[3], landmark="bodymatter")
    for p in pages:
        if not p.text().strip() and next(p.tree.iter("{*}img"), None) is None:
            raise RenderError(f"EPUB page {p.name} of {edition.title} would be empty; check the theme's templates")
    return pages
