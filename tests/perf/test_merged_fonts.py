"""A chunked PDF embeds one subset per font face (pdf_fonts_merge.py), as a single pass does,
though the chunks left their subsets to the assembly (pdf_fonts_defer.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pypdf import PdfReader

from exporter.api import BuildOptions, build
from exporter.weasyprint_ext.font_subsets import stub_identity

from .helpers import embedded_fonts, glyphs_without_outline, page_texts


def _pdf(source: Path, out: Path, jobs: int, cache_dir: Path | None = None) -> Path:
    options = BuildOptions(outdir=out, jobs=jobs, parallel_min_characters=0, cache_dir=cache_dir)
    [pdf] = build(source, "pdf", options=options)
    return pdf


def _fonts(pdf: Path) -> list[tuple[str, str, str, str]]:
    """(name without its subset tag, type, embedded, subset) per line of `pdffonts`."""
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return [(words[0].split("+", 1)[-1], " ".join(words[1:-6]), *words[-5:-3]) for words in map(str.split, lines)]


def _drawn_glyphs(pdf: Path) -> set[int]:
    """Every glyph id in the widths of the fonts the pages use (and their forms): WeasyPrint
    lists each glyph it draws."""
    gids: set[int] = set()
    resources = [page.get("/Resources") for page in PdfReader(pdf).pages]
    while resources:
        found = resources.pop()
        found = found.get_object() if found is not None else {}
        for font in (found.get("/Font") or {}).values():
            items = list(font.get_object()["/DescendantFonts"][0].get_object()["/W"])
            gids.update(int(first) + i for first, run in zip(items[::2], items[1::2]) for i in range(len(run)))
        resources += [form.get_object().get("/Resources") for form in (found.get("/XObject") or {}).values()]
    return gids


def _pages_as_images(pdf: Path, folder: Path) -> list[bytes]:
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "40", "-gray", str(pdf), str(folder / "p")], check=True)
    return [page.read_bytes() for page in sorted(folder.iterdir())]


def test_chunks_share_one_font_subset_per_face(volume_source: Path, tmp_path: Path) -> None:
    single = _pdf(volume_source, tmp_path / "single", jobs=1)
    chunked = _pdf(volume_source, tmp_path / "chunked", jobs=2)
    fonts = _fonts(chunked)
    assert sorted(fonts) == sorted(set(fonts)) == sorted(_fonts(single))  # each face once
    assert all(embedded == subset == "yes" for _, _type, embedded, subset in fonts)
    checked, problems = glyphs_without_outline(chunked)  # real font programs, no chunk's stub
    assert checked > 100 and not problems
    assert page_texts(chunked) == page_texts(single)
    drawn = _drawn_glyphs(chunked)
    assert len(drawn) > 100 and 0 not in drawn
    # every glyph the merged subsets draw is the one a single pass draws
    assert _pages_as_images(chunked, tmp_path / "a") == _pages_as_images(single, tmp_path / "b")
    assert chunked.stat().st_size <= 1.3 * single.stat().st_size


def test_a_rebuild_from_the_cache_embeds_real_fonts(volume_source: Path, tmp_path: Path) -> None:
    cold = _pdf(volume_source, tmp_path / "cold", jobs=2, cache_dir=tmp_path / "cache")
    warm = _pdf(volume_source, tmp_path / "warm", jobs=2, cache_dir=tmp_path / "cache")
    cached = [embedded_fonts(entry) for entry in (tmp_path / "cache").rglob("*.pdf")]
    assert len(cached) >= 3 and all(stub_identity(program) for fonts in cached for _, program, _ in fonts.values())
    assert sorted(_fonts(warm)) == sorted(set(_fonts(warm))) == sorted(_fonts(cold))
    checked, problems = glyphs_without_outline(warm)
    assert checked > 100 and not problems
    assert page_texts(warm) == page_texts(cold)
