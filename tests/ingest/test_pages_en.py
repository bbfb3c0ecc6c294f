"""English pages: datelines, bylines, credits, jump lines, notices and headline groups."""

from __future__ import annotations

import datetime as dt

import pytest

from exporter.ingest import ingest_texts
from exporter.ingest.english import byline, case_style
from exporter.ingest.fields import JUMP_FROM, JUMP_TO, jump_page, opening, split_credit
from exporter.model import Article, Figure, Paragraph


def _ingest(page: str) -> tuple[list[Article], list[str]]:
    result = ingest_texts([("page1.txt", page)], "Porthaven Gazette", dt.date(2026, 11, 20), language="en")
    return result.edition.articles, result.notes.warnings


def _paras(article: Article) -> list[str]:
    return [b.text for b in article.blocks if isinstance(b, Paragraph)]


FRONT_PAGE = """\
CITY COUNCIL

Council Approves New Bridge
Over the Alder River

Construction to begin in spring,
with the span open by 2027

By ELEANOR PIKE and TOM ALDER,
Staff Reporters

  PORTHAVEN — The city council
voted 7-2 on Tuesday to approve a
new bridge across the Alder River,
ending a decade-long debate over
how to ease traffic on the old Mill
Street crossing.
  The $48 million span will carry
two lanes of traffic and a pro-
tected bike path. A state-

owned contractor will build it.
  "This is a long-term fix," said
Mayor Ruth Okafor, who cast the
deciding vote. Continued on page 4

  LONDON (Reuters) - British rail
operators will cut fares on quiet
trains from January, the trans-
port ministry an-
nounced on Wednesday.
  The cuts apply to journeys after
9:30 a.m. on weekdays.

Rail Fares to Fall in January

By Eleanor Pike, Local Affairs Reporter

  PORTHAVEN, Nov. 19 — A 54-
year-old fisherman was rescued
from the harbour wall on Monday
after his boat capsized in high
winds.
  Coastguard crews reached him
within twenty minutes.

Fisherman Rescued
After Boat Capsizes

Lanterns Light Up the Old Harbour

  Hundreds of paper lanterns float
over the old harbour on Saturday
during the autumn festival.
Photo: Jo Bloggs

PUBLIC NOTICE

NOTICE OF ROAD CLOSURE

  NOTICE IS HEREBY GIVEN that Mill
Street will be closed to traffic
between Harbour Road and Quay Lane
from November 24 to November 28
for resurfacing works.
  Diversions will be signposted.
                     Jane Morrow
                     City Clerk
                     November 19, 2026
"""


def test_english_front_page_segments_into_its_five_items() -> None:
    arts, warnings = _ingest(FRONT_PAGE)
    assert [(a.kind, a.kicker, a.headline, a.subheadline) for a in arts] == [
        ("article", "CITY COUNCIL", "Council Approves New Bridge Over the Alder River",
         "Construction to begin in spring, with the span open by 2027"),
        ("article", None, "Rail Fares to Fall in January", None),
        ("article", None, "Fisherman Rescued After Boat Capsizes", None),
        ("photo", None, "Lanterns Light Up the Old Harbour", None),
        ("notice", "PUBLIC NOTICE", "NOTICE OF ROAD CLOSURE", None),
    ]
    assert warnings == []
    bridge, rail, rescue, photo, notice = arts
    assert (bridge.dateline, bridge.byline, bridge.authors, bridge.continued_to) == (
        "PORTHAVEN", "ELEANOR PIKE and TOM ALDER, Staff Reporters", ["Eleanor Pike", "Tom Alder"], "page 4")
    assert _paras(bridge) == [
        "The city council voted 7-2 on Tuesday to approve a new bridge across the Alder River, ending a "
        "decade-long debate over how to ease traffic on the old Mill Street crossing.",
        "The $48 million span will carry two lanes of traffic and a protected bike path. "
        "A state-owned contractor will build it.",
        "\"This is a long-term fix,\" said Mayor Ruth Okafor, who cast the deciding vote.",
    ]
    assert (rail.dateline, rail.authors) == ("LONDON (Reuters)", [])
    assert _paras(rail)[0] == ("British rail operators will cut fares on quiet trains from January, "
                               "the transport ministry announced on Wednesday.")
    assert (rescue.dateline, rescue.byline, rescue.authors) == (
        "PORTHAVEN, Nov. 19", "Eleanor Pike, Local Affairs Reporter", ["Eleanor Pike"])
    assert _paras(rescue)[0].startswith("A 54-year-old fisherman was rescued")
    assert photo.authors == ["Jo Bloggs"] and photo.blocks == [Figure(
        caption="Hundreds of paper lanterns float over the old harbour on Saturday during the autumn festival.",
        credit="Jo Bloggs")]
    assert notice.notice is not None
    assert (notice.notice.issuer, notice.notice.date) == ("Jane Morrow City Clerk", "November 19, 2026")
    assert _paras(notice)[0].startswith("NOTICE IS HEREBY GIVEN that Mill Street")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Eleanor Pike", ("Eleanor Pike", ["Eleanor Pike"])),
        ("By ELEANOR PIKE and TOM ALDER, Staff Reporters",
         ("ELEANOR PIKE and TOM ALDER, Staff Reporters", ["Eleanor Pike", "Tom Alder"])),
        ("By Eleanor Pike, Local Affairs Reporter", ("Eleanor Pike, Local Affairs Reporter", ["Eleanor Pike"])),
        ("By Eleanor Pike, Tom Alder and Mia van der Berg",
         ("Eleanor Pike, Tom Alder and Mia van der Berg", ["Eleanor Pike", "Tom Alder", "Mia van der Berg"])),
        ("By The Associated Press", ("The Associated Press", [])),
        ("By TOM ALDER Staff Reporter", ("TOM ALDER Staff Reporter", ["Tom Alder"])),
        ("By Jo Bloggs, The Porthaven Gazette", ("Jo Bloggs, The Porthaven Gazette", ["Jo Bloggs"])),
        ("By Tuesday, the council had agreed", None),
        ("By March Town Hall will reopen", None),
    ],
)
def test_byline_lines(line: str, expected: tuple[str, list[str]] | None) -> None:
    assert byline(line) == expected


@pytest.mark.parametrize(
    ("text", "dateline", "rest"),
    [
        ("PORTHAVEN — The council met.", "PORTHAVEN", "The council met."),
        ("PORTHAVEN, Nov. 19 — The council met.", "PORTHAVEN, Nov. 19", "The council met."),
        ("LONDON (Reuters) - Fares fell.", "LONDON (Reuters)", "Fares fell."),
        ("NEW YORK (AP) — Stocks rose.", "NEW YORK (AP)", "Stocks rose."),
        ("PORTHAVEN, Ore. – Rain fell.", "PORTHAVEN, Ore.", "Rain fell."),
        ("NASA said the launch — if it happens — is in May.", None, None),
        ("The council — all nine members — met.", None, None),
        ("US-CHINA talks resumed.", None, None),
    ],
)
def test_english_datelines(text: str, dateline: str | None, rest: str | None) -> None:
    o = opening(text)
    assert o.dateline == dateline
    if rest is not None:
        assert text[o.rest:] == rest


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("during the festival. Photo: Jo Bloggs", ("during the festival.", "Jo Bloggs")),
        ("Photo: Jo Bloggs", ("", "Jo Bloggs")),
        ("(Photo by Jo Bloggs)", ("", "Jo Bloggs")),
        ("on Monday.   JO BLOGGS/STAFF", ("on Monday.", "JO BLOGGS/STAFF")),
        ("JO BLOGGS/STAFF", ("", "JO BLOGGS/STAFF")),
        ("the mayor showed a photo by Jo Bloggs", None),
        ("the photo: a lake", None),
    ],
)
def test_english_photo_credits(line: str, expected: tuple[str, str] | None) -> None:
    assert split_credit(line) == expected


@pytest.mark.parametrize(
    ("text", "pattern", "page"),
    [
        ("the deciding vote. Continued on page 4", JUMP_TO, "page 4"),
        ("the deciding vote. (Continued on Page 4)", JUMP_TO, "page 4"),
        ("the deciding vote. See BRIDGE, Page A5", JUMP_TO, "page A5"),
        ("the deciding vote. See BRIDGE on page A5", JUMP_TO, "page A5"),
        ("Continued from page 1 the bridge", JUMP_FROM, "page 1"),
        ("(Continued from Page A1) the bridge", JUMP_FROM, "page A1"),
    ],
)
def test_english_jump_lines(text: str, pattern: object, page: str) -> None:
    m = JUMP_TO.search(text) if pattern is JUMP_TO else JUMP_FROM.match(text)
    assert m is not None and jump_page(m) == page


def test_sentences_that_mention_pages_are_not_jump_lines() -> None:
    assert JUMP_TO.search("the report is on page 4.") is None
    assert JUMP_FROM.match("Continued growth is expected.") is None


@pytest.mark.parametrize(
    ("text", "style"),
    [("Council Approves New Bridge Over the River", "title"), ("CITY COUNCIL", "upper"),
     ("Construction to begin in spring, with the span open by 2027", "sentence"), ("Rail Fares Fall", "title")],
)
def test_letter_case_tells_headline_from_deck(text: str, style: str) -> None:
    assert case_style(text) == style


CONTINUATION = """\
BRIDGE

Continued from page 1

  Work on the foundations will
start in March, and the old cross-
ing will stay open until the new
span is finished.
  The council will publish the
final design next month. See
BRIDGE, Page A7

  A Porthaven-
based charity has raised £20,000
for the lifeboat station, its di-
rector said on Friday.

Charity Funds Lifeboat Station
"""


def test_continuation_jump_lines_and_a_headline_after_its_body() -> None:
    arts, warnings = _ingest(CONTINUATION)
    assert [(a.headline, a.continued_from, a.continued_to) for a in arts] == [
        ("BRIDGE", "page 1", "page A7"), ("Charity Funds Lifeboat Station", None, None)]
    assert _paras(arts[0]) == [
        "Work on the foundations will start in March, and the old crossing will stay open until the new span is "
        "finished.",
        "The council will publish the final design next month.",
    ]
    assert _paras(arts[1]) == ["A Porthaven-based charity has raised £20,000 for the lifeboat station, its "
                               "director said on Friday."]
    assert warnings == []


CLEAN_EN = """\
Harbour Ferry Adds Night Sailings

By Tom Alder

  The harbour ferry will run two extra sailings every evening from next week, the transport office said.
  Tickets cost the same as daytime fares.

Library Opens on Sundays

  The central library will open on Sundays from December, the council said.

Schools Get New Buses

  Twelve electric buses will serve the town's schools from January.
  The buses were bought with a state grant.

Market Moves to the Quay

  The Saturday market will move to the quay while the square is repaved.

Museum Wins Award

  The maritime museum has won a national award for its new gallery.
"""


def test_clean_english_page_with_five_articles_comes_out_unchanged() -> None:
    arts, warnings = _ingest(CLEAN_EN)
    assert [a.headline for a in arts] == [
        "Harbour Ferry Adds Night Sailings", "Library Opens on Sundays", "Schools Get New Buses",
        "Market Moves to the Quay", "Museum Wins Award"]
    assert [p for a in arts for p in _paras(a)] == [line.strip() for line in CLEAN_EN.split("\n") if line.startswith("  ")]
    assert arts[0].authors == ["Tom Alder"] and all(a.kind == "article" for a in arts)
    assert warnings == []


SIX_ITEMS = """\
  PORTHAVEN — Water bills will rise
by four percent next year to pay for
new pipes under the old town, the
utility said on Thursday.
  Households will pay about £12

more a year on average.

Water Bills to Rise Next Year

Pipe renewal will take five years

TRANSPORT

Night Buses Return to Harbour Route

By Mia Ross

  Night buses will run again on the
harbour route from Friday after a
two-year break, the bus company
said.
  The service was cut in 2024 when
drivers were scarce.

  School pupils raised £3,400 for the
hospice in a sponsored swim on Sun-
day, swimming a combined 212 miles.
  The head teacher said the pupils
had trained for months.

Pupils Swim 212 Miles for Hospice

Storm Closes Coast Road

By TOM ALDER
Staff Reporter

  The coast road between Porthaven
and Kelby was closed for six hours
on Tuesday after a storm brought
down trees and power lines.
  Crews cleared the road by eve-
ning.

Ferry Timetable Changes

  The winter ferry timetable starts
on December 1, with the last sail-
ing leaving at 9 p.m.

  LONDON (AP) — Britain's economy grew
by 0.3 percent in the third quarter,
official figures showed on Friday.
  Economists had expected growth of
0.2 percent.

Economy Grows Faster Than Expected
"""


def test_six_items_with_headlines_before_and_after_their_bodies() -> None:
    arts, warnings = _ingest(SIX_ITEMS)
    assert [(a.kicker, a.headline, a.subheadline, a.dateline, a.authors) for a in arts] == [
        (None, "Water Bills to Rise Next Year", "Pipe renewal will take five years", "PORTHAVEN", []),
        ("TRANSPORT", "Night Buses Return to Harbour Route", None, None, ["Mia Ross"]),
        (None, "Pupils Swim 212 Miles for Hospice", None, None, []),
        (None, "Storm Closes Coast Road", None, None, ["Tom Alder"]),
        (None, "Ferry Timetable Changes", None, None, []),
        (None, "Economy Grows Faster Than Expected", None, "LONDON (AP)", []),
    ]
    assert _paras(arts[0])[1] == "Households will pay about £12 more a year on average."
    assert _paras(arts[2])[0].endswith("sponsored swim on Sunday, swimming a combined 212 miles.")
    assert arts[3].byline == "TOM ALDER Staff Reporter"
    assert warnings == []


FLUSH_PAGE = """\
Harbour Wall Repairs Begin Next Week

By Nell Ashby
Crews will start repairing the harbour wall on Monday, the port
authority said, after winter storms left two large cracks.
The work is expected to take six weeks. Boats will be moved to the
east quay while the crews are on site, and the fish market will
stay open as usual.
"We have waited a long time for this," said Ruth Marlow, who has
fished from the harbour for 30 years.
"""


def test_flush_latin_paragraphs_end_where_the_next_word_would_have_fitted() -> None:
    """No indents and no blank lines: a line that ends a sentence with room left on it for
    the next line's first word ends its paragraph; a full line that ends one does not."""
    (article,), _ = _ingest(FLUSH_PAGE)
    assert article.headline == "Harbour Wall Repairs Begin Next Week"
    assert _paras(article) == [
        "Crews will start repairing the harbour wall on Monday, the port authority said, after "
        "winter storms left two large cracks.",
        "The work is expected to take six weeks. Boats will be moved to the east quay while the "
        "crews are on site, and the fish market will stay open as usual.",
        "\"We have waited a long time for this,\" said Ruth Marlow, who has fished from the harbour "
        "for 30 years.",
    ]
