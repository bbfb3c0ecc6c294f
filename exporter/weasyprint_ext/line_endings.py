"""Balanced headlines and paragraph endings, as a contained extension of WeasyPrint.

WeasyPrint 70 fills lines greedily: a headline runs full width and leaves a short last line,
and a paragraph may end with one character alone ("车。"). Its block layout takes the lines
of a block from `layout.inline.iter_line_boxes()`, which lays them out at the containing
block's width; this module wraps that generator:

- **Headline-like blocks** (their words are in `<span class="w">`, see exporter/words.py)
  that are not justified (a justified one, such as a contents summary, ends flush with its
  column, so it is treated as a paragraph below):
  the lines are laid out again at narrower widths (a bisection) and the narrowest width that
  keeps the number of lines wins; the lines are then moved back for centred or end-aligned
  text. Breaks stay between words, and the last word has two letters or more.
- **Justified paragraphs** whose last line has one letter (two in Latin text): the line
  before is laid out again to take it in, tightened within a limit (pull back); if that
  is too tight, in CJK text, it gives one more character to the last line instead (push), and is
  justified to the full width either way (`cjk_justify` accepts the target width).

A justified paragraph's lines are laid out as the block layout takes them (up to the
column's foot and the widows look-ahead; WeasyPrint leaves the rest), not all first: a
line is handed on once no later change can reach it (`_composed_lazily`), and the result
is the lines of laying every line out first (`_composed`, which a paragraph holding a
float or a positioned box still takes). Blocks near floats, or with absolutely positioned
content, are left alone. The patch is
applied only inside `patched(LINE_ENDINGS)` (every print layout: layout.py); pin.py pins
the WeasyPrint functions it relies on.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterator
from typing import Any

import regex
from weasyprint.formatting_structure import boxes
from weasyprint.layout import block, inline

from .cjk_justify import trim_line
from .patches import Patch

_LETTER = regex.compile(r"[\p{L}\p{N}]")
_HAN = regex.compile(r"\p{Han}")
_CJK_LANGUAGES = ("zh", "ja", "ko")
PULL_BACK_EM = 0.06  # most a line may tighten per letter to take in a short last line
LOOSE_EM = 0.12  # justification spacing per character above which a no-break unit may break
_UNIT_BREAKS = set("/—–~～-至到、")
# Where a Latin run (an address, www.example.gov.cn) may break when it would leave the line
# before it that loose: after a dot, slash or hyphen before a letter, as in a URL broken by
# hand (not in PM2.5 or COVID-19).
_RUN_BREAKS = set("./-_")
_ADDRESS = regex.compile(r"[./_-][A-Za-z]")
BALANCE_STEPS = 8


def _text(box: Any) -> str:
    if isinstance(box, boxes.TextBox):
        return box.text
    return "".join(_text(child) for child in getattr(box, "children", ()))


def _letters(line: Any) -> int:
    return len(_LETTER.findall(_text(line)))


def _balanced(block_box: Any) -> bool:
    element = block_box.element
    return element is not None and block_box.element_tag == element.tag and any(
        child.tag == "span" and child.get("class") == "w" for child in element)


def _short(line: Any, lang: str | None) -> bool:
    cjk = (lang or "").lower().split("-")[0] in _CJK_LANGUAGES
    return 0 < _letters(line) <= (1 if cjk else 2)


class _Lazy:
    """A paragraph's lines as far as they have been asked for: those laid out (`done`), then
    an iterator that lays out the next ones (WeasyPrint's block layout takes the lines up to
    the page's bottom and the widows look-ahead, and leaves the rest)."""

    __slots__ = ("done", "more", "plain")

    def __init__(self, done: list[tuple[Any, Any]], more: Iterator[tuple[Any, Any]] | None = None,
                 plain: bool = True) -> None:
        # plain: no line was laid out with a unit made breakable (`_break_unit`), so from any
        # line on they are the lines WeasyPrint lays out from that line's start at this width
        self.done, self.more, self.plain = done, more, plain

    def has(self, count: int) -> bool:
        """Whether the paragraph has `count` lines or more (laying out up to that many)."""
        while len(self.done) < count and self.more is not None:
            item = next(self.more, None)
            if item is None:
                self.more = None
            else:
                self.done.append(item)
        return len(self.done) >= count

    def __getitem__(self, index: int) -> tuple[Any, Any]:
        self.has(index + 1)
        return self.done[index]

    def all(self) -> list[tuple[Any, Any]]:
        while self.more is not None:
            self.has(len(self.done) + 1)
        return self.done

    def then(self, index: int, head: list[tuple[Any, Any]], more: Iterator[tuple[Any, Any]] | None,
             plain: bool = True) -> _Lazy:
        """These lines up to `index`, then `head`, then what `more` lays out."""
        return _Lazy([*self.done[:index], *head], more, self.plain and plain)

    def after(self, index: int) -> Iterator[tuple[Any, Any]]:
        """These lines from `index` on, laid out as they are asked for."""
        while self.has(index + 1):
            yield self.done[index]
            index += 1


class _Lines:
    """Runs the original line iterator for one block at a chosen width and start."""

    def __init__(self, original: Callable[..., Any], context: Any, box: Any, bottom_space: float,
                 containing_block: Any, first_styles: tuple[Any, Any]) -> None:
        self.original, self.context, self.box = original, context, box
        self.bottom_space, self.block, self.first_styles = bottom_space, containing_block, first_styles
        self.width = containing_block.width

    def run(self, width: float, skip: Any, position_y: float, start: bool, limit: int | None = None,
            extra: float = 0.0) -> list[tuple[Any, Any]]:
        saved = self.block.width
        self.block.width, self.context.line_target_extra = width, extra
        styles = self.first_styles if start else (None, None)
        try:
            out = []
            for item in self.original(self.context, self.box, position_y, self.bottom_space, skip,
                                      self.block, [], [], *styles):
                out.append(item)
                if limit is not None and len(out) >= limit:
                    break
            return out
        finally:
            self.block.width = saved
            self.context.line_target_extra = 0.0

    def more(self, skip: Any, position_y: float) -> Iterator[tuple[Any, Any]]:
        """The lines from `skip` on at the block's own width, not the first, laid out as they
        are asked for (between runs the block has its width and no target extra)."""
        return self.original(self.context, self.box, position_y, self.bottom_space, skip, self.block, [], [],
                             None, None)


def _balance(lines: list[tuple[Any, Any]], runner: _Lines, skip: Any, position_y: float) -> list[tuple[Any, Any]]:
    count, full = len(lines), runner.width
    low, high, best = sum(line.width for line, _ in lines) / count, full, lines
    for _ in range(BALANCE_STEPS):
        middle = (low + high) / 2
        trial = runner.run(middle, skip, position_y, start=True)
        if len(trial) <= count and all(line.width <= middle + 0.01 for line, _ in trial):
            best, high = trial, middle
        else:
            low = middle
    if best is lines:
        return lines
    align = runner.block.style["text_align_all"]
    shift = (full - high) * {"center": 0.5, "end": 1.0, "right": 1.0}.get(align, 0.0)
    for line, _ in best:
        line.translate(shift, 0)
    return best


def _fix_ending(lines: list[tuple[Any, Any]], runner: _Lines, skip: Any) -> list[tuple[Any, Any]]:
    """Pull the short last line back into the line before, else push a character down."""
    before = lines[-2][0]
    start = len(lines) == 2
    prev_skip = skip if start else lines[-3][1]
    em = runner.block.style["font_size"]
    slack = PULL_BACK_EM * em * _letters(before)
    pulled = runner.run(runner.width + slack, prev_skip, before.position_y, start, limit=2)
    if len(pulled) == 1 and pulled[0][1] is None:
        line = pulled[0][0]
        if line.width > runner.width:
            inline.justify_line(runner.context, line, runner.width - line.width)
        return [*lines[:-2], pulled[0]]
    if (runner.block.style["lang"] or "").lower().split("-")[0] not in _CJK_LANGUAGES:
        return lines  # pushing a Latin word down opens wide spaces in the line before
    pushed = runner.run(runner.width - em, prev_skip, before.position_y, start, limit=1, extra=em)
    if not pushed or pushed[0][1] is None:
        return lines
    rest = runner.run(runner.width, pushed[0][1], before.position_y + before.height, start=False, limit=2)
    if len(rest) == 1 and not _short(rest[0][0], runner.block.style["lang"]):
        return [*lines[:-2], pushed[0], rest[0]]
    return lines


def _trim(context: Any, line: Any) -> None:
    """A ragged or last line loses an edge Han–Latin gap and a line-start bracket's blank
    half too (justified ones already have)."""
    line.width -= trim_line(context, line)


def _trimmed(context: Any, lines: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    for line, _ in lines:
        _trim(context, line)
    return lines


def _walk(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _walk(child)


def _spacing(line: Any) -> float:
    """The justification spacing a line got per expansion opportunity, in pt."""
    return max((getattr(b, "justification_spacing", 0) for b in _walk(line) if isinstance(b, boxes.TextBox)),
               default=0)


def _leading_unit(line: Any) -> tuple[Any, bool]:
    """The element of the no-break unit (`<span class="nobr">`) or Latin run (`latin`) that
    starts `line`, after opening brackets if any, and whether it is a Latin run. A unit or
    run with no place to break (a date, an amount) is none: `_break_unit` could only fail."""
    for box in _walk(line):
        if isinstance(box, boxes.InlineBox) and box.element is not None:
            classes = (box.element.get("class") or "").split()
            if "nobr" in classes:  # only a unit with a place to break (17:00—19:00, not 164万元)
                text = "".join(box.element.itertext())
                return (box.element, False) if _UNIT_BREAKS.intersection(text) else (None, False)
            if "latin" in classes:  # only a run with a place to break (www.example.gov.cn)
                address = _ADDRESS.search("".join(box.element.itertext()))
                return (box.element, True) if address else (None, False)
        if isinstance(box, boxes.TextBox) and _LETTER.search(box.text):
            return None, False
    return None, False


def _break_unit(runner: _Lines, skip: Any, line: Any, start: bool, latin: bool,
                element: Any) -> tuple[list[tuple[Any, Any]], Iterator[tuple[Any, Any]]] | None:
    """The lines from `line` on, with the relaxed unit broken after a dash or slash only
    (17:00— / 19:00, 80公里/ / 小时), never inside a word (小 / 时), and a Latin run after a
    dot, slash or hyphen (in half-em steps: its letters are narrow); None if it cannot be.
    The lines that hold part of the unit are laid out here, while it may wrap; the rest, which
    starts after it, as it is asked for."""
    em = runner.block.style["font_size"]
    step_em, steps, breaks = (0.5 * em, 24, _RUN_BREAKS) if latin else (em, 4, _UNIT_BREAKS)
    for step in range(steps):
        again = runner.run(runner.width - step * step_em, skip, line.position_y, start, limit=1,
                           extra=step * step_em)
        if not again or again[0][1] is None:
            return None
        longer = len(_text(again[0][0])) > len(_text(line))  # a Latin run's break is inside it
        if _text(again[0][0]).rstrip()[-1:] in breaks and (longer or not latin):
            if _spacing(again[0][0]) >= _spacing(line):  # no better: a unit's first break is its
                if latin:                                 # only one, a Latin run has more
                    continue
                return None
            rest = runner.more(again[0][1], line.position_y + line.height)
            while any(b.element is element for b in _walk(again[-1][0])) and (item := next(rest, None)):
                again.append(item)
            return again, rest
    return None


def _relax_at(lines: _Lazy, i: int, runner: _Lines, skip: Any, shortcut: bool) -> _Lazy:
    """The lines, where line i, if spaced out by more than LOOSE_EM per character, lets the
    no-break unit (17:00—19:00, 80公里/小时) or Latin run (an address) after it break, as a
    typesetter allows, or is tightened to take in what starts the next line (`_pull_in`)."""
    limit = LOOSE_EM * runner.block.style["font_size"]
    line = lines[i][0]
    if _spacing(line) <= limit:
        return lines
    element, latin = _leading_unit(lines[i + 1][0])
    if element is not None:
        # WeasyPrint cannot break between nowrap parts of an inline box, so the whole
        # unit wraps normally (UAX #14) in this one re-layout; a Latin run anywhere
        unit = [b for top in _walk(runner.box) if top.element is element for b in _walk(top)]
        saved = [b.style for b in unit]
        for b in unit:
            b.style = b.style.copy()
            b.style["white_space"] = "normal"
            if latin:
                b.style["word_break"] = "break-all"
        try:
            again = _break_unit(runner, skip if i == 0 else lines[i - 1][1], line, i == 0, latin, element)
        finally:
            for b, style in zip(unit, saved):
                b.style = style
        if again:  # laid out again only when that line is less spaced out
            lines = lines.then(i, *again, plain=False)
    if _spacing(lines[i][0]) > limit:
        lines = _pull_in(lines, i, runner, skip if i == 0 else lines[i - 1][1], shortcut) or lines
    return lines


def _ending(lines: list[tuple[Any, Any]], runner: _Lines, skip: Any) -> list[tuple[Any, Any]]:
    if lines[-1][1] is None and _short(lines[-1][0], runner.block.style["lang"]):
        return _fix_ending(lines, runner, skip)
    return lines


def _composed(lines: _Lazy, runner: _Lines, skip: Any) -> list[tuple[Any, Any]]:
    """A paragraph's lines relaxed and its ending fixed, every line laid out first."""
    i = 0
    while lines.has(i + 2):
        lines = _relax_at(lines, i, runner, skip, shortcut=False)
        i += 1
    return _ending(lines.all(), runner, skip)


def _composed_lazily(lines: _Lazy, runner: _Lines, skip: Any) -> Iterator[tuple[Any, Any]]:
    """The same lines as `_composed`, each laid out only when the block layout asks for it
    (the lines up to the column's foot and the widows look-ahead). Line k is yielded once
    final: a change at line i replaces the lines from i on by two or more, so once line k has
    been relaxed and the line after it is not the last, the ending fix leaves it (it changes
    the last two lines, and only if the last one ends the paragraph)."""
    i = done = 0
    while lines.has(i + 2):
        lines = _relax_at(lines, i, runner, skip, shortcut=True)
        i += 1
        while done < i and lines.has(done + 2) and lines[done + 1][1] is not None:
            yield lines[done]
            done += 1
    yield from _ending(lines.all(), runner, skip)[done:]


def _loose(lines: list[tuple[Any, Any]], limit: float) -> int:
    return sum(_spacing(line) > limit for line, resume in lines if resume is not None)


def _same_end(a: tuple[Any, Any], b: tuple[Any, Any]) -> bool:
    """Whether two lines end at the same break (the lines after them hold the same text)."""
    return a[1] == b[1]


def _pull_in(lines: _Lazy, i: int, runner: _Lines, skip: Any, shortcut: bool) -> _Lazy | None:
    """A loose line tightened instead, within the pull-back limit, to take in what starts the
    next line (clreq allows tightening as well as spacing out a line); the lines from it on
    are laid out again, and kept only with no more lines, no more loose lines and no short
    ending (`_pulled_in`).

    The choice is kept (`_KNOWN`): asked again, the pulled-in line is laid out and the lines
    after it are handed on as they are asked for, or the original's are kept, without laying
    the paragraph out to its end twice."""
    key = _known_key(lines, i, runner, skip) if shortcut else None
    known = _KNOWN.get(runner.box, {}).get(key) if key is not None else None
    if known is False:
        return None
    line = lines[i][0]
    pulled = _pulled_line(line, i, runner, skip)
    if known:  # the lines after the pulled one, as the first time (where it spliced the
        # original's lines back, they stood where these do and held the same text)
        return lines.then(i, pulled, runner.more(pulled[0][1], line.position_y + line.height))
    kept = _pulled_in(lines, i, runner, shortcut, line, pulled)
    if key is not None:
        _KNOWN.setdefault(runner.box, {})[key] = kept is not None
    return kept


# Whether `_pull_in` kept a paragraph's loose line pulled in, by the paragraph (its box, its
# text), the column width and the line's start and end: the lines from a line's start on are
# WeasyPrint's lines from there at that width wherever they stand (no floats: the extension
# takes the lazy path only without them), so a column-balancing trial or a page laid out
# again that lays the same paragraph out from the same line asks the same question.
_KNOWN: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], bool]] = weakref.WeakKeyDictionary()


def _known_key(lines: _Lazy, i: int, runner: _Lines, skip: Any) -> tuple[Any, ...] | None:
    if not lines.plain:  # a unit was laid out breakable: the lines are not WeasyPrint's own
        return None
    start = i == 0
    # not the space below: in the lines of a paragraph without floats or positioned boxes
    # WeasyPrint does not read it (an inline block is laid out with none)
    return (_text(runner.box), runner.width, repr(skip), repr(lines[i][1]), start,
            tuple(map(id, runner.first_styles)) if start else None)


def _pulled_line(line: Any, i: int, runner: _Lines, skip: Any) -> list[tuple[Any, Any]]:
    """Line i laid out wider, justified back to the column (a negative target extra)."""
    em = runner.block.style["font_size"]
    slack = PULL_BACK_EM * em * len(_HAN.findall(_text(line)))  # only Han characters close up
    return runner.run(runner.width + slack, skip, line.position_y, i == 0, limit=1, extra=-slack)


def _pulled_in(lines: _Lazy, i: int, runner: _Lines, shortcut: bool, line: Any,
               pulled: list[tuple[Any, Any]]) -> _Lazy | None:
    """The lines with `pulled` for line i, if kept.

    With `shortcut`, the lines laid out again are compared with the original's as they come:
    they are given up as soon as they are more, or more of them are loose, than the
    original's from i on (both counts only grow); and once one ends where the original's
    line i+1+j or i+2+j ends, the lines after them are the same (laid out again from the same
    break they hold the same text), so the choice is made on the lines before, and the
    original's are kept after it where they stand at the same height."""
    if not pulled or pulled[0][1] is None or len(_text(pulled[0][0])) <= len(_text(line)):
        return None
    limit = LOOSE_EM * runner.block.style["font_size"]
    lang, full = runner.block.style["lang"], lines.all()
    count, loose = len(full) - i - 1, _loose(full[i:], limit)
    more = runner.more(pulled[0][1], line.position_y + line.height)
    rest: list[tuple[Any, Any]] = []
    looser = 0  # loose lines among rest
    for item in more:
        rest.append(item)
        if not shortcut:
            continue
        looser += item[1] is not None and _spacing(item[0]) > limit
        if len(rest) > count or looser >= loose:
            return None
        j = len(rest) - 1
        met = next((m for m in (j, j + 1) if i + 1 + m < len(full) and _same_end(item, full[i + 1 + m])), None)
        if met is None:
            continue
        last = item[0] if item[1] is None else full[-1][0]  # the same text follows: the same last line
        if _short(last, lang) or looser >= _loose(full[i:i + 2 + met], limit):
            return None
        bottom, original = item[0].position_y + item[0].height, full[i + 1 + met][0]
        if item[1] is not None and bottom == original.position_y + original.height:
            more = lines.after(i + 2 + met)  # the original's next lines, where they stand
        return lines.then(i, [pulled[0], *rest], more)
    if not rest or len(rest) > count or _short(rest[-1][0], lang) or _loose(rest, limit) >= loose:
        return None
    return lines.then(i, [pulled[0], *rest], None)


_OUT_OF_FLOW: weakref.WeakKeyDictionary[Any, bool] = weakref.WeakKeyDictionary()


def _out_of_flow(box: Any) -> bool:
    """Whether a paragraph holds a float or a positioned box: its lines add placeholders or
    exclusions as they are laid out, so they are all laid out first, and left alone if so.
    (Asked again at each trial of the columns: the box is the same, so it is kept.)"""
    if (known := _OUT_OF_FLOW.get(box)) is None:
        known = _OUT_OF_FLOW[box] = any(not child.is_in_normal_flow() for child in _walk(box) if child is not box)
    return known


def _iterator(original: Callable[..., Any]) -> Callable[..., Iterator[tuple[Any, Any]]]:
    def iter_line_boxes(context: Any, box: Any, position_y: float, bottom_space: float, skip_stack: Any,
                        containing_block: Any, absolute_boxes: list[Any], fixed_boxes: list[Any],
                        first_letter_style: Any, first_line_style: Any) -> Iterator[tuple[Any, Any]]:
        args = (context, box, position_y, bottom_space, skip_stack, containing_block,
                absolute_boxes, fixed_boxes, first_letter_style, first_line_style)
        balanced = _balanced(containing_block)
        justified = containing_block.style["text_align_all"] == "justify"
        if context.excluded_shapes or not (balanced or justified):
            for line, resume_at in original(*args):
                _trim(context, line)
                yield line, resume_at
            return
        runner = _Lines(original, context, box, bottom_space, containing_block,
                        (first_letter_style, first_line_style))
        if justified and not _out_of_flow(box):  # lines laid out as the block layout takes them
            lines = _Lazy([], original(*args))
            if not lines.has(2):
                yield from _trimmed(context, lines.done)
                return
            for line, resume_at in _composed_lazily(lines, runner, skip_stack):
                _trim(context, line)
                yield line, resume_at
            return
        outside = len(absolute_boxes), len(fixed_boxes)
        done = list(original(*args))
        if len(done) < 2 or (len(absolute_boxes), len(fixed_boxes)) != outside:
            yield from _trimmed(context, done)
            return
        if balanced and not justified:  # a justified block keeps its measure: flush to the column
            done = _balance(done, runner, skip_stack, position_y)
        else:
            done = _composed(_Lazy(done), runner, skip_stack)
        yield from _trimmed(context, done)

    return iter_line_boxes


LINE_ENDINGS = Patch("line endings", (
    (block, "iter_line_boxes", _iterator),
))
