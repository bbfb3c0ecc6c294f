"""A cache rebuild lays out only the pages an edit changed (writers/pdf/resume.py) and gives
the cold build's pages; the page states it keeps come back as they were; what is not a
text-only edit, or an earlier layout whose trial moved something, is laid out whole."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from benchmarks.corpus import change_one_edition, volume
from exporter.api import BuildOptions, build
from exporter.weasyprint_ext.page_info import PageInfo
from exporter.weasyprint_ext.page_resume import dump_states, load_states
from exporter.writers.pdf.cache import ChunkCache, previous_key
from exporter.writers.pdf.chunks import ChunkLayout
from exporter.writers.pdf.parallel import LayoutPass
from exporter.writers.pdf.resume import Previous, resumed_layout, skeleton

from .helpers import glyphs_without_outline, page_texts, structure

STATE = ({0: {0: {1: {2: None}}}}, {"break": "any", "page": ""}, False,
         ([0], {"pages": [0], "page": [2]}, [{"page", "pages"}], []))


def test_page_states_come_back_from_json_as_they_were() -> None:
    states = [None, STATE]
    back = load_states(dump_states(states))
    assert back == states
    assert type(back[1][3]) is tuple and type(back[1][3][2][0]) is set and 0 in back[1][0]
    with pytest.raises(TypeError):
        dump_states([(object(),)])


def test_the_skeleton_tells_a_text_only_edit() -> None:
    html = '<html><head><title>t</title></head><body><p id="a">one</p>\n<p id="b">two<span> </span></p></body></html>'
    assert skeleton(html) == skeleton(html.replace("one", "one, corrected"))
    assert skeleton(html) != skeleton(html.replace("<span> </span>", "<span>x</span>"))  # blank turns text
    assert skeleton(html) != skeleton(html.replace('id="b"', 'id="c"'))
    assert skeleton(html) != skeleton(html.replace("<title>t", "<title>u"))  # the head is kept whole
    assert skeleton(html) != skeleton(html.replace("</p>\n<p", "</p><p"))  # white space between blocks


def test_no_resume_from_a_layout_whose_trial_moved_something_or_of_another_structure() -> None:
    """Refused before any layout: a short part (it may be squeezed), a move, a tag change."""
    html = '<html><head></head><body><main><p id="a">one</p><p id="b">two</p></main></body></html>'
    record = json.dumps({"html": html, "states": dump_states([STATE] * 7), "forced": [True] + [False] * 5}).encode()

    def no_layout(markup: str) -> None:
        raise AssertionError("laid out")

    previous = Previous(b"", [PageInfo()] * 6, [], record)
    moved = Previous(b"", [PageInfo()] * 6, [("d1-a01", "d1-a02")], record)
    short = Previous(b"", [PageInfo()] * 3, [], json.dumps({**json.loads(record), "forced": [True] * 3}).encode())
    assert resumed_layout(html.replace("two", "three"), moved, no_layout) is None
    assert resumed_layout(html.replace("two", "three"), short, no_layout) is None
    assert resumed_layout(html.replace("<p id=\"b\">two</p>", "<p id=\"b\"><b>two</b></p>"), previous, no_layout) is None
    assert resumed_layout(html, previous, no_layout) is None  # nothing changed: no resume


@pytest.mark.slow
def test_a_rebuild_resumes_the_edited_chunk_and_gives_the_cold_build(tmp_path: Path) -> None:
    """Two editions of 6 articles (two chunks of more than four pages); a correction of the
    second edition's last article. The rebuild resumes that chunk and its PDF has the
    pages and the text per page of a cold build of the edited volume."""
    source = volume(tmp_path / "corpus", 0, days=2, articles=6)
    passes: list[LayoutPass] = []

    def pdf(out: str) -> Path:
        options = BuildOptions(outdir=tmp_path / out, jobs=1, cache_dir=tmp_path / "cache", parallel_min_characters=0,
                               on_layout=passes.append)
        return build(source, "pdf", options=options)[0]

    pdf("cold")
    change_one_edition(source.parent, day_index=1)
    passes.clear()
    rebuilt = pdf("rebuilt")
    chunks = next(p for p in passes if p.what == "PDF chunks")
    assert (chunks.documents, chunks.cached, chunks.resumed) == (2, 1, 1)
    # the cold build of the edited volume: one pass (a chunked build gives its pages, test_parallel_pdf.py)
    [cold] = build(source, "pdf", options=BuildOptions(outdir=tmp_path / "edited", jobs=1))
    assert structure(rebuilt) == structure(cold)  # pages, text per page, bookmarks, links
    assert "更正：" in "".join(page_texts(rebuilt))
    checked, problems = glyphs_without_outline(rebuilt)  # the spliced pages' fonts merged whole
    assert checked > 100 and not problems


def test_the_cache_finds_the_earlier_version_of_a_chunk_and_prunes_its_record(tmp_path: Path) -> None:
    cache = ChunkCache(tmp_path)
    stage = tmp_path / "stage"
    stage.mkdir()
    html = '<html><head></head><body><p id="a">one</p></body></html>'
    index = previous_key("shared", html, stage)
    assert index == previous_key("shared", html.replace("one", "two"), stage)
    assert index != previous_key("shared", html.replace("<p ", "<p class=\"x\" "), stage)
    assert index != previous_key("other stage digest", html, stage)
    key = "ab" + "0" * 62
    cache.put(key, ChunkLayout(b"%PDF", [PageInfo()], [], record=b'{"html": ""}'))
    assert cache.previous(index) is None  # no index entry yet
    cache.put_text(index, key)
    previous = cache.previous(index)
    assert previous is not None and previous.record == b'{"html": ""}' and previous.pdf == b"%PDF"
    long_ago = time.time() - 40 * 86400
    os.utime(cache.root / "ab" / f"{key}.json", (long_ago, long_ago))
    cache.prune()
    assert not list((cache.root / "ab").iterdir())  # the record went with its chunk
    assert cache.previous(index) is None
