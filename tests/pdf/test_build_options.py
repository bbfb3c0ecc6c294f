"""Profiles, page sizes, variants, --emit-print-html, the URL allow-list and font coverage."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from weasyprint import HTML

from exporter.fonts import faces_for, missing_characters
from exporter.weasyprint_ext.patches import patched
from exporter.writers.pdf.fetcher import RefusedURL, StagedFetcher
from exporter.themes import load_theme

from ..samples import SMALL_EDITION, write_edition
from .helpers import pdftotext, squeeze

MM = 72 / 25.4


def _box(page, name: str) -> tuple[float, ...]:
    return tuple(float(v) for v in getattr(page, name))


def test_print_profile_sets_bleed_and_draws_crop_marks(build_pdf, small_source: Path, tmp_path: Path) -> None:
    _, pdf = build_pdf(small_source, "digest", profile="print")
    page = PdfReader(pdf).pages[0]
    trim, bleed = _box(page, "trimbox"), _box(page, "bleedbox")
    assert [round(b - t, 2) for b, t in zip(bleed, trim, strict=True)] == [round(d * 3 * MM, 2) for d in (-1, -1, 1, 1)]
    # crop marks sit on paper outside the bleed (media box = trim + bleed + 9 mm for marks):
    # the marks' strip at the corner has ink, the bleed itself at the corner does not
    media = _box(page, "mediabox")
    assert round(trim[0] - media[0], 1) == round(12 * MM, 1)
    subprocess.run(["pdftoppm", "-r", "144", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "p")], check=True)
    [png] = tmp_path.glob("p*.png")
    px = 2 * MM  # pixels per mm at 144 dpi
    with Image.open(png) as im:
        grey = im.convert("L")
        assert grey.crop((0, 0, round(9 * px), round(12 * px) + 4)).getextrema()[0] < 128
        assert grey.crop((round(9 * px) + 2, round(9 * px) + 2, round(12 * px) - 2, round(12 * px) - 2)).getextrema()[0] > 200


def test_screen_profile_has_no_bleed(build_pdf, small_source: Path) -> None:
    _, pdf = build_pdf(small_source, "digest")
    page = PdfReader(pdf).pages[0]
    assert _box(page, "trimbox") == _box(page, "mediabox")


def test_page_size_override(build_pdf, small_source: Path) -> None:
    _, pdf = build_pdf(small_source, "digest", page_size="150mmx200mm")
    box = _box(PdfReader(pdf).pages[0], "mediabox")
    assert (round(box[2] - box[0], 1), round(box[3] - box[1], 1)) == (round(150 * MM, 1), round(200 * MM, 1))


def test_pdf_ua_is_tagged(build_pdf, small_source: Path) -> None:
    _, pdf = build_pdf(small_source, "digest", pdf_variant="pdf/ua-1")
    root = PdfReader(pdf).trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]


def test_emitted_print_html_reproduces_the_pdf(build_pdf, small_source: Path, tmp_path: Path) -> None:
    _, pdf = build_pdf(small_source, "digest")
    stage = pdf.with_suffix(".print")
    assert (stage / "print.html").is_file() and list((stage / "images").iterdir())
    again = tmp_path / "again.pdf"
    with patched():  # `python -m exporter.weasyprint_ext.layout print.html out.pdf`
        HTML(filename=stage / "print.html").write_pdf(again)
    assert len(PdfReader(again).pages) == len(PdfReader(pdf).pages)
    assert pdftotext(again, "-layout") == pdftotext(pdf, "-layout")


def test_fetcher_serves_only_the_stage_and_data(tmp_path: Path) -> None:
    stage = tmp_path / "stage"
    stage.mkdir()
    (stage / "ok.css").write_text("p{}")
    (tmp_path / "secret.txt").write_text("secret")
    (stage / "link.css").symlink_to(tmp_path / "secret.txt")
    fetcher = StagedFetcher(stage)
    assert fetcher.fetch((stage / "ok.css").as_uri()).read() == b"p{}"
    assert fetcher.fetch("data:text/css,p%7B%7D").read() == b"p{}"
    for url in ((tmp_path / "secret.txt").as_uri(), (stage / "link.css").as_uri(),
                "file:///dev/urandom", "http://example.com/x.css", f"{stage.as_uri()}/../secret.txt"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 5


def test_build_refuses_files_outside_the_edition(cli, tmp_path: Path, caplog) -> None:
    (tmp_path / "secret.png").write_bytes(b"\x89PNG not really")
    theme = tmp_path / "nosy"
    theme.mkdir()
    (theme / "theme.toml").write_text('name = "nosy"\nextends = "digest"\n[stylesheets]\npdf = ["nosy.css"]\n')
    (theme / "nosy.css").write_text(f'body {{ background: url("{(tmp_path / "secret.png").as_uri()}") }}\n')
    src = write_edition(tmp_path / "ed", SMALL_EDITION)
    result = cli("build", src, "--to", "pdf", "--theme", theme, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    assert any("refused to fetch" in r.getMessage() and "secret.png" in r.getMessage() for r in caplog.records)


def test_missing_glyphs_fail_before_rendering(cli, tmp_path: Path) -> None:
    # KATAKANA LETTER ARCHAIC E: in no installed font (fonts-noto-core has Linear B, U+10000)
    rare = "\U0001B000"
    theme = load_theme("digest")
    assert missing_characters(rare, faces_for([f for s in theme.fonts.values() for f in s]))
    edition = json.loads(json.dumps(SMALL_EDITION))
    edition["articles"][0]["blocks"][0]["text"] = f"符号{rare}无法显示。"
    src = write_edition(tmp_path / "ed", edition)
    result = cli("build", src, "--to", "pdf", "--theme", "digest", "-o", tmp_path / "out")
    assert result.code == 2
    assert "U+1B000" in result.err and "apt-get install" in result.err
    assert not list((tmp_path / "out").glob("*.pdf"))


@pytest.mark.parametrize(("flag", "value"), [("--page-size", "A9"), ("--pdf-variant", "pdf/z-9")])
def test_bad_options_are_usage_errors(cli, small_source: Path, tmp_path: Path, flag: str, value: str) -> None:
    result = cli("build", small_source, "--to", "pdf", flag, value, "-o", tmp_path)
    assert result.code == 2 and value in result.err
    assert not list(tmp_path.glob("*.pdf"))


def test_small_edition_text_layer(build_pdf, small_source: Path) -> None:
    loaded, pdf = build_pdf(small_source, "digest")
    text = squeeze(pdftotext(pdf, "-raw"))
    assert all(squeeze(t) in text for a in loaded.edition.articles for t in a.texts)
