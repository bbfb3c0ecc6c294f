"""Bylines, writers' notes and ad labels (session 19, byline19): a Q&A column's answerer line of
ingest-blind14 and the findings review18b left open, each on a real page or a small fragment."""

from __future__ import annotations

import datetime as dt

import pytest

from exporter.ingest import english, furniture, ingest_texts
from exporter.model import Article
from tests.ingest.test_bylines17 import _page


def _texts(article: Article) -> str:
    return " ".join(block.text for block in article.blocks)


@pytest.mark.parametrize(("line", "names"), [
    ("Answered by GRAHAM PIKE", ["Graham Pike"]),  # blind14 tram-w4: the answerer over a Q&A column
    ("Written by JO BLOGGS", ["Jo Bloggs"]),
])
def test_what_the_writer_did_over_a_name_in_capitals_is_a_byline(line: str, names: list[str]) -> None:
    found = english.byline(line)
    assert found is not None and found[1] == names


@pytest.mark.parametrize("line", ["Rescued by Coast Guard", "RESCUED BY COAST GUARD", "Inspired by NASA",
                                  "Powered by local volunteers"])
def test_a_headline_in_one_case_throughout_is_no_byline(line: str) -> None:
    """A headline keeps one case (title case, capitals): only the case contrast of a verb in
    lower case over a name in capitals makes the line a byline."""
    assert english.byline(line) is None


def test_the_answerer_of_a_question_column_is_its_author() -> None:
    """blind14 tram-w4: `Answered by GRAHAM PIKE` under the question signs the answer."""
    articles = _page("ingest-blind14", "tram-w4.txt")
    answer = next(a for a in articles if "Only one pole touches the wire" in _texts(a))
    assert answer.authors == ["Graham Pike"]
    assert "Answered by" not in _texts(answer)


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
