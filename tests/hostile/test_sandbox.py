"""The rendering sandbox: a user theme whose CSS reaches for local files, files outside
the theme and the network gets none of them (PDF through the fetcher, EPUB through the
packaging, HTML through the theme copy); article text is always text; theme templates
run sandboxed in every format."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from ..conftest import run_cli
from .conftest import BASE, make_theme, png, write

XHTML = "{http://www.w3.org/1999/xhtml}"
SCRIPT = "<script>alert(1)</script>"
OUTSIDE = png(7, 7, (1, 2, 3))


@pytest.fixture
def hostile_theme(tmp_path: Path, loopback: tuple[str, list[str]]) -> tuple[Path, list[str]]:
    """A theme whose CSS asks for /etc/passwd four ways, a file beside the theme folder,
    a symbolic link out, and a stylesheet on a loopback server; texture.png is its own."""
    base_url, hits = loopback
    (tmp_path / "outside.png").write_bytes(OUTSIDE)
    css = (f"@import url({base_url}/x.css);\n"
           "@font-face { font-family: Leak; src: url(/etc/passwd) format('truetype'); }\n"
           "body { background-image: url(file:///etc/passwd); }\n"
           ".headline { background-image: url(../../outside.png); }\n"
           ".kicker { background-image: url('link.png'); }\n"
           ".byline { background-image: var(--leak); }\n"
           ".masthead { background-image: url(\"texture.png\"); }\n"
           "p { background-image: url(data:image/gif;base64,R0lGODlhAQABAAAAACw=); }\n")
    theme = make_theme(tmp_path / "themes", "hostile",
                       'extends = "broadsheet"\n[stylesheets]\nall = ["evil.css"]\n'
                       '[options]\nleak = "url(file:///etc/passwd)"\n',
                       {"evil.css": css, "texture.png": png(4, 4, (9, 9, 9))})
    (theme / "link.png").symlink_to(tmp_path / "outside.png")
    return theme, hits


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    return write(tmp_path / "src", BASE | {"articles": [{"kicker": "引题", "headline": "青川港二期码头投产", "byline": "记者 张三",
                                                          "blocks": [{"type": "paragraph", "text": "正文。"}]}]})


def test_pdf_fetcher_refuses_local_files_outside_and_the_network(tmp_path, hostile_theme, edition):
    theme, hits = hostile_theme
    result = run_cli("build", edition, "--to", "pdf", "--theme", theme, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    assert hits == []
    refused = [line for line in result.err.splitlines() if line.startswith("warning: refused to fetch")]
    for url in ("/x.css", "file:///etc/passwd", "outside.png", "link.png"):
        assert any(url in line for line in refused), (url, result.err)
    assert not any("texture.png" in line or "data:" in line for line in refused)
    assert b"root:x:0:0" not in (tmp_path / "out" / "edition.pdf").read_bytes()


def test_epub_packages_only_the_themes_own_files(tmp_path, hostile_theme, edition):
    theme, hits = hostile_theme
    result = run_cli("build", edition, "--to", "epub", "--theme", theme, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    assert hits == []
    with zipfile.ZipFile(tmp_path / "out" / "edition.epub") as book:
        files = {n: book.read(n) for n in book.namelist()}
    css = files["EPUB/css/hostile/evil.css"].decode()
    for leak in ("passwd", "127.0.0.1", "@import", "outside.png", "link.png"):
        assert all(leak not in data.decode() for name, data in files.items() if name.endswith(".css"))
    assert 'url("files/texture.png")' in css and "url(data:image/gif" in css
    assert files["EPUB/css/hostile/files/texture.png"] == png(4, 4, (9, 9, 9))
    assert OUTSIDE not in files.values() and not any(b"root:x:0:0" in data for data in files.values())
    warnings = [line for line in result.err.splitlines() if line.startswith("warning: refused")]
    assert len(warnings) == 6, result.err  # @import, /etc/passwd, file:, ../../, link out, the option (where it is used)


def test_html_copy_of_a_theme_leaves_links_out_behind(tmp_path, hostile_theme, edition):
    theme, _ = hostile_theme
    (theme / "passwd.css").symlink_to("/etc/passwd")
    result = run_cli("build", edition, "--theme", theme, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    copied = tmp_path / "out" / "edition" / "theme" / "hostile"
    assert (copied / "texture.png").is_file()
    assert not (copied / "link.png").exists() and not (copied / "passwd.css").exists()


@pytest.fixture
def script_edition(tmp_path: Path) -> Path:
    return write(tmp_path / "src", BASE | {"language": "en-GB", "articles": [
        {"headline": SCRIPT, "blocks": [{"type": "paragraph", "text": '<img src=x onerror="alert(2)"> & </p>'}]}]})


def test_script_headline_is_text_in_html(tmp_path, script_edition):
    assert run_cli("build", script_edition, "-o", tmp_path).code == 0
    doc = lxml.html.fromstring((tmp_path / "edition" / "index.html").read_bytes())
    assert [h.text_content() for h in doc.cssselect(".headline")] == [SCRIPT]
    assert not doc.cssselect("script") and not doc.cssselect("main img")
    assert doc.cssselect(".article-body p")[0].text_content() == '<img src=x onerror="alert(2)"> & </p>'


def test_script_headline_is_text_in_epub(tmp_path, script_edition):
    assert run_cli("build", script_edition, "--to", "epub", "-o", tmp_path).code == 0
    with zipfile.ZipFile(tmp_path / "edition.epub") as book:
        pages = [etree.fromstring(book.read(n)) for n in book.namelist() if n.endswith(".xhtml")]
    assert not [script for page in pages for script in page.iter(f"{XHTML}script")]
    headlines = ["".join(h.itertext()) for page in pages for h in page.iter(f"{XHTML}h1", f"{XHTML}h2", f"{XHTML}h3")]
    assert SCRIPT in headlines


def test_script_headline_is_text_in_pdf(tmp_path, script_edition):
    assert run_cli("build", script_edition, "--to", "pdf", "-o", tmp_path).code == 0
    text = subprocess.run(["pdftotext", str(tmp_path / "edition.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert SCRIPT in text and '<img src=x onerror="alert(2)">' in text


@pytest.mark.parametrize("target", ["epub", "pdf"])
def test_theme_templates_are_sandboxed_in_epub_and_pdf(tmp_path, edition, target):
    theme = make_theme(tmp_path / "themes", "evil", 'extends = "base"\n', {
        "templates/partials/headline_group.html": "{{ article.__class__.__mro__[-1].__subclasses__() }}\n"})
    argv = ["build", edition, "--to", target, "--theme", theme, "-o", tmp_path / "out"]
    result = run_cli(*argv)
    assert result.code == 2 and "Traceback" not in result.err
    assert "error: theme template: SecurityError" in result.err
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    debug = run_cli("--debug", *argv)
    assert debug.code == 2 and "Traceback" in debug.err
