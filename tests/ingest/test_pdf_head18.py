"""Session 18's head-group rules for page PDFs (pdf18head): a column label beside a vertical
headline, and a photo credit set between its picture and the caption under it. Real pages of
the development corpora (blind11, blind13) and made-up blocks for the edges."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exporter.ingest import ingest, pdfheads
from exporter.ingest.pdf import DISPLAY_SIZE, _Box, _credited_feet, _credits_over, read_pdf

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


def test_a_credit_under_its_picture_reaches_the_caption_under_it() -> None:
    """A credit alone on its line under a framed picture (`黃志強 攝`, two ems down) with the
    caption further down: the picture's caption reach is counted from the credit, and the
    credit is read after the caption. A caption that ends in its credit, as wide as the
    picture, is no credit set alone and moves nothing."""
    picture = _Box(400, 180, 491, 262, image="p.png")
    credit = [_Box(459, 282, 493, 294, "黃志強 攝", 8.0, base=292)]
    caption = [_Box(398, 312, 486, 323, "本會鑼鼓隊在會所前排練新春賀歲節目。", 8.0, base=321)]
    (foot,) = _credited_feet([picture], [(credit, (0,)), (caption, (0,))], 9.0)
    assert foot.y1 == 294 and foot.image == picture.image
    order = _credits_over([([picture], (0,)), (credit, (0,)), (caption, (0,))], [picture], 9.0)
    assert [block[0].text for block, _ in order] == ["", caption[0].text, credit[0].text]
    wide = [_Box(400, 282, 491, 294, "排練新春賀歲節目。（黃志強攝）", 8.0, base=292)]
    assert _credited_feet([picture], [(wide, (0,)), (caption, (0,))], 9.0) == [picture]


def test_credits_between_picture_and_caption_credit_the_photo_on_real_pages() -> None:
    """blind13's longcheng (`黃志強 攝` two ems under a framed photo) and blind11's minbei and
    yunxiang (`本报记者 卓文清 摄` right under the photo): the credit was the text of the photo's
    title, its caption an unplaced article; now the photo story has its caption and credit."""
    pages = {"ingest-blind13/mu-longcheng-w1.pdf": ("鼓聲震天迎新春", "黃志強"),
             "ingest-blind11/rl-minbei-t1.pdf": ("炭焙坊里不眠夜", "本报记者 卓文清"),
             "ingest-blind11/rl-yunxiang-a1.pdf": ("除冰车彻夜待命", "通讯员 方晓舟")}
    for name, (title, credit) in pages.items():
        result = ingest([FIXTURES / name], "corpus", dt.date(2025, 3, 15))
        photo = next(a for a in result.edition.articles if a.headline == title)
        figure = next(b for b in photo.blocks if getattr(b, "type", "") == "figure")
        assert photo.kind == "photo" and figure.credit == credit and figure.caption, name
