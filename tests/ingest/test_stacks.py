"""English head stacks, sign-offs and bylines, and tables kept as content (stacks.py,
tables.py): the structural rules that read Latin-script pages printed without blank lines
between their heads, bylines and stories."""

from __future__ import annotations

import datetime as dt

from exporter.ingest import english, ingest_texts, stacks, tables
from exporter.ingest.layout import Byline, Head, Para, lay_out_page


def test_a_label_headline_and_deck_standing_alone_are_three_heads() -> None:
    texts = ["HOUSING", "Starter flats scheme to", "double next year",
             "Young families get priority as 4,800 units go on sale in Tseung Bay"]
    assert stacks.cuts(texts, True) == [(0, "head"), (1, "head"), (3, "head")]


def test_a_stack_after_a_finished_story_ends_at_a_name_under_a_sentence_case_headline() -> None:
    texts = ["recipients in February.", "COMMENT", "Why our libraries still matter", "Daniel Fung",
             "Every Saturday morning, the", "public library near my flat", "fills up before the doors open."]
    assert stacks.cuts(texts, True) == [(1, "head"), (2, "head"), (3, "byline"), (4, "text")]


def test_a_title_case_headline_after_a_story_is_no_sign_off() -> None:
    """Three capitalised words read as a name, but a headline runs wider than a name."""
    texts = ["The road reopened at noon.", "Storm Closes Coast Road", "A storm closed the coast road on Friday,",
             "stranding drivers for hours."]
    assert (1, "byline") not in stacks.cuts(texts, True)


def test_running_text_is_never_a_stack() -> None:
    """Capitalised lines inside a story (a name, a title) are not heads: no label opens
    them, no byline ends them, and the block goes on after them."""
    texts = ["the housing minister said.", "Secretary for Housing Wong", "Siu-ling told lawmakers that",
             "families with children under 12"]
    assert stacks.cuts(texts, False) == []
    texts = ["Daniel Seah", "For The Island Herald", "When we talk about void decks, we"]
    assert stacks.cuts(texts, True) == []  # a name over its role line: the text reader's byline


def test_a_label_after_a_pull_quote_opens_a_stack_only_over_a_byline() -> None:
    texts = ["O'NEILL", '"A well-deserved win for island commuters"', "DRAMA AT SEA",
             "Lifeboat crew rescue two kayakers off Gull Point", "By Priya Lal", "Two kayakers were rescued."]
    assert stacks.cuts(texts, False) == [(2, "head"), (3, "head"), (4, "text")]


def test_sign_offs_close_letters_and_stories() -> None:
    assert [stacks.signer(t) for t in ("Margaret Yip, Wo Lok", "Siti Aminah Yusof (Dr)", "-- Chen Jiayi",
                                       "-- XINHUA", "Alan Rees, community correspondent", "IN BRIEF")] == [
        "Margaret Yip", "Siti Aminah Yusof", "Chen Jiayi", "", "Alan Rees", None]
    texts = ["I cycle to work along the same road. The", "cycling path ends abruptly at the junction.",
             "Ong Kah Wai", "Hawker upgrades should not price out stallholders", "Upgrading ageing hawker centres is",
             "welcome, but rental and cleaning fees", "often rise after renovation."]
    assert (2, "byline") in stacks.cuts(texts, True, measure=44)


def test_bylines_in_capitals_name_people_in_name_case() -> None:
    assert english.byline("BY SAMANTHA LEUNG") == ("SAMANTHA LEUNG", ["Samantha Leung"])
    assert english.byline("By Lin Weiqiang in Ningport") == ("Lin Weiqiang in Ningport", ["Lin Weiqiang"])
    assert english.name_case("SAM O'NEILL") == "Sam O'Neill" and english.name_case("Ann McBride") == "Ann McBride"
    assert english.named_role("Sarah Qian, Staff Reporter") == "Sarah Qian"
    assert english.named_role("Sarah Qian, who lives nearby") is None


def test_an_email_line_under_a_byline_joins_it() -> None:
    page = lay_out_page("p.txt", "BY SAMANTHA LEUNG\nsamantha.leung@tribune.example\nThe government will double\n"
                                 "the number of flats.\n")
    byline = page.pieces[0]
    assert isinstance(byline, Byline) and byline.names == ["Samantha Leung"]
    assert byline.text.endswith("samantha.leung@tribune.example")
    assert isinstance(page.pieces[1], Para) and page.pieces[1].lines[0].text.startswith("The government")


def test_a_titled_table_is_an_article_with_a_paragraph_per_row() -> None:
    texts = ["MARKETS AT A GLANCE", "Index                 Close      Change",
             "Shanghai Composite    3,412.56   +0.42%", "Hang Seng            20,871.33   +0.65%"]
    assert tables.parts(texts) == [(0, "head"), (1, "row"), (2, "row"), (3, "row")]
    assert tables.parts(["Index rose today.", "It was a good day.", "Traders cheered."]) is None
    page = "\n".join(["Rates Hold Steady", "", "The central bank kept its main rate", "unchanged on Thursday, as expected.",
                      "", *texts, "", "Bank Opens New Service", "", "Ningport Commercial Bank has begun",
                      "opening accounts for traders abroad."]) + "\n"
    laid = lay_out_page("p.txt", page)
    rows = [p for p in laid.pieces if isinstance(p, Para) and "  " in p.lines[0].text]
    assert len(rows) == 3 and all(len(p.lines) == 1 for p in rows)  # no row continues into the next block
    assert any(isinstance(p, Head) and p.lines[0].text == "MARKETS AT A GLANCE" for p in laid.pieces)
    result = ingest_texts([("p.txt", page)], "Courier", dt.date(2026, 11, 20))
    table = next(a for a in result.edition.articles if a.headline == "MARKETS AT A GLANCE")
    assert [b.text for b in table.blocks][1:] == ["Shanghai Composite 3,412.56 +0.42%", "Hang Seng 20,871.33 +0.65%"]


def test_jump_lines_with_a_bare_page_code_or_a_slug() -> None:
    from exporter.ingest import fields
    found = {t: (m := fields.JUMP_FROM.match(t)) and fields.jump_page(m)
             for t in ("FROM A1", "FERRY from Page 1", "From A1 to B2 the road")}
    assert found == {"FROM A1": "page A1", "FERRY from Page 1": "page 1", "From A1 to B2 the road": None}
    m = fields.JUMP_TO.search("workers, who CONTINUED ON A4")
    assert m is not None and fields.jump_page(m) == "page A4"
    assert fields.JUMP_TO.search("we go on CONTINUED ON 4") is None
