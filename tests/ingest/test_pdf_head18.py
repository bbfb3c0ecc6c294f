"""Session 18's head-group rule for page PDFs (pdf18head): a column label beside a vertical
headline. Real pages of the development corpora (blind11, blind13) and made-up blocks for the
edges. (The branch's credit between a picture and its caption was not admitted: it gained only
on the corpora that shaped it.)"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exporter.ingest import ingest, pdfheads
from exporter.ingest.pdf import DISPLAY_SIZE, _Box, read_pdf

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BESIDE = "a label level with the top of the vertical headline beside it"


def _vertical(x: float, y: float, text: str, size: float = 16.0) -> list[_Box]:
    return [_Box(x, y + size * i, x + size, y + size * (i + 1), c, size, bold=True, base=y + size * (i + 1))
            for i, c in enumerate(text)]


def _line(x: float, y: float, text: str, width: float, size: float = 9.0, bold: bool = False) -> list[_Box]:
    return [_Box(x, y, x + width, y + size + 2, text, size, bold=bold, base=y + size)]


def _labels(order: list[list[_Box]]) -> dict[int, str]:
    return pdfheads.labels(order, 9.0, DISPLAY_SIZE)


def test_a_plain_line_level_with_a_vertical_heads_top_is_the_columns_label() -> None:
    """`驻村日记` in plain body type right of the vertical head `雪夜送药`, level with its top,
    over the text that head heads, is the column's label; the same line set lower than the
    head's top by more than its em, or far from it with other text between, is not."""
    head = _vertical(100, 100, "雪夜送药")
    label = _line(122, 102, "驻村日记", 40)
    text = [_Box(122, 125 + 12 * i, 200, 135 + 12 * i, f"正文{i}", 9.0, base=134 + 12 * i) for i in range(5)]
    assert _labels([head, label, text]) == {1: BESIDE}
    assert _labels([head, _line(122, 130, "驻村日记", 40), text]) == {}
    between = [_Box(118, 90, 121, 200, "｜", 9.0, base=199)]
    far = _line(200, 102, "驻村日记", 40)
    assert _labels([head, between, far, text]) == {}


def test_a_writer_a_figure_or_display_type_beside_a_vertical_head_is_no_label() -> None:
    """A box byline (`□ 柳青禾`), a role word (`本报记者 吴伟强`), a line holding figures and a
    bold or larger line level with a vertical head's top stay where they are: the byline line
    of its story, or a head of its own."""
    head = _vertical(100, 100, "雪夜送药")
    text = [_Box(122, 125, 200, 135, "正文", 9.0, base=134)]
    for line in (_line(122, 102, "□ 柳青禾", 40), _line(122, 102, "本报记者 吴伟强", 60), _line(122, 102, "12月记事", 40),
                 _line(122, 102, "驻村日记", 40, bold=True), _line(122, 102, "驻村日记", 60, size=14.0)):
        assert _labels([head, line, text]) == {}, line[0].text


def test_column_labels_beside_vertical_heads_are_set_aside_on_real_pages() -> None:
    """blind13's qingcen (`驻 村 日 记` beside `雪夜送药`, which the models then set aside as
    furniture, the label becoming the headline), jiangling (`劳模风采`, read as the deck) and
    blind11's fenglin (`好 人 好 事` beside `保安拾到钱包寒夜等候失主`): each label is set aside
    and the vertical head heads the story alone."""
    pages = {"ingest-blind13/mu-qingcen-x2.pdf": ("驻 村 日 记", "雪夜送药"),
             "ingest-blind13/rl-jiangling-u4.pdf": ("劳模风采", "“焊花”里绽放的青春"),
             "ingest-blind11/cr-fenglin-e1.pdf": ("好 人 好 事", "保安拾到钱包寒夜等候失主")}
    for name, (label, headline) in pages.items():
        (page,) = read_pdf(FIXTURES / name)
        assert (label, BESIDE) in {(text, why) for _, text, why in page.labels}, name
        result = ingest([FIXTURES / name], "corpus", dt.date(2025, 3, 15))
        arts = {a.headline: a for a in result.edition.articles}
        assert headline in arts and arts[headline].kicker is None and arts[headline].subheadline is None, name
        assert not any(label.replace(" ", "") in (a.headline or "").replace(" ", "") for a in result.edition.articles)
