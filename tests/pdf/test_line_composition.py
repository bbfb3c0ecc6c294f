"""Line composition measured from the PDFs (issue #15): headlines break between words with no
one-character last line, consecutive punctuation is compressed, paragraphs do not end with
one character, Latin text is set with Latin glyphs, and the text layer is the source text."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pdfplumber
import pytest
from weasyprint import HTML
from weasyprint.layout import block

from exporter.weasyprint_ext.line_endings import LINE_ENDINGS
from exporter.weasyprint_ext.patches import patched
from exporter.words import word_spans, words
from exporter.writers.autospace import autospace
from tests.conftest import EN_EXAMPLE, THEMES, ZH_EXAMPLE

from .helpers import pdftotext, squeeze
from .line_measure import measure

def test_patch_is_contained() -> None:
    before = block.iter_line_boxes
    with patched(LINE_ENDINGS):
        assert block.iter_line_boxes is not before
    assert block.iter_line_boxes is before


def test_headline_words() -> None:
    assert words("冬储白菜集中上市 批发价同比下降一成")[-1] == "一成"  # never 一 / 成
    assert "2026年" in words("关于举办2026年冬季招聘会的公告")
    assert "80公里/小时" in words("限速80公里/小时")
    assert "three-year" in words("Ferry restored after three-year gap")
    assert "“十四五”" in words("“十四五”规划发布")
    last = [w for w in words("关于封闭检测的通告") if not w.isspace()][-1]
    assert len(last) >= 2


def test_print_marks_keep_text() -> None:
    html = autospace("<body><p>限速80公里/小时，17:00—19:00开放。他说：“好。”</p></body>", punctuation=True)
    assert '<span class="nobr"><span class="autospace-lr">80</span>公里/小时</span>' in html
    assert '<span class="nobr">17:00—<span class="autospace-r">19:00</span></span>' in html
    assert '说<span class="halt">：</span>“好<span class="halt">。</span>”' in html
    assert "halt" not in autospace("<body><p>他说：“好。”</p></body>")  # the option off
    across = autospace('<body><p><span class="w">日，</span><span class="w">《词典》</span></p></body>', punctuation=True)
    assert '<span class="w">日<span class="halt">，</span></span><span class="w">《词典》</span>' in across
    # three marks, the last in the next word span: the first two are both set half-width
    three = autospace(f"<body><p>{word_spans('服务。”“项目')}</p></body>", punctuation=True)
    assert '服务<span class="halt">。</span><span class="halt">”</span></span><span class="w">“项目' in three


@pytest.fixture(scope="module", params=THEMES)
def zh(request: pytest.FixtureRequest, build_pdf, small_source: Path):
    return build_pdf(ZH_EXAMPLE if ZH_EXAMPLE.exists() else small_source, request.param)


def test_chinese_lines_composed(zh) -> None:
    loaded, pdf = zh
    m = measure(pdf, list(loaded.edition.articles))
    print(f"\n{pdf.parent.name}: {m.figures()}")
    assert m.headline_one_char == 0, m.examples
    assert m.uncompressed_pairs == 0, m.examples
    assert m.forbidden_start == m.forbidden_end == 0, m.examples
    assert m.paragraph_short_end <= max(1, m.paragraphs // 100), m.examples
    assert m.flush_share == 1.0


def _in_text_layer(t: str, text: str, furniture: int = 80) -> bool:
    """`t` is in `text` whole, or in two pieces with at most `furniture` characters between
    them (a paragraph across a page break: the next page's running head and folio come first)."""
    if t in text:
        return True
    low, high = 0, len(t)  # the longest prefix of t that the text layer holds
    while low < high:
        mid = (low + high + 1) // 2
        low, high = (mid, high) if t[:mid] in text else (low, mid - 1)
    start = text.find(t[:low])
    return low > 0 and t[low:] in text[start + low:start + low + furniture + len(t) - low]


def test_text_layer_is_the_source_text(zh) -> None:
    loaded, pdf = zh
    text = squeeze(pdftotext(pdf, "-raw"))
    for article in loaded.edition.articles:
        for t in (article.headline, article.kicker, *article.lead,
                  *(getattr(b, "text", "") for b in article.blocks)):
            if t:
                assert _in_text_layer(squeeze(t), text), t


def test_english_set_with_latin_glyphs(build_pdf) -> None:
    loaded, pdf = build_pdf(EN_EXAMPLE, "broadsheet")
    m = measure(pdf, list(loaded.edition.articles))
    assert m.latin_in_cjk_font == 0, m.examples
    assert m.detached_hyphens == 0, m.examples
    assert m.headline_one_char == 0, m.examples


def _pdf(html: str) -> bytes:
    with patched():
        return HTML(string=html).write_pdf()


def _line_ends(html: str) -> list[tuple[str, float, float]]:
    """(text, x0 of the last character, x0 of the first) of each line of a one-page PDF."""
    pdf = _pdf(html)
    rows: dict[float, list[dict[str, float | str]]] = {}
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for c in doc.pages[0].chars:
            rows.setdefault(round(c["bottom"], 1), []).append(c)
    lines = [sorted(chars, key=lambda c: c["x0"]) for _, chars in sorted(rows.items())]
    return [("".join(str(c["text"]) for c in cs), float(cs[-1]["x0"]), float(cs[0]["x0"])) for cs in lines]


@pytest.mark.parametrize("option", ["clreq", "none"])
def test_line_end_punctuation_compressed(option: str) -> None:
    text = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申，天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往。秋收冬藏"
    html = (f'<html lang="zh-CN"><head><style>:root {{ --punctuation: {option} }}</style></head><body>'
            f'<p style="width: 200pt; font: 10pt Noto Serif CJK SC; text-align: justify; margin: 0">{text}</p>'
            "</body></html>")
    (first, comma, left), (second, last, _) = _line_ends(html)[:2]
    assert first.endswith("，") and not second.endswith("，")
    right = last + 10  # the second line ends with a full-width character
    if option == "clreq":  # the comma is set half-width, flush with the edge
        assert abs(comma + 5 - right) < 0.5, (comma, right)
    else:
        assert abs(comma + 10 - right) < 0.5, (comma, right)


def test_no_gap_at_line_start_before_digits() -> None:
    html = ('<html lang="zh-CN"><head><style>.autospace-l { margin-left: 0.125em }</style></head><body>'
            '<p style="width: 100pt; font: 10pt Noto Serif CJK SC; margin: 0">运营时间晚上至次日'
            '<span class="autospace-l">1:00</span></p></body></html>')
    lines = _line_ends(html)
    assert lines[-1][0].startswith("1:00")
    assert abs(lines[-1][2] - lines[0][2]) < 0.05  # the last line starts at the column edge


@pytest.mark.parametrize("option", ["clreq", "none"])
def test_line_start_bracket_compressed(option: str) -> None:
    # overflow-wrap as in running text: WeasyPrint then gives each layout an attribute list
    text = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉「天地玄黄」宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁"
    html = (f'<html lang="zh-CN"><head><style>:root {{ --punctuation: {option} }}</style></head><body>'
            '<p style="width: 200pt; font: 10pt Noto Serif CJK SC; text-align: justify; margin: 0;'
            f' overflow-wrap: break-word">{text}</p></body></html>')
    lines = _line_ends(html)
    assert lines[1][0].startswith("「天")
    with pdfplumber.open(io.BytesIO(_pdf(html))) as doc:
        second = [c for c in doc.pages[0].chars if c["text"] == "天"][0]
    edge = lines[0][2]
    # clreq: the bracket's blank half goes, 天 starts half an em from the edge; the line stays flush
    assert abs(second["x0"] - edge - (5 if option == "clreq" else 10)) < 0.5
    assert abs(lines[1][1] - lines[0][1]) < 0.5


# Running text in the serif face, and headline-like text (a contents summary, in word spans)
# in the sans face: the segmenter cut "——" into two words, so the sans dashes were
# proportional (0.89 em each) and could break apart.
@pytest.mark.parametrize("face, in_words", [("Noto Serif CJK SC", False), ("Noto Sans CJK SC", True)])
def test_two_em_dashes_whole(tmp_path: Path, face: str, in_words: bool) -> None:
    text = "甲乙丙丁戊己庚辛壬癸子丑寅卯——辰巳午未申酉天地玄黄宇宙洪荒———日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁"
    css = (Path(__file__).parents[2] / "themes/base/print.css").read_text(encoding="utf-8")
    rules = "".join(re.findall(r"^\.dash[^{]*\{[^}]*\}", css, re.M))  # the theme's own rules
    body = word_spans(text) if in_words else text
    html = autospace(f'<html lang="zh-CN"><head><style>{rules} .w {{ white-space: nowrap }}'
                     f'</style></head><body><p style="width: 200pt; font: 10pt {face}; text-align: justify;'
                     f' margin: 0">{body}</p></body></html>')
    assert '<span class="dash">——</span>' in html
    assert '<span class="dash"><span class="dash-squeeze">——</span>—</span>' in html
    pdf = tmp_path / "dashes.pdf"
    pdf.write_bytes(_pdf(html))
    with pdfplumber.open(pdf) as doc:
        chars = sorted(doc.pages[0].chars, key=lambda c: (round(c["bottom"]), c["x0"]))
    runs = []  # (dashes, advance from the first dash to the next character)
    i = 0
    while i < len(chars) - 1:
        j = i
        while j < len(chars) and set(chars[j]["text"]) == {"—"}:
            j += 1
        if j > i and j < len(chars):
            runs.append(("".join(c["text"] for c in chars[i:j]), chars[j]["x0"] - chars[i]["x0"]))
        i = max(i + 1, j)
    assert [r for r, _ in runs] == ["——", "———"], runs
    assert all(abs(advance - 20) < 0.5 for _, advance in runs), runs  # two em, no justification space inside
    assert "——辰" in squeeze(pdftotext(pdf)) and "洪荒———日" in squeeze(pdftotext(pdf))


def test_address_breaks_rather_than_a_loose_line() -> None:
    # The corpus had "议办理PM2.5展览窗口窗口，" spaced out over a whole column before
    # "www.example.gov.cn"; the address breaks after a dot instead, and the text stays whole.
    text = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒日月议办理窗口www.example.gov.cn。环境保障保障近日加快"
    html = autospace('<html lang="zh-CN"><body><p style="width: 220pt; font: 10pt Noto Serif CJK SC; margin: 0;'
                     f' text-align: justify; line-break: strict; overflow-wrap: break-word">{text}</p></body></html>')
    lines = [t for t, _, _ in _line_ends(html)]
    assert lines[1].endswith("窗口www.") and lines[2].startswith("example.gov.cn。"), lines
    assert "".join(lines) == text


def test_loose_line_tightened_instead() -> None:
    # 往 cannot end the line before ” (a closing quote never starts one), so the line
    # "…寒来暑" was spaced out by 0.125 em a character; it takes in 往”秋 by closing up
    # 0.02 em instead (within the pull-back limit), flush with the others.
    text = ("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥天地玄黄宇宙洪荒日月盈昃他说“辰宿列张寒来暑往”"
            "秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈")
    html = ('<html lang="zh-CN"><body><p style="width: 235pt; font: 10pt Noto Serif CJK SC; text-align: justify;'
            f' margin: 0; line-break: strict">{text}</p></body></html>')
    lines = _line_ends(html)
    assert lines[1][0].endswith("往”秋"), lines
    assert all(abs(last - lines[0][1]) < 0.5 for _, last, _ in lines[:-1])  # flush
    assert "".join(t for t, _, _ in lines) == text


@pytest.mark.parametrize(("unit", "tried"), [("2026年11月16日", False), ("17:00—19:00", True)])
def test_only_a_unit_with_a_break_is_tried_broken(monkeypatch: pytest.MonkeyPatch, unit: str, tried: bool) -> None:
    # A loose line before a no-break unit tries the unit broken after a dash or slash; a
    # date or an amount has no such place, so it is never tried (the four narrower layouts
    # of the attempt cost 8 % of the benchmark week's layout and never succeeded).
    from exporter.weasyprint_ext import line_endings

    calls: list[bool] = []
    original = line_endings._break_unit
    monkeypatch.setattr(line_endings, "_break_unit", lambda *a: calls.append(True) or original(*a))
    text = "".join(f"甲乙丙丁戊己庚辛{unit}" for _ in range(12))
    html = autospace('<html lang="zh-CN"><head><style>.nobr { white-space: nowrap }</style></head><body>'
                     '<p style="width: 120pt; font: 10pt Noto Serif CJK SC; margin: 0; text-align: justify;'
                     f' line-break: strict">{text}</p></body></html>')
    assert '<span class="nobr">' in html
    lines = [t for t, _, _ in _line_ends(html)]
    assert bool(calls) is tried, (len(calls), lines)
    assert "".join(lines) == text


def test_a_date_and_time_range_breaks_after_zhi_not_leaving_a_loose_line() -> None:
    # A range written with 至 may break after it, as text does: in a line with room for
    # 22:00至 (not the week's own notice column, where it needs an em more than the line has
    # to spare), 22:00至11月24日 as one unit left the line before it letter-spaced.
    text = "停水时间：2026年11月23日（星期一）22:00至11月24日（星期二）6:00。"
    html = autospace('<html lang="zh-CN"><head><style>.nobr { white-space: nowrap }'
                     ' .autospace-l { margin-left: 0.125em } .autospace-r { margin-right: 0.125em }'
                     ' .autospace-lr { margin: 0 0.125em }</style></head><body>'
                     '<p style="width: 231pt; font: 10pt Noto Serif CJK SC; margin: 0; text-align: justify;'
                     f' text-indent: 2em; line-break: strict">{text}</p></body></html>')
    assert '<span class="nobr"><span class="autospace-r">22:00</span>至</span>' in html
    lines = [t for t, _, _ in _line_ends(html)]
    assert lines[0].endswith("22:00至") and "".join(lines) == text, lines
