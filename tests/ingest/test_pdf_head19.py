"""Session 19's head-group rules for page PDFs (pdf19head): a head printed under its story with
a caption after it; display type letter-spaced by typed spaces. (Its writer's line under a head
printed under its story stayed on branch pdf19head, blind14 only; a vertical headline going on
past a word space was taken out after review19b: it joined stacked briefs' vertical heads.)
Real pages of the development corpora (blind14, and blind4, blind8 where the rules moved a page
they were not shaped on) and made-up glyphs for the edges."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from exporter.ingest import ingest
from exporter.ingest.pdf import _Glyph, _spaced_out

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@cache
def _articles(name: str) -> dict[str, dict]:
    """The page's articles by headline (as JSON data)."""
    result = ingest([FIXTURES / name], "corpus", dt.date(2025, 3, 15))
    return {a["headline"]: a for a in result.edition.model_dump(mode="json")["articles"] if a.get("headline")}


def _opening(article: dict) -> str:
    return next(b["text"] for b in article["blocks"] if b.get("type") == "paragraph")


def test_a_head_under_its_story_with_a_caption_after_it_closes_that_story() -> None:
    """blind14 credit's `社员代表大会选出新一届理事会` under its story (the writer's line
    `（通讯员 邓佳）` over it) with a picture's caption after it, and blind8 youth's
    `我们的“故事爷爷”` under its story with a picture under it: each heads the story above,
    not the picture."""
    pages = {"ingest-blind14/mu-credit-r1.pdf": ("社员代表大会选出新一届理事会", "12月2日"),
             "ingest-blind8/mu-youth-y3.pdf": ("我们的“故事爷爷”", "")}
    for name, (headline, opening) in pages.items():
        article = _articles(name)[headline]
        assert any(b.get("type") == "paragraph" for b in article["blocks"]), name
        assert not any(b.get("type") == "figure" for b in article["blocks"]), name
        assert _opening(article).startswith(opening), name
    assert _articles("ingest-blind14/mu-credit-r1.pdf")["社员代表大会选出新一届理事会"]["authors"] == ["邓佳"]


def _glyphs(text: str, gaps: list[float], bold: bool = True, size: float = 14.0) -> list[_Glyph]:
    """One glyph a character; gaps[k] is the space before the (k+1)th inked glyph, drawn
    with a space glyph in it."""
    out, x = [], 30.0
    inked = [c for c in text if not c.isspace()]
    for k, c in enumerate(inked):
        if k:
            out.append(_Glyph(" ", x, 100, x + 0.35 * size, 114, 112, size, bold))
            x += gaps[k - 1]
        out.append(_Glyph(c, x, 100, x + 0.7 * size, 114, 112, size, bold))
        x += 0.7 * size
    return out


def test_a_bold_line_of_single_glyphs_set_apart_by_spaces_is_letter_spaced() -> None:
    """`M U S E U M  O P E N` typed with spaces: the narrowest gaps are letter-spacing, a gap
    wider by a quarter em or more a word space; even gaps (Han with en spaces) join all. A
    plain line, a line of words, one of three glyphs and one of figures alone are left alone."""
    narrow, wide = 4.9, 13.6
    word = [narrow] * 5 + [wide] + [narrow] * 3
    assert _spaced_out(_glyphs("MUSEUMOPEN", word)) == "MUSEUM OPEN"
    assert _spaced_out(_glyphs("第十二屆全港", [7.0] * 5)) == "第十二屆全港"
    assert _spaced_out(_glyphs("MUSEUMOPEN", word, bold=False)) is None
    assert _spaced_out(_glyphs("ABC", [narrow] * 2)) is None
    assert _spaced_out(_glyphs("2026", [narrow] * 3)) is None
    words = [_Glyph(c, 30 + 8 * k, 100, 37 + 8 * k, 114, 112, 14.0, True) for k, c in enumerate("Bus to")]
    assert _spaced_out(words) is None


def test_a_word_gap_of_two_quarter_em_spaces_is_a_word_space() -> None:
    """review19b: Times-Bold's space is a quarter em, so `M U S E U M  O P E N` typed with two
    spaces between words has word gaps exactly a quarter em wider than the letters' gaps; on
    that tie one word space was kept and one lost. Half the narrowest gap decides then."""
    narrow = 0.25 * 14.0  # one quarter-em space
    word = [narrow] * 5 + [2 * narrow] + [narrow] * 3 + [2 * narrow] + [narrow] * 2
    assert _spaced_out(_glyphs("MUSEUMOPENDAY", word)) == "MUSEUM OPEN DAY"


def test_letter_spaced_heads_read_without_their_spacing_on_real_pages() -> None:
    """blind14 tram's `M U S E U M   O P E N   D A Y` and brush's `第 十 二 屆 …` (en spaces)
    head their notices as `MUSEUM OPEN DAY` and `第十二屆全港青少年書法比賽徵稿啟事`; blind4
    millbrook's `O B I T U A R I E S`, read as a word, is a label set aside by its type, not the
    kicker of `WALTER E. KINSLEY`."""
    assert "MUSEUM OPEN DAY" in _articles("ingest-blind14/rl-tram-w1.pdf")
    assert "第十二屆全港青少年書法比賽徵稿啟事" in _articles("ingest-blind14/mu-brush-b1.pdf")
    assert _articles("ingest-blind4/cr-millbrook-a1a6.pdf")["WALTER E. KINSLEY"]["kicker"] is None
