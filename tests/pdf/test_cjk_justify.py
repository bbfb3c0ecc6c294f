"""Chinese justification measured from the PDF: lines flush on both sides, clean text layer.

The "before" figure renders the same print.html with stock WeasyPrint (no extension).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from weasyprint import HTML
from weasyprint.layout import inline
from weasyprint.text import line_break

from exporter.model import Paragraph
from exporter.writers.autospace import autospace
from exporter.weasyprint_ext.cjk_justify import CJK_JUSTIFY, LOOSE_EM, cjk_units
from exporter.weasyprint_ext.patches import patched
from exporter.writers.pdf.fetcher import StagedFetcher
from tests.conftest import THEMES, ZH_EXAMPLE

from .helpers import column_lines, flush_edges, justified_lines, outline, shortfall, squeeze

CLOSING = set("、，。；：！？）」』”’》〉】〕")


def test_patch_is_contained() -> None:
    before = (inline.justify_line, inline.count_expandable_spaces, line_break.Layout.set_text)
    with patched(CJK_JUSTIFY):
        assert inline.count_expandable_spaces is not before[1]
    assert (inline.justify_line, inline.count_expandable_spaces, line_break.Layout.set_text) == before


def test_cjk_units_match_pango_edges() -> None:
    assert cjk_units("") == 0
    assert cjk_units("汉") == 0  # both half-spacings fall off the layout's edges
    assert cjk_units("汉字汉字") == 3
    assert cjk_units("GDP增长") == 1.5
    assert cjk_units("abc") == 0
    assert cjk_units("“好”", "zh-CN") == 2  # quotes are CJK in Chinese text…
    assert cjk_units("Porthaven’s “quay”", "en-GB") == 0  # …but not in English


def test_autospace_wraps_latin_runs_without_spaces() -> None:
    html = autospace("<title>AI日报</title><body><p>今年GDP增长5.2%，AT&amp;T 公司</p></body>")
    assert html.startswith("<title>AI日报</title>")
    assert '今年<span class="autospace-lr latin">GDP</span>增长<span class="autospace-l">5.2%</span>，' in html
    assert "AT&amp;T 公司" in re.sub(r"<[^>]+>", "", html)  # Latin runs marked, no character added


@pytest.fixture(scope="module", params=THEMES)
def measured(request: pytest.FixtureRequest, build_pdf, small_source: Path) -> dict[str, object]:
    source = ZH_EXAMPLE if ZH_EXAMPLE.exists() else small_source
    loaded, pdf = build_pdf(source, request.param)
    paragraphs = [squeeze(t) for a in loaded.edition.articles if a.kind != "notice"
                  for t in (*a.lead, *(b.text for b in a.blocks if isinstance(b, Paragraph)))]
    first_page = min(page for _, _, page in outline(pdf))  # skip the contents pages
    stage = pdf.with_suffix(".print")
    stock = pdf.with_name("stock.pdf")
    HTML(filename=stage / "print.html", url_fetcher=StagedFetcher(stage)).write_pdf(stock)
    after_lines = column_lines(pdf)
    sizes = sorted(line.size for line in after_lines)
    body = sizes[len(sizes) // 2]  # a contents summary quoting a lead is smaller, and ragged

    def running(lines: list) -> list:
        return [line for line in lines if line.size >= 0.95 * body]

    edges = flush_edges(justified_lines(running(after_lines), paragraphs, first_page))
    result: dict[str, object] = {"theme": request.param, "all": after_lines}
    for name, path in (("before", stock), ("after", pdf)):
        lines = justified_lines(running(column_lines(path)), paragraphs, first_page)
        result[name] = [(line, shortfall(line, edges)) for line in lines]
    return result


def test_justified_chinese_lines_end_flush(measured: dict[str, object]) -> None:
    after = measured["after"]
    before = measured["before"]
    assert len(after) >= 20, "too few justified Chinese lines found to measure"
    share = {k: sum(d <= 0.5 for _, d in v) / len(v) for k, v in (("before", before), ("after", after))}
    print(f"\n{measured['theme']}: flush lines before {share['before']:.1%} "
          f"of {len(before)}, after {share['after']:.1%} of {len(after)}")
    ragged = [(line.page, round(d, 2), line.text) for line, d in after if d > 0.5]
    assert not ragged, ragged
    assert share["before"] < 0.5


def test_no_line_starts_with_closing_punctuation(measured: dict[str, object]) -> None:
    starts = [line.text for line in measured["all"] if line.text[:1] in CLOSING]
    assert not starts


_LOOSE_LINE = ('<html lang="zh"><style>p {{ width: {width}px; font-size: 10pt; text-align: justify; margin: 0 }}'
               ' .autospace-lr {{ margin: 0 .125em }} .nobr {{ white-space: nowrap }}</style><p>停水时间：'
               '<span class="nobr"><span class="autospace-lr">2026</span>年<span class="autospace-lr">11</span>月'
               '<span class="autospace-lr">23</span>日</span>（星期一）{rest}</p>')
_REST = '<span class="nobr">22:00至</span>11月24日'


def _walk(box: object):
    yield box
    for child in getattr(box, "children", ()):
        yield from _walk(child)


def _first_line(width: float, rest: str = _REST) -> object:
    from weasyprint.formatting_structure import boxes

    with patched(CJK_JUSTIFY):
        page = HTML(string=_LOOSE_LINE.format(width=width, rest=rest)).render().pages[0]._page_box
    return next(b for b in _walk(page) if isinstance(b, boxes.LineBox))


# Han opportunities 8 (停水时间： and （星期一）, less their edges), Han–Latin gaps 6; the
# closing bracket at the line end gives back half an em: 0.3 em spare room stays with the Han
# characters (0.8 / 8 < 0.12 em), 1 em and 2 em open the gaps too (1.5 / 14, 2.5 / 14)
@pytest.mark.parametrize("spare, opened", [(0.3, False), (1.0, True), (2.0, True)])
def test_loose_line_opens_han_latin_gaps_never_digits(spare: float, opened: bool) -> None:
    """A line with few Han characters before a unit that cannot come up (the week's notice,
    停水时间：2026年11月23日（星期一） before 22:00至) opens its Han–Latin gaps as well as its Han
    characters, and never letter-spaces its digits (clreq: the 中西间距 take part in line
    adjustment, a number is one unit); a line that is not loose keeps them as they are."""
    from weasyprint.formatting_structure import boxes

    em = 10 * 4 / 3
    tight = _first_line(1000, "")
    natural = sum(c.margin_width() for c in tight.children)
    width = natural + spare * em
    line = _first_line(width)
    texts = [b for b in _walk(line) if isinstance(b, boxes.TextBox)]
    spans = [b for b in _walk(line) if isinstance(b, boxes.InlineBox) and b.element.get("class") == "autospace-lr"]
    assert "".join(b.text for b in texts) == "停水时间：2026年11月23日（星期一）"
    spacing = texts[0].justification_spacing
    assert 0 < spacing and (spare > 1 or spacing <= LOOSE_EM * em)
    assert [round(s.margin_left - 0.125 * em, 3) for s in spans] == [round(spacing, 3) if opened else 0.0] * 3
    natural_digits = {b.text: b.width for b in _walk(tight) if isinstance(b, boxes.TextBox) and b.text.isdigit()}
    assert {b.text: round(b.width, 3) for b in texts if b.text.isdigit()} == {
        t: round(w, 3) for t, w in natural_digits.items()}  # digit runs keep their natural width
    last = texts[-1]
    assert abs(last.position_x + last.width - line.position_x - width) < 0.01  # flush at the measure
