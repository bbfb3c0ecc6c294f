"""Bylines and signatures on unseen papers (session 18, byline18): every line here is a real
line of a development corpus (ingest-blind4, ingest-blind5, ingest-blind11, ingest-blind13, …),
and the whole-page tests read the development pages themselves."""

from __future__ import annotations

import datetime as dt

import pytest

from exporter.ingest import english, fields, ingest_texts
from exporter.model import Article
from tests.ingest.test_bylines17 import _page


def _story(articles: list[Article], headline: str) -> Article:
    return next(a for a in articles if a.headline == headline)


@pytest.mark.parametrize(("line", "name"), [
    ("Pieter van Zyl is a horticulturist in Hillcrest", "Pieter van Zyl"),  # blind13 garden-g1
    ("Derek Oyelaran is an international arbiter", "Derek Oyelaran"),  # blind13 puzzles-p2
    (" Dr Peter Mwangi is a vet in Kiamboni", "Peter Mwangi"),  # blind11 kenya-k2: the title is no part of the name
    ("Daniel Seah is a youth worker and a resident of Bukit Arang.", "Daniel Seah"),  # blind4 singapore-a18
    ("Daniel Fung is a secondary school teacher and writer.", "Daniel Fung"),  # blind5 hkenglish-a4
])
def test_a_note_on_the_writer_names_the_writer(line: str, name: str) -> None:
    assert english.tagline(line) == name


@pytest.mark.parametrize("line", [
    "The Ashby Courier is the paper of record. It is read in every village.",  # two sentences, a paper
    "It is a fact that the rain is here",
    "Ashby Chess Club meets every Tuesday from 7pm",
    "The key play comes at trick one: duck the",
])
def test_running_text_names_no_writer(line: str) -> None:
    assert english.tagline(line) is None


@pytest.mark.parametrize(("corpus", "name", "headline", "writer"), [
    ("ingest-blind11", "rl-lakeside-k1.pdf", "Why is my cow giving less milk?", "Peter Mwangi"),
    ("ingest-blind13", "rl-kloof-g14.pdf", "Why are my lemon leaves curling?", "Pieter van Zyl"),
    ("ingest-blind13", "puzzles-p2.txt", "Can I claim a draw if my opponent keeps checking me?", "Derek Oyelaran"),
])
def test_a_column_closed_by_a_note_on_its_writer_has_that_writer(corpus: str, name: str, headline: str,
                                                                 writer: str) -> None:
    """The note is the byline (no stop: it is no sentence of the story), read before the models
    could take it for a label or a head."""
    story = _story(_page(corpus, name), headline)
    assert story.authors == [writer]
    assert not any(writer.split()[-1] in (getattr(b, "text", "") or "") for b in story.blocks)


def test_a_note_on_the_writer_that_is_a_sentence_stays_a_paragraph() -> None:
    """blind4 singapore-a18: `Daniel Seah is a youth worker …` ends a sentence: the truth keeps it
    as a paragraph, and only the byline over the story names its writer."""
    articles = _page("ingest-blind4", "singapore-a18.txt")
    assert _story(articles, "Let the young run the void decks too").authors == ["Daniel Seah"]
    note = "Daniel Seah is a youth worker and a resident of Bukit Arang."
    assert any(getattr(b, "text", None) == note for a in articles for b in a.blocks)


@pytest.mark.parametrize("line", [" " * 10_000, "A" + " is a" * 2_000, "Ab " * 3_333 + " is a b", "x is a " + "b" * 9_990])
def test_notes_on_writers_are_read_in_linear_time_on_long_lines(line: str) -> None:
    """Every repeat is bounded: a 10,000-character line is read at once (a backtracking
    pattern would take minutes here) and names nobody."""
    assert english.tagline(line) is None
    assert english.person(line) == line.strip()


@pytest.mark.parametrize(("corpus", "name", "headline", "issuer", "date"), [
    ("ingest-blind13", "mu-qingcen-x2.pdf", "关于进一步做好冬季森林防火工作的通告", "青岑县森林防火指挥部", "二〇二六年十二月四日"),
    ("ingest-blind11", "mu-chaozhou-m1.pdf", "鳴謝", "故林府蔡太夫人孝眷", "二〇二六年十一月三十日"),
    ("ingest-blind10", "mu-penang-n3.pdf", "SCHEDULED WATER CUT IN THREE DISTRICTS", "Northern Water Supply Corporation",
     "December 7, 2026"),
])
def test_a_date_alone_under_a_short_line_after_a_notices_text_signs_it(corpus: str, name: str, headline: str,
                                                                       issuer: str, date: str) -> None:
    """MuPDF sets a notice's issuer and date apart, each a block of its own at any indent: the
    date alone under the text's last short line is the signature, not a story headed by its
    issuer."""
    articles = _page(corpus, name)
    notice = _story(articles, headline).notice
    assert notice is not None and (notice.issuer, notice.date) == (issuer, date)
    assert not any(a.headline == issuer for a in articles)


def test_a_name_and_role_over_a_date_alone_after_a_notices_text_is_its_issuer() -> None:
    """blind courts-2: `Pete Varga, Executor` / `March 6, 2025` under a notice to creditors is the
    notice's signature, not the writer of a story."""
    notice = _story(_page("ingest-blind", "courts-2.txt"), "NOTICE TO CREDITORS")
    assert notice.authors == [] and notice.notice is not None
    assert (notice.notice.issuer, notice.notice.date) == ("Pete Varga, Executor", "March 6, 2025")


@pytest.mark.parametrize(("corpus", "name", "headline", "writer"), [
    ("ingest-blind5", "hkfinance-a3.txt", "交易大堂人頭湧湧", "何志輝"),  # （記者 何志 / 輝 攝）
    ("ingest-blind13", "township-x1.txt", "梯田里的“晒秋”", "吴岚"),  # （通 / 讯员 吴岚 摄）
])
def test_a_bracketed_credit_wrapped_over_two_lines_names_the_photographer(corpus: str, name: str, headline: str,
                                                                        writer: str) -> None:
    """The wrap joins the credit's words, so its 摄 runs into the name: it is what the
    photographer did, not a glyph of the name."""
    assert _story(_page(corpus, name), headline).authors == [writer]


@pytest.mark.parametrize(("byline", "names"), [("通讯员吴岚摄", ["吴岚"]), ("記者何志輝攝", ["何志輝"]), ("通讯员 吴岚 摄", ["吴岚"])])
def test_the_credits_glyph_run_into_a_name_is_no_part_of_it(byline: str, names: list[str]) -> None:
    assert fields.authors(byline)[1] == names


def test_a_headline_that_reads_like_a_note_on_a_writer_names_nobody() -> None:
    """A headline in sentence case after a blank line (`Maria Lopez is the new club captain`) is
    no note under the story above: only a line right under the text is."""
    page = ("Harbour festival draws record crowd\n\n"
            "  More than 20,000 people came to the harbour festival on Saturday, the\n"
            "organisers said, the most since it began in 1998.\n\n"
            "Maria Lopez is the new club captain\n\n"
            "  The rowing club chose its new captain at its annual meeting on Friday.\n"
            "She has rowed for the club for twelve years.\n")
    articles = ingest_texts([("t.txt", page)], "Test", dt.date(2026, 12, 7)).edition.articles
    assert all(a.authors == [] for a in articles)
    assert any("Maria Lopez" in (a.headline or "") for a in articles)


def test_a_date_alone_over_more_text_signs_nothing() -> None:
    """A listing's title and its date, each a block of its own, over the item's text: the date
    signs no notice (without the guard the story above became a notice issued by the title)."""
    page = ("Christmas at the parish\n\n"
            "  The parish has set the dates for its Christmas services this year.\n\n"
            "Carol service at St Mary's\n\n"
            "December 20, 2026\n\n"
            "  The choir will sing nine lessons and carols, and all are welcome.\n")
    articles = ingest_texts([("t.txt", page)], "Test", dt.date(2026, 12, 7)).edition.articles
    assert all(a.notice is None and a.kind == "article" for a in articles)
