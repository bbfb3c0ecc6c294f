"""A cache rebuild lays out only the pages an edit changed (writers/pdf/resume.py) and gives
the cold build's pages; the page states it keeps come back as they were; what is not a
text-only edit, or an earlier layout whose trial moved something, is laid out whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.corpus import change_one_edition, volume
from exporter.api import BuildOptions, build
from exporter.weasyprint_ext.page_info import PageInfo
from exporter.weasyprint_ext.page_resume import dump_states, load_states
from exporter.writers.pdf.parallel import LayoutPass
from exporter.writers.pdf.resume import Previous, resumed_layout, skeleton

from .helpers import page_texts

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

    def pdf(out: str, cache: str) -> Path:
        options = BuildOptions(outdir=tmp_path / out, jobs=1, cache_dir=tmp_path / cache, parallel_min_characters=0,
                               on_layout=passes.append)
        return build(source, "pdf", options=options)[0]

    pdf("cold", "cache")
    change_one_edition(source.parent, day_index=1)
    passes.clear()
    rebuilt = pdf("rebuilt", "cache")
    chunks = next(p for p in passes if p.what == "PDF chunks")
    assert (chunks.documents, chunks.cached, chunks.resumed) == (2, 1, 1)
    cold = pdf("edited", "fresh cache")
    assert page_texts(rebuilt) == page_texts(cold)
    assert "更正：" in "".join(page_texts(rebuilt))
