"""A volume's contents on one page, by measure rather than by a size chosen for one week.

A week of dailies lists 40 to 120 articles; what fits one page depends on the titles, the
paper and the fonts, and word spans (no break inside a word) make entries wrap sooner. So
the front matter (cover and contents) is laid out alone, with the body's anchors on a page
after it so the leaders carry page numbers, and the contents' size, leading and columns
step down until it takes one page. Nothing is cut: if even the last step needs a second
page, the contents runs on to it and a warning says so. A front layout costs over a second
on a week, so the steps are not tried one by one: the first layout's overflow (the height
its entries take over the first page's, counting one line for an entry that wraps) rules out
the steps with as many columns that it surely overflows in too, and the fit goes to the first
step that may fit (`fit`; the benchmark week: two layouts, not four). The steps set
the custom properties that themes/base/print.css reads, in a rule added to the staged page.css, so
one-pass and parallel layout (and the chunk cache's key) see the same contents.

The chunks of a parallel build hold no front, so the rule changes none of their pages: there
the fit is one more task of the build's workers (`fit_in_stage`), laid out while they lay
out the chunks, and the rule is added before the furniture document, the first that shows
the contents. A one-pass build with several jobs (`fitted_pass`) lays the document out with
the first step's rule, the one a volume small enough for one pass nearly always takes, and
when that pass shows its contents on one page it is kept and no fit runs (a fit in a worker
beside the pass cost as much CPU as a tenth of the 8-page build); else the fit runs and the
document is laid out again if it chose another step. With one job (where a volume of any size
is one pass) it fits first, with the stylesheets parsed once for the fit and the pass (the
fit's rule changes page.css's bytes, so that sheet alone is parsed again). The fit reads
page.css with or without a rule: its own step, in a `<style>` after the linked sheets, sets
the same properties and wins the cascade.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import regex

from ...weasyprint_ext.known_pages import known_pages, misplaced
from ...weasyprint_ext.patches import patched
from ...weasyprint_ext.stylesheets import REUSED_STYLESHEETS, reusing
from ... import executors
from ...weasyprint_ext.page_info import content_area
from .fetcher import staged_layout
from .gc_policy import dropped

T = TypeVar("T")
LOG = logging.getLogger("exporter.pdf")

# (font size pt, line height, columns): the theme's setting first, then smaller; 7 pt in
# three columns is the smallest a contents page of a bound volume is still read at.
STEPS = ((8.5, 1.35, 2), (8.0, 1.3, 2), (7.5, 1.25, 2), (7.5, 1.25, 3), (7.0, 1.2, 3))
_HREF = regex.compile(r'href="#([^"]+)"')
_ID = regex.compile(r' id="([^"]+)"')


class Fitted(NamedTuple):
    """The fit's answer: the page.css rule, and how many pages the front (cover, masthead,
    contents) took with it, which the furniture document's anchors come after
    (furniture.front_pages: a contents that runs on moves every anchor)."""

    rule: str
    front_pages: int


def as_text(fitted: Fitted) -> str:
    """`fitted` as the chunk cache keeps it (ChunkCache.put_text)."""
    return json.dumps(list(fitted))


def from_text(text: str | None) -> Fitted | None:
    """The Fitted kept as `text` (as_text), None for anything else."""
    try:
        rule, pages = json.loads(text) if text is not None else (None, None)
    except (ValueError, TypeError):
        return None
    return Fitted(rule, pages) if isinstance(rule, str) and type(pages) is int else None


def step_css(step: tuple[float, float, int]) -> str:
    size, leading, columns = step
    return (f"body.volume .contents {{ --contents-size: {size:g}pt; --contents-leading: {leading:g};"
            f" --contents-columns: {columns}; }}\n")


def front_only(html: str, css: str) -> str:
    """The document up to its body (cover, masthead, contents) with `css`, and an empty
    anchor for every contents link on a page of its own, so entries end in a page number."""
    # Columns filled in turn fit one page exactly when balanced ones do, without the
    # balancing trials (WeasyPrint lays the columns out again for each, layout/column.py)
    css += "body.volume .contents { column-fill: auto; }\n"
    head, front = _head_and_front(html)
    anchors = "".join(f'<span id="{a}"></span>' for a in _body_targets(front))
    return (f"{head}<style>{css}</style></head>{front}"
            f'<main id="main" style="break-before: page">{anchors}</main></body></html>')


def _head_and_front(html: str) -> tuple[str, str]:
    head, _, rest = html.partition("</head>")
    return head, rest.partition('<main id="main">')[0]


def _body_targets(front: str) -> list[str]:
    """The anchors the front's contents links to that are not in the front: in front_only,
    empty spans on the page after it."""
    present = set(_ID.findall(front)) | {"main"}
    return [a for a in dict.fromkeys(_HREF.findall(front)) if a not in present]


def front_render(render: Callable[..., str], context: dict[str, Any]) -> str:
    """print.html with its front (cover, masthead, contents) and no body pages: what the fit
    lays out, rendered for a fraction of the whole document's cost."""
    return render(**{**context, "ghost_pages": []})


def _front(html: str) -> str:
    return html.partition('<main id="main">')[0].partition("</body>")[0].rstrip()


def same_front(whole: str, front: str) -> bool:
    """Whether print.html `whole` has the head and front of `front` (front_render), so that
    the fit of one is the fit of the other."""
    return _front(whole) == _front(front)


def _title_page(document: Any) -> int | None:
    """The index of the page that holds the contents title, None without one."""
    return next((i for i, page in enumerate(document.pages) if "contents-title" in page.anchors), None)


def _contents(document: Any) -> list[Any]:
    """The pages from the one holding the contents title to the one before the body's anchors."""
    first = _title_page(document)
    if first is None:
        raise ValueError("the front holds no contents title")
    return document.pages[first:-1]


def contents_pages(document: Any) -> int:
    """How many pages the contents takes."""
    return len(_contents(document))


def overflow(pages: list[Any], columns: int) -> float | None:
    """How many times its first page a contents that runs on takes at the least, by height:
    what its entries take in each column (from the first entry's link to the last's), on all
    pages, less every line past the first of an entry that wraps (at a smaller size it may
    not), over the first page's columns from their top to the page's foot. What a column
    leaves at its foot (a section kept whole went on) is not counted as taken. So the figure
    stays below the contents' need, and an estimate from it errs towards laying a step out.
    None when the first page holds no entry (its first section went on whole): no measure."""
    taken, room = 0.0, 0.0
    for number, page in enumerate(pages):
        left, top, width, height = content_area(page)
        spans: dict[int, list[float]] = {}
        entries: dict[tuple[int, str], list[float]] = {}  # top, bottom, tallest line
        for kind, target, (x1, y1, _x2, y2), *_ in page.links:
            if kind == "internal":
                column = min(columns - 1, max(0, int((x1 - left) * columns // width)))
                span = spans.setdefault(column, [y1, y2])
                span[0], span[1] = min(span[0], y1), max(span[1], y2)
                entry = entries.setdefault((column, target), [y1, y2, 0.0])
                entry[0], entry[1], entry[2] = min(entry[0], y1), max(entry[1], y2), max(entry[2], y2 - y1)
        taken += sum(bottom - start for start, bottom in spans.values())
        taken -= sum(max(0.0, bottom - start - line) for start, bottom, line in entries.values())
        if number == 0 and spans:
            room = columns * (top + height - min(start for start, _ in spans.values()))
    return taken / room if room else None


def _density(step: tuple[float, float, int]) -> float:
    """The height of an entry's line over the columns: how loosely a step packs entries."""
    size, leading, columns = step
    return size * leading / columns


# On the benchmark week an overflow scaled from a measured step with as many columns is
# within 3 % of the one measured; only an estimate past this margin counts as a sure
# overflow, anything closer is laid out.
MARGIN = 0.06


def surely_overflows(index: int, overflows: dict[int, float | None]) -> bool:
    """Whether step `index` takes more than a page, going by the steps that did: one at least
    as dense, or one with as many columns whose overflow, scaled by the line heights, stays
    past the margin. Across a change of columns entries wrap differently: no estimate."""
    return any(done >= index or (ratio is not None and STEPS[done][2] == STEPS[index][2]
                                 and ratio * _density(STEPS[index]) / _density(STEPS[done]) >= 1 + MARGIN)
               for done, ratio in overflows.items())


def expected_pages(index: int, overflows: dict[int, float | None]) -> int:
    """How many pages step `index`'s contents is expected to take: the last measured
    overflow scaled by the line heights (across a change of columns entries wrap otherwise,
    so only a guess), rounded, since the pages after the first hold more than it (no title).
    Only the page numbers laid out first depend on it: a wrong guess is laid out again."""
    measured = [(done, ratio) for done, ratio in overflows.items() if ratio is not None]
    if not measured:
        return 1
    done, ratio = measured[-1]
    return max(1, round(ratio * _density(STEPS[index]) / _density(STEPS[done])))


def _laid_out_once(markup: str, lay_out: Callable[[str], Any], pages: dict[str, int]) -> Any:
    """`lay_out(markup)` with its anchors' `pages` known beforehand, so the contents is
    made once with its numbers (weasyprint_ext/known_pages.py); where an anchor lands on
    another page, laid out again as WeasyPrint alone does."""
    with known_pages(pages):
        document = lay_out(markup)
    found = {name: i for i, page in enumerate(document.pages, 1) for name in page.anchors}
    if not misplaced(pages, found):
        return document
    LOG.debug("contents fit: the contents took more than the page guessed; laid out again")
    del document
    dropped()
    return lay_out(markup)


def fit(html: str, lay_out: Callable[[str], Any]) -> Fitted:
    """The page.css rule that sets the volume contents in one page (the first step that
    does), measured by laying out the front matter alone: the first step, then the first
    step the overflows measured so far do not rule out, until one fits. A step reached past
    steps the estimate ruled out is laid out expecting it to fit (the body's anchors on the
    page after the contents title's), or to take the pages its scaled overflow rounds to, as
    is a step expected to run on (the last, or one a contents of many pages reaches), so its
    contents is made once with its numbers. With the rule, the pages the front took at that
    step (all but the body's anchors' page)."""
    overflows: dict[int, float | None] = {}
    targets, fitting = _body_targets(_head_and_front(html)[1]), {}
    index = 0
    while True:
        markup = front_only(html, step_css(STEPS[index]))
        document = _laid_out_once(markup, lay_out, fitting) if fitting else lay_out(markup)
        contents = _contents(document)
        if len(contents) <= 1:
            break
        overflows[index] = overflow(contents, STEPS[index][2])
        LOG.debug("contents fit: step %d runs on (%s first pages)", index + 1, overflows[index])
        if index == len(STEPS) - 1:
            LOG.warning("the contents takes %d pages even at %gpt in %d columns",
                        len(contents), STEPS[-1][0], STEPS[-1][2])
            break
        laid, index = index, next((i for i in range(len(STEPS)) if not surely_overflows(i, overflows)), len(STEPS) - 1)
        # Steps ruled out by estimate: the entries take a line each, and the step left is
        # expected to fit, or to run on to as many pages as the overflow scales to.
        pages = expected_pages(index, overflows)
        known = index > laid + 1 or pages > 1
        fitting = dict.fromkeys(targets, document.pages.index(contents[0]) + 1 + pages) if known else {}
        del document, contents  # measured: freed before the next step's layout, not beside it
        dropped()
    return Fitted(step_css(STEPS[index]), len(document.pages) - 1)


def fit_in_stage(html: str, stage: str, variant: str | None = None) -> Fitted:
    """`fit` for the staged document `html`, laid out inside the layout extensions with the
    build's shared stylesheets (in a worker of a parallel build, or before a one pass)."""
    with reusing(stage) as shared, patched(), patched(REUSED_STYLESHEETS):
        return fit(html, staged_layout(Path(stage), variant, **shared.render_options()))


def add_rule(stage: Path, rule: str) -> None:
    """Append the fitted rule to the stage's page.css (which every document links)."""
    with (stage / "theme" / "page.css").open("a", encoding="utf-8") as page_css:
        page_css.write(rule)


def contents_on_one_page(document: Any, html: str) -> bool:
    """Whether the laid-out document `html` sets its contents on one page: the page after the
    contents title's holds a contents target (the body has begun) and no link to one (no entry
    ran on to it)."""
    front = html.partition('<main id="main">')[0]
    targets = set(_HREF.findall(front)) - set(_ID.findall(front))
    pages = document.pages
    title = _title_page(document)
    if title is None or title + 1 >= len(pages):
        return False
    after = pages[title + 1]
    linked = {target for kind, target, *_ in after.links if kind == "internal"}
    return not targets.isdisjoint(after.anchors) and targets.isdisjoint(linked)


def fitted_pass(html: str, stage: Path, variant: str | None, jobs: int, lay_out: Callable[[], tuple[T, Any]]) -> T:
    """The one pass of the staged volume `html` (`lay_out()`: its result and its laid-out
    document) with a fitted rule in page.css.

    With several local jobs the volume is laid out first with the first step's rule; a pass
    whose contents takes one page is kept without a fit (the fit would only confirm the step;
    it ran in a worker beside the pass, and its CPU counts). Otherwise, and with one job or on
    a cluster before the pass, the fit chooses the step; a pass with another step is laid out
    again. A volume large enough to need a smaller step is laid out in chunks when there are
    several jobs (chunk_rule.py), so the pass is nearly always kept.
    """
    if jobs < 2 or executors.chosen() is not None:
        add_rule(stage, fit_in_stage(html, str(stage), variant).rule)
        return lay_out()[0]
    page_css = stage / "theme" / "page.css"
    unfitted, guess = page_css.read_text(encoding="utf-8"), step_css(STEPS[0])
    add_rule(stage, guess)
    result, document = lay_out()
    if contents_on_one_page(document, html):
        return result
    del document
    rule = fit_in_stage(html, str(stage), variant).rule
    if rule == guess:
        return result
    LOG.info("the contents needs a smaller step than the first: laying the volume out again")
    page_css.write_text(unfitted + rule, encoding="utf-8")
    return lay_out()[0]
