"""Merge laid-out content pages under their furniture (ghost) pages with pypdf.

Each content page becomes a form XObject drawn first on its ghost page, so the page keeps
the furniture PDF's page objects (and with them its outline, link annotations, named
destinations and metadata) and draws the content, then the ghost page's own running heads
and page number, in the order a single pass draws them. No content stream is parsed or rewritten, so the
merge costs milliseconds per page. The chunks' subsets of each font are then merged into
one embedded font per face (fonts_merge.py). The furniture's objects are parsed only where
the assembly reaches them, and its link annotations, which refer to no other object, are
copied as WeasyPrint wrote them (on the benchmark week 1,019 of its 1,492 objects).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    PdfObject,
    StreamObject,
    read_object,
)
from pypdf._utils import read_non_whitespace

from .chunks import ChunkLayout
from .fonts_merge import EarlySubsets, Memo, merge_font_subsets

_CONTENT = NameObject("/NewsprintContent")
_REFERENCE = re.compile(rb"\d+\s+\d+\s+R(?![A-Za-z0-9])")


class _RawObject(PdfObject):
    """An object of the furniture copied as the bytes WeasyPrint wrote (a link annotation of
    the contents: no reference to another object, so its bytes need no renumbering)."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw

    def clone(self, pdf_dest: Any, force_duplicate: bool = False, ignore_fields: Any = ()) -> IndirectObject:
        return pdf_dest._add_object(_RawObject(self.raw))  # type: ignore[no-any-return]

    def write_to_stream(self, stream: Any, encryption_key: Any = None) -> None:
        stream.write(self.raw)


class _FurnitureReader(PdfReader):
    """A reader that parses an object of an object stream when it is asked for, not every
    object of the stream at the first (pypdf's way): the assembly then leaves the contents
    page's link annotations (two thirds of the furniture's objects) unparsed (`_raw_annotations`)."""

    def __init__(self, pdf: bytes) -> None:
        self._streams: dict[int, tuple[bytes, dict[int, tuple[int, int]]]] = {}
        super().__init__(io.BytesIO(pdf))

    def _stream_table(self, stmnum: int) -> tuple[bytes, dict[int, tuple[int, int]]] | None:
        """An object stream's data and where each of its objects' bytes start and end."""
        if stmnum not in self._streams:
            stream = IndirectObject(stmnum, 0, self).get_object()
            if not isinstance(stream, StreamObject) or stream.get("/Type") != "/ObjStm":
                return None
            data, first = stream.get_data(), int(stream["/First"])  # type: ignore[call-overload]
            numbers = [int(n) for n in data[:first].split()]
            starts = sorted((first + offset, number) for number, offset in zip(numbers[::2], numbers[1::2], strict=True))
            ends = [start for start, _ in starts[1:]] + [len(data)]
            self._streams[stmnum] = (data, {number: (start, end) for (start, number), end in zip(starts, ends, strict=True)})
        return self._streams[stmnum]

    def raw_bytes(self, reference: IndirectObject) -> bytes | None:
        """The bytes of an object kept in an object stream, unparsed; None for another."""
        place = self.xref_objStm.get(reference.idnum) if reference.generation == 0 else None
        table = self._stream_table(place[0]) if place is not None else None
        if table is None or reference.idnum not in table[1]:
            return None
        start, end = table[1][reference.idnum]
        return table[0][start:end].strip()

    def _get_object_from_stream(self, indirect_reference: IndirectObject) -> PdfObject:
        table = self._stream_table(self.xref_objStm[indirect_reference.idnum][0])
        if table is None or indirect_reference.idnum not in table[1]:
            return super()._get_object_from_stream(indirect_reference)
        data, places = table
        stream = io.BytesIO(data)
        stream.seek(places[indirect_reference.idnum][0])
        read_non_whitespace(stream)
        stream.seek(-1, 1)
        obj = read_object(stream, self)
        self.cache_indirect_object(0, indirect_reference.idnum, obj)
        return obj


def _raw_annotations(reader: _FurnitureReader) -> None:
    """Every page's annotations that refer to no other object (the contents' links, to named
    destinations) put in as the furniture's bytes, unparsed: pypdf would parse, clone and
    write each again, the larger part of the assembly's time on a week."""
    for page in reader.pages:
        annotations = page.get("/Annots")
        if not isinstance(annotations, ArrayObject):
            continue
        for i, item in enumerate(annotations):
            raw = reader.raw_bytes(item) if isinstance(item, IndirectObject) else None
            if raw is not None and raw.startswith(b"<<") and _REFERENCE.search(raw) is None:
                annotations[i] = _RawObject(raw)


def _as_form(page: DictionaryObject, writer: PdfWriter) -> IndirectObject:
    """The page's content stream and resources as a form XObject owned by `writer`."""
    contents = page["/Contents"]
    if isinstance(contents, ArrayObject):
        joined = DecodedStreamObject()
        joined.set_data(b"\n".join(c.get_object().get_data() for c in contents))
        form: StreamObject = joined.flate_encode()
    else:
        form = contents.get_object().clone(writer, force_duplicate=True)
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(page.mediabox),
        NameObject("/Resources"): page["/Resources"].clone(writer),
    })
    if form.indirect_reference is None:
        return writer._add_object(form)
    return form.indirect_reference


def _copy_dict(value: PdfObject | None) -> DictionaryObject:
    return DictionaryObject(value.get_object()) if value is not None else DictionaryObject()


def read_chunks(layouts: list[ChunkLayout]) -> list[list[PageObject]]:
    """Every chunk's pages, parsed with their content streams: the part of the assembly that
    needs no furniture, done while a worker lays the furniture out (the other core is idle then)."""
    chunks = []
    for layout in layouts:
        pages = list(PdfReader(io.BytesIO(layout.pdf)).pages)
        for page in pages:
            contents = page["/Contents"].get_object()
            for stream in contents if isinstance(contents, ArrayObject) else [contents]:
                stream.get_object().get_data()
        chunks.append(pages)
    return chunks


def _content_pages(chunks: list[list[PageObject]], front: int, mirror_shift: float) -> list[tuple[PageObject, float]]:
    """Every chunk page with how far right to draw it: a chunk lays out its first page as a
    right page, and with mirrored margins a page that lands on the other side moves by the
    difference of the inner and outer margins (the text area's width is the same)."""
    pages: list[tuple[PageObject, float]] = []
    for chunk in chunks:
        for j, page in enumerate(chunk):
            final_right = (front + len(pages)) % 2 == 0  # 0-based index: even is a right page
            laid_right = j % 2 == 0
            pages.append((page, 0.0 if final_right == laid_right else mirror_shift * (1 if final_right else -1)))
    return pages


def assemble(furniture: bytes, chunks: list[list[PageObject]], mirror_shift: float = 0.0,
             early: EarlySubsets | None = None, memo: Memo | None = None,
             beside: Callable[..., Future[bytes | None]] | None = None) -> bytes:
    """The furniture PDF with every chunk's pages (read_chunks) drawn under its trailing ghost
    pages. `mirror_shift`: inner minus outer margin in pt, when left and right pages mirror them;
    `early`: the fonts cut from the chunks' glyphs while the furniture was laid out; `memo`:
    the merged font subsets' (fonts_merge.Memo); `beside`: submits a task to an idle worker,
    which then cuts the faces the furniture adds glyphs to while the pages are drawn here."""
    reader = _FurnitureReader(furniture)
    if early is not None and beside is not None:
        early.cut_beside(list(reader.pages), beside, memo)
    _raw_annotations(reader)
    writer = PdfWriter(clone_from=reader)
    front = len(writer.pages) - sum(map(len, chunks))
    content_pages = _content_pages(chunks, front, mirror_shift)
    if front < 0:
        raise AssertionError("the furniture pass made fewer pages than the chunks")
    draws: dict[float, IndirectObject] = {}
    for ghost, (page, dx) in zip(writer.pages[front:], content_pages, strict=True):
        if dx not in draws:
            draw = DecodedStreamObject()
            move = f"1 0 0 1 {dx:.4f} 0 cm ".encode() if dx else b""
            draw.set_data(b"q " + move + b"/NewsprintContent Do Q\n")
            draws[dx] = writer._add_object(draw)
        draw_ref = draws[dx]
        resources = _copy_dict(ghost.get("/Resources"))
        xobjects = _copy_dict(resources.get("/XObject"))
        xobjects[_CONTENT] = _as_form(page, writer)
        resources[NameObject("/XObject")] = xobjects
        ghost[NameObject("/Resources")] = resources
        existing = ghost.get("/Contents")
        streams = list(existing) if isinstance(existing, ArrayObject) else [] if existing is None else [ghost.raw_get("/Contents")]
        ghost[NameObject("/Contents")] = ArrayObject([draw_ref, *streams])
    merge_font_subsets(writer, early, memo)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
