"""A cache rebuild lays out only the pages an edit changed (writers/pdf/resume.py) and gives
the cold build's pages; the page states it keeps come back as they were; what is not a
text-only edit, or an earlier layout whose trial moved something, is laid out whole."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.corpus import change_one_edition, volume
from exporter.api import BuildOptions, build
from exporter.weasyprint_ext.page_info import PageInfo
from exporter.weasyprint_ext.page_resume import dump_states, load_states
from exporter.writers.pdf.cache import ChunkCache, chunk_key, previous_key, stage_digest
from exporter.writers.pdf.chunks import ChunkLayout
from exporter.writers.pdf.parallel import LayoutPass
from exporter.writers.pdf.resume import Previous, notice_splits, probe_digest, resumed_layout, skeleton

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


def _stage(root: Path) -> Path:
    stage = root / "stage"
    (stage / "theme").mkdir(parents=True)
    (stage / "theme" / "page.css").write_text("@page { size: A4 }", encoding="utf-8")
    (stage / "photo.png").write_bytes(b"png one")
    return stage


def test_every_input_of_a_layout_changes_the_chunk_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stale cache is one that answers after any of these changed: the chunk's HTML, a file
    it links or shows, the theme and page files, the fonts, the versions, the templates."""
    from exporter.fonts import FontFace
    from exporter.writers.pdf import cache as cache_module

    stage = _stage(tmp_path)
    html = '<html><head><link href="theme/page.css"></head><body><img src="photo.png"><p>text</p></body></html>'

    def key() -> str:
        return chunk_key(stage_digest(stage), html, stage)

    keys = [key()]
    html = html.replace("text", "text, edited")
    keys.append(key())
    (stage / "photo.png").write_bytes(b"png two")  # an image it shows
    keys.append(key())
    (stage / "theme" / "page.css").write_text("@page { size: A5 }", encoding="utf-8")  # --page-size, --profile
    keys.append(key())
    font = tmp_path / "face.otf"
    font.write_bytes(b"font")
    monkeypatch.setattr(cache_module, "installed_faces", lambda: (FontFace("F", font, 0, "Regular"),))
    keys.append(key())
    font.write_bytes(b"font, updated")  # the same file, another size
    keys.append(key())
    monkeypatch.setattr(cache_module, "__version__", "999.0")
    keys.append(key())
    monkeypatch.setattr(cache_module.weasyprint, "__version__", "999.0")
    keys.append(key())
    templates = tmp_path / "templates"
    shutil.copytree(cache_module.data_dir("templates"), templates)
    monkeypatch.setattr(cache_module, "data_dir", lambda name: templates)
    assert key() == keys[-1]  # the same templates elsewhere
    (templates / "print.html").write_text((templates / "print.html").read_text(encoding="utf-8") + "\n",
                                          encoding="utf-8")
    keys.append(key())
    assert len(set(keys)) == len(keys) == 9
    assert key() == keys[-1]  # and nothing else does


NOTICE_CHUNK = ('<html><head></head><body><main id="main"><section class="section" id="s">'
                '<!--article d1-a01-->\n<div class="print-article" data-article="d1-a01"><p id="p1">{text}</p></div>'
                '\n<!--/article d1-a01-->\n<!--article d1-a02-->\n<div class="print-article" data-article="d1-a02">'
                '<aside class="notice"><p>{notice}</p></aside></div>\n<!--/article d1-a02-->'
                '</section></main></body></html>')


def test_the_notices_probe_is_not_laid_out_again_while_its_markup_is_the_same() -> None:
    """A resumed chunk knows which notices split from its earlier layout when the probe
    document (the notices alone) is the same markup; another notice text lays it out again."""
    old = NOTICE_CHUNK.format(text="正文", notice="公告")
    splits = [("split d1-a02", "a page")]
    record = {"html": old, "states": dump_states([STATE] * 7), "forced": [True] + [False] * 5,
              "probe": probe_digest(old)}
    previous = Previous(b"", [PageInfo()] * 6, splits, json.dumps(record).encode())
    probes: list[str] = []

    def probe_only(markup: str) -> None:
        probes.append(markup)
        raise AssertionError("laid out")

    assert probe_digest(NOTICE_CHUNK.format(text="正文，更正", notice="公告")) == probe_digest(old)
    assert notice_splits(NOTICE_CHUNK.format(text="正文二", notice="公告"), previous, probe_digest(old), record,
                   probe_only) == splits
    assert not probes
    edited = NOTICE_CHUNK.format(text="正文", notice="公告，更正")
    assert probe_digest(edited) != probe_digest(old)
    with pytest.raises(AssertionError, match="laid out"):
        notice_splits(edited, previous, probe_digest(edited), record, probe_only)
    assert len(probes) == 1 and "公告，更正" in probes[0] and "正文" not in probes[0]
    # an earlier layout whose trial moved something gives no splits to reuse: the probe runs
    moved = Previous(b"", [PageInfo()] * 6, [*splits, ("d1-a01", "d1-a02")], previous.record)
    with pytest.raises(AssertionError, match="laid out"):
        notice_splits(old, moved, probe_digest(old), record, probe_only)


def test_the_contents_fit_is_keyed_by_the_front_and_checked_against_print_html(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fit comes from the cache before print.html is rendered, and only while print.html's
    front (head, cover, masthead, contents) is the front render's; else it is fitted again."""
    from exporter.writers.pdf import contents_fit, parallel

    stage = _stage(tmp_path)
    front = '<html><head></head><body class="print"><div class="front">目录</div>\n\n</body></html>'
    whole = '<html><head></head><body class="print"><div class="front">目录</div>\n<main id="main">正文</main></body></html>'
    assert contents_fit.same_front(whole, front)
    assert not contents_fit.same_front(whole.replace("目录", "目次"), front)
    assert not contents_fit.same_front(whole.replace("<head>", "<head><title>t</title>"), front)
    fits: list[str] = []
    monkeypatch.setattr(contents_fit, "fit_in_stage",
                        lambda html, stage: fits.append(html) or contents_fit.Fitted(f"rule {len(fits)}", len(fits) + 1))
    cache = ChunkCache(tmp_path / "cache")
    for html, expected, fitted in ((whole, ("rule 1", 2), 1), (whole, ("rule 1", 2), 1),
                                   (whole.replace("目录", "目次"), ("rule 2", 3), 2)):
        with parallel.ChunkedLayout(stage, 1, cache) as layout:
            rule = layout.fit_contents(2, front, lambda html=html: html)  # type: ignore[misc]
            assert rule() == expected and len(fits) == fitted


def test_autospace_gives_the_same_markup_with_a_memo() -> None:
    from exporter.writers.autospace import autospace

    html = '<html lang="zh"><body><p>第3版“项目”。”“服务</p><p>iPhone 15上市，价格5999元。</p><p>第3版“项目”。”“服务</p></body></html>'
    memo: dict[str, str] = {}
    assert autospace(html, punctuation=True, memo=memo) == autospace(html, punctuation=True)
    assert memo and autospace(html, punctuation=True, memo=memo) == autospace(html, punctuation=True)
    assert autospace(html, memo=memo) == autospace(html)  # other options, other entries


def test_a_merged_font_subset_is_kept_by_build_face_and_glyphs(tmp_path: Path) -> None:
    """The assembly's merged font subsets (fonts_merge.Memo) come back from the cache only for
    the same shared digest (code, versions, theme, installed fonts), face and glyphs, and are
    pruned like the chunks."""
    import uharfbuzz as hb

    from exporter.weasyprint_ext.font_subsets import faces_by_postscript_name
    from exporter.writers.pdf.fonts_merge import subset_key

    cache, made = ChunkCache(tmp_path), []

    def make(data: bytes) -> Callable[[], bytes]:
        return lambda: made.append(data) or data

    assert cache.memo("shared", "k", make(b"one")) == b"one"
    assert cache.memo("shared", "k", make(b"two")) == b"one" and made == [b"one"]  # kept
    assert cache.memo("another build", "k", make(b"three")) == b"three"  # another code, theme or fonts
    assert cache.memo("shared", "k2", make(b"four")) == b"four" and made == [b"one", b"three", b"four"]
    paths = sorted({path for _, files in faces_by_postscript_name().items() for path, _ in files})[:2]
    one, other = (hb.Face(hb.Blob.from_file_path(str(path)), 0) for path in paths)
    assert subset_key(one, {1, 2, 3}) == subset_key(one, {3, 2, 1})
    assert subset_key(one, {1, 2, 3}) != subset_key(one, {1, 2, 4})
    assert subset_key(one, {1, 2, 3}) != subset_key(other, {1, 2, 3})
    ChunkCache(tmp_path, max_bytes=0).prune()
    assert not list(cache.root.glob("*/*"))


def _correct(edition: Path, where: str) -> None:
    """A correction in the first paragraph of the edition's first article ("start"), of its
    middle article ("middle"), or in the last paragraph of its last article ("end")."""
    data = json.loads(edition.read_text(encoding="utf-8"))
    articles = [a for a in data["articles"] if any(b["type"] == "paragraph" for b in a["blocks"])]
    article = {"start": articles[0], "middle": articles[len(articles) // 2], "end": articles[-1]}[where]
    paragraphs = [b for b in article["blocks"] if b["type"] == "paragraph"]
    block = paragraphs[-1] if where == "end" else paragraphs[0]
    block["text"] = "更正：" + block["text"]
    edition.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_a_rebuild_resumed_anywhere_in_a_chunk_gives_the_cold_build(tmp_path: Path, where: str) -> None:
    """A correction at the start, in the middle or at the end of a chunk (an edition of more
    than four pages): the rebuild resumes that chunk (from the page before the change, up to
    the first block after it or the chunk's end, without the page after the rejoin where the
    new page before it leaves no hole) and its PDF is a cold build's of the edited volume:
    pages, text per page, bookmarks, links."""
    source = volume(tmp_path / "corpus", 0, days=2, articles=6)
    passes: list[LayoutPass] = []
    options = BuildOptions(outdir=tmp_path / "out", jobs=1, cache_dir=tmp_path / "cache", parallel_min_characters=0,
                           on_layout=passes.append)
    build(source, "pdf", options=options)
    _correct(sorted((source.parent / "editions").glob("*.json"))[1], where)
    passes.clear()
    [rebuilt] = build(source, "pdf", options=options)
    chunks = next(p for p in passes if p.what == "PDF chunks")
    assert (chunks.documents, chunks.cached, chunks.resumed) == (2, 1, 1)
    [cold] = build(source, "pdf", options=BuildOptions(outdir=tmp_path / "edited", jobs=1))
    assert structure(rebuilt) == structure(cold)
    assert "更正：" in "".join(page_texts(rebuilt))


def test_the_block_after_an_edit_is_found_in_the_laid_out_document() -> None:
    """resume._following names the first block after an edit by its place among the body's
    elements (comments not counted), checked by tag, id and first text; where the document has
    no such element there, the id after the edit stands in."""
    import weasyprint

    from exporter.weasyprint_ext.page_resume import Following, _past_element
    from exporter.writers.pdf.resume import _following

    html = ('<!DOCTYPE html><html><head><title>t</title></head><body><!-- a comment --><article id="a">'
            '<p>one <span>two</span> three</p><p>four &amp; five</p><h4 id="b">six</h4></article></body></html>')
    root = weasyprint.HTML(string=html).etree_element
    first = _following(html, html.index("three"))
    tags = ("article", "p", "span", "p", "h4")
    assert first == Following(3, "p", None, "four & five", tags, "b")
    assert _past_element(root, first).text == "four & five"
    assert _past_element(root, _following(html, html.index("five"))).get("id") == "b"
    assert _past_element(root, Following(3, "p", None, "four", tags, "b")) is None  # not that element
    assert _following(html, html.index("six")) is None  # nothing follows
    # a tag inside a comment: the places in the markup are not the tree's, so nothing is named
    commented = html.replace("<!-- a comment -->", "<!-- <p>old</p> -->")
    assert _past_element(weasyprint.HTML(string=commented).etree_element,
                         _following(commented, commented.index("three"))) is None
