"""Paragraph breaks read from where a PDF line stops (pdflines), on real pages of the
development corpora laid out by Chromium, reportlab and PyMuPDF."""

from __future__ import annotations

from pathlib import Path

from exporter.ingest import pdflines
from exporter.ingest.pdf import read_pdf

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _opened(corpus: str, name: str) -> tuple[list[str], set[str]]:
    """A page's lines, and the lines that open a paragraph because the one above stopped short."""
    (page,) = read_pdf(FIXTURES / corpus / name)
    lines = page.text.split("\n")
    return [t.strip() for t in lines if t.strip()], {lines[no - 1].strip() for no in page.opens}


def test_list_items_that_stop_short_each_open_a_paragraph() -> None:
    """An almanac box and a list of dates (reportlab, rl-beiyuan): items set flush, most
    without a full stop, each ending with room for the next item's first glyph."""
    lines, opened = _opened("ingest-blind7", "rl-beiyuan-w16.pdf")
    assert {"宜：祭祀 出行 会友", "忌：动土 安葬", "1958年：北原至东岭公路全", "1996年：北原晚报创刊十周"} <= opened
    assert "月 壬申日" in lines and "月 壬申日" not in opened  # the line above was full: a wrap


def test_rows_of_a_table_set_as_text_each_open_a_paragraph() -> None:
    """A player-ratings list whose rows wrap in a narrow column (Chromium, cr-saichang):
    each row after a row that stopped short is a paragraph; a row's wrapped second line is not."""
    lines, opened = _opened("ingest-blind5", "cr-saichang-a1.pdf")
    assert {"孔维 7.0 中场拦截积极", "霍天宇 6.5 进球之后防守失"} <= opened
    assert "转" in lines and "转" not in opened


def test_a_word_an_engine_carried_over_with_its_bracket_opens_nothing() -> None:
    """PyMuPDF carries `（Susanna` to the next line whole (a bracket may not end a line): the
    room left was too little for the word with its bracket, so no paragraph opens there (mu-jakarta)."""
    lines, opened = _opened("ingest-blind8", "mu-jakarta-a2.pdf")
    carried = next(t for t in lines if t.startswith("（Susanna"))
    assert carried not in opened


def test_a_jump_line_under_a_short_line_opens_no_paragraph() -> None:
    """（转第2版） under a story's last line ends that paragraph (the article's jump), so it
    is not opened as a paragraph of its own (pdf-county)."""
    lines, opened = _opened("ingest-blind", "pdf-county-1.pdf")
    assert "（转第2版）" in lines and "（转第2版）" not in opened


def test_a_block_that_is_no_one_column_tells_nothing() -> None:
    """Where a read stacked two columns' lines into one block (pdf-theory: lines starting 13
    ems apart), or read a line of the next column into a column's line (the line runs past
    the edge the others share), where a line stops says nothing."""
    lines, opened = _opened("ingest-blind2", "pdf-theory-1.pdf")
    assert not {"平台后，井盖破损、路灯故", "障等问题的平均处置时间由", "原来的3天缩短到6小时。"} & opened
    assert "些城市仍存在重建设轻管理、能真正赢得民心。" in lines  # read into from the next column
    assert not {"方面作了大量探索，积累了", "不少经验。但也要看到，一", "重硬件轻服务等问题，群众"} & opened


def test_a_note_under_a_table_set_as_text_may_run_past_its_rows() -> None:
    """A benefits table set as text (reportlab, rl-veterans): its rows stop short and each
    opens a paragraph, and the source note under it runs further than any row."""
    _, opened = _opened("ingest-blind8", "rl-veterans-v1.pdf")
    assert {"市内公交 免费乘坐 刷优待证", "北原博物馆 免费参观 售票处", "城南温泉 门票半价 服务台"} <= opened


def test_a_first_word_is_measured_as_printed() -> None:
    """A Latin word to its space, with CJK glued to it and closing punctuation after it; a
    CJK glyph with its closing punctuation; an opening bracket goes with its word."""
    def glyphs(text: str, advance: float = 10.0) -> list[tuple[str, float, float]]:
        return [(c, k * advance, (k + 1) * advance) for k, c in enumerate(text)]

    assert pdflines.first_word(glyphs("Motueka Sam")) == 70.0
    assert pdflines.first_word(glyphs("M8連接段")) == 30.0  # the word and the CJK glyph glued to it
    assert pdflines.first_word(glyphs("發，沿江")) == 20.0
    assert pdflines.first_word(glyphs("（Susanna Wijaya）")) == 80.0
    assert pdflines.first_word(glyphs("  年。")) == 20.0  # leading spaces are no word
