"""Paragraph breaks read from where a PDF line stops (pdflines), on real pages of the
development corpora laid out by Chromium, reportlab and PyMuPDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exporter.ingest import ingest, pdflines
from exporter.ingest.pdf import read_pdf
from exporter.model import ListBlock, Paragraph

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _opened(corpus: str, name: str) -> tuple[list[str], set[str]]:
    """A PDF's lines, and the lines that open a paragraph because the one above stopped short."""
    texts: list[str] = []
    opened: set[str] = set()
    for page in read_pdf(FIXTURES / corpus / name):
        lines = page.text.split("\n")
        texts += [t.strip() for t in lines if t.strip()]
        opened |= {lines[no - 1].strip() for no in page.opens}
    return texts, opened


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
    # read into from the next column until session 19 (its stop hung in the gutter: `pdf._hung`)
    assert {"些城市仍存在重建设轻管理、", "能真正赢得民心。"} <= set(lines)
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
    assert pdflines.first_word(glyphs("计2176辆。")) == 70.0  # a number glued to the CJK glyph before it


def test_a_number_glued_to_a_cjk_glyph_is_one_word() -> None:
    """rl-motor: `…纯电动汽车，共` stops 1.5 ems short, and reportlab carried `计2176辆。` over
    whole: the next line goes on in the same paragraph."""
    paragraphs = _paragraphs("ingest-blind10", "rl-motor-m1.pdf")
    assert any(p.endswith("共计2176辆。") and p.startswith("自2026年12月15日起") for p in paragraphs)


def _paragraphs(corpus: str, name: str) -> list[str]:
    """Every paragraph of a page's articles, ingested whole, without spaces."""
    result = ingest([FIXTURES / corpus / name], "P", dt.date(2025, 3, 20))
    return ["".join(b.text.split()) for a in result.edition.articles for b in a.blocks if isinstance(b, Paragraph)]


def test_a_paragraph_resumed_at_the_next_column_top_goes_on() -> None:
    """A paragraph's last words printed at the top of the next column, higher than the
    column it comes from ends (`意路面结冰。`, `开行。`; reportlab), are no credit or signature,
    which stands under the text it ends: the paragraph goes on there."""
    beiyuan = _paragraphs("ingest-blind7", "rl-beiyuan-w16.pdf")
    assert any(p.endswith("驾车出行注意路面结冰。") and p.startswith("气象专家提醒") for p in beiyuan)
    beiling = _paragraphs("ingest-blind7", "rl-beiling-r1.pdf")
    assert any(p.endswith("确保了早班列车正常开行。") for p in beiling)


def test_rows_near_the_widest_row_each_open_a_paragraph() -> None:
    """Rows of a list or a table set as text (cells apart by spaces) stop where their cells
    do, and the widest sets the block's edge, so the rows close to it and the note under
    them open paragraphs too: a timeline (cr-extra), a results table (cr-tasman), an
    electricity table and its source (rl-power)."""
    _, extra = _opened("ingest-blind8", "cr-extra-h1.pdf")
    assert {"6月22日   客场3比0大胜，升至榜首", "9月14日   十二轮不败纪录终止", "12月5日   2比1逆转，提前一轮夺冠"} <= extra
    _, tasman = _opened("ingest-blind8", "cr-tasman-a1a3.pdf")
    assert {"Moutere   Peter   Ogilvie,   Ana   Fifita", "Golden   Bay   Rex   Hollis"} <= tasman
    _, power = _opened("ingest-blind8", "rl-power-p1.pdf")
    assert {"新能源发电量 2.16亿千瓦时 +18.3%", "（数据来源：东岭电力调度控制中心）"} <= power


def test_list_items_and_interview_turns_open_after_a_sentence() -> None:
    """Two or more lines of a block opening with a marker (`问：`/`答：`, `第十五條 `), each
    after a line that ended a sentence, open paragraphs even where that line reached the
    edge (mu-binhai, rl-gazette); running prose under a full line does not open."""
    lines, binhai = _opened("ingest-blind7", "mu-binhai-a6.pdf")
    assert {"问：古籍数字化最大的难点是什么？", "答：是识别。古籍的字体、版式千差", "答：能，但要谨慎。大模型擅长根据"} <= binhai
    assert "万别，还有大量异体字和虫蛀、污" in lines and "万别，还有大量异体字和虫蛀、污" not in binhai
    _, gazette = _opened("ingest-blind8", "rl-gazette-g1.pdf")
    assert "第十五條 攤位使用費每半年繳納一次，逾期未繳者，由市場管理單位" in gazette


def test_a_justified_sentence_short_of_the_edge_ends_its_paragraph() -> None:
    """Justified Latin type: every line of a paragraph but its last reaches the edge, so a
    sentence ending more than half an em short of it ended the paragraph, though the next
    word would not have fitted there (cr-wexcombe, Chromium)."""
    _, opened = _opened("ingest-blind7", "cr-wexcombe-a1a5.pdf")
    assert "The study is due to report in" in opened


def test_a_quotation_mark_or_a_hung_comma_opens_nothing() -> None:
    """A quotation mark glues the glyphs on both sides of it (MuPDF carried `从“开` over
    whole: mu-yangcheng), and a comma hung past the edge the lines share does not widen the
    measure (reportlab: rl-harbour's `成將預留予本地品牌，`)."""
    def glyphs(text: str, advance: float = 10.0) -> list[tuple[str, float, float]]:
        return [(c, k * advance, (k + 1) * advance) for k, c in enumerate(text)]

    assert pdflines.first_word(glyphs("从“开面”到")) == 30.0
    assert pdflines.first_word(glyphs("“开面”")) == 20.0
    _, yangcheng = _opened("ingest-blind9", "mu-yangcheng-o3.pdf")
    assert "从“开面”到“贴片子”，一位正印花旦" not in yangcheng
    _, harbour = _opened("ingest-blind3", "rl-harbour-a1a2.pdf")
    assert "成將預留予本地品牌，" not in harbour


def test_an_e_mail_address_is_one_word() -> None:
    """mu-shulin: `3.来稿邮箱：` stops short of `shulin@slzb.example.cn`, which MuPDF carried
    over whole (it does not fit), so the item goes on in the next line; mu-southerncross:
    likewise `來信請寄` over `visa@southerncross-`."""
    assert pdflines.first_word([(c, k * 10.0, (k + 1) * 10.0) for k, c in enumerate("a_b@c.cn x")]) == 80.0
    result = ingest([FIXTURES / "ingest-blind11" / "mu-shulin-r7.pdf"], "P", dt.date(2025, 3, 20))
    items = [i for a in result.edition.articles for b in a.blocks if isinstance(b, ListBlock) for i in b.items]
    assert "3.来稿邮箱：shulin@slzb.example.cn" in items  # the notice's numbered list
    _, opened = _opened("ingest-blind7", "mu-southerncross-p3.pdf")
    assert "visa@southerncross-" not in opened
