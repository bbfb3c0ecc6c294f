"""What a small (one-pass) PDF build does not pay for: imports of the chunked path, and
fontconfig's charsets when the theme's fonts cover the text (counted, never timed)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from exporter import fonts
from tests.conftest import ROOT


def test_the_pdf_writer_imports_no_assembly_and_no_progress_display() -> None:
    """pypdf (assembly, bleed box) and rich (progress) are the chunked path's and a bleed's."""
    code = ("import sys, exporter.writers.pdf.writer\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'pypdf', 'rich'}))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


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
