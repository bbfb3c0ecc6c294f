"""Head groups of page PDFs by other engines: labels set aside by type and place, a kicker
told by its size, a wrapped headline kept whole (development pages of ingest-blind5 to
ingest-blind7 and ingest-pdf4)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from exporter.ingest import ingest, pdfheads
from exporter.ingest.pdf import DISPLAY_SIZE, _Box, _light, read_pdf

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _aside(result) -> dict[str, str]:  # noqa: ANN001 - an IngestResult
    return {item.text: item.reason for _, item in result.furniture}


def test_light_ink_is_reverse_type() -> None:
    assert _light(0xFFFFFF) and _light(0xEEEEEE)
    assert not _light(0x111111) and not _light(0x000000) and not _light(0xCC0000)


def test_a_label_in_reverse_type_is_furniture_not_a_kicker() -> None:
    """`TRANSPORT`, `CITY`, `TRADE` printed white on a dark band over their stories (Chromium,
    an English page) and `出行提示` (a Chinese travel page) are the columns' labels: set aside,
    listed with their positions, and the headline under each stands alone."""
    result = ingest([FIXTURES / "ingest-blind6" / "cr-ningport-a1a3.pdf"], "Courier", dt.date(2025, 3, 20),
                    language="en")
    aside = _aside(result)
    assert all(aside.get(label) == "a label in reverse type over its column" for label in ("TRANSPORT", "CITY", "TRADE"))
    heads = {a.headline: a.kicker for a in result.edition.articles}
    assert heads["Metro Line 6 to Open Six Months Early"] is None
    assert heads["Old Town Lanes Get Night Market"] is None
    result = ingest([FIXTURES / "ingest-blind7" / "cr-yungang-t2.pdf"], "云岗", dt.date(2025, 3, 20))
    assert "出行提示" in _aside(result)
    travel = next(a for a in result.edition.articles if a.headline == "冬季自驾进山，这几件事要记牢")
    assert travel.kicker is None


def test_a_lists_label_is_furniture_even_when_larger_than_its_items() -> None:
    """A box's label over brief items (each a bold head over a line or two of text) is the
    list's, not the first item's headline: `財經快訊` (set larger than the items' heads),
    `警 情 通 报` letter-spaced (typed spaces, read `警情通报` since session 19's `pdf._spaced_out`), `IN` `BR I E F` cut apart on one baseline, `转会快讯` over items
    whose heads are run in or stand on lines of their own."""
    pages = {"ingest-blind5/cr-weigang-a1.pdf": ["財經快訊"], "ingest-blind6/rl-haiping-f5.pdf": ["警情通报"],
             "ingest-blind5/cr-saichang-a1.pdf": ["转会快讯"],
             "ingest-blind5/cr-easterntribune-a3.pdf": ["IN", "BR I E F"]}
    for name, labels in pages.items():
        (page,) = read_pdf(FIXTURES / name)
        found = {text: why for _, text, why in page.labels}
        assert all(found.get(label) == "the label over a list of briefs (type and place)" for label in labels), name
        assert not any(label in page.text for label in labels if len(label) > 2), name
    result = ingest([FIXTURES / "ingest-blind5" / "cr-easterntribune-a3.pdf"], "Tribune", dt.date(2025, 3, 20),
                    language="en")
    assert any(a.headline == "Swimming pools reopen" and a.kicker is None for a in result.edition.articles)


class _Read(list):
    """A block that counts how often it is read."""

    reads = 0

    def __iter__(self):  # noqa: ANN204
        self.reads += 1
        return super().__iter__()

    def __getitem__(self, key):  # noqa: ANN001, ANN204
        self.reads += 1
        return super().__getitem__(key)


def _brief_list(items: int) -> list[_Read]:
    """`IN` `BR I E F` cut apart on one baseline (100.55 and 99.7: rounded, 101 and 100) over
    brief items, each a bold head over a line of text, 9 pt."""
    order = [_Read([_Box(40, 92, 52, 102.5, "IN", 10, True, base=99.7)]),
             _Read([_Box(60, 92, 100, 102.5, "BR I E F", 10, True, base=100.55)])]
    for i in range(items):
        y = 106 + 24 * i
        order += [_Read([_Box(40, y, 120, y + 9, f"Pools reopen {i}", 9, True, base=y + 7)]),
                  _Read([_Box(40, y + 12, 200, y + 21, "The city's pools open on Monday.", 9, base=y + 19)])]
    return order


def test_a_lists_walk_reads_no_further_than_its_items() -> None:
    """The list rule stops once it has found its items: a long list's later blocks are not
    read (nor cut at run-in heads) for each label, so a dense page stays linear."""
    order = _brief_list(200)
    assert pdfheads._listed(order, 1, 9, DISPLAY_SIZE)
    assert sum(block.reads for block in order[7:]) == 0


def test_a_letter_spaced_labels_fragments_are_found_across_a_rounded_baseline() -> None:
    """The fragments of a letter-spaced label are looked up by rounded baseline: a fragment
    0.85 pt off the label's baseline, whose baseline rounds to another point, is still found;
    one a line below is not."""
    why = "the label over a list of briefs (type and place)"
    assert pdfheads.labels(_brief_list(3), 9, DISPLAY_SIZE) == {1: why, 0: why}
    apart = _brief_list(3)
    apart[0][0].base = 111.7
    assert pdfheads.labels(apart, 9, DISPLAY_SIZE) == {1: why}


def test_a_story_with_a_subhead_has_no_lists_label() -> None:
    """Our own pages keep every head: no headline, kicker or subhead of ingest-pdf and
    ingest-pdf3 is read as a label (a story's headline over text and subheads is no list)."""
    for corpus in ("ingest-pdf", "ingest-pdf3"):
        for pdf in sorted((FIXTURES / corpus).glob("*.pdf")):
            assert all(not page.labels for page in read_pdf(pdf)), pdf.name


def test_a_kicker_in_much_smaller_type_is_the_kicker_without_dashes() -> None:
    """A phrase over its headline in type less than 0.8 of the headline's, bold or not, is
    its kicker (it had been left over as a subhead inside the story): `城西板块再添新盘` (bold
    1.15 over 2.29), `耗资RM1亿8千万`. A paragraph ending a sentence is never a kicker."""
    result = ingest([FIXTURES / "ingest-blind6" / "cr-dongao-p9.pdf"], "东澳商报", dt.date(2025, 3, 20))
    first = result.edition.articles[0]
    assert (first.kicker, first.headline) == ("城西板块再添新盘", "地铁口小户型开盘当日去化七成")
    result = ingest([FIXTURES / "ingest-blind5" / "rl-chenguang-b2.pdf"], "晨光报", dt.date(2025, 3, 20))
    first = result.edition.articles[0]
    assert (first.kicker, first.headline) == ("耗资RM1亿8千万", "巴当河大桥明年初通车")
    result = ingest([FIXTURES / "ingest-blind7" / "cr-wexcombe-a1a5.pdf"], "Gazette", dt.date(2025, 3, 20),
                    language="en")
    switch_on = next(a for a in result.edition.articles if a.headline == "LIGHTS SWITCH-ON")
    assert switch_on.kicker is None


def test_a_headline_wrapped_over_two_lines_is_one_headline() -> None:
    """A display font's glyph boxes taller than its line pitch overlap the line above: the
    two lines of one headline were cut into a kicker and a headline (`僑校聯合書法比賽 學` /
    `生揮毫`) or a headline and a stray `500`."""
    result = ingest([FIXTURES / "ingest-blind6" / "cr-huasheng-c3.pdf"], "華聲", dt.date(2025, 3, 20))
    heads = {a.headline: a.kicker for a in result.edition.articles}
    assert heads.get("Community Health Fair Draws 500", "missing") is None
    assert "僑校聯合書法比賽 學生揮毫" in heads and heads["僑校聯合書法比賽 學生揮毫"] is None


def test_a_head_group_stays_on_its_side_of_a_ruled_box() -> None:
    """A line outside a ruled box is no kicker of the headline inside it, nor a line inside
    a box of a headline outside it: a page's label over boxed notices (`法院公告` over
    `黄建强：`, which had been its headline), a credit closing the boxed story above
    (`（县农技推广中心 韦丽萍）`)."""
    result = ingest([FIXTURES / "ingest-blind4" / "cr-dongnan-fazhi-p4.pdf"], "东南法治报", dt.date(2025, 3, 20))
    notice = next(a for a in result.edition.articles if a.headline == "黄建强：")
    assert notice.kicker is None and notice.subheadline is None
    result = ingest([FIXTURES / "ingest-blind4" / "cr-nongjia-p3.pdf"], "农家报", dt.date(2025, 3, 20))
    assert next(a for a in result.edition.articles if a.headline == "生姜价格走高 姜农喜上眉梢").kicker is None


def test_a_label_standing_on_a_rule_is_furniture_not_a_kicker() -> None:
    """A short line over a rule drawn under it, with the headline under the rule, is the
    column's label (`身边的好员工`, `电网文苑`, `理財專欄`, `ENGLISH CORNER`, `LETTERS`: blind8's
    reportlab, Chromium and PyMuPDF pages): set aside, and the headline under it stands
    alone. A kicker over its headline with no rule between them (`迎峰度冬`) stays the kicker,
    and a figure on a table's cell border (`519` on blind6's admissions table) is no label."""
    rule = "a label on a rule drawn between it and the head under it"
    pages = {"ingest-blind8/rl-power-p1.pdf": ["身边的好员工", "电网文苑"],
             "ingest-blind8/cr-maple-c2.pdf": ["理財專欄", "ENGLISH CORNER"],
             "ingest-blind8/rl-veterans-v1.pdf": ["老兵回忆录"]}
    for name, labels in pages.items():
        (page,) = read_pdf(FIXTURES / name)
        found = {text: why for _, text, why in page.labels}
        assert all(found.get(label) == rule for label in labels), (name, found)
    pages = read_pdf(FIXTURES / "ingest-blind8" / "cr-tasman-a1a3.pdf")
    assert ("LETTERS", rule) in {(text, why) for page in pages for _, text, why in page.labels}
    assert not any(why == rule for page in read_pdf(FIXTURES / "ingest-blind6" / "mu-nangang-e4.pdf")
                   for _, _, why in page.labels)
    result = ingest([FIXTURES / "ingest-blind8" / "rl-power-p1.pdf"], "电网报", dt.date(2025, 3, 20))
    heads = {a.headline: a.kicker for a in result.edition.articles}
    assert heads["巡线二十年 走坏三十双鞋"] is None and heads["夜巡"] is None
    assert heads["500千伏岭西输变电工程投运"] == "迎峰度冬"


def test_a_rule_under_a_line_is_found_whether_stroked_or_filled() -> None:
    """Chromium fills a thin bar for a border, reportlab strokes a line: both are rules; a
    box (taller than 3 points) is not."""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    page.draw_line((20, 100), (200, 100))
    page.draw_rect(pymupdf.Rect(20, 200, 300, 201), fill=(0, 0, 0), color=None)
    page.draw_rect(pymupdf.Rect(20, 300, 300, 400))
    assert sorted((round(x0), round(x1), round(y)) for x0, x1, y in pdfheads.rules(page.get_drawings())) == [
        (20, 200, 100), (20, 300, 200)]


def test_a_labelled_byline_under_a_headline_is_no_deck() -> None:
    """Small bylines under a headline whose role is set off by a label or says who told the
    story (`文｜本报记者 秦书言`, `文．圖／營養師 許嘉芳`, `口述 / 李长顺 整理 / 本报记者 赵晓光`) and a
    fake-bold author box naming a role (`□ 本报记者 于晓棠`) are the story's bylines, not its
    deck or headline (blind7's and blind8's PyMuPDF and reportlab pages)."""
    from exporter.ingest.layout import _byline_names

    assert _byline_names("文｜本报记者 秦书言") == ["秦书言"]
    assert _byline_names("文．圖／營養師 許嘉芳") == ["許嘉芳"]
    assert _byline_names("口述 / 李长顺 整理 / 本报记者 赵晓光") == ["李长顺", "赵晓光"]
    assert _byline_names("文/图 王芳") == ["王芳"] and _byline_names("亲情絮语") == []
    cases = {"ingest-blind7/mu-binhai-a6.pdf": {"让AI读懂古籍还有多远": ["于晓棠"]},
             "ingest-blind7/mu-jianan-b5.pdf": {"冬至自己搓湯圓": ["許嘉芳"]},
             "ingest-blind8/rl-veterans-v1.pdf": {"雪夜护送电报员": ["李长顺", "赵晓光"]}}
    for name, want in cases.items():
        result = ingest([FIXTURES / name], "报", dt.date(2025, 3, 20))
        got = {a.headline: (a.subheadline, a.authors) for a in result.edition.articles}
        for headline, authors in want.items():
            assert got[headline] == (None, authors), (name, got.get(headline))
    result = ingest([FIXTURES / "ingest-blind7" / "mu-binhai-a6.pdf"], "报", dt.date(2025, 3, 20))
    robot = next(a for a in result.edition.articles if "巡检机器人“走进”海底隧道" in (a.headline, a.subheadline))
    assert robot.authors == ["秦书言"] and "秦书言" not in (robot.subheadline or "")  # (the nameplate over it: left)


def test_a_display_headline_that_asks_or_cries_out_is_no_caption() -> None:
    """A bold block ending a sentence reads as a standalone caption; in a PDF's display type
    (larger than the body's) with a question or exclamation mark it is a headline:
    `汀州海鹰 登顶！` (5.35 times the body, blind8) over its kicker's story, `巴士站上蓋何時加建？`
    (blind4). A pull quote closing its quotation marks stays out of the head groups."""
    result = ingest([FIXTURES / "ingest-blind8" / "cr-extra-h1.pdf"], "汀州晚报", dt.date(2025, 3, 20))
    lead = next(a for a in result.edition.articles if a.headline == "汀州海鹰 登顶！")
    assert lead.kind == "article" and lead.kicker == "建队二十八年首夺顶级联赛冠军"
    assert lead.authors == ["程远", "白露"]
    result = ingest([FIXTURES / "ingest-blind4" / "cr-lianhai-a3.pdf"], "蓮峰", dt.date(2025, 3, 20))
    assert any(a.headline == "巴士站上蓋何時加建？" and a.kind == "article" for a in result.edition.articles)


def test_a_pdfs_brief_ending_on_a_figure_is_its_text_not_a_second_head() -> None:
    """A brief's text in body type, wrapped over two lines and ending with a full stop after
    a figure (`… reopen on December 28.`, `… stay at $95.`), is a sentence, not a second head
    under the brief's title: the title heads it (blind7's Chromium page, blind2's metro page).
    On a text page the rule is not used: no sizes tell body type there."""
    for name, title, opening in (("ingest-blind7/cr-wexcombe-a1a5.pdf", "LIBRARY CLOSES EARLY", "Wexcombe Library"),
                                 ("ingest-blind2/pdf-metro-1.pdf", "Harbor ferry fares to rise 25 cents", "Ferry fares")):
        result = ingest([FIXTURES / name], "Paper", dt.date(2025, 3, 20), language="en")
        brief = next(a for a in result.edition.articles if a.headline == title)
        assert brief.blocks[0].text.startswith(opening)


def test_a_vertical_headline_right_of_its_story_is_read_over_a_photo_under_them() -> None:
    """A vertical headline printed right of its story is read before it, even when a photo
    and its caption at the column's foot come between them in the cuts' order (blind7's
    reportlab page: `松原西站站房主体完工`); the brief beside it keeps its own title."""
    result = ingest([FIXTURES / "ingest-blind7" / "rl-beiling-r1.pdf"], "北岭铁道", dt.date(2025, 3, 20))
    heads = {a.headline: a for a in result.edition.articles}
    assert heads["松原西站站房主体完工"].blocks[0].text.startswith("12月1日，北岭至松原高铁松原西站站房")
    assert heads["北岭机务段开展冬季防寒专项检查"].subheadline is None
    # only a photo and its caption are passed over: a vertical head right of a page-wide
    # story over other blocks under it stays where the cuts put it (blind7's menam page)
    result = ingest([FIXTURES / "ingest-blind7" / "cr-menam-a1.pdf"], "湄南", dt.date(2025, 3, 20))
    lead = next(a for a in result.edition.articles if a.headline == "曼谷东部多区遭暴雨袭击 部分道路积水逾半米")
    assert lead.kicker is None


def test_a_head_over_a_picture_with_its_caption_under_it_is_the_photos_headline() -> None:
    """A photo story prints its headline over the picture and the caption under it: the head
    no body takes, right before a caption in caption type, is the photo's headline
    (`梅子坳村油菜花开`, blind's county page; `大伯公庙香火鼎盛`, blind5's reportlab page), not an
    unplaced article beside a photo with no title. An author box before a caption heads no
    picture."""
    for name, title, caption in (("ingest-blind/pdf-county-1.pdf", "梅子坳村油菜花开", "3月19日，梅子坳村千亩油菜花"),
                                 ("ingest-blind5/rl-chenguang-b2.pdf", "大伯公庙香火鼎盛", "农历十月初一")):
        result = ingest([FIXTURES / name], "报", dt.date(2025, 3, 20))
        photo = next(a for a in result.edition.articles if a.headline == title)
        assert photo.kind == "photo" and photo.blocks[0].caption.startswith(caption)
        assert not any((a.headline or "").startswith("未归类") and title in str(a.blocks) for a in result.edition.articles)
    result = ingest([FIXTURES / "ingest-blind8" / "mu-youth-y3.pdf"], "小海燕少年报", dt.date(2025, 3, 20))
    assert not any(a.kind == "photo" and "王子涵" in (a.headline or "") for a in result.edition.articles)  # an author box
