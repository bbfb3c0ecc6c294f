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
        "PORTHAVEN", "ELEANOR PIKE and TOM ALDER, Staff Reporters", ["ELEANOR PIKE", "TOM ALDER"], "page 4")
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
