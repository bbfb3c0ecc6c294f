"""The assembly reads the furniture's objects one by one and copies the contents' link
annotations as WeasyPrint wrote them (assemble._FurnitureReader, _raw_annotations): the
assembled PDF has the furniture's links, named destinations, outline and fonts, and every
other object parsed as pypdf parses it."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject
from weasyprint import HTML

from exporter.writers.pdf.assemble import _FurnitureReader, assemble, read_chunks
from exporter.writers.pdf.chunks import ChunkLayout

_FONT = "font-family: 'Noto Serif CJK SC', serif"
_ENTRIES = [f"d{i}" for i in range(12)]


def _furniture() -> bytes:
    """A front page whose contents links to anchors on the two ghost pages after it, with bookmarks."""
    contents = "".join(f'<p><a href="#{a}">第{i}篇 {a}</a></p>' for i, a in enumerate(_ENTRIES))
    ghosts = "".join(f'<section style="break-before: page"><h2>版面 {n}</h2>'
                     + "".join(f'<span id="{a}"></span>' for a in _ENTRIES[n::2]) + "</section>" for n in (0, 1))
    return HTML(string=f'<html lang="zh-CN"><body style="{_FONT}"><h1>目录</h1>{contents}{ghosts}</body></html>').write_pdf()


def _chunk() -> bytes:
    pages = "".join(f'<p style="break-before: page">正文第{n}页 body page {n}</p>' for n in (1, 2))
    return HTML(string=f'<html><body style="{_FONT}">{pages}</body></html>').write_pdf()


def _plain(value: Any) -> Any:
    """A parsed object as plain data, a reference as its number (readers differ, numbers do not)."""
    if isinstance(value, IndirectObject):
        return ("ref", value.idnum)
    if isinstance(value, DictionaryObject):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, ArrayObject):
        return [_plain(v) for v in value]
    return repr(value)


def test_an_object_is_parsed_alone_and_as_pypdf_parses_it() -> None:
    pdf = _furniture()
    lazy, whole = _FurnitureReader(pdf), PdfReader(io.BytesIO(pdf))
    assert lazy.xref_objStm, "WeasyPrint keeps the small objects in an object stream"
    numbers = sorted(lazy.xref_objStm)
    first = lazy.get_object(numbers[-1])
    assert len(lazy.resolved_objects) < len(numbers)  # the other objects of the stream are left unparsed
    assert _plain(first) == _plain(whole.get_object(numbers[-1]))
    for number in numbers:
        assert _plain(lazy.get_object(number)) == _plain(whole.get_object(number))


def _links(reader: PdfReader) -> list[tuple[int, list[float], str]]:
    return [(n, [round(float(v), 3) for v in a.get_object()["/Rect"]], str(a.get_object()["/Dest"]))
            for n, page in enumerate(reader.pages) for a in page.get("/Annots") or []]


def test_the_contents_links_are_copied_as_written() -> None:
    furniture, chunk = _furniture(), _chunk()
    merged = PdfReader(io.BytesIO(assemble(furniture, read_chunks([ChunkLayout(chunk, [])]))))
    before = PdfReader(io.BytesIO(furniture))
    assert len(merged.pages) == len(before.pages) == 3
    links = _links(merged)
    assert links == _links(before) and len(links) == len(_ENTRIES)
    assert all(n == 0 for n, *_ in links)
    lazy = _FurnitureReader(furniture)
    raw = [lazy.raw_bytes(ref) for ref in lazy.pages[0]["/Annots"]]
    output = io.BytesIO()
    merged.stream.seek(0)
    output.write(merged.stream.read())
    assert all(r is not None and r in output.getvalue() for r in raw)  # the furniture's own bytes
    targets = {name: merged.get_destination_page_number(d) for name, d in merged.named_destinations.items()}
    assert targets == {name: before.get_destination_page_number(d) for name, d in before.named_destinations.items()}
    assert {targets[a] for a in _ENTRIES[0::2]} == {1} and {targets[a] for a in _ENTRIES[1::2]} == {2}
    assert [o.title for o in merged.outline if not isinstance(o, list)] == \
        [o.title for o in before.outline if not isinstance(o, list)]
    for n in (1, 2):  # each ghost page draws its chunk page under it
        assert f"body page {n}" in merged.pages[n].extract_text()


def test_an_annotation_that_refers_to_other_objects_is_parsed_and_renumbered() -> None:
    """An attachment's annotation refers to its file specification and appearance: it is
    cloned as before (its references renumbered), beside a link copied as written."""
    furniture = HTML(string='<html><body><p><a href="#x">link</a> <a rel="attachment" download="a.txt" '
                            'href="data:text/plain,hello">file</a></p><p id="x" style="break-before: page">x</p>'
                            '</body></html>').write_pdf()
    chunk = HTML(string="<html><body><p>body page</p></body></html>").write_pdf()
    merged = PdfReader(io.BytesIO(assemble(furniture, read_chunks([ChunkLayout(chunk, [])]))))
    annotations = {a.get_object()["/Subtype"]: a.get_object() for a in merged.pages[0]["/Annots"]}
    assert set(annotations) == {"/Link", "/FileAttachment"}
    assert str(annotations["/Link"]["/Dest"]) == "x" and merged.get_destination_page_number(
        merged.named_destinations["x"]) == 1
    spec = annotations["/FileAttachment"]["/FS"].get_object()
    assert spec["/EF"]["/F"].get_object().get_data() == b"hello"
