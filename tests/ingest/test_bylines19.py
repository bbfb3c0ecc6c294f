"""Writers' notes and ad labels (session 19, byline19): the findings review18b left open, each on
a real page or a small fragment. (The answerer rules, blind14 only, stayed on branch byline19.)"""

from __future__ import annotations

import datetime as dt

import pytest

from exporter.ingest import furniture, ingest_texts
from exporter.model import Article


def _texts(article: Article) -> str:
    return " ".join(block.text for block in article.blocks)


def test_a_headline_opening_with_the_word_advertisement_is_no_ad() -> None:
    """review18b: a label in title case set off by a gap is a headline's word spaced out; an ad's
    label is set in capitals, or closed by a colon."""
    assert not furniture.advert(["Advertisement  watchdog fines three firms"])
    assert furniture.advert(["Advertisement: Ashby Games Shop, board games and puzzles"])
    assert furniture.advert(["ADVERTISEMENT  Ashby Games Shop: board games, cards, puzzles"])
    page = ("Advertisement  watchdog fines three firms\n\n"
            "  The advertising standards watchdog fined three firms on Monday for claims\n"
            "about slimming teas that they could not support.\n")
    articles = ingest_texts([("t.txt", page)], "Test", dt.date(2026, 12, 7)).edition.articles
    assert [a.headline for a in articles] == ["Advertisement watchdog fines three firms"]


@pytest.mark.parametrize(("note", "subject"), [
    ("New York is a city that never sleeps", "New York"),
    ("Christmas Day is a time for family", "Christmas Day"),
])
def test_a_note_naming_what_the_story_is_about_names_no_writer(note: str, subject: str) -> None:
    """review18b: a closing line `X is a …` right under the text names the writer only when the
    story's text does not name X already (a writer does not write of himself by name)."""
    page = ("Night trains return for the holidays\n\n"
            f"  The night train to {subject.split()[0]}\n"
            f"{' '.join(subject.split()[1:])} will run again this winter, the operator said.\n"
            "Tickets go on sale on Monday.\n"
            f"{note}\n")
    articles = ingest_texts([("t.txt", page)], "Test", dt.date(2026, 12, 7)).edition.articles
    assert all(a.authors == [] for a in articles)
    assert any(note in _texts(a) for a in articles)


def test_a_writers_note_still_names_the_writer() -> None:
    """The same page with the note on its writer: the name is nowhere in the text, so it signs."""
    page = ("Night trains return for the holidays\n\n"
            "  The night train to the coast will run again this winter, the operator said.\n"
            "Tickets go on sale on Monday.\n"
            "Pieter van Zyl is a railway historian in Hillcrest\n")
    articles = ingest_texts([("t.txt", page)], "Test", dt.date(2026, 12, 7)).edition.articles
    assert [a.authors for a in articles] == [["Pieter van Zyl"]]
