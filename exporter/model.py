"""The format-neutral edition model: what readers produce and renderers consume.

The JSON field names here are the project's public contract. The model knows nothing of
HTML, EPUB, PDF, CSS classes or file names; it only validates and normalises content.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

import langcodes
import regex
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    TypeAdapter,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .text import clean_text, clean_title, is_cjk, unique_name

_SAFE_ID = regex.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")
# Anchors and file names the templates and renderers make themselves (main, contents-title,
# s1, p2-s3, <slug>-title) and the namespace of hashed slugs (a-<10 hex>): an article id in
# one of them is never used verbatim, so no user id can take another element's id or page.
_RESERVED_ID = regex.compile(r"^(?:main|contents|contents-title|cover|title|nav|toc|[ps]\d+(?:-[ps]\d+)*"
                             r"|a-[0-9a-f]{10}|.*-title)$")
_ASCII_WORDS = regex.compile(r"[A-Za-z0-9]+")


def _clean(value: str | None) -> str | None:
    """Whitespace-normalise optional running text; empty becomes None."""
    if value is None:
        return None
    return clean_text(value) or None


def _clean_line(value: str | None) -> str | None:
    """Whitespace-normalise an optional title-like line; empty becomes None."""
    if value is None:
        return None
    return clean_title(value) or None


class _Node(BaseModel):
    # Unknown keys are kept (never lose a user's text) and reported as warnings by readers.
    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True)


class _TextBlock(_Node):
    """A block made of one run of text, which must not be empty after cleaning."""

    text: Annotated[str, Field(min_length=1)]

    @field_validator("text")
    @classmethod
    def _text(cls, v: str) -> str:
        v = clean_text(v)
        if not v:
            raise ValueError(f"{cls.__name__.lower()} text is empty")
        return v


class Paragraph(_TextBlock):
    """A body paragraph."""

    type: Literal["paragraph"] = "paragraph"


class Heading(_TextBlock):
    """An in-article subhead (小标题)."""

    type: Literal["heading"] = "heading"


class Figure(_Node):
    """A photo or graphic; `src` is optional so a caption-only photo still renders."""

    type: Literal["figure"] = "figure"
    src: str | None = None
    alt: str | None = None
    caption: str | None = None
    credit: str | None = None

    _clean_caption = field_validator("alt", "caption")(classmethod(lambda cls, v: _clean(v)))
    _clean_credit = field_validator("credit")(classmethod(lambda cls, v: _clean_line(v)))

    @model_validator(mode="after")
    def _something(self) -> Figure:
        if not self.src and not self.caption:
            raise ValueError("a figure needs a src, a caption, or both")
        return self


class ListBlock(_Node):
    """A bulleted or numbered list (notice items, key points)."""

    type: Literal["list"] = "list"
    ordered: bool = False
    items: Annotated[list[str], Field(min_length=1)]

    @field_validator("items")
    @classmethod
    def _items(cls, v: list[str]) -> list[str]:
        items = [clean_text(i) for i in v]
        if any(not i for i in items):
            raise ValueError("list items must not be empty")
        return items


class Quote(_TextBlock):
    """A block quotation; `attribution` is optional."""

    type: Literal["quote"] = "quote"
    attribution: str | None = None


Block = Annotated[
    Paragraph | Heading | Figure | ListBlock | Quote,
    Field(discriminator="type"),
]


class Notice(_Node):
    """The signature block (落款) of a public notice."""

    issuer: str | None = None
    date: str | None = None

    _clean_fields = field_validator("issuer", "date")(classmethod(lambda cls, v: _clean_line(v)))


Kind = Literal["article", "photo", "notice"]


class Article(_Node):
    """One article, photo story or public notice."""

    id: str | None = None
    kind: Kind = "article"
    section: str | None = None
    page: int | str | None = None
    kicker: str | None = None
    headline: str | None = None
    subheadline: str | None = None
    dateline: str | None = None
    byline: str | None = None
    authors: list[str] = Field(default_factory=list)
    lead: list[str] = Field(default_factory=list)
    blocks: list[Block] = Field(default_factory=list)
    notice: Notice | None = None
    continued_from: str | None = None
    continued_to: str | None = None
    continues: str | None = Field(default=None, description="id of the article this one continues (explicit jump link)")
    summary: str | None = None

    _clean_lines = field_validator(
        "section", "kicker", "headline", "subheadline", "dateline", "byline",
        "continued_from", "continued_to",
    )(classmethod(lambda cls, v: _clean_line(v)))
    _clean_summary = field_validator("summary")(classmethod(lambda cls, v: _clean(v)))

    @field_validator("id")
    @classmethod
    def _id(cls, v: str | None) -> str | None:
        if v is None:
            return None
        if not v.strip() or any(c.isspace() or ord(c) < 32 for c in v):
            raise ValueError("id must be non-empty and contain no spaces or control characters")
        return v

    @field_validator("lead", mode="before")
    @classmethod
    def _lead_str(cls, v: Any) -> Any:
        return [v] if isinstance(v, str) else v

    @field_validator("lead")
    @classmethod
    def _lead(cls, v: list[str]) -> list[str]:
        return [t for t in (clean_text(x) for x in v) if t]

    @field_validator("authors")
    @classmethod
    def _authors(cls, v: list[str]) -> list[str]:
        return [t for t in (clean_title(x) for x in v) if t]

    @model_validator(mode="after")
    def _needs_headline(self) -> Article:
        if self.kind in ("article", "notice") and not self.headline:
            raise ValueError(f"an article of kind '{self.kind}' needs a headline")
        return self

    @property
    def title(self) -> str:
        """A human title for contents and navigation, also for headline-less photos."""
        if self.headline:
            return self.headline
        for block in self.blocks:
            if isinstance(block, Figure) and block.caption:
                from .words import short_title  # the segmenter, loaded only when needed

                return short_title(block.caption)
        return "Photo" if self.kind == "photo" else "Untitled"

    @property
    def texts(self) -> Iterator[str]:
        """Every piece of reader-visible text, in reading order (for coverage checks)."""
        for t in (self.kicker, self.headline, self.subheadline, self.dateline, self.byline):
            if t:
                yield t
        yield from self.lead
        for block in self.blocks:
            if isinstance(block, Paragraph | Heading | Quote):
                yield block.text
            elif isinstance(block, ListBlock):
                yield from block.items
            elif isinstance(block, Figure):
                yield from (t for t in (block.caption, block.credit) if t)
        if self.notice:
            yield from (t for t in (self.notice.issuer, self.notice.date) if t)


class Edition(_Node):
    """One issue of a publication: metadata plus its articles in reading order."""

    title: Annotated[str, Field(min_length=1, description="The publication's name")]
    date: dt.date
    language: str = "zh-CN"
    edition: str | None = None
    publisher: str | None = None
    description: str | None = None
    cover: str | None = Field(default=None, description="Cover image path, relative to the edition")
    cover_headlines: int = Field(default=5, ge=0, le=12, description="Headlines on a generated cover")
    sections: list[str] | None = None
    articles: list[Article] = Field(default_factory=list)

    @field_validator("title")
    @classmethod
    def _title(cls, v: str) -> str:
        v = clean_title(v)
        if not v:
            raise ValueError("title is empty")
        return v

    @field_validator("language")
    @classmethod
    def _language(cls, v: str) -> str:
        if not langcodes.tag_is_valid(v):
            raise ValueError(f"'{v}' is not a valid BCP 47 language tag")
        return langcodes.standardize_tag(v, macro=False)

    @model_validator(mode="after")
    def _ids(self, info: ValidationInfo) -> Edition:
        seen: dict[str, int] = {}
        for i, art in enumerate(self.articles):
            if art.id is not None:
                if art.id in seen:
                    raise ValueError(
                        f"duplicate article id '{art.id}' (articles[{seen[art.id]}] and articles[{i}])"
                    )
                seen[art.id] = i
        for i, art in enumerate(self.articles):
            if art.id is None:
                new_id = unique_name(_generated_id(art, i), seen)
                seen[new_id] = i
                object.__setattr__(art, "id", new_id)
        slugs: dict[str, int] = {}
        for i, art in enumerate(self.articles):
            if (slug := slug_of(art)) in slugs:  # only a hash collision of two different ids
                raise ValueError(f"articles[{slugs[slug]}] and articles[{i}] have ids with the same anchor "
                                 f"'{slug}'; change one id")
            slugs[slug] = i
        return self

    def sections_in_order(self) -> list[Section]:
        """Group articles by section: the `sections` order first, then first appearance."""
        order: list[str | None] = list(self.sections or [])
        groups: dict[str | None, list[Article]] = {}
        for art in self.articles:
            groups.setdefault(art.section, []).append(art)
            if art.section not in order:
                order.append(art.section)
        result = []
        for n, name in enumerate(o for o in order if o in groups):
            result.append(Section(name=name, slug=f"s{n + 1}", articles=groups[name]))
        return result

    def top_headlines(self, limit: int | None = None) -> list[str]:
        """The first distinct headlines for a cover, notices and continuations last as on a front page."""
        ranked = sorted((a for a in self.articles if a.headline),
                        key=lambda a: (a.kind == "notice", a.continued_from is not None))
        return list(dict.fromkeys(a.headline for a in ranked if a.headline))[: self.cover_headlines if limit is None else limit]

    def parts(self) -> list[Part]:
        """The top level of the reading order: one untitled part for a single edition."""
        return [Part(title=None, slug="p1", sections=self.sections_in_order())]

    @property
    def authors(self) -> list[str]:
        """Every distinct author name, in order of first appearance."""
        return list(dict.fromkeys(a for art in self.articles for a in art.authors))


@dataclass(frozen=True)
class Section:
    """A run of articles under one section name (None: no section header)."""

    name: str | None
    slug: str
    articles: list[Article] = field(default_factory=list)


@dataclass(frozen=True)
class Part:
    """A top-level division of a volume (a day, or a section across days); None title for
    a single edition, whose sections are the top level."""

    title: str | None
    slug: str
    sections: list[Section] = field(default_factory=list)
    subtitle: str | None = None

    @property
    def articles(self) -> list[Article]:
        return [a for s in self.sections for a in s.articles]


class Volume(Edition):
    """Several editions compiled into one book: an Edition whose parts were built by the
    compiler (by day or by section), so every renderer can treat both alike."""

    date_end: dt.date | None = None
    edition_count: int = 1
    _parts: list[Part] = PrivateAttr(default_factory=list)

    def parts(self) -> list[Part]:
        return self._parts

    def sections_in_order(self) -> list[Section]:
        return [s for p in self._parts for s in p.sections]

    def prominent(self) -> list[Article]:
        """Stories by prominence, for the cover: front-page stories first, then by the
        rank of their section in their part, then the longer first; no notices or
        continuations. Ties keep the volume's order."""
        ranked = []
        for part in self._parts:
            for rank, section in enumerate(part.sections):
                for art in section.articles:
                    if art.kind != "notice" and not art.continued_from:
                        length = sum(len(t) for t in art.texts)
                        ranked.append(((not _front_page(art), rank, -length), len(ranked), art))
        return [art for *_, art in sorted(ranked, key=lambda r: r[:2])]

    def top_headlines(self, limit: int | None = None) -> list[str]:
        """The week's biggest stories (see `prominent`), not the first ones."""
        titles = dict.fromkeys(a.headline for a in self.prominent() if a.headline)
        return list(titles)[: self.cover_headlines if limit is None else limit]

    def lead_photo(self) -> Figure | None:
        """The picture of the most prominent story that has one."""
        for art in self.prominent():
            for block in art.blocks:
                if isinstance(block, Figure) and block.src:
                    return block
        return None


def _front_page(article: Article) -> bool:
    """Whether the article was printed on page 1 (1, "1", "A1", "01", "第1版")."""
    digits = regex.search(r"\d+", str(article.page)) if article.page is not None else None
    return digits is not None and int(digits[0]) == 1


def slug_of(article: Article) -> str:
    """A safe anchor/file name for an article: its id when ASCII-safe and outside the
    reserved names, else a stable hash of the id (in the reserved a-<hash> namespace)."""
    assert article.id is not None
    if _SAFE_ID.match(article.id) and not _RESERVED_ID.match(article.id):
        return article.id
    return "a-" + hashlib.sha1(article.id.encode()).hexdigest()[:10]


def _generated_id(art: Article, index: int) -> str:
    words = _ASCII_WORDS.findall(art.headline or "")
    if words and not any(is_cjk(c) for c in art.headline or ""):
        return "-".join(w.lower() for w in words)[:40].strip("-") or f"article-{index + 1}"
    basis = "\n".join(art.texts) or str(index)
    return "a-" + hashlib.sha1(basis.encode()).hexdigest()[:8]


def json_schema() -> dict[str, Any]:
    """The published JSON Schema of an edition file."""
    schema = TypeAdapter(Edition).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "newsprint-exporter edition"
    return schema
