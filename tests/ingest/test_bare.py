"""Text extracted with no layout (`pdftotext -raw`: no blank lines, no indents, fake-bold
headlines printed twice and drawn last): the layout signals are rebuilt, nothing is lost,
and warnings still point at the file's own lines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporter.ingest import ingest_texts
from exporter.ingest.bare import is_bare, restore
from tests.ingest.test_conservation import _chars, _fragment, _output_chars

RAW = Path(__file__).resolve().parent.parent / "fixtures" / "ingest-corpus-raw"

PAGE = """\
梧桐乡扎实推进乡村公路提升
——市教育局：今年再办26件实事
本报讯（记者 冯雨晴）8月15日，梧
桐乡乡村公路提升正式启动，首批26
户居民已经受益。
据介绍，项目总投资约26亿元，预计
年内全部建成。
本报讯（记者 陈思源）1月23日，区
农业农村局在石门区召开乡村公路提
升推进会，部署重点工作。
专家认为，这一做法为同类地区提供
了可复制、可推广的经验。
江岭日报 2025年3月12日 星期三 第3版
市教育局部署乡村公路提升
市教育局部署乡村公路提升
石门区召开推进会
石门区召开推进会
"""


def test_a_page_with_blank_lines_or_indents_is_not_bare() -> None:
    assert is_bare(PAGE)
    assert not is_bare(PAGE.replace("据介绍", "\n  据介绍"))
    assert not is_bare("本报讯 短讯。\n")


def test_doubled_headlines_drawn_last_go_back_to_their_stories() -> None:
    rebuilt = restore(PAGE)
    assert rebuilt.dropped["市"] >= 1  # the second copy of each doubled line is layout
    result = ingest_texts([("page3.txt", PAGE)], "江岭日报", dt.date(2025, 3, 12))
    first, second = result.edition.articles
    assert (first.kicker, first.headline, first.subheadline) == (
        "梧桐乡扎实推进乡村公路提升", "市教育局部署乡村公路提升", "市教育局：今年再办26件实事")
    assert [b.text for b in first.blocks] == ["8月15日，梧桐乡乡村公路提升正式启动，首批26户居民已经受益。",
                                              "据介绍，项目总投资约26亿元，预计年内全部建成。"]
    assert second.headline == "石门区召开推进会" and second.authors == ["陈思源"]
    assert len(second.blocks) == 2
    # the report points at the file's own lines, not the rebuilt page's
    assert any(d.startswith("page3.txt:16: headline '石门区召开推进会'") for d in result.notes.decisions)


_bare_line = st.lists(_fragment.filter(lambda f: "\f" not in f and f.strip() == f), min_size=1, max_size=3).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_bare_line, min_size=12, max_size=30), st.lists(st.integers(0, 29), max_size=4))
def test_nothing_is_lost_on_bare_pages(lines: list[str], doubled: list[int]) -> None:
    for k in sorted({d for d in doubled if d < len(lines)}, reverse=True):
        lines.insert(k, lines[k])  # a line printed twice, as fake bold comes out
    page = "\n".join(lines) + "\n"
    result = ingest_texts([("page1.txt", page)], "Test", dt.date(2024, 5, 8))
    set_aside = "".join(item.text for _, item in result.furniture)
    expected = _chars(page) - _chars("".join(result.dropped.elements())) - _chars(set_aside)
    missing = expected - _output_chars(result.edition)
    assert not missing, f"lost {dict(missing)}"


def test_the_raw_corpus_keeps_its_scores() -> None:
    """In-sample floors (the first run, before bare.py, was 4/66 segmented, 0/66 titles)."""
    from benchmarks.ingest_families import families, score_page, total

    s = total([score_page(p) for p in families(RAW)["rawtext"]])
    assert s["segmented"] >= 23 and s["titles"] >= 14 and s["f1"] >= 0.74, s
