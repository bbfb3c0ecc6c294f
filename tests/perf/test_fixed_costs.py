"""What a small (one-pass) PDF build does not pay for: imports of the chunked path, and
fontconfig's charsets when the theme's fonts cover the text (counted, never timed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from exporter import fonts
from tests.conftest import ROOT
from tests.samples import write_edition


def _imported(code: str, modules: set[str]) -> list[str]:
    """Which of `modules` (or a module inside one) a fresh interpreter has imported after `code`."""
    code += (f"\nimport sys\nprint(' '.join(sorted({{n for n in {sorted(modules)!r} for m in sys.modules"
             " if m == n or m.startswith(n + '.')})))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_the_pdf_writer_imports_no_assembly_no_progress_display_and_no_segmenter() -> None:
    """pypdf (assembly, bleed box), rich (progress) and the worker pool, chunk cache and
    assembly modules are the chunked path's and a bleed's; rjieba (its dictionary: about
    0.1 s) is loaded by the first headline with Han."""
    chunked = {"exporter.writers.pdf.parallel", "exporter.writers.pdf.cache", "exporter.writers.pdf.assemble"}
    assert _imported("import exporter.writers.pdf.writer", {"pypdf", "rich", "rjieba", *chunked}) == []


def test_a_pdf_build_imports_no_other_writer_reader_or_archive() -> None:
    """`exporter build --to pdf` (the command, the PDF writer) loads neither the EPUB writer nor
    the ingest readers, the archive or their libraries."""
    code = "import exporter.cli, exporter.commands.build, exporter.writers.pdf.writer"
    assert _imported(code, {"exporter.writers.epub", "exporter.ingest", "exporter.archive", "ebooklib",
                            "pdfplumber", "fitz", "dask"}) == []


def test_the_segmenter_is_loaded_only_for_han_text() -> None:
    latin = "from exporter.words import word_spans\nword_spans('Harbour works begin on the north quay')"
    assert _imported(latin, {"rjieba"}) == []
    assert _imported(latin + "\nassert str(word_spans('港口工程开工')).count('class=\"w\"') >= 2", {"rjieba"}) == ["rjieba"]


def test_fontconfig_charsets_are_read_only_when_the_stack_lacks_a_glyph(monkeypatch: pytest.MonkeyPatch) -> None:
    faces = fonts.faces_for(["Noto Serif CJK SC", "Noto Sans CJK SC", "serif"])
    if not faces:
        pytest.skip("no CJK font installed")

    def no_charsets() -> tuple[tuple[int, int], ...]:
        raise AssertionError("fc-list's charsets read for text the stack covers")

    monkeypatch.setattr(fonts, "_fallback_ranges", no_charsets)
    assert fonts.missing_after_fallback("本报讯 记者 2026 年", faces) == []
    monkeypatch.setattr(fonts, "_fallback_ranges", lambda: ((0x1F300, 0x1FAFF),))
    assert fonts.missing_after_fallback("庆祝\U0001F389\u0F00", faces) == ["\u0F00"]


def test_compiled_templates_are_kept_in_the_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build with a cache folder keeps Jinja's compiled templates there: the next one renders
    the same print.html without compiling a template (counted, not timed)."""
    from exporter.api import load_source
    from exporter.templating import ThemeSandbox, make_environment
    from exporter.writers.pdf.writer import print_context, with_jumps_joined

    loaded, theme = load_source(write_edition(tmp_path / "src"))
    context = print_context(with_jumps_joined(loaded), theme, ["a.css"])
    compiled: list[str] = []
    compile_ = ThemeSandbox.compile
    monkeypatch.setattr(ThemeSandbox, "compile", lambda env, source, name=None, *args, **kwargs: (
        compiled.append(str(name)), compile_(env, source, name, *args, **kwargs))[1])

    def render(folder: Path | None) -> str:
        return str(make_environment(theme, folder).get_template("print.html").render(context))

    plain = render(None)
    assert len(compiled) > 5  # print.html and its partials
    compiled.clear()
    assert render(tmp_path / "cache") == plain and len(compiled) > 5  # compiled and kept
    compiled.clear()
    assert render(tmp_path / "cache") == plain and compiled == []  # loaded
    assert len(list((tmp_path / "cache").glob("templates-*/*"))) > 5


def test_a_pass_freezes_what_lives_before_it_and_collects_in_full_less_often() -> None:
    """Inside a one pass (gc_policy.fewer_full_collections) the objects made before it are frozen
    and a full collection waits for 100 younger ones; both are restored after, and nothing is
    changed where objects are frozen already or the collector is off."""
    import gc

    from exporter.writers.pdf.gc_policy import FULL_COLLECTION_EVERY, fewer_full_collections

    threshold = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    with fewer_full_collections():
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[2] == max(threshold[2], FULL_COLLECTION_EVERY)
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == threshold
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with fewer_full_collections():
            assert gc.get_freeze_count() == frozen and gc.get_threshold() == threshold
    finally:
        gc.unfreeze()
    gc.disable()
    try:
        with fewer_full_collections():
            assert gc.get_freeze_count() == 0 and gc.get_threshold() == threshold
    finally:
        gc.enable()
