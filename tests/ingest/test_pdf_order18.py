"""Reading order and story boundaries in page PDFs, session 18 (pdf18order). Real pages of
ingest-blind13 (which shaped the rules) and of the other development corpora, and the rules on
made-up blocks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exporter.ingest import ingest
from exporter.ingest.pdf import _Box, _heads_under, read_pdf

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


def _block(x: float, y: float, lines: int, text: str, size: float = 9.0, bold: bool = False) -> list[_Box]:
    return [_Box(x, y + 13 * i, x + 100, y + 13 * i + 9, f"{text}{i}", size, bold=bold, base=y + 13 * i + 8)
            for i in range(lines)]


def test_a_head_printed_under_its_storys_columns_follows_the_last_column() -> None:
    """blind13's astronomy page prints `會員天文台落成` under the first of its story's two
    columns, the second (one line higher, its byline under it) ending above the head; blind8's
    youth page (`我们的“故事爷爷”`) and blind10's lamplight page (`一本菜谱里的城市记忆`) set
    their features so. The cuts read the head between the columns, where it cut the story in
    two; it is read after the last column, and the story is whole under it."""
    lines = _lines("ingest-blind8", "mu-youth-y3.pdf")
    assert lines.index("□ 实验小学三年级 王子涵") + 1 == lines.index("我们的“故事爷爷”")
    lines = _lines("ingest-blind10", "mu-lamplight-d1.pdf")
    assert lines.index("□ 许静") + 1 == lines.index("一本菜谱里的城市记忆")
    result = ingest([FIXTURES / "ingest-blind13" / "mu-weigang-s1.pdf"], "corpus", dt.date(2025, 3, 15))
    story = next(a for a in result.edition.articles if a.headline == "會員天文台落成")
    assert [b.text[:6] for b in story.blocks] == ["本會首座會員", "天文台由會員"]
    assert story.authors == ["冼樂兒"]


def test_a_head_at_a_columns_foot_beside_a_longer_column_stays() -> None:
    """A head under the first column stays where the cuts read it when the text beside it
    goes on below the head (the next story's head at a column's foot, its text at the top of
    the next column), when the column stands under a head of its own, and when nothing
    stands beside the column."""
    first, head = _block(0, 100, 3, "甲"), [_Box(0, 160, 90, 176, "标题", 16.0, bold=True, base=174)]
    short, long = _block(130, 87, 3, "乙"), _block(130, 87, 8, "丙")
    moved = _heads_under([(first, (0,)), (head, (0,)), (short, (1,))], 9.0)
    assert [b for b, _ in moved] == [first, short, head]
    for order in ([(first, (0,)), (head, (0,)), (long, (1,))], [(first, (0,)), (head, (0,))],
                  [([_Box(0, 80, 90, 94, "眉题", 14.0, bold=True, base=92)], (0,)), (first, (0,)), (head, (0,)),
                   (short, (1,))]):
        assert _heads_under(order, 9.0) == order


def test_a_vertical_head_passes_the_foot_of_the_column_beside_it() -> None:
    """blind7's food page sets `鱔魚意麵老店傳三代` upright right of its story, whose text runs
    on below the head's last glyph; blind13's astronomy page sets `光害令星空消失` right of a
    letter signed under the head's foot. The head passed only text level with it (or a photo
    under it), so the column's foot kept it after the story it heads; it is read first."""
    lines = _lines("ingest-blind7", "mu-jianan-b5.pdf")
    assert lines.index("代") + 1 == lines.index("〔記者江佩芸／臺南報")
    lines = _lines("ingest-blind13", "mu-weigang-s1.pdf")
    assert lines.index("消") < lines.index("編輯先生：我住在將軍澳")
