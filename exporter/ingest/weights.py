"""The numbers that decide the segmentation, fitted on a corpus rather than set by hand.

Two kinds: the costs of the headline assignment (what it costs to leave a body without a
headline, to leave text unplaced, to split a body, to mix weights or scripts in one
headline group, how much a headline the body's opening repeats is worth …), and the
layout thresholds that decide headline against body, new paragraph and signature (how
deep an indent starts a paragraph, how long a headline line may be, how far short of the
measure a paragraph's last line stops …). The modules that read lines and PDF geometry with
no `Weights` argument (paragraphs, pdfgrid, pdflines) read theirs from the weights in force
(`active`: `SHIPPED` unless `using` sets others, as a page's layout does with the weights it is
given and the benchmarks do around reading a PDF).

`PRIOR` (the dataclass defaults) holds the values argued from how pages are made, before
any corpus existed; the fit starts there and a tie keeps them. `SHIPPED` holds the values
fitted on every family of the corpora, and is what ingest uses. `benchmarks/ingest_families.py` refits them with each layout
family left out and reports each family scored with weights fitted without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Weights:
    """Costs of the headline assignment (lower is better) and layout thresholds (in cells:
    a CJK glyph is one, an ASCII character half)."""

    # costs
    no_headline: float = 8.0  # a body with no headline group
    leftover_text: float = 6.0  # a headline-like block no body takes
    split: float = 2.0  # each extra article cut out of a body
    photo_head_after: float = 0.2  # a headline taken from below a photo story (its credit closed it)
    photo_no_headline: float = 1.5  # a photo story with no headline group
    leftover_subhead: float = 1.0  # a display line left for a feature to take as a subhead
    leftover_indented_subhead: float = 0.3  # the same, centred
    indented_headline: float = 1.0  # a centred (indented) block as a headline
    unmarked_kicker: float = 0.3  # a kicker without its trailing dashes
    mixed_group: float = 2.5  # one group in two weights (twice that in two scripts)
    bold_kicker: float = 1.0  # a display-bold kicker (bold lines are headlines or subheads)
    long_latin_kicker: float = 2.0  # an English kicker of more than four words
    echo: float = 1.0  # reward for the share of the headline the body's opening repeats
    learned: float = 0.5  # weight of the block model's doubt (-log probability) against a block's role
    sequence: float = 1.0  # weight of the page decoder's regret against a block as a head (0: no decoder)
    side: float = 0.0  # weight of its regret against a head on this side of its body (0: the rules decide the side)
    unglued_side: float = 4.0  # a text page's head group given to the body away from the text it is set against
    roles: float = 1.0  # weight of the decoder's regret for the role a head is given in its group over its best head role
    decoded_label: float = 1.0  # a head the decoder reads as furniture left over the headline under it (set aside)
    decoded_other: float = 2.0  # how much worse the decoder's best reading of a block as text must be to set it aside
    # layout thresholds
    indent: float = 1.0  # cells of indent that start a paragraph
    heavy_indent: float = 5.0  # cells of indent of a centred or right-aligned line
    head_line: float = 40.0  # the longest line of a headline-like block
    head_total: float = 64.0  # the longest headline-like block
    short_margin: float = 2.0  # how far short of the measure a flush paragraph's last line stops
    wide_share: float = 1.5  # a Latin line this share of its column's median line or wider wraps nothing (text pages)
    glyph_short: float = 1.0  # how far short of the measure and of the line above a CJK sentence end before a Han glyph ends its paragraph
    latin_short: float = 3.0  # how far short of the measure a flush Latin line that ends a sentence ends its paragraph
    full_margin: float = 3.0  # how near the measure a line counts as full (a hanging indent's line)
    hanging: float = 4.0  # the deepest hanging indent that continues a line
    sure: float = 0.9  # the block model's probability that re-types a block (body, byline, furniture)
    line_sure: float = 0.6  # the model's probability for both halves that cuts a block after its first line
    table_lines: float = 3.0  # the fewest lines of a block the model may set aside as furniture
    label_sure: float = 0.6  # the model's probability that sets a shorter head aside (a label, an editor line)
    # thresholds of the session-11 rules (stacks, labels, briefs, segment._headless); each
    # rule is off at one end of its range, so a scan also measures the page without it
    stack_units: float = 4.0  # the most head units of an English head stack (0: no stacks)
    stack_body_end: float = 8.0  # lines: a story under a labelled stack ends its first sentence within them
    sign_off_share: float = 0.5  # the widest bare name signing off mid-block, against the column (0: none)
    label_longer: float = 3.0  # cells: a headline is this much longer than the column label over it
    brief_items: float = 2.0  # the fewest run-in items that make a brief list
    headless_chars: float = 4.0  # letters of the fewest-lettered line that heads a headless body
    # story boundaries on text pages (session 14)
    # share of the column: a line this short after a blank line, ending no sentence, under a
    # finished paragraph, is no column break (0: the rule is off); a wrapped line fills the column
    set_apart: float = 0.8
    # paragraph breaks by line shape on text pages (paragraphs.py; display columns: a wide glyph is two)
    para_labels: float = 2.0  # a block with this many label lines or more is a list of fields or turns
    hang_slack: float = 4.0  # a hanging item's first line runs as far as the lines under it, give or take this
    verse_lines: float = 3.0  # a run of this many short lines or more with no stop inside is verse
    verse_share: float = 0.6  # a line of verse runs this share of the page's measure or less
    verse_ragged: float = 1.0  # or lines of verse as wide as prose: a run this many of whose lines stop short of its widest
    spaced_short: float = 4.0  # a row of single-spaced cells stops this far short of the measure or more
    item_short: float = 0.9  # a line this share of the measure or shorter stops short: a numbered item under it opens a paragraph
    pull_chars: float = 8.0  # characters: the shortest pull quote
    pull_lines: float = 3.0  # a pull quote is set on this many lines or fewer
    # a table's rows in a page PDF (pdfgrid.py; ems of the cells' type)
    grid_cell: float = 6.0  # a table's short cells are this wide or narrower
    grid_gap: float = 10.0  # and this close to one another
    grid_wide: float = 12.0  # a cell of a grid with wide gaps is this wide or narrower
    grid_slack: float = 3.0  # such a gap is this wide or wider (a gutter between columns of text is narrower)
    grid_align: float = 0.5  # cells of one column start or end this close to one another
    grid_cells: float = 3.0  # a row has at least this many cells
    # reading order in a page PDF (pdf.py; body ems)
    rule_reach: float = 1.0  # a rule drawn across a strip of the page, short of its edges by this at most, separates rows
    byline_over: float = 3.0  # body ems: a byline this close over the tops of a story's columns is read before them
    # paragraph breaks a page PDF shows by where a line stops (pdflines.py; ems of the line's type)
    pdf_slack: float = 1.0  # room beyond a word set after a space: the space, and a glyph prohibition rules hold back
    cjk_slack: float = 0.25  # room beyond a word set with no space before it (CJK): the measure's tolerance
    pdf_rows: float = 3.0  # lines of two cells or more in a row: a list or a table set as text
    pdf_half: float = 0.5  # a line set in this much or more from the line under it is a paragraph's indented first line
    pdf_edge: float = 0.25  # lines ending this close together end at one edge
    pdf_indent: float = 2.5  # the deepest paragraph indent (the PDF reader's and pdflines')
    caption_gap: float = 3.0  # a caption stands at most this far under its picture (pdf.py)
    foot_apart: float = 12.0  # a page's foot rows standing this far under all else are furniture (pdf._foot_apart)
    tail_reach: float = 8.0  # body ems from a story's last line down to its head printed under it (segment.py)
    label_share: float = 0.5  # a bold line in body type at least this share of the head under it is its label (segment.py)
    pdf_hung: float = 1.0  # a glyph hung past the edge the lines share (a comma) reaches this far past it or less
    pdf_overrun: float = 1.0  # a line before the last running this far past the shared edge is another column's

    def label(self) -> str:
        """The values that differ from the prior (what the fit changed)."""
        changed = [f"{f.name}={getattr(self, f.name):g}" for f in fields(self)
                   if getattr(self, f.name) != getattr(PRIOR, f.name)]
        return " ".join(changed) or "prior"


PRIOR = Weights()
# Fitted on all families by `python -m benchmarks.ingest_families` (the values that moved):
# a one-space indent is extraction noise, an indent starts a paragraph from two cells.
# `label_sure` was scanned (`--scan label_sure=0.3,…,0.7`): 0.3–0.5 tie on the corpora and
# gain one article of 552 over 0.6, but from 0.5 an English headline printed under its
# story (tests/ingest/test_pages.py) is set aside as a page-foot line, so 0.6 stays.
# `set_apart` was scanned at 0.6, 0.7, 0.8 on the text pages of blind … blind9 (articles with no
# error of any class: 264, 266, 267 of 657); held out one corpus at a time, the other eight pick
# 0.8 for seven corpora and tie 0.7/0.8 for two, and no corpus scores below the session's start.
# `roles` (1, 2) and `decoded_label` (0.5, 1, 2) were scanned together on every development
# page, text and PDF (session 14, `python -m benchmarks.ingest_errors --set roles=…`): 1 and 2
# tie, 0.5 and 1 tie, 2 titles one article fewer, so the priors stay.
SHIPPED = replace(PRIOR, indent=2.0)
_ACTIVE: ContextVar[Weights] = ContextVar("weights")


def active() -> Weights:
    """The weights of the ingest in progress (`SHIPPED` outside one): the thresholds of the
    modules that read lines and PDF geometry without a `Weights` argument (paragraphs,
    pdfgrid, pdflines) are read here, so a fit or scan reaches them too (see `using`)."""
    return _ACTIVE.get(SHIPPED)


@contextmanager
def using(w: Weights | None) -> Iterator[None]:
    """Read pages with `w` (None: the weights in force) until the block ends."""
    if w is None:
        yield
        return
    token = _ACTIVE.set(w)
    try:
        yield
    finally:
        _ACTIVE.reset(token)

# How far each value may move in one step of the fit: costs by a factor, thresholds by cells.
_FACTORS = (0.5, 2.0)
_THRESHOLD_STEPS = {"indent": (1.0,), "heavy_indent": (-1.0, 1.0), "head_line": (-8.0, 8.0),
                    "head_total": (-16.0, 16.0), "short_margin": (-1.0, 1.0), "glyph_short": (-0.5, 0.5), "wide_share": (-0.25, 0.25), "latin_short": (-1.0, 1.0), "full_margin": (-1.0, 1.0),
                    "hanging": (-2.0, 2.0), "sure": (-0.05, 0.05), "line_sure": (-0.1, 0.1), "table_lines": (-1.0, 1.0),
                    "label_sure": (-0.1, 0.1), "stack_units": (-1.0, 1.0), "stack_body_end": (-2.0, 2.0),
                    "sign_off_share": (-0.1, 0.1), "label_longer": (-1.0, 1.0), "brief_items": (-1.0, 1.0),
                    "headless_chars": (-1.0, 1.0), "set_apart": (-0.1, 0.1),
                    "para_labels": (-1.0, 1.0), "hang_slack": (-1.0, 1.0), "verse_lines": (-1.0, 1.0),
                    "verse_share": (-0.1, 0.1), "verse_ragged": (1.0,), "spaced_short": (-1.0, 1.0), "item_short": (-0.05, 0.05),
                    "pull_chars": (-2.0, 2.0), "pull_lines": (-1.0, 1.0), "grid_cell": (-1.0, 1.0),
                    "grid_gap": (-2.0, 2.0), "grid_wide": (-2.0, 2.0), "grid_slack": (-0.5, 0.5),
                    "grid_align": (-0.1, 0.1), "grid_cells": (-1.0, 1.0), "pdf_slack": (-0.25, 0.25),
                    "cjk_slack": (-0.25, 0.25), "pdf_rows": (-1.0, 1.0), "pdf_half": (-0.1, 0.1),
                    "pdf_edge": (-0.05, 0.05), "pdf_indent": (-0.5, 0.5), "caption_gap": (-1.0, 1.0), "tail_reach": (-2.0, 2.0), "pdf_hung": (-0.25, 0.25),
                    "pdf_overrun": (-0.25, 0.25), "rule_reach": (-0.5, 0.5), "byline_over": (-1.0, 1.0),
                    "foot_apart": (-2.0, 2.0), "label_share": (-0.05, 0.05)}


def neighbours(w: Weights) -> list[Weights]:
    """The weights one step away from `w`: each cost halved or doubled (a zero cost tried at
    0.2), each threshold moved by its step."""
    out = []
    for f in fields(Weights):
        value = getattr(w, f.name)
        if f.name in _THRESHOLD_STEPS:
            steps = [value + d for d in _THRESHOLD_STEPS[f.name] if value + d > 0]
        else:
            steps = [round(value * k, 4) for k in _FACTORS] if value else [0.2]
        out += [replace(w, **{f.name: v}) for v in steps]
    return out
