"""The contents fit (contents_fit.py): it chooses the step that laying every step out in turn
chooses, from fewer front layouts (the first layout's overflow rules out the steps it surely
overflows in); and a one-pass volume with several jobs is laid out with the first step's rule
and fitted only when that pass's contents runs over a page: the pass it keeps sees the page.css
the fit-first order gives, whichever step the fit chooses (contents_fit.fitted_pass)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from benchmarks.corpus import volume

from exporter.api import load_source
from exporter.templating import make_environment
from exporter.writers.html.writer import copy_images
from exporter.weasyprint_ext.patches import patched
from exporter.writers.pdf import contents_fit
from exporter.writers.pdf.fetcher import staged_layout
from exporter.writers.pdf.page_css import page_setup
from exporter.writers.pdf.writer import print_renderer
from exporter.writers.pdf.writer import print_context, stage_theme
from tests.conftest import EXAMPLES
from tests.samples import write_volume


def _stage(tmp_path: Path, page_size: str | None, source: Path | None = None) -> tuple[Path, str]:
    """The staged print.html of the test volume (or `source`) on `page_size` paper, with its theme files."""
    loaded, theme = load_source(source or write_volume(tmp_path / "volume"))
    stage = tmp_path / "stage"
    context = print_context(loaded, theme, stage_theme(theme, page_setup(theme, "screen", page_size), stage))
    copy_images(loaded, stage)
    html = print_renderer(make_environment(theme).get_template("print.html"))(**context)
    (stage / "print.html").write_text(html, encoding="utf-8")
    return stage, html


# A4: the first step fits; 120 x 150 mm: the fit steps down to the last step.
@pytest.mark.parametrize("page_size", ["A4", pytest.param("120mmx150mm", marks=pytest.mark.slow)])
def test_the_pass_sees_the_rule_the_fit_chooses(tmp_path: Path, page_size: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    stage, html = _stage(tmp_path, page_size)
    page_css = stage / "theme" / "page.css"
    unfitted = page_css.read_text(encoding="utf-8")
    chosen = contents_fit.fit_in_stage(html, str(stage)).rule  # the fit alone, first, as with one job
    first = contents_fit.step_css(contents_fit.STEPS[0])
    fits: list[str] = []
    fit = contents_fit.fit_in_stage
    monkeypatch.setattr(contents_fit, "fit_in_stage", lambda *args: fits.append("fit") or fit(*args))
    passes: list[str] = []

    def lay_out() -> tuple[str, object]:
        passes.append(page_css.read_text(encoding="utf-8"))
        with patched():
            return passes[-1], staged_layout(stage)(html)

    kept = contents_fit.fitted_pass(html, stage, None, 2, lay_out)
    assert kept == page_css.read_text(encoding="utf-8") == unfitted + chosen
    assert passes[0] == unfitted + first  # laid out first with the first step
    assert (chosen == first) == (page_size == "A4")
    # A pass whose contents takes one page is kept without a fit; else the fit runs and the
    # volume is laid out again with its step.
    assert (len(fits), len(passes)) == ((0, 1) if chosen == first else (1, 2))


def _in_turn(html: str, lay_out: Any) -> str:
    """The rule the fit chose before it measured overflows: every step laid out in turn."""
    for step in contents_fit.STEPS:
        rule = contents_fit.step_css(step)
        if contents_fit.contents_pages(lay_out(contents_fit.front_only(html, rule))) <= 1:
            break
    return rule


# The test volume on small paper: A4 (the first step fits), 140 x 170 mm (the third),
# 135 x 165 mm (the fourth), 130 x 160 mm (the last); its entries wrap, and may wrap less at a
# smaller size, so its overflows rule no step out by estimate and every step is laid out in
# turn (as it is the weekly example's on A5, which takes the second); the benchmark week (the
# fourth step, from two layouts instead of four: its entries take one line each).
@pytest.mark.parametrize(("page_size", "source", "step", "layouts"), [
    ("A4", None, 0, 1), ("140mmx170mm", None, 2, 3), ("135mmx165mm", None, 3, 4), ("130mmx160mm", None, 4, 5),
    ("148mmx210mm", EXAMPLES / "weekly.toml", 1, 2),
    pytest.param(None, "week", 3, 2, marks=pytest.mark.slow, id="week")])
def test_the_fit_chooses_the_step_laying_out_each_in_turn_chooses(tmp_path: Path, page_size: str | None,
                                                                     source: Path | str | None, step: int,
                                                                     layouts: int) -> None:
    if source == "week":
        source = volume(tmp_path / "week", 1)
    stage, html = _stage(tmp_path, page_size, source)  # type: ignore[arg-type]
    fronts: dict[str, Any] = {}
    asked: list[str] = []

    def lay_out(markup: str) -> Any:
        if markup not in fronts:
            fronts[markup] = staged_layout(stage)(markup)
        return fronts[markup]

    def counted(markup: str) -> Any:
        asked.append(markup)
        return lay_out(markup)

    with patched():
        assert contents_fit.fit(html, counted).rule == _in_turn(html, lay_out) == contents_fit.step_css(
            contents_fit.STEPS[step])
    assert len(asked) == len(set(asked)) == layouts


def test_only_a_step_with_as_many_columns_is_ruled_out_by_estimate() -> None:
    """A step denser than one that ran on runs on; a looser one is estimated from it only with
    as many columns (entries wrap differently across a change of columns) and past the margin."""
    steps = contents_fit.STEPS
    assert contents_fit.surely_overflows(0, {2: None}) and contents_fit.surely_overflows(2, {2: None})
    assert not contents_fit.surely_overflows(3, {2: None})
    assert contents_fit.surely_overflows(2, {0: 1.35})  # the week: 1.35 x 9.375 / 11.475 = 1.10
    just = (1 + contents_fit.MARGIN) * 8.5 * 1.35 / (7.5 * 1.25)
    assert not contents_fit.surely_overflows(2, {0: just * 0.99}) and contents_fit.surely_overflows(2, {0: just * 1.01})
    assert not contents_fit.surely_overflows(3, {0: 5.0})  # three columns from two: no estimate
    assert steps[3][2] == steps[4][2] == 3 and contents_fit.surely_overflows(4, {3: 1.5})


def test_a_step_expected_to_fit_is_made_once_and_comes_out_the_same(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """contents_fit._laid_out_once: with the body's anchors on the page guessed, the contents
    page is made once and the front is WeasyPrint's own; a wrong guess is laid out again."""
    import weasyprint.layout.page as page_layout

    stage, html = _stage(tmp_path, "A4")
    markup = contents_fit.front_only(html, contents_fit.step_css(contents_fit.STEPS[0]))
    targets = contents_fit._body_targets(contents_fit._head_and_front(html)[1])
    made: list[int] = []
    original = page_layout.make_page
    monkeypatch.setattr(page_layout, "make_page", lambda *args, **kw: made.append(args[4]) or original(*args, **kw))
    lay_out = staged_layout(stage)
    with patched():
        stock = lay_out(markup)
        stock_made, made[:] = list(made), []
        title = stock.pages.index(contents_fit._contents(stock)[0])
        right = contents_fit._laid_out_once(markup, lay_out, dict.fromkeys(targets, title + 2))
        right_made, made[:] = list(made), []
        wrong = contents_fit._laid_out_once(markup, lay_out, dict.fromkeys(targets, title + 3))
        assert right.write_pdf() == stock.write_pdf() == wrong.write_pdf()
    assert len(stock.pages) == title + 2
    assert sorted(right_made) == list(range(1, title + 3)) and len(stock_made) > len(right_made)
    assert len(made) > len(stock_made)  # the wrong guess, then WeasyPrint's own layout


def test_a_contents_that_runs_on_at_every_step_is_laid_out_once_a_step(tmp_path: Path) -> None:
    """On paper too small for the contents at any step, each step the fit lays out after the
    first is laid out with its anchors' pages guessed from the scaled overflow (here right:
    no markup laid out twice); the fit answers the last step and the pages its front takes,
    as WeasyPrint alone lays that front out."""
    stage, html = _stage(tmp_path, "70mmx90mm")
    asked: list[str] = []

    def counted(markup: str) -> Any:
        asked.append(markup)
        return staged_layout(stage)(markup)

    with patched():
        fitted = contents_fit.fit(html, counted)
        last = staged_layout(stage)(contents_fit.front_only(html, fitted.rule))
    assert fitted.rule == contents_fit.step_css(contents_fit.STEPS[-1])
    assert fitted.front_pages == len(last.pages) - 1 > 2
    assert len(asked) == len(set(asked)) > 1
