"""Chunks leave their font subsets to the assembly (pdf_fonts_defer.py): stubs naming the
face go in, and only real fonts, cut from that very installed face, come out."""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML
from weasyprint.pdf import fonts

from exporter.errors import RenderError
from exporter.weasyprint_ext.font_subsets import DEFERRED_FONT_SUBSETS, STUB_MARK, stub_identity
from exporter.weasyprint_ext.patches import patched
from exporter.writers.pdf.cache import ChunkCache
from exporter.writers.pdf.fonts_merge import merge_font_subsets

from .helpers import embedded_fonts, glyphs_without_outline

# A CFF face in a collection (Noto CJK is a .ttc) and a TrueType face.
HTML_TEXT = """<p style="font-family: 'Noto Serif CJK SC'">大桥今日正式通车，两岸车程缩短至8分钟。</p>
<p style="font-family: 'DejaVu Sans'">Hello, world</p>"""


def _write(html: str = HTML_TEXT, base_url: str | None = None) -> bytes:
    with patched(DEFERRED_FONT_SUBSETS):
        return HTML(string=html, base_url=base_url).write_pdf()


def _merge(pdf: bytes, *more: bytes, edit: Callable[[bytes], bytes] | None = None) -> bytes:
    """`pdf` (and the pages of `more`) with its font subsets merged; `edit` rewrites each
    font program first."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for other in more:
        writer.append(PdfReader(io.BytesIO(other)))
    for obj in writer._objects:
        if edit is not None and obj is not None and obj.get("/Type") == "/FontDescriptor":
            program = obj["/FontFile3" if "/FontFile3" in obj else "/FontFile2"].get_object()
            program.set_data(edit(program.get_data()))
    merge_font_subsets(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_patch_is_contained() -> None:
    before = fonts.Font.clean
    with patched(DEFERRED_FONT_SUBSETS):
        assert fonts.Font.clean is not before
    assert fonts.Font.clean is before


def test_stubs_keep_the_font_type_and_name_the_face() -> None:
    plain = embedded_fonts(HTML(string=HTML_TEXT).write_pdf())
    pdf = _write()
    stubbed = embedded_fonts(pdf)
    assert set(stubbed) == set(plain)
    postscript = set()
    for name, (key, program, text) in stubbed.items():
        identity = stub_identity(program)
        assert identity is not None
        postscript.add(identity.postscript)
        assert key == plain[name][0]  # FontFile3 for CFF outlines, FontFile2 for TrueType
        assert text == plain[name][2]
    assert postscript == {"NotoSerifCJKsc-Regular", "DejaVuSans"}
    assert len(pdf) < 10_000


def test_merge_cuts_deferred_faces_from_the_installed_font() -> None:
    pdf = _write()
    checked, problems = glyphs_without_outline(_merge(pdf))
    assert checked >= 25 and not problems
    # a stub and a real subset of one face (say a chunk and a furniture pass) become one font
    both = _merge(pdf, HTML(string=HTML_TEXT).write_pdf())
    assert len(embedded_fonts(both)) == 2 and not glyphs_without_outline(both)[1]


def _other_file(program: bytes) -> bytes:
    """A stub naming the same face in another file (another 'head' table)."""
    identity = json.loads(program[4 + len(STUB_MARK):])
    return program[:4 + len(STUB_MARK)] + json.dumps({**identity, "head_sha256": "0" * 64}).encode()


def test_a_mismatching_identity_fails() -> None:
    with pytest.raises(RenderError, match=r"^font (NotoSerifCJKsc-Regular|DejaVuSans) changed or was removed"):
        _merge(_write(), edit=_other_file)


def test_an_unreadable_stub_fails() -> None:
    with pytest.raises(RenderError, match="unreadable deferred font"):
        _merge(_write(), edit=lambda program: program[:-4])


def test_a_font_fontconfig_does_not_list_is_subset_in_the_chunk(tmp_path: Path) -> None:
    """A theme's @font-face file is no installed face: WeasyPrint subsets it as usual."""
    font = TTFont("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    font["head"].fontRevision += 1  # same PostScript name, another file
    font.save(tmp_path / "theme-font.ttf")
    html = ("<style>@font-face { font-family: ThemeFont; src: url(theme-font.ttf) }</style>"
            "<p style='font-family: ThemeFont'>Hello</p>")
    pdf = _write(html, base_url=str(tmp_path / "print.html"))
    [(key, program, _text)] = embedded_fonts(pdf).values()
    assert key == "/FontFile2" and stub_identity(program) is None
    assert not glyphs_without_outline(_merge(pdf))[1]


def test_faces_cut_early_from_the_chunks_give_the_same_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """early_subsets (cut while the furniture is laid out) from the chunks' pages: a face the
    furniture adds no glyph to is not cut again, one it adds glyphs to is, and the merged
    file is byte for byte the one merged without them."""
    from exporter.writers.pdf import fonts_merge

    chunk = _write()
    furniture = _write("""<p style="font-family: 'Noto Serif CJK SC'">通车，大桥</p>
<p style="font-family: 'DejaVu Sans'">Zebra</p>""")
    early = fonts_merge.early_subsets(list(PdfReader(io.BytesIO(chunk)).pages))
    assert len(early.subsets) == 2 and early.installed

    def merged(early: fonts_merge.EarlySubsets | None) -> tuple[bytes, int]:
        cuts, original = [], fonts_merge._subset
        monkeypatch.setattr(fonts_merge, "_subset", lambda face, gids: cuts.append(gids) or original(face, gids))
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(furniture)))
        writer.append(PdfReader(io.BytesIO(chunk)))
        fonts_merge.merge_font_subsets(writer, early)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue(), len(cuts)

    with_early, cut_after = merged(early)
    without, cut_without = merged(None)
    assert with_early == without
    assert (cut_without, cut_after) == (2, 1)  # "Zebra" adds glyphs to DejaVu Sans only


def test_faces_the_furniture_adds_glyphs_to_are_cut_beside(monkeypatch: pytest.MonkeyPatch) -> None:
    """EarlySubsets.cut_beside: the faces the furniture's pages add glyphs to are cut to the
    union by a worker process while the assembly reads the furniture; the merge then cuts
    nothing itself and the file is byte for byte the one merged without it."""
    from concurrent.futures import ProcessPoolExecutor

    from exporter.writers.pdf import fonts_merge

    chunk = _write()
    furniture = _write("""<p style="font-family: 'Noto Serif CJK SC'">通车，大桥</p>
<p style="font-family: 'DejaVu Sans'">Zebra</p>""")

    def merged(beside: Callable[..., object] | None) -> tuple[bytes, int, int]:
        early = fonts_merge.early_subsets(list(PdfReader(io.BytesIO(chunk)).pages))
        reader = PdfReader(io.BytesIO(furniture))
        if beside is not None:
            early.cut_beside(list(reader.pages), beside)  # type: ignore[arg-type]
        cuts, original = [], fonts_merge._subset
        monkeypatch.setattr(fonts_merge, "_subset", lambda face, gids: cuts.append(gids) or original(face, gids))
        writer = PdfWriter(clone_from=reader)
        writer.append(PdfReader(io.BytesIO(chunk)))
        fonts_merge.merge_font_subsets(writer, early)
        out = io.BytesIO()
        writer.write(out)
        monkeypatch.undo()
        return out.getvalue(), len(early.pending), len(cuts)

    with ProcessPoolExecutor(1) as pool:
        beside, pending, cut_here = merged(pool.submit)
    here, _, cut_without = merged(None)
    assert beside == here
    assert (pending, cut_here, cut_without) == (1, 0, 1)  # DejaVu Sans, cut by the worker


def test_faces_cut_early_or_beside_are_compressed_and_kept_where_they_are_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    """The faces cut while the furniture is laid out (early_subsets) and by an idle worker
    (cut_beside) come compressed and are put in the memo where they are cut: the merge, in the
    assembly's tail, compresses nothing and asks the memo nothing, and the file is byte for byte
    the one merged without them (which cuts, compresses and memoises every face itself)."""
    from concurrent.futures import ProcessPoolExecutor

    from exporter.writers.pdf import fonts_merge

    chunk = _write()
    furniture = _write("""<p style="font-family: 'Noto Serif CJK SC'">通车，大桥</p>
<p style="font-family: 'DejaVu Sans'">Zebra</p>""")

    def merged(beside: Callable[..., object] | None, memo_dir: Path) -> tuple[bytes, list[str], int, int]:
        cache = ChunkCache(memo_dir)
        memo = partial(cache.memo, "shared")
        early = fonts_merge.early_subsets(list(PdfReader(io.BytesIO(chunk)).pages), memo) if beside else None
        reader = PdfReader(io.BytesIO(furniture))
        if early is not None:
            early.cut_beside(list(reader.pages), beside, memo)  # type: ignore[arg-type]
        asked, compressed = [], []
        memo_here = ChunkCache.memo  # patched on the class: the worker's call, pickled later, takes the cache as it is
        monkeypatch.setattr(ChunkCache, "memo", lambda self, shared, key, make: asked.append(key) or memo_here(self, shared, key, make))
        original = fonts_merge._program
        monkeypatch.setattr(fonts_merge, "_program", lambda subset: compressed.append(1) or original(subset))
        writer = PdfWriter(clone_from=reader)
        writer.append(PdfReader(io.BytesIO(chunk)))
        fonts_merge.merge_font_subsets(writer, early, partial(cache.memo, "shared"))
        out = io.BytesIO()
        writer.write(out)
        monkeypatch.undo()
        return out.getvalue(), asked, len(compressed), len(list(memo_dir.rglob("*.bin")))

    with ProcessPoolExecutor(1) as pool, tempfile.TemporaryDirectory() as tmp:
        early, asked_early, compressed_early, kept_early = merged(pool.submit, Path(tmp) / "early")
        here, asked_here, compressed_here, kept_here = merged(None, Path(tmp) / "here")
    assert early == here
    assert (asked_early, compressed_early) == ([], 0)
    assert (len(asked_here), compressed_here) == (2, 2)  # Noto Serif CJK SC and DejaVu Sans, each once
    # written in the merge; or early (both faces to the chunks' glyphs) and beside (DejaVu Sans
    # to the union with the furniture's "Zebra"): a rebuild with the same chunks cuts none early
    assert (kept_early, kept_here) == (3, 2)
