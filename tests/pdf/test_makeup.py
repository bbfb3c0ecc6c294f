"""Page make-up (issue 14): sections run on, the example week fills its pages and its
contents one page, fillers move forward one article and nothing else moves, jump lines
print the real page, a bound volume mirrors its margins."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import regex
from weasyprint import HTML

from benchmarks.fill import measure, summary
from exporter.api import BuildOptions, build, load_source
from exporter.model import Part, Section
from exporter.templating import make_environment
from exporter.weasyprint_ext.patches import patched
from exporter.writers.html.writer import copy_images
from exporter.writers.pdf import contents_fit
from exporter.writers.pdf import fill as print_fill
from exporter.writers.pdf.chunks import split
from exporter.writers.pdf.fetcher import StagedFetcher
from exporter.writers.pdf.writer import print_renderer
from exporter.writers.pdf.writer import print_context, stage_theme
from exporter.writers.pdf.page_css import PageSetup, page_setup
from exporter.writers.pdf.grid import grid_css
from tests.conftest import EN_EXAMPLE, ROOT, ZH_EXAMPLE

from ..samples import PARAGRAPH, write_edition
from .helpers import outline, pdftotext, squeeze

WEEKLY = ROOT / "examples" / "weekly.toml"
NOTICE = "因管网施工，江南片区11月23日22:00至次日6:00停水，请居民提前储水。" * 4


@pytest.fixture(scope="module")
def weekly(weekly_pdf: Path) -> tuple[Any, Path]:
    """The week's PDF is shared with tests/compile (tests/conftest.py weekly_pdf)."""
    loaded, _ = load_source(WEEKLY)
    return loaded, weekly_pdf


@pytest.mark.slow
def test_weekly_fits_in_fewer_pages_with_no_half_empty_page(weekly: tuple[Any, Path]) -> None:
    """28 broadsheet pages before sections ran on; at most 19 now, and every page that does
    not end a part (or the front) holds ink on at least half of its text area."""
    loaded, pdf = weekly
    _, theme = load_source(WEEKLY)
    pages = measure(pdf, page_setup(theme, "screen", None).margin)
    assert len(pages) <= 19
    assert summary(pages)["under_half_not_ending_a_part"] == []


def test_weekly_contents_is_one_page_with_every_article_on_its_page(weekly: tuple[Any, Path]) -> None:
    loaded, pdf = weekly
    marks = outline(pdf)
    assert min(page for _, _, page in marks) == 3  # cover, contents, then the first day
    contents = regex.sub(r"[^\S\n]+", "", pdftotext(pdf, "-f", "2", "-l", "2"))
    assert "…" not in contents  # headlines in full; a photo's line is its caption's first clauses
    for level, title, page in marks:
        if level == 2:  # an article: its title, the leader, its page, on one page of contents
            pattern = "\n?".join(regex.escape(ch) for ch in squeeze(title)) + r"[.…\n]*(\d+)\n"
            assert page in {int(m[1]) for m in regex.finditer(pattern, contents)}, title


def test_weekly_contents_page_numbers_share_one_right_edge(weekly: tuple[Any, Path]) -> None:
    """Every page number of a contents column ends at the column's edge, also after an entry
    that opens with a bracket set half-width (《青川方言词典》… ended half an em short)."""
    _, pdf = weekly
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[1]
        rows: dict[tuple[bool, int], list[dict[str, Any]]] = {}
        for char in page.chars:
            rows.setdefault((char["x0"] > page.width / 2, round(char["top"])), []).append(char)
        edges: dict[bool, set[float]] = {}
        for (right, _), chars in rows.items():
            last = max(chars, key=lambda c: c["x1"])
            if last["text"].isdigit() and any(c["text"] == "." for c in chars):  # an entry and its leader
                edges.setdefault(right, set()).add(round(last["x1"] * 2) / 2)
    assert len(edges) == 2 and all(len(e) == 1 for e in edges.values()), edges


def test_weekly_articles_keep_their_order_but_for_fillers(weekly: tuple[Any, Path]) -> None:
    """In every section the articles are in the edition's order, except that a filler
    (notice, photo story, brief) may stand one article later (or one earlier)."""
    _assert_order_kept_but_for_fillers(*weekly)


def _assert_order_kept_but_for_fillers(loaded: Any, pdf: Path) -> None:
    html = (pdf.with_suffix(".print") / "print.html").read_text(encoding="utf-8")
    printed = regex.findall(r"<!--article ([^ >]+)-->", html)
    for section in loaded.edition.sections_in_order():
        slugs = [a.id for a in section.articles]
        order = [s for s in printed if s in slugs]
        assert sorted(order) == sorted(slugs)
        fixed = [a.id for a in section.articles if not print_fill.is_filler(a)]
        assert [s for s in order if s in fixed] == fixed, section.name
        for article in section.articles:
            assert abs(order.index(article.id) - slugs.index(article.id)) <= 1


def test_cover_shows_the_weeks_lead_photo_and_top_stories_by_prominence(weekly: tuple[Any, Path]) -> None:
    loaded, pdf = weekly
    volume = loaded.edition
    front = [a.headline for a in volume.articles if str(a.page) == "1" and a.kind != "notice" and a.headline]
    top = volume.top_headlines()
    assert top and set(top) <= set(front)  # page-1 stories first
    assert top[0] == max((a for a in volume.articles if a.headline in front), key=lambda a: sum(map(len, a.texts))).headline
    assert volume.lead_photo() is not None
    cover = squeeze(pdftotext(pdf, "-f", "1", "-l", "1"))
    assert all(squeeze(line) in cover for line in top)
    with pdfplumber.open(pdf) as doc:
        assert doc.pages[0].images, "the cover has the lead photo"


def test_merged_jumps_lose_their_jump_lines(weekly: tuple[Any, Path]) -> None:
    """Both parts of a jump in the volume are one article: no （下转…）/（上接…） is left but
    the jump whose other part is not in the volume, and that one names the newspaper's page
    with its edition's date, and that it is not in the book (a bare （上接1版） in a book sends
    the reader to its page 1)."""
    loaded, pdf = weekly
    text = squeeze(pdftotext(pdf))
    kept = [a for a in loaded.edition.articles if a.continued_from or a.continued_to]
    assert len(regex.findall(r"（(?:下转|上接)", text)) == len(kept) == 1
    assert "（上接11月17日1版，本书未收录）" in text and "（上接1版）" not in text


def test_an_absent_jump_part_is_named_in_plain_words() -> None:
    from exporter.labels import jump_elsewhere

    day = dt.date(2026, 11, 17)
    assert jump_elsewhere("1版", day, "zh-CN") == "11月17日1版，本书未收录"
    assert jump_elsewhere("1版", day, "zh-TW") == "11月17日1版，本書未收錄"
    assert jump_elsewhere("4", day, "en") == "page 4 of the Nov 17 edition, not in this volume"


def _running_heads(pdf: Path, names: set[str], margin_top_mm: float = 18) -> list[tuple[str, str]]:
    """Per page: (the running head's section, the section in force at the top of the body),
    read from the PDF alone. A body line that is only a section name is that section's tab;
    the section in force at the top is the first tab when the page opens with a tab or a part
    title (a day: its first section), else the last tab on an earlier page."""
    result, last = [], ""
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            top = margin_top_mm * 72 / 25.4
            head = squeeze(page.crop((page.width * 0.3, 0, page.width * 0.7, top - 2)).extract_text() or "")
            lines = sorted(page.crop((0, top - 2, page.width, page.height)).extract_text_lines(),
                           key=lambda line: (round(line["top"]), line["x0"]))
            texts = [squeeze(line["text"]) for line in lines]
            tabs = [t for t in texts if t in names]
            opens = bool(texts) and (texts[0] in names or regex.match(r"\d{4}年\d+月\d+日", texts[0]) is not None)
            result.append((head, tabs[0] if opens and tabs else last))
            last = tabs[-1] if tabs else last
    return result


def test_running_head_names_the_section_in_force_at_the_top_of_the_page(weekly: tuple[Any, Path], build_pdf) -> None:
    """A newspaper's folio line: the section the top of the page belongs to, not the first
    section that starts lower on it (the weekly's p4 opens inside 经济 under a 社会 tab)."""
    loaded, pdf = weekly
    names = {s.name for s in loaded.edition.sections_in_order() if s.name}
    body = _running_heads(pdf, names)[2:]  # the cover and contents have no section
    assert [head for head, _ in body] == [top for _, top in body]
    changes = sum(1 for (_, a), (_, b) in zip(body, body[1:]) if a != b)
    assert changes >= 8  # sections change over the week's pages: the check is not vacuous
    zh, zh_pdf = build_pdf(ZH_EXAMPLE, "broadsheet")
    heads = _running_heads(zh_pdf, {s.name for s in zh.edition.sections_in_order() if s.name})[1:]
    assert [head for head, _ in heads] == [top for _, top in heads] and len({h for h, _ in heads}) >= 2


def test_a_continuation_in_its_own_section_is_joined_in_print(build_pdf) -> None:
    """Harbour: "Fish market plans…" jumps to a continuation two items later in News. Both
    parts are one article in print (no "Continued on/from page N", which printed the page
    it stood on); a continuation in another section keeps its lines (qingchuan, above)."""
    from exporter.jumps import join_in_section

    loaded, pdf = build_pdf(EN_EXAMPLE, "broadsheet")
    joined = join_in_section(loaded.edition)
    assert len(joined.articles) == len(loaded.edition.articles) - 1
    fish = next(a for a in joined.articles if a.id == "fish-market")
    assert fish.continued_to is None and fish.continued_from is None
    text = squeeze(pdftotext(pdf))
    assert "Continued" not in text
    assert text.count(squeeze(fish.headline or "")) == 2  # the article and its contents entry
    parts = {a.id: [squeeze(t) for t in a.texts] for a in loaded.edition.articles}
    # the first part's end, then the continuation's end, then the photo that stood between them
    order = [text.rindex(parts[slug][n][3:23]) for slug, n in  # the last: the contents lists the photo too
             (("fish-market", -1), ("fish-market-continued", -1), ("lifeboat-launch", 0))]
    assert order == sorted(order)
    zh, _ = build_pdf(ZH_EXAMPLE, "broadsheet")
    assert join_in_section(zh.edition) is zh.edition  # 要闻 -> 经济: not joined


def test_a_cut_titles_leader_follows_its_last_word(build_pdf) -> None:
    """Harbour's lifeboat photo is listed by a cut title ("… winched back up…"). Its "…"
    stood before the leader, whose dots started past the glyph's own blank (half an em in
    the CJK faces): the leader now continues the title from its last word, as on every
    other entry; the bookmark keeps the "…"."""
    _, pdf = build_pdf(EN_EXAMPLE, "broadsheet")
    assert any(title == "The Porthaven lifeboat is winched back up…" for _, title, _ in outline(pdf))
    with pdfplumber.open(pdf) as doc:
        line = next(line for line in doc.pages[0].extract_text_lines()
                    if line["text"].replace(" ", "").startswith("ThePorthavenlifeboat"))
    chars = line["chars"]
    at = next(i for i, c in enumerate(chars) if c["text"] == "." and chars[i + 1]["text"] == ".")
    assert "".join(c["text"] for c in chars[:at]).endswith("up"), line["text"]
    assert chars[at]["x0"] - chars[at - 1]["x1"] < 0.35 * chars[at]["size"]


@pytest.mark.parametrize("theme", ["broadsheet", "digest"])
def test_jump_lines_print_the_page_of_the_other_part(build_pdf, theme: str) -> None:
    """The edition's page-1 story jumps to its continuation (same headline): （下转第N页） names
    the page the continuation's bookmark points at, （上接第M页） the first part's page. When
    the continuation starts on the page of the first part's end, neither line is printed (it
    would name the page it stands on): the broadsheet's A3 page holds both, the digest's not."""
    _, pdf = build_pdf(ZH_EXAMPLE, theme)
    first, rest = [page for _, title, page in outline(pdf) if title == "青川数字经济产业园首批32家企业入驻"]
    texts = [squeeze(t) for t in pdftotext(pdf).split("\f")]
    to = [(n, int(m)) for n, t in enumerate(texts, 1) for m in regex.findall(r"（下转第(\d+)页）", t)]
    back = [(n, int(m)) for n, t in enumerate(texts, 1) for m in regex.findall(r"（上接第(\d+)页）", t)]
    ends = next(n for n, t in enumerate(texts, 1) if "首批40名学生明年毕业后将直接进入公司" in t)  # the first part's last line
    if ends == rest:
        assert to == back == []
    else:
        assert len(to) == len(back) == 1
        assert to[0] == (ends, rest) and back[0] == (rest, first)
    assert (theme == "digest") == (ends != rest)  # both cases are seen
    assert "3版" not in "".join(texts)  # the newspaper's page numbers are gone


def _hole_edition(folder: Path, notice_tail: int = 105) -> Path:
    """One section: a long article, a boxed notice that does not fit under it, two more.
    The first article leaves about a third of a digest page (MIN_HOLE is a quarter), clear
    of the threshold, and the notice (short: it may not split) needs a little more.
    `notice_tail`: the characters of the notice's second paragraph."""
    paragraph = [{"type": "paragraph", "text": PARAGRAPH}]
    return write_edition(folder, {
        "title": "测试日报", "date": "2026-11-20", "language": "zh-CN", "sections": ["要闻"],
        "articles": [
            {"id": "first", "section": "要闻", "headline": "大桥今日通车", "blocks": paragraph * 4 + [{"type": "paragraph", "text": PARAGRAPH[:46]}]},
            {"id": "water", "kind": "notice", "section": "要闻", "headline": "关于临时停水的公告",
             "blocks": [{"type": "paragraph", "text": NOTICE}, {"type": "paragraph", "text": (NOTICE * 2)[:notice_tail]}],
             "notice": {"issuer": "青川市自来水有限公司", "date": "2026年11月19日"}},
            {"id": "second", "section": "要闻", "headline": "新区企业入驻", "blocks": paragraph * 6},
            {"id": "third", "section": "要闻", "headline": "供暖季提前", "blocks": paragraph * 2}]})


@pytest.mark.slow
def test_a_notice_that_leaves_a_hole_moves_after_the_next_article(tmp_path: Path, monkeypatch, caplog) -> None:
    source = _hole_edition(tmp_path / "hole")
    caplog.set_level(logging.INFO, logger="exporter.pdf")
    [filled] = build(source, "pdf", "digest", BuildOptions(outdir=tmp_path / "filled", emit_print_html=True))
    assert "filled holes: moved water after second" in caplog.text
    assert [t for _, t, _ in outline(filled)] == ["要闻", "大桥今日通车", "新区企业入驻", "关于临时停水的公告", "供暖季提前"]
    html = (tmp_path / "filled" / "small.print" / "print.html").read_text(encoding="utf-8")
    assert regex.findall(r"<!--article ([^ >]+)-->", html) == ["first", "second", "water", "third"]
    monkeypatch.setattr(print_fill, "find_moves", lambda pages, html: [])
    [kept] = build(source, "pdf", "digest", BuildOptions(outdir=tmp_path / "kept"))
    margin = "20mm 18mm 22mm"
    before, after = measure(kept, margin, volume=False), measure(filled, margin, volume=False)
    assert len(after) <= len(before)
    # the hole under the first article (on the page where the notice did not fit) is filled
    assert max(a.depth - b.depth for a, b in zip(after, before)) > 0.15


@pytest.mark.slow
def test_a_photo_story_that_leaves_a_hole_moves_after_the_next_article(tmp_path: Path, caplog) -> None:
    """The hole test's notice replaced by a headline-less photo story (a portrait, too tall
    for the third of a page the first article leaves): the page after opens with its
    picture. Until session 8 the fill pass looked for blocks to move the picture past inside
    its article, found none, and left the hole; the story now moves after the next article."""
    source = _hole_edition(tmp_path / "hole")
    edition = json.loads(source.read_text(encoding="utf-8"))
    edition["articles"][1] = {"id": "night", "kind": "photo", "section": "要闻", "blocks": [
        {"type": "figure", "src": "portrait.png", "caption": "11月19日傍晚，大桥亮起景观灯。", "credit": "王磊"}]}
    source = write_edition(tmp_path / "photo", edition)
    caplog.set_level(logging.INFO, logger="exporter.pdf")
    [pdf] = build(source, "pdf", "digest", BuildOptions(outdir=tmp_path / "out", emit_print_html=True))
    assert "moved night after second" in caplog.text
    html = (tmp_path / "out" / "small.print" / "print.html").read_text(encoding="utf-8")
    assert regex.findall(r"<!--article ([^ >]+)-->", html) == ["first", "second", "night", "third"]


def _pages_with(pdf: Path, text: str) -> list[int]:
    return [n for n, page in enumerate(pdftotext(pdf).split("\f"), 1) if text in squeeze(page)]


@pytest.mark.slow
def test_a_short_notice_stands_whole_when_its_text_grows(tmp_path: Path, caplog) -> None:
    """The hole test's notice with its second paragraph a line longer (past the 300
    characters that once made a notice "long" and breakable): it still stands whole, after
    the next article, and does not split over the page turn."""
    caplog.set_level(logging.INFO, logger="exporter.pdf")
    [pdf] = build(_hole_edition(tmp_path / "hole", notice_tail=140), "pdf", "digest", BuildOptions(outdir=tmp_path))
    assert "filled holes: moved water after second" in caplog.text
    [page] = [page for _, title, page in outline(pdf) if title == "关于临时停水的公告"]
    body = [n for n in _pages_with(pdf, squeeze(NOTICE[:30])) if n > 1]  # page 1: the contents' summary
    assert body == _pages_with(pdf, "青川市自来水有限公司") == [page]


@pytest.mark.slow
def test_a_long_notice_in_columns_starts_in_the_hole_at_a_page_foot(tmp_path: Path, caplog) -> None:
    """A notice that cannot move (last of its section) after a hole of more than a quarter
    page: set in three columns in its box, it starts in the hole and continues overleaf."""
    caplog.set_level(logging.INFO, logger="exporter.pdf")
    paragraph = [{"type": "paragraph", "text": PARAGRAPH}]
    source = write_edition(tmp_path / "long", {
        "title": "测试日报", "date": "2026-11-20", "language": "zh-CN", "sections": ["要闻"],
        "articles": [
            {"id": "first", "section": "要闻", "headline": "大桥今日通车", "blocks": paragraph * 9 + [{"type": "paragraph", "text": PARAGRAPH[:46]}]},
            {"id": "water", "kind": "notice", "section": "要闻", "headline": "关于临时停水的公告",
             "blocks": [{"type": "paragraph", "text": NOTICE}, {"type": "paragraph", "text": (NOTICE * 11)[:1500]}],
             "notice": {"issuer": "青川市自来水有限公司", "date": "2026年11月19日"}}]})
    [pdf] = build(source, "pdf", "broadsheet", BuildOptions(outdir=tmp_path / "out", emit_print_html=True))
    assert "moved split water after the hole" in caplog.text
    assert 'class="notice long"' in (tmp_path / "out" / "small.print" / "print.html").read_text(encoding="utf-8")
    assert [page for _, title, page in outline(pdf) if title in ("大桥今日通车", "关于临时停水的公告")] == [1, 1]
    assert _pages_with(pdf, "青川市自来水有限公司") == [2]


def _notice_days(folder: Path) -> Path:
    """The benchmark week's make-up in small (benchmarks/corpus.py): two days in A4, two
    columns, each a short article and two notices of three 320-character paragraphs. Set in
    its box's two columns a notice would take half a page, but WeasyPrint's column balancing
    leaves its first column full at a page's height (the lost space it adds per step is the
    rest of a paragraph), so standing whole it runs on to the page after: it cannot stand
    whole on any page."""
    def notice(n: int, day: int) -> dict[str, Any]:
        return {"id": f"notice{n}", "kind": "notice", "section": "公告", "headline": f"关于{day}日临时停水的公告{n}",
                "blocks": [{"type": "paragraph", "text": (NOTICE * 3)[k * 50 + day: k * 50 + day + 320]} for k in range(3)],
                "notice": {"issuer": "青川市自来水有限公司", "date": "2026年11月19日"}}
    for date in ("2026-11-19", "2026-11-20"):
        write_edition(folder / "editions", {
            "title": "测试日报", "date": date, "language": "zh-CN", "sections": ["要闻", "公告"],
            "articles": [{"id": "first", "section": "要闻", "headline": f"大桥{date[-2:]}日通车",
                          "blocks": [{"type": "paragraph", "text": date + PARAGRAPH}] * 3},
                         notice(1, int(date[-2:])), notice(2, int(date[-2:]))]},
            f"{date}.json")
    (folder / "volume.toml").write_text('title = "合订本"\neditions = ["editions/*.json"]\nby = "day"\n'
                                        'theme = "broadsheet"\n\n[page]\nsize = "A4"\ncolumns = 2\n', encoding="utf-8")
    return folder / "volume.toml"


@pytest.mark.slow
def test_notices_taller_than_a_page_are_split_before_the_body_is_laid_out_once(tmp_path: Path, monkeypatch, caplog) -> None:
    """The probe finds the notices that cannot stand whole, so the trial is the final layout:
    one probe and one body layout (counted, not timed), the notices split as the trial-and-
    move pass split them (the same pages and text), and chunks give the single pass's PDF."""
    from exporter.writers.pdf import writer
    from tests.perf.helpers import structure

    source = _notice_days(tmp_path / "days")
    layouts: list[int] = []
    staged = writer.staged_layout

    def counting(*args: Any, **kwargs: Any) -> Any:
        lay_out = staged(*args, **kwargs)
        return lambda markup: layouts.append(len((document := lay_out(markup)).pages)) or document

    monkeypatch.setattr(writer, "staged_layout", counting)
    # the squeeze (a pass of its own, after the fill) shortens these days: tested below
    monkeypatch.setattr(print_fill, "find_squeezes", lambda pages, html: {})
    caplog.set_level(logging.INFO, logger="exporter.pdf")
    options = {"parallel_min_characters": 0}
    [once] = build(source, "pdf", options=BuildOptions(outdir=tmp_path / "once", jobs=1, emit_print_html=True, **options))
    probe, body = layouts
    assert body == len(pdftotext(once).split("\f")) - 1  # the whole document: one layout
    assert "filled holes" not in caplog.text and "kept the order" not in caplog.text
    days = ("d20261119", "d20261120")
    assert f"taller than a page: split {', '.join(f'{d}-notice{n}' for d in days for n in (1, 2))} before layout" in caplog.text
    assert (tmp_path / "once" / "volume.print" / "print.html").read_text(encoding="utf-8").count('class="notice long"') == 4
    monkeypatch.setattr(print_fill, "too_tall", lambda html, render: [])  # found by the trial, as before
    layouts.clear()
    [twice] = build(source, "pdf", options=BuildOptions(outdir=tmp_path / "twice", jobs=1, **options))
    assert len(layouts) == 2 and layouts[0] > layouts[1] == body  # trial, then the notices split
    assert structure(twice) == structure(once)
    [chunked] = build(source, "pdf", options=BuildOptions(outdir=tmp_path / "chunked", jobs=2, **options))
    assert structure(chunked) == structure(once)


@pytest.mark.slow
def test_short_days_are_squeezed_alike_in_one_pass_and_in_chunks(tmp_path: Path, caplog) -> None:
    """The two notice days above (4 pages each, the last holding the second notice's end):
    tightened, each day takes a page less, and a parallel build (one chunk a day, each
    deciding on its own pages) gives the single pass's pages and text."""
    from tests.perf.helpers import structure

    source = _notice_days(tmp_path / "days")
    caplog.set_level(logging.INFO, logger="exporter.pdf")
    options = {"parallel_min_characters": 0}
    [once] = build(source, "pdf", options=BuildOptions(outdir=tmp_path / "once", jobs=1, **options))
    assert "squeezed: squeeze p1-s1, squeeze p1-s2, squeeze p2-s1, squeeze p2-s2 (8 → 6 pages)" in caplog.text
    [chunked] = build(source, "pdf", options=BuildOptions(outdir=tmp_path / "chunked", jobs=2, **options))
    assert structure(chunked) == structure(once)


def test_a_notice_may_split_only_where_the_fill_pass_lets_it() -> None:
    """find_moves' split move marks the one notice `long` (breakable) in the print HTML."""
    box = '<div data-article="{0}"><aside class="notice" aria-labelledby="{0}-title"></aside></div>'
    html = "".join(f"<!--article {s}-->{box.format(s)}<!--/article {s}-->" for s in ("a", "b"))
    moved = print_fill.apply_moves(html, [("split b", "the hole")])
    assert moved.count('class="notice long"') == 1 and moved.index('class="notice long"') > moved.index("<!--article b-->")


def test_a_jump_to_its_own_page_loses_both_jump_lines() -> None:
    html = ('<!--article a--><p>正文</p><p class="jump jump-to" id="a-jump-to">（下转第<a class="jump-page" href="#b"></a>页）</p>\n'
            '<!--/article a--><!--article b--><p class="jump jump-from" id="b-jump-from">（上接第<a class="jump-page" href="#a"></a>页）</p>\n'
            '<p>续文</p><!--/article b-->')
    assert print_fill.apply_moves(html, [("unjump a", "b")]) == "<!--article a--><p>正文</p><!--/article a--><!--article b--><p>续文</p><!--/article b-->"


def test_weekly_culture_section_starts_in_the_hole_under_society(weekly: tuple[Any, Path]) -> None:
    """20 Nov: the 文化 section's first article (a list after its second paragraph) starts at
    the foot of the page the 社会 section ends on. WeasyPrint's UA sheet keeps a list with what
    precedes it, which in columns kept the whole article off that page (a 28 % hole)."""
    _, pdf = weekly
    pages = {title: page for _, title, page in outline(pdf)}
    society_ends = pages["青川市第一实验小学开展冬季消防安全演练"]  # the photo that ends 社会
    assert pages["市图书馆上线“AI借阅助手”"] == society_ends


def test_break_settings() -> None:
    setup = PageSetup("A4", "20mm", 2, "5mm", None)
    assert ".section, .part { break-before: page; }" in PageSetup("A4", "20mm", 2, "5mm", None, "section").css()
    assert ".part { break-before: page; }" in setup.css() and ".section," not in setup.css()
    assert "break-before: page" not in PageSetup("A4", "20mm", 2, "5mm", None, "none").css()
    day = [Section("要闻", "s1"), Section("经济", "s2")]
    parts = [Part("周一", "p1", day), Part("周二", "p2", day)]
    assert [len(c) for c in split(parts, "part")] == [1, 1]
    assert len(split(parts, "none")) == 1
    assert len(split([Part(None, "p1", day)], "part")) == 1  # an edition's sections run on


def test_print_profile_mirrors_margins_and_puts_folios_outside() -> None:
    css = PageSetup("A4", "18mm 14mm 20mm", 2, "5mm", "3mm").css()
    assert "@page :right { margin-left: 17mm; margin-right: 11mm;" in css
    assert "@page :left { margin-left: 11mm; margin-right: 17mm;" in css
    assert "@bottom-right { content: counter(page)" in css.split("@page :left")[0]
    assert "@bottom-left { content: counter(page)" in css.split("@page :left")[1]
    assert "bleed: 12mm" in css  # 3 mm bleed plus room for the crop marks outside it


def test_photo_story_pictures_sit_on_the_column_grid() -> None:
    """A4, 18/14 mm margins, 2 columns of 5 mm gap: a column is 88.5 mm."""
    css = grid_css(PageSetup("A4", "18mm 14mm 20mm", 2, "5mm", None))
    assert ".kind-photo .figure.landscape:only-of-type img { width: 88.50mm; }" in css
    # in an article's two columns a picture keeps to one, the text beside it
    assert "> .article-body > .figure" not in css
    # a head keeps two lines in each column (four or more), not three (it held the digest
    # week's 20 Nov 数字经济 story off a hole that had room for two a column)
    assert ".article .article-body > p:first-child { orphans: 2; }" in css
    assert "orphans" not in grid_css(PageSetup("B5", "20mm 18mm 22mm", 1, "6mm", None))
    three = grid_css(PageSetup("A3", "18mm 14mm 20mm", 3, "5mm", None))
    assert ".kind-photo .figure.landscape:not(.narrow):only-of-type img { width: 177.67mm; }" in three  # two of three columns
    assert ".kind-photo .figure.landscape.narrow:only-of-type img { width: 86.33mm; }" in three  # narrowed: one
    assert "nth-last-of-type(3) ~ .figure { width: 86.33mm; }" in three  # three side by side, a column each
    # in an article's three columns a landscape leaves them for two, its caption in the third
    # (until session 8 it took one column, as a portrait does)
    body = ".article:not(.kind-photo):not(.kind-notice) > .article-body > .figure:not(.narrow).landscape"
    assert f"{body} {{ column-span: all;" in three and f"{body} img {{ width: 177.67mm; }}" in three
    assert f"{body} figcaption {{ width: 84.33mm; margin-left: 5.00mm; }}" in three
    # a caption-only brief in the body's columns
    assert ".caption-brief .kind-photo .article-body { column-count: 3; }" in three
    assert "caption-brief" not in grid_css(PageSetup("B5", "20mm 18mm 22mm", 1, "6mm", None))


def test_a_picture_less_brief_is_set_in_a_column(build_pdf) -> None:
    """Qingchuan (A3, three columns): a caption without its picture is a brief in the body's
    columns (a readable measure); across the page it ran as one line of ~70 em."""
    _, pdf = build_pdf(ZH_EXAMPLE, "broadsheet")
    with pdfplumber.open(pdf) as doc:
        lines = [line for page in doc.pages for line in page.extract_text_lines()]
    at = next(i for i, line in enumerate(lines) if line["text"].startswith("11月18日，青川市第一实验小学"))
    column = 86.33 / 25.4 * 72
    assert all(line["x1"] - line["x0"] <= column + 1 for line in lines[at: at + 3])
    assert "通讯员 刘芳 摄" in lines[at + 2]["text"] + lines[at + 3]["text"]


@pytest.mark.slow
def test_bound_volume_pages_mirror_in_parallel_as_in_one_pass(tmp_path: Path) -> None:
    """--profile print: text areas alternate inner/outer, folios sit on the outer edge, and
    the chunked build (chunks laid out as right pages, shifted at assembly) matches."""
    from tests.perf.conftest import write_volume
    from tests.perf.helpers import structure

    source = write_volume(tmp_path / "volume")
    options = {"profile": "print", "parallel_min_characters": 0}
    [single] = build(source, "pdf", options=BuildOptions(outdir=tmp_path / "single", jobs=1, **options))
    [chunked] = build(source, "pdf", options=BuildOptions(outdir=tmp_path / "chunked", jobs=2, **options))
    assert structure(single) == structure(chunked)
    with pdfplumber.open(single) as a, pdfplumber.open(chunked) as b:
        lefts = []
        for page_a, page_b in zip(a.pages[2:6], b.pages[2:6], strict=True):
            body = page_a.chars
            assert [round(c["x0"], 1) for c in body] == [round(c["x0"], 1) for c in page_b.chars]
            lefts.append(min(c["x0"] for c in body))
            lowest = max(c["top"] for c in page_a.chars)
            folio = [c for c in page_a.chars if c["top"] > lowest - 2]
            right_page = page_a.page_number % 2 == 1
            assert (min(c["x0"] for c in folio) > page_a.width / 2) == right_page
        assert round(lefts[0] - lefts[1]) == round(6 * 72 / 25.4)  # inner 3 mm wider, outer 3 mm narrower


@pytest.mark.slow
def test_a_long_week_contents_steps_down_to_one_page_and_cuts_nothing(tmp_path: Path) -> None:
    """Seven generated dailies of twelve articles (84 entries, three times the example week): the
    theme's 8.5 pt in two columns takes two pages, so the contents steps down until the
    front matter, laid out with that rule, has its contents on one page with every title."""
    from benchmarks import corpus

    for day in range(7):
        corpus.edition(dt.date(2027, 3, 1 + day), 500 + day, tmp_path / "editions", articles_per_edition=12)
    toml = tmp_path / "week.toml"
    toml.write_text('title = "一周"\neditions = ["editions/*.json"]\nby = "day"\n\n[page]\nsize = "A4"\n'
                    'columns = 2\n', encoding="utf-8")
    loaded, theme = load_source(toml)
    stage = tmp_path / "stage"
    context = print_context(loaded, theme, stage_theme(theme, page_setup(theme, "screen", None), stage))
    html = print_renderer(make_environment(theme).get_template("print.html"))(**context)
    copy_images(loaded, stage)
    fetcher = StagedFetcher(stage)

    def lay_out(markup: str) -> Any:
        return HTML(string=markup, base_url=str(stage / "print.html"), url_fetcher=fetcher).render()

    with patched():
        assert contents_fit.contents_pages(lay_out(contents_fit.front_only(html, contents_fit.step_css(
            contents_fit.STEPS[0])))) == 2
        css = contents_fit.fit(html, lay_out).rule
        assert css != contents_fit.step_css(contents_fit.STEPS[0])
        front = lay_out(contents_fit.front_only(html, css))
    assert contents_fit.contents_pages(front) == 1
    page = next(p for p in front.pages if "contents-title" in p.anchors)
    text = squeeze("".join(box.text for box in _text_boxes(page._page_box)))
    assert all(squeeze(a.title) in text for a in loaded.edition.articles), "an entry is cut"


def _text_boxes(box: Any) -> Any:
    if hasattr(box, "text"):
        yield box
    for child in getattr(box, "children", ()):
        yield from _text_boxes(child)


def test_a_list_items_label_is_not_letter_spaced(weekly: tuple[Any, Path]) -> None:
    """The 21 Nov notice's first item, 时间：2026年11月28日（星期六）9:00至15:00；, fills its line
    loosely (the date and the time range do not break). The label is one unit, so the line
    opens up after it: 时间： stand one em apart, not 时 间 ： (before: 1.04 em)."""
    _, pdf = weekly
    with pdfplumber.open(pdf) as doc:
        chars = [c for page in doc.pages for c in page.chars]
    at = next(i for i, c in enumerate(chars) if chars[i]["text"] == "时" and chars[i + 1]["text"] == "间"
              and chars[i + 2]["text"] == "：" and chars[i + 3]["text"] == "2")
    em = chars[at]["size"]
    assert chars[at + 1]["x0"] - chars[at]["x0"] == pytest.approx(em, abs=0.02 * em)
    assert chars[at + 3]["x0"] - chars[at + 1]["x0"] < 2.1 * em  # 间 and a full-width colon


def test_a_hole_takes_back_the_brief_after_an_article_that_did_not_fit(build_pdf) -> None:
    """qingchuan: page 2 ended 19 % above its foot (fill 0.45), less than the 社会 section's
    first article (a feature: head, lead, three lines) needs. The picture-less photo brief
    after that feature comes forward into the hole under the section's tab; the feature opens
    page 3. Nothing else moves, and no article moves by more than one place. (The fill of
    page 2: 0.45 before, 0.498 with the brief in a column.)"""
    loaded, pdf = build_pdf(ZH_EXAMPLE, "broadsheet")
    pages = {title: page for _, title, page in outline(pdf)}
    assert pages["青川市第一实验小学开展冬季消防安全演练"] == 2
    assert pages["老街不老：青川古城片区改造这一年"] == 3
    assert pages["社会"] == 2
    _assert_order_kept_but_for_fillers(loaded, pdf)


def test_a_short_last_page_comes_back_when_the_parts_gaps_are_tightened(build_pdf) -> None:
    """nanwan: the water notice (77 mm with its section's tab and gap) stood alone on page 2;
    page 1 had 71 mm left. Tightening the space between the part's items (section gaps,
    article rules) brings it back: one page."""
    tw = ROOT / "examples" / "nanwan-evening.json"
    _, pdf = build_pdf(tw, "broadsheet")
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == 1
    assert "停水公告" in pdftotext(pdf, "-f", "1", "-l", "1")
    html = (pdf.with_suffix(".print") / "print.html").read_text(encoding="utf-8")
    assert len(regex.findall(r'<section class="section[^"]* squeeze"', html)) == 3


def test_a_squeeze_marks_the_sections_of_the_part_by_their_id() -> None:
    html = ('<section class="section named" id="s1"><!--article a--><div data-article="a"></div><!--/article a-->'
            '</section><section class="section" id="s2"><!--article b--><div data-article="b"></div><!--/article b--></section>')
    assert print_fill.apply_moves(html, [("squeeze s2", "tighter")]).count('class="section squeeze" id="s2"') == 1
    assert print_fill._section_of(html, "b") == "s2" and print_fill._section_of(html, "a") == "s1"


def test_a_picture_less_briefs_credit_stands_at_the_right_of_its_last_line(weekly: tuple[Any, Path]) -> None:
    """20 Nov 文化: a caption without its picture is set as a brief. Its credit stands flush
    right (a float) at the end of the last line; inline, it followed the text after a word
    space and, when it wrapped, left the line before it justified and letter-spaced."""
    _, pdf = weekly
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            lines = page.extract_text_lines()
            at = next((i for i, line in enumerate(lines) if line["text"].startswith("11月18日，工人在古城东街")), None)
            if at is not None:
                break
    first, last = lines[at], lines[at + 1]
    assert last["text"].endswith("通讯员 刘芳 摄")
    assert last["x1"] == pytest.approx(first["x1"], abs=1.0)  # the credit ends at the column edge


@pytest.mark.slow
def test_a_photo_storys_landscape_widens_to_the_measure_where_its_part_keeps_its_pages(tmp_path: Path, caplog) -> None:
    """A photo story's landscape stands in all columns but one (the week's A4 pages of two
    columns: one, its caption beside it); on a page with room below, the fill pass sets it
    across the measure with the caption under it (`wide`), and keeps that only where the part
    keeps its pages (across both columns by rule it cost the week two pages, session 8). Two
    days: a parallel build (a chunk a day, each deciding on its own pages) gives the single
    pass's pages and text."""
    from tests.perf.helpers import structure

    for date in ("2026-11-19", "2026-11-20"):
        write_edition(tmp_path / "days" / "editions", {
            "title": "测试日报", "date": date, "language": "zh-CN", "sections": ["要闻"],
            "articles": [
                {"id": "first", "section": "要闻", "headline": f"大桥{date[-2:]}日通车",
                 "blocks": [{"type": "paragraph", "text": date + PARAGRAPH}] * 2},
                {"id": "night", "kind": "photo", "section": "要闻", "headline": "大桥夜景", "blocks": [
                    {"type": "figure", "src": "bridge.png", "caption": f"11月{date[-2:]}日傍晚，大桥亮起景观灯。", "credit": "王磊"}]}]},
            f"{date}.json")
    source = tmp_path / "days" / "volume.toml"
    source.write_text('title = "合订本"\neditions = ["editions/*.json"]\nby = "day"\ntheme = "broadsheet"\n\n'
                      '[page]\nsize = "A4"\ncolumns = 2\n', encoding="utf-8")
    caplog.set_level(logging.INFO, logger="exporter.pdf")
    options = {"parallel_min_characters": 0}
    [once] = build(source, "pdf", options=BuildOptions(outdir=tmp_path / "once", jobs=1, emit_print_html=True, **options))
    assert "widened: wide figure d20261119-night, wide figure d20261120-night" in caplog.text
    html = (tmp_path / "once" / "volume.print" / "print.html").read_text(encoding="utf-8")
    assert html.count('<figure class="figure wide landscape"') == 2
    with pdfplumber.open(once) as doc:
        widths = [image["width"] for page in doc.pages for image in page.images]
        assert len(widths) >= 2 and all(abs(w - 182 / 25.4 * 72) < 2 for w in widths[-2:])  # A4 less 14 + 14 mm
    [chunked] = build(source, "pdf", options=BuildOptions(outdir=tmp_path / "chunked", jobs=2, **options))
    assert structure(chunked) == structure(once)
    css = grid_css(PageSetup("A4", "18mm 14mm 20mm", 2, "5mm", None))
    assert ".kind-photo .figure.landscape.wide:only-of-type img { width: 182.00mm; }" in css
    assert ".wide" not in grid_css(PageSetup("B5", "20mm 18mm 22mm", 1, "6mm", None))  # one column: no wider
