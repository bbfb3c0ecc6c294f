"""The PDF reader on pages set by engines other than ours (reportlab's justified columns,
head and foot rules, bylines set apart) and the third PDF corpus (tests/fixtures/ingest-pdf3)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from exporter.ingest import ingest
from exporter.ingest.pdf import read_pdf
from exporter.model import Figure
from benchmarks.ingest_families import score

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BLIND2 = FIXTURES / "ingest-blind2"
PDF3 = FIXTURES / "ingest-pdf3"


def test_a_gutter_after_a_justified_word_space_still_splits_the_columns() -> None:
    """reportlab justifies with PDF word spacing and leaves the space at a line's end: the
    gap after it is a gutter when the lines around it leave a channel there, so two
    columns' lines are never read as one."""
    (page,) = read_pdf(BLIND2 / "pdf-metro-1.pdf")
    lines = [t.strip() for t in page.text.split("\n")]
    assert "WASHINGTON (AP) — The" in lines
    assert "guidance within 90 days if the bill" in lines


def test_a_wide_justified_space_inside_a_column_is_no_gutter() -> None:
    """Chromium's narrow justified columns stretch a two-word line's one space over six
    ems: no channel runs through it, so the line stays whole."""
    (page,) = read_pdf(FIXTURES / "ingest-pdf" / "heldout-en-gazette.pdf")
    assert any(t.strip().startswith("said Priya") for t in page.text.split("\n"))
    assert "Priya" not in [t.strip() for t in page.text.split("\n")]


def test_head_and_foot_rules_set_off_page_furniture() -> None:
    """A rule across the page near its top or foot, with a line or two of type beyond it:
    the folio and the editor line are furniture, wherever the margin band ends."""
    result = ingest([BLIND2 / "pdf-hongkong-1.pdf"], "港聞報", dt.date(2025, 3, 24))
    aside = [item.text for _, item in result.furniture]
    assert any("責任編輯" in t for t in aside) and any("港聞報" in t for t in aside)
    assert all("責任編輯" not in (a.kicker or "") + (a.headline or "") for a in result.edition.articles)


def test_a_bold_byline_and_its_role_line_are_the_byline() -> None:
    """`By Mara Quinlan` set bold with `Associated Press` apart under it gives the authors,
    not a kicker and a headline; `Lee Ortiz/Express` alone under a caption is its credit."""
    result = ingest([BLIND2 / "pdf-metro-1.pdf"], "Express", dt.date(2025, 3, 12), language="en")
    first = result.edition.articles[0]
    assert first.headline == "Senate passes rail safety bill after derailments"
    assert first.authors == ["Mara Quinlan"] and first.kicker is None
    photos = [a for a in result.edition.articles if a.kind == "photo" and a.authors == ["Lee Ortiz"]]
    assert len(photos) == 1


def test_a_smaller_display_line_under_a_headline_is_its_deck() -> None:
    """The PDF gives the sizes: a sentence-case deck in smaller type under a sentence-case
    headline is the subheadline, not the headline under a kicker."""
    result = ingest([PDF3 / "r-tabloid.pdf"], "Press", dt.date(2025, 3, 21), language="en")
    first = result.edition.articles[0]
    assert (first.kicker, first.headline, first.subheadline) == (
        None, "Bridge repairs to close Main Street for a month", "Detours set for buses and trucks")


def test_the_third_pdf_corpus_has_its_truth() -> None:
    manifest = json.loads((PDF3 / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest) >= 6 and {m["language"] for m in manifest.values()} >= {"zh-CN", "zh-Hant", "en"}
    for name in manifest:
        assert (PDF3 / name).is_file() and (PDF3 / name).with_suffix(".truth.json").is_file()


@pytest.mark.parametrize("name", ["c-sixcol", "c-briefs", "c-notices", "c-vertical", "r-tabloid", "r-strip"])
def test_third_corpus_pages_segment(name: str, tmp_path: Path) -> None:
    """Every article of these pages is cut exactly, with its photos extracted."""
    result = ingest([PDF3 / f"{name}.pdf"], "corpus", dt.date(2025, 3, 21), image_dir=tmp_path / "images")
    s = score(PDF3 / f"{name}.truth.json", result.edition.model_dump(mode="json", exclude_none=True))
    assert s["segmented"] == s["articles"] and s["captions"] == s["captions_n"], s


def test_a_caption_set_over_the_foot_of_its_photo_gets_the_photo(tmp_path: Path) -> None:
    """pdf-macau: the caption's first line starts inside the picture's last em; it is still
    the picture's caption, so the photo article carries the extracted image."""
    result = ingest([FIXTURES / "ingest-blind" / "pdf-macau-1.pdf"], "蓮島晚報", dt.date(2025, 3, 14),
                    image_dir=tmp_path / "images")
    (photo,) = [a for a in result.edition.articles if a.kind == "photo"]
    (fig,) = photo.blocks
    assert fig.caption == "重開後的海濱長廊吸引不少街坊傍晚散步。" and fig.src and (tmp_path / fig.src).is_file()
    assert photo.headline == "街坊海邊散步" and photo.authors == ["黃嘉欣"]


def test_reporter_and_photographer_lines_after_the_text_are_bylines() -> None:
    """`記者／攝影：王文彥` and `記者：鄭嘉欣　攝影：黃嘉欣` closing a story name its authors
    and are not left as the last paragraph's end."""
    result = ingest([FIXTURES / "ingest-blind" / "pdf-macau-1.pdf"], "蓮島晚報", dt.date(2025, 3, 14))
    by_head = {a.headline: a for a in result.edition.articles}
    assert by_head["黑沙環海濱長廊重開"].authors == ["王文彥"]
    assert by_head["氹仔新公園月底開放"].authors == ["鄭嘉欣", "黃嘉欣"]
    assert not by_head["黑沙環海濱長廊重開"].blocks[-1].text.endswith("王文彥")


def test_a_grid_of_short_cells_in_a_pdf_is_a_table_article(tmp_path: Path) -> None:
    """pdf-finance's stock table (cells on baselines, drawn as a grid of rules) is read row
    by row into an article under its title, a paragraph per row, not cut into articles
    named 600300 or 名称; the story printed before it keeps its text."""
    result = ingest([FIXTURES / "ingest-blind" / "pdf-finance-1.pdf"], "东南商报", dt.date(2025, 3, 10))
    table = next(a for a in result.edition.articles if a.headline == "今日行情")
    rows = [b.text for b in table.blocks]
    assert len(rows) >= 4 and all(r.startswith("600") for r in rows[1:])
    heads = [a.headline for a in result.edition.articles]
    assert not any(h and (h.startswith("600") or h == "名称") for h in heads)


def test_a_ruled_box_of_listings_is_no_photo_caption() -> None:
    """TV listings boxed beside a photo are not its captions: an article of their own, a
    paragraph per programme."""
    result = ingest([BLIND2 / "pdf-screen-1.pdf"], "滨海晨报", dt.date(2025, 3, 18))
    assert sum(a.kind == "photo" for a in result.edition.articles) == 1
    listings = next(a for a in result.edition.articles if any("朝闻天下" in (getattr(b, "text", "") or "") for b in a.blocks))
    assert listings.kind == "article" and "06:00 朝闻天下" in [b.text for b in listings.blocks]
    assert not any("朝闻天下" in (a.headline or "") for a in result.edition.articles)


def test_a_photo_headline_under_the_picture_passes_it_to_the_caption(tmp_path: Path) -> None:
    """pdf-pictorial: picture, then its headline, then a caption in body type closed by a
    credit; and a caption beside its picture in body type with a credit under it: both
    photos carry their extracted images."""
    result = ingest([BLIND2 / "pdf-pictorial-1.pdf"], "清溪日报", dt.date(2025, 3, 19), image_dir=tmp_path / "images")
    figures = {b.caption: b for a in result.edition.articles for b in a.blocks if isinstance(b, Figure)}
    for caption in ("3月18日，清溪镇农民驾驶插秧机在田间作业。", "3月15日晚，市民在老城夜市品尝特色小吃。"):
        assert figures[caption].src and (tmp_path / figures[caption].src).is_file()


def test_a_credit_alone_on_its_line_stays_with_its_own_caption() -> None:
    """r-strip: a credit right-aligned under a one-line caption lands in a strip of its own;
    it is printed to the right as a credit, so it closes its caption and does not become
    the next photo's byline."""
    result = ingest([PDF3 / "r-strip.pdf"], "南河日报", dt.date(2025, 3, 21))
    photos = [a for a in result.edition.articles if a.kind == "photo"]
    assert [(p.blocks[0].caption[:5], p.authors) for p in photos] == [
        ("3月19日", ["韩雪"]), ("3月18日", ["郑浩"]), ("3月17日", ["韩雪"])]


def test_a_reporter_line_after_a_bracketed_dateline_names_the_author() -> None:
    """`【本報訊】記者許家豪／報導　…` opens the story: dateline and author, not text."""
    result = ingest([PDF3 / "c-vertical.pdf"], "北城時報", dt.date(2025, 3, 23), language="zh-Hant")
    first = result.edition.articles[0]
    assert first.headline == "百年戲院修復重開" and first.authors == ["許家豪"]
    assert first.blocks[0].text.startswith("位於中山路")


def test_a_vertical_headline_right_of_its_text_is_read_first() -> None:
    """Vertical type reads from the right: the headline set vertically at the right of its
    story comes before the story's text in reading order."""
    (page,) = read_pdf(PDF3 / "c-vertical.pdf")
    lines = [t.strip() for t in page.text.split("\n") if t.strip()]
    assert "".join(lines[:8]) == "百年戲院修復重開" and lines[8].startswith("【本報訊】")


def test_an_in_brief_rail_label_is_a_column_logo() -> None:
    result = ingest([PDF3 / "r-tabloid.pdf"], "Press", dt.date(2025, 3, 21), language="en")
    assert any(item.text == "IN BRIEF" and item.reason == "column logo" for _, item in result.furniture)
    assert all(a.headline != "IN BRIEF" for a in result.edition.articles)


def _row(text: str, x: float, advance: float, width: float, base: float = 100.0, size: float = 20.0) -> list:
    """Glyphs of one line: each glyph `width` wide, one every `advance` points (a space
    glyph fills the gap it stands in)."""
    from exporter.ingest.pdf import _Glyph

    out = []
    for c in text:
        w = advance if c == " " else width
        out.append(_Glyph(c, x, base - 0.8 * size, x + w, base + 0.2 * size, base, size, True, pen=x))
        x += advance if c != " " else advance - width
    return out


def test_letter_spaced_digits_drawn_with_space_glyphs_stay_in_their_line() -> None:
    """Chromium draws letter-spacing in a run of digits as space glyphs (`3 0 元`): the
    spaces are the line's spacing, not words, and the line is not cut at its gaps."""
    from exporter.ingest.pdf import _lines

    glyphs = _row("每天3", 34, 32, 20)
    glyphs[2].x1 = glyphs[2].x0 + 11.8  # a digit is narrower than a Han glyph
    x = glyphs[2].x1
    for c, w in ((" ", 12), ("0", 11.8), (" ", 12), ("元", 20)):
        glyphs += _row(c, x, w, w)
        x += w
    assert [b.text for b in _lines(glyphs)] == ["每天30元"]


def test_a_letter_spaced_headline_beside_an_unspaced_one_is_cut_at_the_gutter_only() -> None:
    """Letter-spacing is read where it is: a letter-spaced headline and an unspaced one on
    one baseline across a gutter are two lines, and neither is cut inside."""
    from exporter.ingest.pdf import _lines

    glyphs = _row("鳳山國中學生", 34, 32, 20) + _row("愛河端午龍舟賽", 250, 20, 20)
    assert [b.text for b in _lines(glyphs)] == ["鳳山國中學生", "愛河端午龍舟賽"]


def test_vertical_type_with_glyph_boxes_taller_than_its_pitch_is_one_block() -> None:
    """A CJK font's glyph box is taller than the em vertical type advances by, so the boxes
    of a vertical headline overlap: they still stack into one block, read in order."""
    from exporter.ingest.pdf import _Box, _stack

    glyphs = [_Box(519, 51 + 30 * k, 549, 94 + 30 * k, c, 30.0, True) for k, c in enumerate("輕軌環狀線")]
    assert ["".join(b.text for b in block) for block in _stack(glyphs)] == ["輕軌環狀線"]


def test_a_band_under_which_only_headlines_start_is_a_row_before_the_columns() -> None:
    """Two rows of stories whose column gutters line up down the page: the band as wide as
    a gutter under which only headlines start is cut first, so the first row is read
    before the second, not each column from top to bottom."""
    from exporter.ingest.pdf import _Box, _xycut

    def block(x: float, y: float, text: str, bold: bool = False, size: float = 10.0) -> list:
        return [_Box(x, y + 15 * k, x + 100, y + 15 * k + size, text, size, bold) for k in range(3 if not bold else 1)]

    blocks = [block(0, 0, "A1"), block(112, 0, "A2"),  # a gutter of 12 points
              block(0, 57, "B", True, 16), block(112, 57, "C", True, 16),  # a band of 17 points, then headlines
              block(0, 90, "B1"), block(112, 90, "C1")]
    assert [b[0].text for b, _ in _xycut(blocks, 10.0)] == ["A1", "A2", "B", "B1", "C", "C1"]


def test_a_ruled_box_is_read_whole() -> None:
    """No cut runs through a ruled box: a notice boxed across two columns is not split
    between them, and what stands beside the box is read after it."""
    from exporter.ingest.pdf import _Box, _xycut

    def line(x: float, y: float, text: str, width: float = 60) -> list:
        return [_Box(x, y, x + width, y + 10, text, 10.0)]

    blocks = [line(0, 0, "left"), line(80, 0, "right"),  # two columns above
              line(0, 40, "notice title", 140), line(0, 60, "notice body", 50), line(80, 60, "signature", 50)]
    box = (-2, 35, 142, 75)
    assert [b[0].text for b, _ in _xycut(blocks, 10.0, rects=[box])][2:] == ["notice title", "notice body", "signature"]


@pytest.mark.parametrize("name, headlines", [
    ("cr-jiangcheng-a1", {"江城地铁6号线二期年底通车", "高温补贴标准上调至每天30元", "荷塘消夏", "停水通知",
                          "市民可网上预约游泳场馆", "夏季夜市消费季启动"}),
    ("cr-gangdu-a3", {"輕軌環狀線全線通車", "旗津落日", "鳳山國中學生 奪全國機器人賽冠軍", "愛河端午龍舟賽 28日登場",
                      "高雄市政府環境保護局公告"}),
])
def test_blind3_chromium_pages_keep_their_headlines(name: str, headlines: set[str]) -> None:
    """blind3's Chromium pages (development data since session 7): a two-line letter-spaced
    headline, a caption opening with the photo's title, a bank ad boxed with its （广告）
    label and a boxed ad of display lines (furniture), a teaser strip (a folio), a vertical
    headline and deck, a notice boxed across the columns."""
    result = ingest([FIXTURES / "ingest-blind3" / f"{name}.pdf"], "p", dt.date(2025, 7, 2))
    assert {a.headline for a in result.edition.articles} == headlines


def test_a_ruled_box_of_display_lines_or_labelled_as_an_ad_is_furniture() -> None:
    """A PDF's ad is cut into several blocks by its type sizes; the ruled box round them
    says they are one: set aside whole when a line carries the （广告） label, or when the
    box holds only short display lines and no sentence."""
    from exporter.ingest.layout import Hints, lay_out_page

    text = "江城银行 · 安享存\n\n三年期大额存单 火热发售中\n\n客服热线 95599　（广告）\n\n全联福利中心\n\n週年慶　全館商品下殺5折起\n\n6/18－7/8　高雄27家門市同步開跑\n"
    hints = Hints(display={1, 3, 7, 9}, boxes={1: 0, 3: 0, 5: 0, 7: 1, 9: 1, 11: 1})
    page = lay_out_page("ad", text, hints)
    assert not page.pieces and {f.reason for f in page.furniture} == {"advertisement"} and len(page.furniture) == 6


def test_a_pictured_photo_takes_no_headline_printed_after_its_credit() -> None:
    """c-vertical: a photo whose caption the PDF ties to the picture over it, closed by a
    credit, is followed by the next story's headline (in another column): the headline is
    that story's. The plain section name over the last story (地方, on a page whose folio
    reads 地方綜合) is set aside as a label, as blind3 to blind9 print and mark such names;
    this corpus's truth calls it a kicker (tests/ingest/test_head_roles.py says why)."""
    result = ingest([PDF3 / "c-vertical.pdf"], "北城時報", dt.date(2025, 3, 23))
    heads = [(a.kind, a.kicker, a.headline) for a in result.edition.articles]
    assert ("photo", None, None) in heads and ("article", None, "夜間公車路線調整") in heads
    assert ("article", None, "社區圖書室啟用") in heads


def test_a_two_glyph_letter_spaced_headline_is_one_line() -> None:
    """`雨　水` set with an em of letter-spacing has one gap and no spacing beside it to
    read it against: the line cutter takes it apart, and the two display fragments on one
    baseline are joined again. Two body-type glyphs as far apart stay apart."""
    from exporter.ingest.pdf import _lines, _spread, _stack

    head = _row("雨", 526, 16, 16, base=76, size=16) + _row("水", 558, 16, 16, base=76, size=16)
    body = [g for c, x in (("甲", 300), ("乙", 320)) for g in _row(c, x, 10, 10, base=200, size=10)]
    for g in body:
        g.bold = False
    blocks = _spread(_stack(_lines(head + body)), 10.0)
    assert sorted("".join(b.text for b in block) for block in blocks) == ["乙", "甲", "雨水"]


def test_spaces_padding_pdf_character_spacing_are_dropped() -> None:
    """reportlab's character spacing (`Tc`) leaves padding between letters that PyMuPDF
    fills with thin space glyphs (`I N B R I E F`): the thin ones are no word spaces."""
    from exporter.ingest.pdf import _Glyph, _lines

    glyphs, x = [], 364.0
    for c in "IN BRIEF":
        if c == " ":
            glyphs.append(_Glyph(" ", x, 300, x + 2.8, 310, 308, 10.0, True, pen=x))
            x += 2.8 + 1.5
            continue
        glyphs.append(_Glyph(c, x, 300, x + 6, 310, 308, 10.0, True, pen=x))
        glyphs.append(_Glyph(" ", x + 6, 300, x + 7.5, 310, 308, 10.0, True, pen=x + 6))
        x += 7.5
    assert [b.text for b in _lines(glyphs)] == ["IN BRIEF"]


def test_extra_leading_inside_a_block_opens_a_paragraph() -> None:
    """Paragraphs set apart by a little extra leading (less than the gap that cuts blocks)
    with no indent: the line under the wider pitch opens a paragraph."""
    from exporter.ingest.pdf import _Box, _leaded

    bases = [100, 112.5, 125, 140.5, 153, 165.5]
    block = [_Box(40, b - 9, 200, b + 2, "text", 10.0, base=b) for b in bases]
    assert _leaded(block) == {3}
    assert _leaded(block[:2]) == set()  # two lines: no pitch to measure against


def test_an_indented_first_line_alone_at_a_column_foot_is_indented() -> None:
    """MuPDF's layout (ingest-pdf4): a paragraph whose indented first line is all that fits
    at a column's foot, under a subhead: its indent is measured from the column's edge, so
    it opens a paragraph rather than standing as a headline."""
    page = read_pdf(FIXTURES / "ingest-pdf4" / "m-harbour.pdf")[0]
    first = next(line for line in page.text.splitlines() if line.strip().startswith("首批租戶"))
    assert first.startswith("    ")


@pytest.mark.parametrize("name", ["m-daily", "m-gazette"])
def test_fourth_corpus_pages_segment(name: str, tmp_path: Path) -> None:
    """Pages set by MuPDF's HTML layout (headlines told from the body by size alone in the
    Chinese page): every article cut exactly, every title right, photos with captions."""
    pdf4 = FIXTURES / "ingest-pdf4"
    result = ingest([pdf4 / f"{name}.pdf"], "corpus", dt.date(2025, 3, 21), image_dir=tmp_path / "images")
    s = score(pdf4 / f"{name}.truth.json", result.edition.model_dump(mode="json", exclude_none=True))
    assert s["segmented"] == s["titles"] == s["articles"] and s["captions"] == s["captions_n"], s


def test_a_page_pdfs_heads_stand_over_their_body_not_after_it() -> None:
    """The reader gives a page PDF in its printed order, so a headline belongs to the body
    under it, never to the one before it (as it may in scrambled extracted text): on a page
    of obituaries and briefs, each headline keeps its own story."""
    result = ingest([FIXTURES / "ingest-blind4" / "cr-millbrook-a1a6.pdf"], "Sentinel", dt.date(2025, 3, 20),
                    language="en")
    opening = {a.headline: a.blocks[0].text[:30] for a in result.edition.articles if a.page == 2 and a.blocks}
    assert opening["MARGARET A. TULLY"].startswith("Margaret Ann Tully")
    assert opening["Library book sale raises $3,200"].startswith("The Friends of the Cedar Falls")
    assert opening["POLICE LOG"].startswith("March 12")


def test_a_small_name_line_under_a_headline_is_its_byline() -> None:
    """A line in plain type smaller than the body's, right under a headline, naming
    people with role words around them (报道：程立) or as a name alone in Latin script
    (VINCENT LAU): the byline, not a line of the headline (Chromium pages of two corpora)."""
    result = ingest([FIXTURES / "ingest-blind" / "pdf-nanyang-1.pdf"], "南洋", dt.date(2025, 3, 20))
    kayu = next(a for a in result.edition.articles if a.headline == "加冷河畔新增缓跑径")
    assert kayu.authors == ["程立"] and kayu.subheadline is None
    result = ingest([FIXTURES / "ingest-blind5" / "cr-easterntribune-a3.pdf"], "Tribune", dt.date(2025, 3, 20),
                    language="en")
    fraud = next(a for a in result.edition.articles if a.headline == "Former manager jailed for HK$3m fraud")
    assert fraud.authors == ["Vincent Lau"]


def test_han_glyphs_alone_or_a_sentence_are_no_byline_names() -> None:
    """Without a role word a short Han line (a table's 企业, a label such as 亲情絮语) names
    nobody; a Latin name must be printed as one (capitals or Title Case)."""
    from exporter.ingest.layout import _byline_names

    assert _byline_names("方敏 报道") == ["方敏"] and _byline_names("作者：方远山") == ["方远山"]
    assert _byline_names("Daniel Fung") == ["Daniel Fung"]
    assert _byline_names("企业") == _byline_names("亲情絮语") == _byline_names("Former manager") == []
    assert _byline_names("报道：黄佩玲　摄影：江志明") == ["黄佩玲", "江志明"]
    assert _byline_names("晚报记者 卢晓 通讯员 江沁") == ["卢晓", "江沁"]
    assert _byline_names("读者 林美玉（诗河）") == ["林美玉"]


def test_a_small_byline_after_a_storys_text_closes_it() -> None:
    """`报道：黄佩玲` in small type pushed right under a story's last paragraph, before the
    next headline, names that story's author (a reportlab page)."""
    result = ingest([FIXTURES / "ingest-blind5" / "rl-chenguang-b2.pdf"], "晨光", dt.date(2025, 3, 20))
    authors = {a.headline: a.authors for a in result.edition.articles}
    assert authors["新巴刹下月迁入新址"] == ["黄佩玲"]
    assert authors["巴当河大桥明年初通车"] == ["黄佩玲", "江志明"]


def test_a_bold_run_in_head_is_the_briefs_title() -> None:
    """Briefs whose bold title runs into the first line of their text (`◆卡洛斯有望续约　东港海…`,
    `■人民幣存款回升　金管局…`): the bold run before the space is the brief's headline
    without its bullet, the plain rest opens its text (Chromium pages of two papers)."""
    from exporter.ingest.pdf import _Glyph, _lead

    def run(text: str, bold: int) -> list[_Glyph]:
        return [_Glyph(c, 10 * k, 0, 10 * k + 9, 10, 9, 10.0, k < bold, pen=10 * k) for k, c in enumerate(text)]

    assert _lead(run("◆卡洛斯有望续约\u3000东港海", 8)) == 8
    assert _lead(run("Swimming pools reopen Six public", 21)) == 21
    assert _lead(run("全粗体标题", 5)) == 0 and _lead(run("粗体紧接正文不空格", 2)) == 0
    result = ingest([FIXTURES / "ingest-blind5" / "cr-weigang-a1.pdf"], "Weigang", dt.date(2025, 3, 20))
    # the brief's title heads its own text; the box's label 財經快訊 over the list is furniture
    brief = next(a for a in result.edition.articles if "人民幣存款回升" in (a.headline or ""))
    assert brief.headline == "人民幣存款回升" and brief.kicker is None and brief.subheadline is None
    assert brief.blocks[0].text.startswith("金管局數據顯示")
    assert any(item.text == "財經快訊" for _, item in result.furniture)


def test_a_storys_next_column_on_a_mosaic_page_follows_its_first() -> None:
    """Stories laid as a mosaic (no band across the page between them): running text whose
    top lines up with running text left of it, under no head of its own, is the same story's
    next column and is read right after it, not after the stories under the first column."""
    (page,) = read_pdf(FIXTURES / "ingest-blind5" / "cr-linlan-c2.pdf")
    lines = [t.strip() for t in page.text.split("\n") if t.strip()]
    assert lines[lines.index("曲》。") + 1].startswith("组曲分为")  # a two-column story at the top right
    assert lines[lines.index("周，上座率却出人意料地高。") + 1].startswith("片子讲的是")  # one across three columns
    start = lines.index("片子讲的是江心灯塔最后一任守塔")
    assert lines[start + 4].startswith("散场时")


def test_a_column_that_goes_on_under_a_subhead_is_read_whole_first() -> None:
    """The next column's text follows the whole of the column before it, subheads and all."""
    (page,) = read_pdf(FIXTURES / "ingest-blind" / "pdf-finance-1.pdf")
    lines = [t.strip() for t in page.text.split("\n") if t.strip()]
    assert lines.index("制造业表现亮眼") < lines.index("流净额9.3亿元。公司")


def test_a_head_centred_over_the_columns_right_of_the_first_is_read_before_it() -> None:
    """A lead story whose kicker, headline and deck stand over its second to fourth columns
    only, its first column's text hanging at the top under nothing: the head is read first,
    so the first column is not an untitled story of its own."""
    page = read_pdf(FIXTURES / "ingest-blind5" / "cr-chengchuan-p1p2.pdf")[0]
    lines = [t.strip() for t in page.text.split("\n") if t.strip()]
    assert lines.index("市委十四届九次全体会议召开") < lines.index("本报讯（记者 汪启明 卢佳）11月13")


def test_a_right_aligned_reporter_line_in_body_type_closes_its_story() -> None:
    """MuPDF's layout (ingest-pdf4): `記者 何穎欣` pushed right under a story's last
    paragraph, in body type, before the next headline, is that story's byline."""
    result = ingest([FIXTURES / "ingest-pdf4" / "m-harbour.pdf"], "海灣日報", dt.date(2025, 3, 21))
    authors = {a.headline: a.authors for a in result.edition.articles}
    assert authors["小巴站加設上蓋及座椅"] == ["何穎欣"] and authors["海濱長廊周末放映露天電影"] == ["葉子晴"]


def test_a_vertical_headlines_first_glyph_is_not_glued_to_the_headline_beside_it() -> None:
    """A vertical headline's first glyph (22 pt) sits on the baseline of a letter-spaced
    horizontal headline (18 pt) beside it: glyphs of sizes that far apart are never one
    line, whichever is met first (cr-songcheng)."""
    (page,) = read_pdf(FIXTURES / "ingest-blind4" / "cr-songcheng-a1.pdf")
    lines = [t.strip() for t in page.text.split("\n")]
    assert "地铁14号线东延伸段开工" in lines and "老地铁14号线东延伸段开工" not in lines


def test_a_column_that_goes_on_under_bold_subheads_is_read_whole_first() -> None:
    """The text at the top of the next column continues the foot of the column before it,
    past that column's bold subheads (a reportlab page): it is not pulled up under the
    column's first block."""
    page = read_pdf(FIXTURES / "ingest-blind3" / "rl-harbour-a1a2.pdf")[1]
    lines = [t.strip() for t in page.text.split("\n") if t.strip()]
    assert lines[lines.index("近年有不少年輕") + 1] == "人回到大澳開設小店"


def test_an_author_box_or_a_name_and_role_under_a_headline_is_the_byline() -> None:
    """Lines printed alone under a headline that name its writer are its byline, not the
    head group's last line: an author box (`■本报记者 韦婷`, reportlab; `□ 周岚`, Chromium, in
    body-size type), a name over a role line in small bold type (`Lim Jia Hui`), a name
    with its role after a comma (`Sarah Qian, Staff Reporter`); a name a PDF sets in
    capitals (`By RUTH CALLOWAY`, MuPDF) is written in title case."""
    def heads(corpus: str, name: str) -> dict[str, list[str]]:
        result = ingest([FIXTURES / corpus / name], "P", dt.date(2025, 3, 20))
        return {a.headline: a.authors for a in result.edition.articles}

    assert heads("ingest-blind3", "rl-lingshang-b5.pdf")["岭州港集装箱吞吐量创新高"] == ["韦婷"]
    assert heads("ingest-blind2", "pdf-theory-1.pdf")["读懂“小切口”里的大文章"] == ["周岚"]
    island = heads("ingest-blind4", "rl-islandherald-b4.pdf")
    assert island["Heartland gardens feed 2,000 families a week"] == ["Lim Jia Hui"]
    assert heads("ingest-blind6", "cr-ningport-a1a3.pdf")["Old Town Lanes Get Night Market"] == ["Sarah Qian"]
    assert heads("ingest-pdf4", "m-gazette.pdf")["High school robotics team heads to nationals"] == ["Ruth Calloway"]


def test_a_column_that_ends_a_sentence_short_of_its_measure_ends_its_paragraph() -> None:
    """On a page that indents paragraphs, a letter whose last line ends a sentence with room
    to spare at a column's foot, and goes on flush at the top of the next column, has
    ended a paragraph there (cr-millbrook, Chromium)."""
    page = read_pdf(FIXTURES / "ingest-blind4" / "cr-millbrook-a1a6.pdf")[1]
    lines = page.text.split("\n")
    at = next(k for k, t in enumerate(lines) if t.strip() == "It is good to see the council listen.")
    assert lines[at].startswith("  ")  # said with an indent, as an extractor would


def test_pictures_cropped_to_their_frame_and_captions_with_a_pointer_keep_their_captions(tmp_path: Path) -> None:
    """A picture drawn whole and clipped to its frame (CSS object-fit: cover) is where the
    page shows it, so the caption under the frame is its caption (pdf-county: two stacked
    photos); a caption opening with a pointer (`▲消防局昨日…`, cr-lianhai) is no author box;
    a body-type caption a little further down is its picture's when a credit alone on its
    line (`Lee Ortiz/Express`) closes it (pdf-metro)."""
    def figures(corpus: str, name: str) -> list[Figure]:
        result = ingest([FIXTURES / corpus / name], "P", dt.date(2025, 3, 20), image_dir=tmp_path / name)
        return [b for a in result.edition.articles for b in a.blocks if isinstance(b, Figure) and b.src and b.caption]

    county = figures("ingest-blind", "pdf-county-1.pdf")
    assert [f.caption[:9] for f in county] == ["3月19日，梅子坳", "白岩村农户在育秧大"]
    assert [f.credit for f in figures("ingest-blind2", "pdf-metro-1.pdf")] == ["Lee Ortiz/Express"]
    (fire,) = figures("ingest-blind4", "cr-lianhai-a3.pdf")
    assert fire.caption.startswith("消防局昨日") and fire.credit == "記者 梁嘉俊"
