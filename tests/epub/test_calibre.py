"""Kindle conversion with calibre (`ebook-convert`, optional: skipped when calibre is not
installed; `make` never installs it): AZW3 keeps the embedded fonts, and calibre's CSS
parser has nothing to say about our stylesheets.

The AZW3 is converted back to an OEB folder to look inside it: calibre unpacks the fonts
KF8 carries into plain files and @font-face rules (its EPUB output would obfuscate them)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from exporter.api import BuildOptions, build

from ..conftest import EN_EXAMPLE, ZH_EXAMPLE

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("ebook-convert") is None, reason="calibre (ebook-convert) is not installed"),
]
CSS_COMPLAINTS = ("CSSStyleDeclaration", "CSSStyleRule", "CSSMediaRule", "Property:", "PropertyValue")


def convert(source: Path, target: Path) -> str:
    run = subprocess.run(["ebook-convert", str(source), str(target)], capture_output=True, text=True,
                         timeout=600, check=False)
    assert run.returncode == 0 and target.exists(), run.stdout[-3000:] + run.stderr[-3000:]
    return run.stdout + run.stderr


def fonts_in(epub: Path) -> dict[str, str]:
    """Font file -> family name (name ID 1), for every font in the EPUB."""
    with zipfile.ZipFile(epub) as z:
        return {n: TTFont(BytesIO(z.read(n)))["name"].getDebugName(1)
                for n in z.namelist() if n.lower().endswith((".otf", ".ttf"))}


def fonts_in_folder(folder: Path) -> dict[str, str]:
    return {p.name: TTFont(p)["name"].getDebugName(1) for p in folder.rglob("*") if p.suffix.lower() in (".otf", ".ttf")}


@pytest.mark.parametrize(("source", "theme"), [(EN_EXAMPLE, "digest"), (ZH_EXAMPLE, "broadsheet")],
                         ids=["en-digest", "zh-broadsheet"])
def test_azw3_keeps_the_embedded_fonts_and_calibre_accepts_the_css(source: Path, theme: str, tmp_path: Path) -> None:
    (epub,) = build(source, "epub", theme, BuildOptions(outdir=tmp_path, embed_fonts=True))
    ours = fonts_in(epub)
    assert ours
    log = convert(epub, tmp_path / "book.azw3")
    complaints = [line for line in log.splitlines() if any(c in line for c in CSS_COMPLAINTS)]
    assert complaints == [], "\n".join(complaints)
    assert "no name table" not in log and "Failed to" not in log
    convert(tmp_path / "book.azw3", tmp_path / "back.oeb")
    kept = fonts_in_folder(tmp_path / "back.oeb")
    assert sorted(kept.values()) == sorted(ours.values()), f"AZW3 lost fonts: had {ours}, kept {kept}"
    css = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "back.oeb").rglob("*.css"))
    for family in ours.values():
        assert f'font-family: "{family} (embedded)"' in css
