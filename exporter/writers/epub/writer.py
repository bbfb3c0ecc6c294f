"""EPUB 3 digests with ebooklib: the shared templates in their XHTML flavour, a generated
cover, two-level navigation, accessibility metadata and reproducible bytes.

ebooklib's EpubHtml rebuilds each page and drops its <head> (title, stylesheet links,
classes on <html>/<body>), so pages go in as finished XHTML items; ebooklib writes the
package document, nav.xhtml and toc.ncx.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ebooklib import epub

from ...atomic import write_bytes
from .epubcheck import check_epub
from ...errors import RenderError
from ...labels import Labels, date_range, labels_for, long_date
from ...model import Edition, Part, Section, Volume
from ...readers import LoadedEdition
from ...templating import base_context, make_environment
from ...themes import Theme
from .cover import CoverImage, cover_alt, generated_cover
from .css import FONTS, Stylesheet, generated_content, stylesheet_names, theme_stylesheets, theme_values
from .fonts import EmbeddedFont, embedded_fonts, font_face_css
from .images import LOG, BookImage, book_images, image_lookup
from .meta import Contents, add_metadata, build_time
from ...jumps import Jumps, pair_jumps
from .jumps import jump_href
from .package import package_edits
from .pages import BookPage, article_file, named_parts, part_file, render_pages, section_file
from .vertical import tate_chu_yoko
from .ocf_zip import normalise

if TYPE_CHECKING:
    from .options import EpubOptions

XHTML = "application/xhtml+xml"
SUMMARY_CHARS_CJK, SUMMARY_CHARS = 60, 140  # about one line on a phone-sized reader
WRITE_OPTIONS = {
    "epub3_pages": False,  # else every element with epub:type and id lands in a broken page-list
    "raise_exceptions": True,  # else a failed write returns False and leaves half a file
}
CJK = ("zh", "ja", "ko")


def render(loaded: LoadedEdition, theme: Theme, options: EpubOptions) -> Path:
    """Write OUTDIR/<stem>.epub; with options.check, fail unless EPUBCheck is clean."""
    target = options.outdir / f"{loaded.stem}.epub"
    write_bytes(target, epub_bytes(loaded, theme, options.embed_fonts))
    if options.check:
        report = check_epub(target)
        if not report.clean:
            raise RenderError("\n".join([report.summary(), *report.messages]))
    return target


def epub_bytes(loaded: LoadedEdition, theme: Theme, embed_fonts: bool = False) -> bytes:
    """The whole book in memory: nothing touches the disk until it is complete."""
    edition = loaded.edition
    if not edition.articles:
        raise RenderError(f"{loaded.source}: the edition has no articles, so there is no book to make")
    labels = labels_for(edition.language)
    parts = named_parts(edition, labels)
    images = book_images(loaded)
    cover = _cover(loaded, images, theme, labels)
    jumps = pair_jumps([a for p in parts for s in p.sections for a in s.articles])
    context = book_context(loaded, theme, images, cover, parts, embed_fonts, jumps)
    pages = render_pages(make_environment(theme), context, parts, labels)
    if vertical(theme, edition):
        pages = [tate_chu_yoko(p) for p in pages]
    fonts, stacks = [], {}
    sheets = theme_stylesheets(theme, theme_values(theme))
    if embed_fonts:
        shown = "".join(p.text() for p in pages) + generated_content(sheets) + labels.landmarks
        fonts, stacks = embedded_fonts(theme, shown, edition.language)
        sheets = theme_stylesheets(theme, theme_values(theme, stacks))
        sheets.insert(0, Stylesheet(FONTS, font_face_css(fonts, "css")))
    for sheet in sheets:
        for url in sheet.refused:
            LOG.warning("refused %s in the theme's CSS %s (a book may use only the theme's own files and data: URIs)",
                        url, sheet.name)
    book = _book(loaded, theme, pages, sheets, cover, images, fonts, labels, parts, jumps)
    buf = BytesIO()
    epub.write_epub(buf, book, {**WRITE_OPTIONS, "landmark_title": labels.landmarks, "mtime": build_time(edition)})
    return normalise(buf.getvalue(), build_time(edition), package_edits(edition.language))


def vertical(theme: Theme, edition: Edition) -> bool:
    """A theme with the `vertical` option sets CJK editions in vertical lines, pages turning
    right to left; Latin-script editions stay horizontal."""
    return bool(theme.options.get("vertical")) and edition.language.split("-")[0].lower() in CJK


def book_title(edition: Edition) -> str:
    """Publication and date; a volume gives its date range (16–21 November), not its first day."""
    if isinstance(edition, Volume) and edition.date_end:
        return f"{edition.title} · {date_range(edition.date, edition.date_end, edition.language)}"
    return f"{edition.title} · {long_date(edition.date, edition.language)}"


def book_context(loaded: LoadedEdition, theme: Theme, images: dict[str, BookImage], cover: CoverImage | None = None,
                 parts: list[Part] | None = None, embed_fonts: bool = False, jumps: Jumps | None = None,
                 ) -> dict[str, Any]:
    """What the book's page templates see: links are file names in the book, and a jump
    line links to the other part of its article when that part is in the book."""
    edition = loaded.edition
    labels = labels_for(edition.language)
    parts = parts if parts is not None else named_parts(edition, labels)
    cover = cover or generated_cover(edition, theme, labels)
    jumps = jumps if jumps is not None else pair_jumps([a for p in parts for s in p.sections for a in s.articles])

    def listed(article: Any) -> bool:
        return jumps.listed(article)

    def jump_link(article: Any, way: str) -> str | None:
        return jump_href(jumps, article_file, article, way)

    return base_context(
        edition, theme, "epub",
        parts=parts,
        sections=[s for p in parts for s in p.sections],
        xhtml=True,
        stylesheets=stylesheet_names(theme, embed_fonts),
        image=image_lookup(loaded, images),
        cover={"href": cover.name, "alt": cover.alt, "width": cover.width, "height": cover.height},
        link_article=article_file,
        link_section=section_file,
        link_part=part_file,
        listed=listed,
        jump_href=jump_link,
        contents_summaries=bool(theme.options.get("contents_summaries", False)),
        summary_limit=SUMMARY_CHARS_CJK if edition.language.split("-")[0] in ("zh", "ja", "ko") else SUMMARY_CHARS,
    )


def _cover(loaded: LoadedEdition, images: dict[str, BookImage], theme: Theme, labels: Labels) -> CoverImage:
    """The edition's own cover image when it has one, else a generated one."""
    edition = loaded.edition
    asset = loaded.assets.get(edition.cover)
    if asset is None:
        return generated_cover(edition, theme, labels)
    alt = cover_alt(edition, labels, edition.top_headlines())
    own = images[asset.name]
    return CoverImage(own.name, own.media_type, own.data, own.width, own.height, alt)


def _section_entries(sections: list[Section], jumps: Jumps) -> list[tuple[epub.Link, list[epub.Link]]]:
    return [
        (epub.Link(section_file(s), s.name, f"nav-{s.slug}"),
         [epub.Link(article_file(a), a.title, f"nav-{article_file(a)[:-6]}") for a in s.articles if jumps.listed(a)])
        for s in sections
    ]


def _toc(parts: list[Part], jumps: Jumps) -> list:  # type: ignore[type-arg]
    """Sections -> articles for an edition; parts -> sections -> articles for a volume;
    a continuation is reached from its first part, not listed again."""
    entries: list = []  # type: ignore[type-arg]
    for part in parts:
        if part.title:
            entries.append((epub.Link(part_file(part), part.title, f"nav-{part.slug}"),
                            _section_entries(part.sections, jumps)))
        else:
            entries += _section_entries(part.sections, jumps)
    return entries


def _book(
    loaded: LoadedEdition, theme: Theme, pages: list[BookPage], sheets: list[Stylesheet], cover: CoverImage,
    book_images: dict[str, BookImage], fonts: list[EmbeddedFont], labels: Labels, parts: list[Part], jumps: Jumps,
) -> epub.EpubBook:
    edition = loaded.edition
    book = epub.EpubBook()
    images = [i for i in book_images.values() if i.name != cover.name]
    if vertical(theme, edition):
        book.set_direction("rtl")  # ebooklib writes it as the spine's page-progression-direction
    add_metadata(book, edition, book_title(edition),
                 Contents(images=len(images) + 1, sections=[s for p in parts for s in p.sections]))

    cover_item = epub.EpubImage(uid="cover-image", file_name=cover.name, media_type=cover.media_type, content=cover.data)
    cover_item.properties = ["cover-image"]
    book.add_item(cover_item)
    book.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})
    for n, image in enumerate(images, 1):
        book.add_item(epub.EpubImage(uid=f"image-{n}", file_name=image.name, media_type=image.media_type,
                                     content=image.data))
    for n, sheet in enumerate(sheets, 1):
        book.add_item(epub.EpubItem(uid=f"css-{n}", file_name=sheet.name, media_type="text/css",
                                    content=sheet.text.encode("utf-8")))
    resources = {r.name: r for sheet in sheets for r in sheet.resources}
    for n, resource in enumerate(resources.values(), 1):
        book.add_item(epub.EpubItem(uid=f"theme-file-{n}", file_name=resource.name, media_type=resource.media_type,
                                    content=resource.data))
    for n, font in enumerate(fonts, 1):
        book.add_item(epub.EpubItem(uid=f"font-{n}", file_name=font.name, media_type=font.media_type, content=font.data))

    items = {}
    for n, page in enumerate(pages, 1):
        item = epub.EpubItem(uid=f"page-{n}", file_name=page.name, media_type=XHTML, content=page.xhtml.encode("utf-8"))
        item.properties = page.properties()
        items[page.name] = book.add_item(item)
        if page.landmark:
            book.guide.append({"href": page.name, "title": page.title,
                               "type": "text" if page.landmark == "bodymatter" else page.landmark})
    book.spine = list(items.values())
    book.toc = _toc(parts, jumps)
    book.add_item(epub.EpubNcx())
    nav = epub.EpubNav(title=labels.contents)
    for sheet in sheets:
        nav.add_link(href=sheet.name, rel="stylesheet", type="text/css")
    book.add_item(nav)
    return book
