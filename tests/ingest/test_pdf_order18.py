"""Reading order and story boundaries in page PDFs, session 18 (pdf18order). Real pages of
ingest-blind13 (which shaped the rules) and of the other development corpora, and the rules on
made-up blocks."""

from __future__ import annotations

from pathlib import Path

from exporter.ingest.pdf import read_pdf

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _lines(corpus: str, name: str) -> list[str]:
    return [line.strip() for line in read_pdf(FIXTURES / corpus / name)[0].text.splitlines() if line.strip()]


def test_a_stretched_word_space_over_a_word_of_the_line_above_is_no_gutter() -> None:
    """A justified line with one word space stretched over four ems (`Lockwood      said`,
    blind13's chess page; `breakfast      on`, blind4's Millbrook page) was cut there: a
    letter of the line above straddles the gap's far side, and the test for text starting
    at that side (the next column's edge) read the letter after it as such a start. The
    word stays on its line, in its story."""
    assert "Lockwood said" in _lines("ingest-blind13", "rl-ashby-p38.pdf")
    assert "breakfast on" in _lines("ingest-blind4", "cr-millbrook-a1a6.pdf")


def test_word_spaces_lined_up_by_chance_leave_no_gutter() -> None:
    """blind13's garden page justifies `nurseries, and      each` over a narrow column; the
    word spaces of the lines above and below (`were donated by local`, `carries a small`)
    leave a third of an em clear inside the stretched space, which had passed for a gutter's
    channel. A channel narrower than a gutter is none: `each` stays on its line."""
    assert "nurseries, and each" in _lines("ingest-blind13", "rl-kloof-g14.pdf")
