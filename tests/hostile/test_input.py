"""Hostile and odd input for the readers and the HTML renderer: each a real attempt, with
a clean outcome asserted (a render, or a one-line error and exit 2; never a crash)."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import lxml.html
import pytest
from PIL import Image

from exporter import build, load
from exporter.assets import AssetPolicy
from exporter.api import BuildOptions

from ..conftest import run_cli
from .conftest import BASE, write


def html_of(source: Path, out: Path, policy: AssetPolicy = AssetPolicy()) -> lxml.html.HtmlElement:
    [index] = build(load(source, policy), "html", "broadsheet", BuildOptions(outdir=out))
    return lxml.html.fromstring(index.read_bytes())


def test_unpaired_surrogate_in_json_is_a_clean_error(tmp_path):
    path = tmp_path / "e.json"
    path.write_text('{"title": "x", "date": "2026-11-20", "articles": [{"headline": "bad \\ud800 text"}]}')
    result = run_cli("validate", path)
    assert result.code == 2
    assert result.err.strip() == f"error: {path}:articles[0].headline: contains an unpaired surrogate U+D800, which is not text"


def test_control_characters_are_removed_and_reported(tmp_path):
    path = write(tmp_path, BASE | {"articles": [{"headline": "标题\x07", "blocks": [{"type": "paragraph", "text": "正\x00文\x1b。"}]}]})
    loaded = load(path)
    assert loaded.edition.articles[0].blocks[0].text == "正文。"
    assert f"{path}:articles[0].blocks[0].text: removed 2 control character(s) (U+0000, U+001B)" in loaded.warnings
    html_of(path, tmp_path / "out")


def test_zero_width_rtl_and_emoji_render_unchanged(tmp_path):
    texts = ["零\u200b宽\u200d字符", "مرحبا بالعالم", "family 👨\u200d👩\u200d👧 and 🎉"]
    path = write(tmp_path, BASE | {"articles": [{"headline": "混合", "blocks": [{"type": "paragraph", "text": t} for t in texts]}]})
    doc = html_of(path, tmp_path / "out")
    assert [p.text_content() for p in doc.cssselect(".article-body p")] == texts


def test_article_with_no_paragraphs_and_empty_edition_render(tmp_path):
    doc = html_of(write(tmp_path, BASE | {"articles": [{"headline": "只有标题"}]}), tmp_path / "a")
    assert doc.cssselect(".headline")[0].text_content() == "只有标题"
    doc = html_of(write(tmp_path, BASE | {"articles": []}, "empty.json"), tmp_path / "b")
    assert not doc.cssselect("main article")


def test_two_thousand_articles_and_a_megabyte_paragraph(tmp_path):
    big = "青川" * 500_000
    arts = [{"headline": f"第{i}篇", "section": f"版{i % 20}", "blocks": [{"type": "paragraph", "text": f"正文{i}。"}]}
            for i in range(2000)]
    arts[0]["blocks"].append({"type": "paragraph", "text": big})
    doc = html_of(write(tmp_path, BASE | {"articles": arts}), tmp_path / "out")
    assert len(doc.cssselect("main article")) == 2000
    assert len(doc.cssselect(".article-body p")[1].text_content()) == 1_000_000


def _png_with_size(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge image (a decompression bomb's signature)."""
    buf = io.BytesIO()
    Image.new("L", (1, 1)).save(buf, "PNG")
    data = bytearray(buf.getvalue())
    ihdr = data[12:29]
    ihdr[4:12] = struct.pack(">II", width, height)
    data[12:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(ihdr)))
    return bytes(data)


def test_decompression_bomb_is_refused(tmp_path):
    (tmp_path / "bomb.png").write_bytes(_png_with_size(30000, 30000))
    path = write(tmp_path, BASE | {"articles": [{"kind": "photo", "blocks": [{"type": "figure", "src": "bomb.png", "caption": "c"}]}]})
    result = run_cli("validate", path)
    assert result.code == 2 and "too large to decode safely" in result.err and "Traceback" not in result.err


def test_missing_and_corrupt_images_become_visible_placeholders_when_asked(tmp_path):
    (tmp_path / "corrupt.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    path = write(tmp_path, BASE | {"articles": [{"headline": "图", "blocks": [
        {"type": "figure", "src": "gone.png", "caption": "缺失的图。"},
        {"type": "figure", "src": "corrupt.jpg", "caption": "损坏的图。"}]}]})
    assert run_cli("build", path, "-o", tmp_path / "strict").code == 2
    result = run_cli("build", path, "--missing-images", "placeholder", "-o", tmp_path / "out")
    assert result.code == 0, result.err
    assert result.err.count("a placeholder is shown instead") == 2
    doc = lxml.html.fromstring((tmp_path / "out" / "edition" / "index.html").read_bytes())
    placeholders = [p.text_content() for p in doc.cssselect(".image-placeholder")]
    assert placeholders == ["图片缺失: gone.png", "图片缺失: corrupt.jpg"]


def test_remote_images_are_refused_unless_allowed(tmp_path, loopback):
    base_url, hits = loopback
    path = write(tmp_path, BASE | {"articles": [{"kind": "photo", "blocks": [
        {"type": "figure", "src": f"{base_url}/photo.png", "caption": "远程图片。"}]}]})
    result = run_cli("build", path, "-o", tmp_path / "refused")
    assert result.code == 2 and "--allow-remote" in result.err and hits == []
    result = run_cli("build", path, "--allow-remote", "-o", tmp_path / "out")
    assert result.code == 0, result.err
    assert hits == ["/photo.png"]
    doc = lxml.html.fromstring((tmp_path / "out" / "edition" / "index.html").read_bytes())
    [img] = doc.cssselect("figure img")
    assert (tmp_path / "out" / "edition" / img.get("src")).read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("src", ["ftp://example.com/a.png", "file:///etc/passwd", "data:image/png;base64,AAAA"])
def test_other_url_schemes_are_refused_even_with_allow_remote(tmp_path, src):
    path = write(tmp_path, BASE | {"articles": [{"kind": "photo", "blocks": [{"type": "figure", "src": src, "caption": "c"}]}]})
    result = run_cli("validate", path, "--allow-remote")
    assert result.code == 2 and "is a URL" in result.err


def test_output_names_stay_inside_the_output_folder(tmp_path):
    src_dir = tmp_path / "src"
    src_dir.mkdir()
    for name in ("青川日报.json", "..json", "a b&c.json"):
        write(src_dir, BASE | {"articles": [{"headline": "x"}]}, name)
    out = tmp_path / "out"
    result = run_cli("build", *sorted(src_dir.iterdir()), "-o", out)
    assert result.code == 0, result.err
    written = sorted(p.relative_to(out).parts[0] for p in out.iterdir())
    assert len(written) == 3 and all(n.isascii() and "/" not in n and not n.startswith(".") for n in written)
    assert not list(tmp_path.glob("*.html")) and set(tmp_path.iterdir()) == {src_dir, out}
