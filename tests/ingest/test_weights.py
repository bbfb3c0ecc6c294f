"""The fitted numbers of the segmentation: every decisive cost and threshold is a field
of `Weights`, the fit moves one only when a family's pages ask for it, and what ships is
the prior plus the moves the fit on all families made."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields, replace
from pathlib import Path

from benchmarks.ingest_families import Scores, fit
from exporter.ingest.weights import PRIOR, SHIPPED, neighbours

FRESH = Path(__file__).resolve().parent.parent / "fixtures" / "ingest-corpus-fresh"


def test_every_field_has_neighbours_and_the_prior_is_kept_where_no_data_ask() -> None:
    near = neighbours(PRIOR)
    moved = {next(f.name for f in fields(PRIOR) if getattr(w, f.name) != getattr(PRIOR, f.name)) for w in near}
    assert moved == {f.name for f in fields(PRIOR)}
    assert SHIPPED == replace(PRIOR, indent=2.0) and SHIPPED.label() == "indent=2"


def test_the_fit_learns_the_indent_from_pages_that_show_it() -> None:
    """The Hong Kong pages with English words start lines with one stray space; only a
    two-cell indent reads them right, and the fit finds that from the prior."""
    pages = sorted(FRESH.glob("hkmix-*.txt"))
    learned = fit(Scores(jobs=1), pages, steps=1)
    assert learned.indent == 2.0 and learned.label() == "indent=2"


def test_each_scanned_rule_is_off_at_its_first_value() -> None:
    """`ingest_families --rules` measures a page without each session-11 rule by setting its
    threshold to the first value scanned: the rule must then not act at all."""
    from benchmarks.ingest_families import RULES
    from exporter.ingest import ingest_texts, stacks

    assert set(RULES) <= {f.name for f in fields(SHIPPED)}
    assert all(getattr(SHIPPED, name) in values[1:] for name, values in RULES.items())
    off = {name: replace(SHIPPED, **{name: values[0]}) for name, values in RULES.items()}
    stack = ["HOUSING", "Starter flats scheme to", "double next year",
             "Young families get priority as 4,800 units go on sale in Tseung Bay"]
    assert stacks.cuts(stack, True) and stacks.cuts(stack, True, w=off["stack_units"]) == []
    letters = ["I cycle to work along the same road. The", "cycling path ends abruptly at the junction.",
               "Ong Kah Wai", "Hawker upgrades should not price out stallholders", "Upgrading ageing hawker centres is",
               "welcome, but rental and cleaning fees", "often rise after renovation."]
    assert (2, "byline") in stacks.cuts(letters, True, measure=44)
    assert (2, "byline") not in stacks.cuts(letters, True, measure=44, w=off["sign_off_share"])
    story = ("全市部署全年重点工作\n\n  本报讯（记者 王芳）3月1日，市里召开会议，部署全年工作。会议要求各\n"
             "部门抓好落实，确保各项任务按期完成。\n\n")
    briefs = story + ("县内简讯\n\n  ■县图书馆开展读书月活动 全县\n各图书馆本月开展读书月活动，举办讲座二十场。\n"
                      "  ■岚溪镇举办农民技能培训班　梅\n子坳村党支部书记介绍，村里成立了志愿服务队。\n")
    label = story + "社論\n政府應加快推動長者醫療券改革\n\n  本報訊 衞生署昨日公布，長者醫療券使用人數再創新高。\n"

    def heads(page: str, w: object = SHIPPED) -> list[str | None]:
        return [a.headline for a in ingest_texts([("page1.txt", page)], "青川日报", dt.date(2025, 3, 1),
                                                 weights=w).edition.articles]

    assert heads(briefs)[1:] == ["县图书馆开展读书月活动", "岚溪镇举办农民技能培训班"]
    assert heads(briefs, off["brief_items"])[1:] != heads(briefs)[1:]
    assert heads(label)[1] == "政府應加快推動長者醫療券改革"
    assert heads(label, off["label_longer"])[1] != heads(label)[1]


def test_the_layout_thresholds_of_paragraphs_pdfgrid_and_pdflines_are_fields_read_while_in_force() -> None:
    """The thresholds of the modules that take no `Weights` argument are read from the
    weights in force (`using`; the shipped ones outside), so a fit or scan moves them too."""
    from types import SimpleNamespace

    from exporter.ingest import paragraphs, pdfgrid, pdflines
    from exporter.ingest.layout import Line
    from exporter.ingest.weights import active, using

    assert active() is SHIPPED
    verse = [Line(k, 0, t) for k, t in enumerate(["床前明月光", "疑是地上霜", "举头望明月"])]
    assert paragraphs.verse(verse, 40.0) == {(0, 0), (1, 0), (2, 0)}
    with using(replace(SHIPPED, verse_lines=4.0)):
        assert active().verse_lines == 4.0 and paragraphs.verse(verse, 40.0) == set()
    assert active() is SHIPPED and paragraphs.verse(verse, 40.0) == {(0, 0), (1, 0), (2, 0)}
    with using(None):  # None keeps the weights in force
        assert active() is SHIPPED
    cells = [SimpleNamespace(x0=x, x1=x + 20.0, y0=0.0, y1=10.0, size=10.0) for x in (0.0, 40.0, 80.0)]
    assert [len(run) for run, _ in pdfgrid.runs(cells)] == [3]
    with using(replace(SHIPPED, grid_cells=4.0)):
        assert pdfgrid.runs(cells) == []
    # a CJK line stopping 1.2 em short of the edge: no room for the next glyph and the measure's
    # tolerance (0.25 em), room for it with a tolerance of 0.1 em
    lines = [("一二三四五六七八", 0.0, 80.0, 10.0, 10.0), ("九十一二三四五", 0.0, 68.0, 10.0, 10.0),
             ("六七八九十一二三", 0.0, 80.0, 10.0, 10.0)]
    assert 2 not in pdflines.stopped(lines)
    with using(replace(SHIPPED, cjk_slack=0.1)):
        assert 2 in pdflines.stopped(lines)


def test_every_threshold_moves_by_a_step_of_its_own_not_by_a_cost_factor() -> None:
    """A layout threshold halved or doubled is not a neighbour the fit should try (review17:
    `foot_apart` 12 stepped to 6 or 24): every field declared after the costs has a step."""
    from exporter.ingest.weights import _THRESHOLD_STEPS

    names = [f.name for f in fields(PRIOR)]
    thresholds = names[names.index("indent"):]
    assert [n for n in thresholds if n not in _THRESHOLD_STEPS] == []
