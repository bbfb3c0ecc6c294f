"""A one-pass volume with several jobs is laid out with the first step's rule, and fitted only
when that pass's contents runs over a page: the pass it keeps sees the page.css the fit-first
order gives, whichever step the fit chooses (contents_fit.fitted_pass)."""

from __future__ import annotations

from pathlib import Path

import pytest

from exporter.api import load_source
from exporter.templating import make_environment
from exporter.writers.html.writer import copy_images
from exporter.weasyprint_ext.patches import patched
from exporter.writers.pdf import contents_fit
from exporter.writers.pdf.fetcher import staged_layout
from exporter.writers.pdf.page_css import page_setup
from exporter.writers.pdf.parallel import print_renderer
from exporter.writers.pdf.writer import print_context, stage_theme
from tests.samples import write_volume


def _stage(tmp_path: Path, page_size: str) -> tuple[Path, str]:
    """The staged print.html of the test volume on `page_size` paper, with its theme files."""
    source = write_volume(tmp_path / "volume")
    loaded, theme = load_source(source)
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
    chosen = contents_fit.fit_in_stage(html, str(stage))  # the fit alone, first, as with one job
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

