"""Session 18's review findings (review18a, review18b), each on the smallest page that shows it:
a chain of columns that must end, an ad label that needs a colon or a gap, a framed head with
nothing in its frame, a writer's note that must be one note on the writer. None of these shapes
is on a development page; they guard the session's new rules (every development edition is
unchanged by the fixes)."""

from __future__ import annotations

import datetime as dt

from exporter.ingest import furniture, ingest_texts, pdf

B = pdf._Box


def test_a_column_of_no_width_ends_the_chain_of_columns_under_a_head() -> None:
    """`_next_column` once offered a column of no width (glyphs set at 0 % horizontal scale) as
    its own next column, and `_heads_under` looped for ever; the chain now only moves right."""
    first = [B(0, 0, 100, 11, "第一行正文", size=10, base=10), B(0, 12, 100, 23, "第二行正文", size=10, base=22)]
    head = [B(0, 25, 100, 40, "标题", size=16, bold=True, base=38)]
    flat = [B(150, 0, 150, 11, "文文", size=10, base=10), B(150, 12, 150, 23, "文文", size=10, base=22)]
    out = pdf._heads_under([(first, (0,)), (head, (0,)), (flat, (1,))], 10.0)
    assert sorted(b[0].text for b, _ in out) == ["文文", "标题", "第一行正文"]


def test_an_ad_label_opens_an_ad_only_with_a_colon_or_a_gap() -> None:
    """`广告　不能任性` (a headline with one ideographic phrase space) is a story about ads, not
    an ad; `广告：…` and `ADVERTISEMENT  …` (every ad line on the development pages) are ads."""
    assert not furniture.advert(["广告\u3000不能任性"])
    assert furniture.advert(["广告：华联超市年终大促 全场八折"])
    assert furniture.advert(["ADVERTISEMENT  Ashby Games Shop: board games, cards, puzzles"])
    page = "广告\u3000不能任性\n\n\u3000\u3000本报讯 市场监管局近日查处一批虚假广告，涉及保健品、医疗等领域，罚款共计三十万元。\n"
    result = ingest_texts([("page1.txt", page)], "Test", dt.date(2024, 5, 8))
    assert [a.headline for a in result.edition.articles] == ["广告\u3000不能任性"]


def test_a_frame_with_nothing_in_it_stays_the_head_as_printed() -> None:
    """A head `【 】` framed nothing: dropping its brackets left a blank headline and the page
    was refused (exit 2). It is kept as printed, and the story with it."""
    for blank in (" ", "\u3000"):
        page = f"【{blank}】\n\n\u3000\u3000本报讯 市总工会职工书屋近日新增图书2000册，欢迎职工借阅。\n"
        (article,) = ingest_texts([("page1.txt", page)], "Test", dt.date(2024, 5, 8)).edition.articles
        assert article.headline == f"【{blank}】" and "图书2000册" in article.blocks[0].text


def _articles(page: str) -> list:
    return ingest_texts([("page1.txt", page)], "Test", dt.date(2024, 5, 8)).edition.articles


def test_a_writers_note_takes_no_headline_and_no_jump_line_as_its_second_line() -> None:
    """A note's second line must go on with its clause (lower case) and be no jump line: the
    next story's headline set right under the note, or a jump line under a sentence cut at the
    column's foot, made a wrong author (`Thabo Nkosi`, whom the cut sentence was about)."""
    story = ("Bridge to open next month\n\n  The council said on Tuesday that the river\n"
             "bridge would open to visitors next month after\nrepairs that took most of the year to finish.\n")
    arts = _articles(story + "Peter Okafor is a reporter in Hillcrest\nLibrary extends its hours\n\n"
                     "  The public library will open until eight on\nweekdays from next month.\n")
    assert all("Library extends" not in (a.byline or "") for a in arts)
    cut = _articles("Fun run raises money\n\n  The race was won by a local teacher.\n"
                    "Thabo Nkosi is the head of sport at the\nContinued on page 6\n")
    assert [a.authors for a in cut] == [[]]


def test_a_note_on_someone_the_byline_does_not_name_stays_text() -> None:
    """With a byline naming its writer, a closing `Peter Okafor is the engineer in charge` is a
    sentence about someone else, not a second writer."""
    (article,) = _articles("Bridge to open next month\n\nBY JANE HARLOW\n  The council said on Tuesday that the river\n"
                           "bridge would open to visitors next month after\nrepairs that took most of the year to finish.\n"
                           "Peter Okafor is the engineer in charge\n")
    assert article.authors == ["Jane Harlow"]
    assert article.blocks[-1].text == "Peter Okafor is the engineer in charge"


def test_a_place_closing_a_story_after_a_blank_line_is_no_writer() -> None:
    """The note is read only right under the text (no blank line over it on a text page): a last
    paragraph `Hong Kong is a city of contrasts` names no writer."""
    (article,) = _articles("Visitors return to the harbour\n\n  Tourist numbers rose by a fifth in November,\n"
                           "the tourism board said on Tuesday, the best\nmonth since the borders reopened.\n\n"
                           "  Hong Kong is a city of contrasts\n")
    assert article.authors == []
