"""Reading order in page PDFs, session 17 (pdf17order): a byline set over a story's columns
and a photo credit over the photo's own head are read where they belong. Real pages of
ingest-blind12 (which shaped the rules), ingest-blind10 and ingest-blind4, and the rules on
made-up blocks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exporter.ingest import ingest
from exporter.ingest.pdf import _Box, _bylines_over, _over_head, read_pdf

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _lines(corpus: str, name: str) -> list[str]:
    return [line.strip() for line in read_pdf(FIXTURES / corpus / name)[0].text.splitlines() if line.strip()]


def _block(x: float, y: float, lines: int, text: str, bold: bool = False) -> list[_Box]:
    return [_Box(x, y + 12 * i, x + 100, y + 12 * i + 10, f"{text}{i}", 10.0, bold=bold) for i in range(lines)]


def test_a_credit_over_the_photos_own_head_closes_its_caption() -> None:
    """blind10's radio page: `本报记者 柯蓝 摄` stands at the top of the page over the photo
    story's head `剧组探班`, which stands over the photo. The credit was read with the lead
    story beside it and became its second author; read after the caption under the photo, it
    is the photo's credit, and the lead story keeps its one writer."""
    result = ingest([FIXTURES / "ingest-blind10" / "mu-radio-r1.pdf"], "corpus", dt.date(2025, 3, 15))
    arts = {a.headline: a for a in result.edition.articles}
    assert arts["《长江边的人家》：把镜头对准码头小巷"].authors == ["方若愚"]
    photo = arts["剧组探班"]
    figure = next(b for b in photo.blocks if getattr(b, "type", "") == "figure")
    assert (figure.caption, figure.credit) == ("《长江边的人家》剧组在汉正街拍摄外景。", "本报记者 柯蓝")


def test_a_credit_over_plain_text_over_a_photo_stays() -> None:
    """Only display type may stand between the credit and the photo: a credit over running
    text over a picture is not the picture's."""
    picture = _Box(0, 100, 200, 200, image="p.png")
    credit = _Box(120, 40, 200, 50, "记者 甲 摄", 9.0)
    head = [_Box(0, 62, 150, 80, "剧组探班", 14.0, bold=True)]
    plain = [_Box(0, 62, 150, 72, "正文一行", 9.0), _Box(0, 76, 150, 86, "正文二行", 9.0)]
    assert _over_head([([credit], (0,)), (head, (0,)), ([picture], (0,))], credit, picture, 9.0)
    assert not _over_head([([credit], (0,)), (plain, (0,)), ([picture], (0,))], credit, picture, 9.0)


def test_a_byline_over_a_storys_columns_is_read_before_them() -> None:
    """blind12's culture page sets `□ 胡守拙` centred over the feature's three columns, above
    their tops; blind10's alumni page sets `記者 林佩蓉／報導` flush right over the lead
    story's second column. The cuts put each at the top of the column it stands over, after
    the first column's text, where it split the story or was lost as a byline. Each is read
    before the story's text."""
    lines = _lines("ingest-blind12", "mu-wenshi-w1.pdf")
    assert lines.index("□ 胡守拙") < lines.index("在临江人的记忆里，江边")
    result = ingest([FIXTURES / "ingest-blind10" / "rl-alumni-a1.pdf"], "corpus", dt.date(2025, 3, 15))
    lead = result.edition.articles[0]
    assert lead.authors == ["林佩蓉"]
    assert lead.blocks[0].text.startswith("七六級校友畢業")


def test_a_label_over_the_next_column_is_no_byline_and_stays() -> None:
    """Only a line that reads as a byline moves: a label set over the next column (`讀者來電`),
    or a label after a box mark (`■ 新闻链接`, `◆ 相关阅读`, `● 记者手记`, `◎ 编后`: review17), stays
    at that column's top; a box naming a writer with a role word moves."""
    left = _block(0, 30, 4, "a")
    for text, moved in (("□ 胡守拙", True), ("■ 本报记者 李明", True), ("讀者來電", False), ("■ 新闻链接", False),
                        ("◆ 相关阅读", False), ("● 记者手记", False), ("◎ 编后", False), ("▲ 江边的老码头", False)):
        over = [_Box(150, 10, 200, 19, text, 9.0)]
        right = _block(112, 30, 4, "b")
        order = [(left, (0,)), (over, (1,)), (right, (1,))]
        got = [b[0].text for b, _ in _bylines_over(order, 10.0)]
        assert got == ([text, "a0", "b0"] if moved else ["a0", text, "b0"])


def test_a_byline_flush_right_over_an_essays_second_column() -> None:
    """blind4's supplement page (not looked at for the rule; found by a census of one-line
    bylines over columns): `□ 柳青禾` stands flush right over the essay's second column and
    is now its writer's line."""
    result = ingest([FIXTURES / "ingest-blind4" / "cr-xinghe-fukan-p8.pdf"], "corpus", dt.date(2025, 3, 15))
    essay = next(a for a in result.edition.articles if any("老屋的门槛" in (getattr(b, "text", "") or "") for b in a.blocks))
    assert essay.authors == ["柳青禾"]
