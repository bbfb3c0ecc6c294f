"""Huge and odd input in EPUB and PDF (HTML is in test_input.py): each renders or fails
with a clear error, never a crash or a hang; huge images are downscaled for EPUB."""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from exporter import build, load
from exporter.api import BuildOptions
from exporter.writers.epub.images import MAX_PIXELS

from ..conftest import run_cli
from .conftest import BASE, write


def book_files(epub: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(epub) as book:
        return {n: book.read(n) for n in book.namelist()}


def book_text(epub: Path) -> str:
    pages = [v for n, v in book_files(epub).items() if n.endswith(".xhtml")]
    return "\n".join("".join(etree.fromstring(p).itertext()) for p in pages)


def pdf_text(pdf: Path) -> str:
    """The text layer without white space (print adds spaces between Han and digits)."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(text.split())


def articles(n: int) -> list[dict[str, object]]:
    return [{"headline": f"第{i}篇", "section": f"版{i % 20}", "blocks": [{"type": "paragraph", "text": f"正文{i}。"}]}
            for i in range(n)]


@pytest.mark.slow
def test_two_thousand_articles_in_epub(tmp_path):
    [epub] = build(load(write(tmp_path, BASE | {"articles": articles(2000)})), "epub", "digest",
                   BuildOptions(outdir=tmp_path / "out"))
    assert len([n for n in book_files(epub) if n.startswith("EPUB/article-")]) == 2000


@pytest.mark.slow
def test_a_hundred_articles_in_pdf(tmp_path):
    """100, not 2,000: print layout costs about 0.1 s of CPU per short article here, and
    2,000 would take minutes on a two-core CI machine; the count only has to show scale."""
    [pdf] = build(load(write(tmp_path, BASE | {"articles": articles(100)})), "pdf", "broadsheet",
                  BuildOptions(outdir=tmp_path / "out"))
    text = pdf_text(pdf)
    assert "第0篇" in text and "第99篇" in text


def test_megabyte_paragraph_renders_in_epub_and_is_refused_quickly_for_pdf(tmp_path):
    big = "青川港口建设。" * 150_000
    source = write(tmp_path, BASE | {"articles": [{"headline": "长文", "blocks": [{"type": "paragraph", "text": big}]}]})
    [epub] = build(load(source), "epub", "digest", BuildOptions(outdir=tmp_path / "out"))
    assert big in book_text(epub)
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "exporter", "build", str(source), "--to", "pdf",
                             "-o", str(tmp_path / "pdf")], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "articles[0]: a text of 1,050,000 characters is too long to lay out in print" in result.stderr
    assert time.monotonic() - started < 60 and not (tmp_path / "pdf" / "edition.pdf").exists()


ODD = ["零\u200b宽\u200d字符\ufeff", "正\u0007文\x1b。", "مرحبا بالعالم", "עברית", "left \u202eRIGHT\u202c end"]


@pytest.fixture
def odd_source(tmp_path: Path) -> Path:
    return write(tmp_path / "src", BASE | {"articles": [
        {"headline": "杂字", "blocks": [{"type": "paragraph", "text": t} for t in ODD]},
        {"headline": "只有标题"}]})


def test_zero_width_control_and_rtl_text_and_an_empty_article_in_epub(tmp_path, odd_source):
    result = run_cli("build", odd_source, "--to", "epub", "-o", tmp_path)
    assert result.code == 0, result.err
    assert "removed 2 control character(s) (U+0007, U+001B)" in result.err
    text = book_text(tmp_path / "edition.epub")
    assert all(t in text for t in [ODD[0], "正文。", *ODD[2:], "只有标题"])


def test_zero_width_control_and_rtl_text_and_an_empty_article_in_pdf(tmp_path, odd_source):
    result = run_cli("build", odd_source, "--to", "pdf", "-o", tmp_path)
    assert result.code == 0, result.err
    text = pdf_text(tmp_path / "edition.pdf")
    assert "只有标题" in text and "正文。" in text and "leftTHGIRend" in text  # U+202E reverses, as it should


def test_emoji_render_in_epub_and_are_a_clear_font_error_or_a_render_in_pdf(tmp_path):
    source = write(tmp_path / "src", BASE | {"articles": [
        {"headline": "庆祝🎉", "blocks": [{"type": "paragraph", "text": "family 👨\u200d👩\u200d👧"}]}]})
    result = run_cli("build", source, "--to", "epub", "-o", tmp_path)
    assert result.code == 0, result.err
    files = book_files(tmp_path / "edition.epub")
    assert "family 👨\u200d👩\u200d👧" in book_text(tmp_path / "edition.epub")
    assert "庆祝🎉" in files["EPUB/cover.xhtml"].decode()  # the alt text; the drawn cover leaves the emoji out
    result = run_cli("build", source, "--to", "pdf", "-o", tmp_path)
    assert "Traceback" not in result.err
    if result.code == 2:  # no emoji font in the theme's stacks: named, with the fix
        assert "no glyph for “🎉” U+1F389" in result.err and "apt-get install" in result.err
        assert not (tmp_path / "edition.pdf").exists()
    else:
        assert result.code == 0 and "庆祝" in pdf_text(tmp_path / "edition.pdf")


def test_surrogates_are_errors_in_markdown_too(tmp_path):
    (tmp_path / "edition.toml").write_text('title = "x"\ndate = 2026-11-20\n', encoding="utf-8")
    (tmp_path / "a.md").write_bytes("---\nheadline: 标题\n---\n正文".encode() + b"\xed\xa0\x80\n")
    result = run_cli("validate", tmp_path)
    assert result.code == 2 and "not UTF-8" in result.err and "Traceback" not in result.err


def _image(fmt: str, size: tuple[int, int]) -> bytes:
    buf = io.BytesIO()
    Image.linear_gradient("L").resize(size).convert("RGB").save(buf, fmt)
    return buf.getvalue()


def test_huge_images_are_downscaled_for_epub_keeping_format_and_shape(tmp_path):
    images = {"wide.jpg": ("JPEG", (4000, 1500)), "big.png": ("PNG", (2500, 2000)), "small.png": ("PNG", (300, 200))}
    for name, (fmt, size) in images.items():
        (tmp_path / name).write_bytes(_image(fmt, size))
    source = write(tmp_path, BASE | {"articles": [{"headline": "图片", "blocks": [
        {"type": "figure", "src": name, "caption": name} for name in images]}]})
    # --jobs 2: the formats build in worker processes, which hand their warnings back
    result = run_cli("build", source, "--to", "epub,html", "--jobs", "2", "-o", tmp_path / "out")
    assert result.code == 0, result.err
    notes = [line for line in result.err.splitlines() if "downscaled" in line]
    assert len(notes) == 2 and all(line.startswith("warning: ") and "4 megapixels" in line for line in notes)
    packed = {n.rsplit("-", 1)[0].split("-", 1)[1]: data for n, data in book_files(tmp_path / "out" / "edition.epub").items()
              if n.startswith("EPUB/images/") and "cover" not in n}
    for stem, (fmt, (w, h)) in zip(["wide", "big", "small"], images.values(), strict=True):
        with Image.open(io.BytesIO(packed[stem])) as im:
            assert im.format == fmt and im.width * im.height <= MAX_PIXELS
            assert abs(im.width / im.height - w / h) < 0.01
            assert (im.width, im.height) == ((w, h) if w * h <= MAX_PIXELS else im.size)
    assert packed["small"] == (tmp_path / "small.png").read_bytes()
    html_copy = next((tmp_path / "out" / "edition" / "images").glob("*big*"))
    assert Image.open(html_copy).size == (2500, 2000)  # HTML and PDF keep the original
