"""The ingest API: page files (or page text) in, a validated edition out."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex
from pydantic import ValidationError

from ..assets import safe_file_name
from ..errors import InputError, Problem
from ..limits import Limits
from ..model import Article, Edition
from ..text import unique_name
from .articles import ArticleBuilder
from .decode import read_text_file
from .layout import SetAside
from .bare import is_bare, is_unwrapped, restore, spread
from .gutters import Columns, split_columns
from .frames import unframe
from .layout import Hints, PageLayout, lay_out_page
from .notes import Notes
from .pdf import PdfPage, read_pdf
from .blocks import BlockModel
from .segment import SHIPPED_MODEL, segment
from .weights import SHIPPED, Weights, using

_PAGE_NUMBER = regex.compile(r"(\d+)(?!.*\d)")


@dataclass
class IngestResult:
    """The edition plus what a person needs to review it."""

    edition: Edition
    notes: Notes
    dropped: Counter[str] = field(default_factory=Counter)  # characters removed as layout
    furniture: list[tuple[str, SetAside]] = field(default_factory=list)  # (file, line) set aside whole

_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # kept: tab, newline, form feed, CR

def page_articles(text: str, name: str = "<page>", page: int | str = 1, notes: Notes | None = None,
                  dropped: Counter[str] | None = None, weights: Weights | None = None,
                  furniture: list[tuple[str, SetAside]] | None = None, pdf: PdfPage | None = None,
                  model: BlockModel | None | object = SHIPPED_MODEL) -> list[Article]:
    """Segment one page's decoded text into articles (ids p{page}-NN); lines set aside as
    page furniture are appended to `furniture`. A page read from a PDF (`pdf`) brings its
    display lines, positions, margin furniture and figures."""
    notes = notes if notes is not None else Notes()
    dropped = dropped if dropped is not None else Counter()
    laid = lay_out(text, name, notes, dropped, weights, pdf)
    counted = Counter(laid.dropped)
    drafts = segment(laid, notes, weights or SHIPPED, model)  # may set more blocks aside (learned furniture)
    dropped.update(laid.dropped - counted)  # copies the segmenter dropped (a fake-bold headline after its kicker)
    if furniture is not None:
        furniture += [(name, item) for item in laid.furniture]
    for item in laid.furniture:
        notes.decide(name, item.no, f"set aside as {item.reason}: '{item.text}'")
    builder = ArticleBuilder(name, page, notes, dropped, pdf.figures if pdf else None)
    articles = []
    for draft in drafts:
        try:
            articles.append(builder.article(draft, len(articles) + 1))
        except ValidationError as exc:  # defensive: report rather than lose the page
            raise InputError([Problem(name, str(draft.at), f"cannot build an article: {exc.errors()[0]['msg']}")]) from exc
    return articles


def lay_out(text: str, name: str, notes: Notes, dropped: Counter[str], weights: Weights | None = None,
            pdf: PdfPage | None = None) -> PageLayout:
    """One page's text (and what its PDF's geometry says) read into layout pieces."""
    if (lines := text.count("\n") + (not text.endswith("\n"))) > (limit := Limits.current().page_lines):
        raise InputError.single(name, f"{lines:,} lines on one page (at most {limit:,}; is this a page of a paper?)")
    hints = Hints(pdf.display, pdf.captions, pdf.boxes, pdf.sizes, pdf.tops, pdf.opens) if pdf else Hints()
    columns = split_columns(text) if pdf is None else None
    if columns is not None:  # columns side by side (pdftotext -layout): read one after another
        text = columns.text
        notes.source[name] = columns.source
        notes.decide(name, 1, "columns stand side by side: each read in turn, split at the gutters")
    if pdf is None and is_unwrapped(text):  # one paragraph a line: every line is a block
        rebuilt = spread(text)
        text = rebuilt.text
        notes.source[name] = _through(rebuilt.source, columns)
        notes.decide(name, 1, "the lines are longer than any column: one block a line")
    elif pdf is None and is_bare(text):  # no blank lines, no indents: give the layout signals back
        rebuilt = restore(text)
        text, hints = rebuilt.text, Hints(rebuilt.display)
        notes.source[name] = _through(rebuilt.source, columns)
        dropped.update(rebuilt.dropped)
        notes.decide(name, 1, "the page has no blank lines and no indents: paragraphs and headlines rebuilt "
                              "from line lengths, sentence ends and lines printed twice")
    if pdf is None and columns is None and not hints.display:  # boxes drawn in the text (┌──┐ … └──┘)
        framed = unframe(text)
        text, hints = framed.text, Hints(boxes=framed.boxes)
        dropped.update(framed.dropped)
    with using(weights):  # the thresholds of paragraphs.py too
        laid = lay_out_page(name, text, hints, weights)
    if pdf is not None:
        notes.positions[name] = pdf.where
        dropped.update(pdf.dropped)
        aside = [(where, line, "page margin") for where, line in pdf.margin] + pdf.labels
        for k, (where, line, why) in enumerate(aside, start=1):  # numbered below zero: not lines of the text
            pdf.where[-k] = where
            laid.furniture.insert(k - 1, SetAside(-k, line, why))
    dropped.update(laid.dropped)
    return laid


def _through(source: dict[int, int], columns: Columns | None) -> dict[int, int]:
    """A rebuilt page's line map taken back through the column split before it."""
    return {k: columns.source.get(v, v) for k, v in source.items()} if columns else source


def ingest_texts(pages: Sequence[tuple[str, str]], publication: str, date: dt.date,
                 language: str = "zh-CN", edition: str | None = None,
                 weights: Weights | None = None, model: BlockModel | None | object = SHIPPED_MODEL) -> IngestResult:
    """Ingest already-decoded pages given as (name, text) pairs, in page order (`model`: the
    block classifier, the shipped one by default, None for the written rules alone)."""
    return _ingest([(name, text, None) for name, text in pages], publication, date, language, edition, weights,
                   model)


def _page_numbers(pages: Sequence[tuple[str, str, PdfPage | None]], notes: Notes) -> list[int]:
    """Each page's number in the edition (articles' ids and `page` come from it): a text
    page's from its file name (`page-03.txt`: 3), else its place in the run; a PDF's own page
    number after the pages read before it (A01.pdf and A02.pdf, or two folders' page.pdf,
    are pages 1 and 2). A number already taken goes to the next free one, with a
    warning: two pages must never share their articles' ids."""
    numbers: list[int] = []
    before = 0  # the highest page number before the PDF being read
    last: str | None = None
    for index, (name, _, pdf) in enumerate(pages, start=1):
        if pdf is not None:
            path = name.rsplit("#p", 1)[0]
            if path != last:
                before = max(numbers, default=0)
            last = path
            number = before + pdf.number
        else:
            last = None
            m = _PAGE_NUMBER.search(Path(name).stem)
            number = int(m.group(1)) if m else index
        if number in numbers:
            free = max(numbers) + 1
            notes.warnings.append(f"{Path(name).name}: page number {number} is taken by an earlier page of "
                                  f"this run; numbered {free}")
            number = free
        numbers.append(number)
    return numbers


def _ingest(pages: Sequence[tuple[str, str, PdfPage | None]], publication: str, date: dt.date,
            language: str, edition: str | None, weights: Weights | None = None,
            model: BlockModel | None | object = SHIPPED_MODEL) -> IngestResult:
    notes, dropped = Notes(), Counter[str]()
    furniture: list[tuple[str, SetAside]] = []
    articles: list[Article] = []
    for (name, text, pdf), number in zip(pages, _page_numbers(pages, notes), strict=True):
        for why in pdf.skipped if pdf is not None else ():
            notes.warnings.append(f"{Path(name).name}: {why}")
        text, removed = _CONTROL.subn("", text)
        if removed:
            notes.warn(Path(name).name, 1, f"removed {removed} control character(s) such as NUL, which no "
                                           "article text may hold")
        if not text.strip():
            notes.warn(Path(name).name, 1, "the page has no text; nothing was ingested from it")
        articles += page_articles(text, Path(name).name, number, notes, dropped, weights, furniture, pdf, model)
    try:
        result = Edition(title=publication, date=date, language=language, edition=edition, articles=articles)
    except ValidationError as exc:
        raise InputError([Problem("<options>", ".".join(map(str, e["loc"])), e["msg"]) for e in exc.errors()]) from exc
    return IngestResult(result, notes, dropped, furniture)


def read_pages(paths: Sequence[Path], image_dir: Path | None = None,
               image_prefix: str = "images") -> list[tuple[str, str, PdfPage | None]]:
    """(name, text, PDF page or None) for every page of the files, in order; a PDF's images
    are named for its stem, made safe for a URL and unique within the run."""
    pages: list[tuple[str, str, PdfPage | None]] = []
    stems: set[str] = set()
    for p in map(Path, paths):
        if p.suffix.lower() == ".pdf":
            if not p.is_file():
                raise InputError.single(p, "no such file")
            stem = unique_name(safe_file_name(p.stem, "page"), stems)  # two folders' page.pdf: no overwrites
            stems.add(stem)
            pages += [(f"{p}#p{pg.number}", pg.text, pg) for pg in read_pdf(p, image_dir, image_prefix, stem)]
        else:
            pages.append((str(p), read_text_file(p), None))
    return pages


def ingest(paths: Sequence[Path], publication: str | None = None, date: dt.date | None = None,
           language: str = "zh-CN", edition: str | None = None, image_dir: Path | None = None,
           image_prefix: str = "images") -> IngestResult:
    """Ingest page files: text extracted from pages, or page PDFs (`*.pdf`, every page;
    their images are written to `image_dir` and referenced as `image_prefix/NAME`).
    Without a publication name the first file's stem is used; without a date, today's
    (both are reported as warnings so a person can fix them)."""
    if not paths:
        raise InputError.single("<arguments>", "no page files given")
    pages = read_pages(paths, image_dir, image_prefix)
    missing = []
    if publication is None:
        publication = Path(paths[0]).stem
        missing.append(f"no --publication given; using '{publication}'")
    if date is None:
        date = dt.date.today()
        missing.append(f"no --date given; using {date.isoformat()}")
    if image_dir is None and any(pdf is not None and pdf.images for _, _, pdf in pages):
        missing.append("images are extracted only when the edition is written to a file or folder (-o)")
    result = _ingest(pages, publication, date, language, edition)
    result.notes.warnings[:0] = missing
    return result
