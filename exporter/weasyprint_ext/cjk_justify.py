"""Inter-character justification for CJK text, as a contained extension of WeasyPrint.

WeasyPrint 70 justifies lines by stretching spaces only, so Chinese columns (which have
no spaces) stay ragged. Its justification path is `layout.inline.justify_line()` →
`count_expandable_spaces()` / `add_word_spacing()`, then `Layout.set_text(justify=True)`
(from `Layout.reactivate()`, when a box is drawn) turns the extra width into Pango
letter-spacing on the spaces. We extend both ends:
CJK characters count as expansion opportunities, and get the same letter-spacing.

Pango gives each spaced character half its letter-spacing on either side and drops the
outer halves at the edges of a layout (each WeasyPrint text box is one layout), so a box
whose text has n CJK characters widens by (n - ½·[first is CJK] - ½·[last is CJK]) × s.
Counting exactly that keeps the accounted width equal to the drawn width, so lines end
flush. Nothing is inserted into the text, so copied text stays clean.

The patch is applied only inside `patched(CJK_JUSTIFY)`; pin.py pins the WeasyPrint
internals it relies on, and the tests fail loudly when they change.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import regex
from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline
from weasyprint.layout.leader import leader_index
from weasyprint.text import line_break
from weasyprint.text.ffi import TO_UNITS, ffi, pango

from .patches import Patch
from ..text import CJK_CLASS
from ..writers.autospace import CLASS_PREFIX

# In CJK-language text the ambiguous-width quotes, dashes and ellipsis are CJK too; in
# other languages only ideographs, kana, hangul and full-width forms are (so "Porthaven’s"
# does not open up around its apostrophe).
# A 2-em dash is one mark: no justification space inside it, so it stays continuous (Noto CJK
# draws "——" as one glyph, which letter-spacing would not split but would count twice).
_CJK_IN_CJK = regex.compile(rf"(?![—―])(?:{CJK_CLASS})")
_CJK_ELSEWHERE = regex.compile(r"[\p{scx=Han}\p{scx=Hira}\p{scx=Kana}\p{scx=Hang}\p{Ea=F}\p{Ea=W}]")
_RUNS = {pattern: regex.compile(f"(?:{pattern.pattern})+") for pattern in (_CJK_IN_CJK, _CJK_ELSEWHERE)}
LOOSE_EM = 0.12  # spacing per opportunity beyond which a line opens its Han–Latin gaps too


@functools.lru_cache(maxsize=64)
def _cjk(lang: str | None) -> regex.Pattern[str]:
    """The pattern of one CJK character for text in `lang` (called per text box: cached)."""
    cjk_language = (lang or "").lower().split("-")[0] in ("zh", "ja", "ko")
    return _CJK_IN_CJK if cjk_language else _CJK_ELSEWHERE


@functools.lru_cache(maxsize=8192)  # a line's boxes are counted again at each justification
def cjk_units(text: str, lang: str | None = "zh") -> float:
    """Expansion opportunities that CJK characters add to one text box (see module doc)."""
    if not text:
        return 0.0
    pattern = _cjk(lang)
    count = len(pattern.findall(text))
    if not count:
        return 0.0
    return count - 0.5 * bool(pattern.match(text[0])) - 0.5 * bool(pattern.match(text[-1]))


def _expandable(box: Any) -> float:
    """`count_expandable_spaces()` with CJK characters counted, recursing here directly (not
    through the module global and `patched()`'s switch, once per box of every line)."""
    if isinstance(box, boxes.TextBox):
        return box.text.count(" ") + box.text.count("\u00a0") + cjk_units(box.text, box.style["lang"])
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        return sum(_expandable(child) for child in box.children)
    return 0


def _gap_sides(box: Any) -> int:
    """The Han–Latin gaps of an inline box: the sides of an autospace span that have their
    margin (trim_edges takes it off at a line's edge)."""
    if box.element is None or not (box.element.get("class") or "").startswith(CLASS_PREFIX):
        return 0
    return bool(box.margin_left) + bool(box.margin_right)


def _opened(box: Any) -> float:
    """`_expandable` of a loose line: with its Han–Latin gaps."""
    if isinstance(box, boxes.TextBox):
        return _expandable(box)
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        own = _gap_sides(box) if isinstance(box, boxes.InlineBox) else 0
        return own + sum(_opened(child) for child in box.children)
    return 0


def _counter(original: Callable[[Any], int]) -> Callable[[Any], float]:
    return _expandable


def _reactivator(original: Callable[..., None]) -> Callable[..., None]:
    """A justified text box's layout, set up again to be drawn (`Layout.reactivate`, the one
    caller of `set_text(justify=True)`): the letter-spacing and half-width forms are added
    after its text. (Not `set_text` itself: it is called for every layout measured while
    lines are broken, where there is nothing to add.)"""
    def reactivate(self: Any, style: Any) -> None:
        original(self, style)
        _letter_spacing(self)
        if getattr(self, "halt_last", False) and self.text:
            _halt_last(self)
        if getattr(self, "halt_first", False) and self.text:
            _halt(self, 0, 1)

    return reactivate


def _letter_spacing(self: Any) -> None:
    """The justification spacing on the CJK characters of a justified layout, as on its spaces."""
    spacing = self.justification_spacing
    if not spacing:
        return
    runs = [match.span() for match in _RUNS[_cjk(self.style["lang"])].finditer(self.text)]
    if not runs:
        return
    letter_spacing = self.style["letter_spacing"]
    base = 0 if letter_spacing == "normal" else letter_spacing
    value = int((base + spacing) * TO_UNITS)
    attr_list = pango.pango_layout_get_attributes(self.layout)
    if attr_list == ffi.NULL:
        attr_list = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    # One attribute per run of CJK characters: Pango merges equal adjacent attributes,
    # so this is the list one attribute per character would make, built faster.
    position = offset = 0
    for start, end in runs:
        offset += len(self.text[position:start].encode())
        length = len(self.text[start:end].encode())
        attr = pango.pango_attr_letter_spacing_new(value)
        attr.start_index, attr.end_index = offset, offset + length
        pango.pango_attr_list_change(attr_list, attr)
        position, offset = end, offset + length
    pango.pango_layout_set_attributes(self.layout, attr_list)


def _attributes(layout: Any) -> Any:
    attr_list = pango.pango_layout_get_attributes(layout.layout)
    if attr_list == ffi.NULL:
        attr_list = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    return attr_list


def _halt(layout: Any, start: int, end: int) -> None:
    """Set characters start:end of the layout with the font's half-width forms (OpenType `halt`)."""
    attr_list = _attributes(layout)
    attr = pango.pango_attr_font_features_new(b"halt 1")
    attr.start_index, attr.end_index = len(layout.text[:start].encode()), len(layout.text[:end].encode())
    pango.pango_attr_list_insert(attr_list, attr)
    pango.pango_layout_set_attributes(layout.layout, attr_list)


def _halt_last(layout: Any) -> None:
    """Set the layout's last character with the font's half-width form."""
    _halt(layout, len(layout.text) - 1, len(layout.text))


_LINE_END = frozenset("，。、；：！？）」』》〉】〕”’")
_LINE_START = frozenset("（「『“‘《〈【〔〖")
_SAVINGS: dict[tuple[object, ...], float] = {}


def _option(style: Any) -> str:
    """The theme's `[options] punctuation` as CSS passes it down (variables.css)."""
    tokens = style["__punctuation"] or ()
    return "".join(str(getattr(t, "value", "")) for t in tokens).strip() or "clreq"


def _saving(context: Any, box: Any, char: str) -> float:
    """The width `char` gives back in `box`'s style when set half-width (measured once)."""
    style = box.style
    if _cjk(style["lang"]) is not _CJK_IN_CJK or _option(style) == "none":
        return 0.0
    # with the font features: a mark in a `.halt` span is half-width already (saves nothing)
    key = (char, style["font_size"], tuple(style["font_family"]), style["font_weight"], style["lang"],
           str(style["font_feature_settings"]))
    if key not in _SAVINGS:
        # Two layouts: Pango ignores an attribute list changed in place once it has laid a
        # layout out (set_attributes sees an equal list), so the half-width form is set first.
        full, half = (line_break.create_layout(char, style, context, None, 0) for _ in range(2))
        _halt_last(half)
        _SAVINGS[key] = line_break.line_size(full.get_first_line()[0], style)[0] - \
            line_break.line_size(half.get_first_line()[0], style)[0]
    return _SAVINGS[key]


def _compressible_end(context: Any, line: Any) -> tuple[Any, float]:
    """The text box ending `line` with a closing or stop mark that may be set half-width
    (clreq: punctuation at a line end may be compressed), and the width that saves."""
    box = line
    while isinstance(box, (boxes.LineBox, boxes.InlineBox)) and box.children:
        box = box.children[-1]
    if not (isinstance(box, boxes.TextBox) and box.text and box.text[-1] in _LINE_END):
        return None, 0.0
    saving = _saving(context, box, box.text[-1])
    return (box, saving) if saving > 0 else (None, 0.0)


def _compress_start(context: Any, line: Any) -> tuple[Any, float]:
    """Set an opening bracket or quote that starts `line` half-width (clreq §3.1.6, JLREQ
    3.1.4: its blank half would show as an indent), move what follows it back, and return
    the box and the width given back to the line. A paragraph's indented first line keeps
    it whole."""
    if getattr(line, "text_indent", 0):
        return None, 0.0
    path, box = [line], line
    while isinstance(box, (boxes.LineBox, boxes.InlineBox)) and box.children:
        box = box.children[0]
        path.append(box)
    if not (isinstance(box, boxes.TextBox) and box.text and box.text[0] in _LINE_START and len(path) > 1) \
            or getattr(box.pango_layout, "halt_first", False):  # a justified line has it already
        return None, 0.0
    saving = _saving(context, box, box.text[0])
    if saving <= 0:
        return None, 0.0
    box.width -= saving
    for parent, child in zip(path, path[1:]):  # everything after the bracket moves left
        for sibling in parent.children[parent.children.index(child) + 1:]:
            sibling.translate(-saving)
        if parent is not line:
            parent.width -= saving
    return box, saving


def _edge_path(line: Any, end: int) -> list[Any]:
    """The inline boxes from the line down to the Han–Latin autospace span that starts
    (end=0) or ends (end=-1) it, if any: the span may sit inside a no-break span or a link."""
    path, box = [], line
    while isinstance(box, (boxes.LineBox, boxes.InlineBox)) and box.children:
        box = box.children[end]
        if not isinstance(box, boxes.InlineBox):
            return []
        path.append(box)
        if box.element is not None and (box.element.get("class") or "").startswith(CLASS_PREFIX):
            return [line, *path]
    return []


def trim_edges(line: Any) -> float:
    """Han–Latin gaps belong between characters, not at a column edge: drop the outer margin
    of an autospace span that starts or ends `line`, move what follows it back, and return
    the width given back to the line."""
    given = 0.0
    if (first := _edge_path(line, 0)) and first[-1].margin_left:
        shift, first[-1].margin_left = first[-1].margin_left, 0
        for child in first[-1].children:
            child.translate(-shift)
        for parent in first[:-1]:  # everything after the span moves left with it
            for box in parent.children[1:]:
                box.translate(-shift)
        given += shift
    if (last := _edge_path(line, -1)) and last[-1].margin_right:
        given, last[-1].margin_right = given + last[-1].margin_right, 0
    return given


def trim_line(context: Any, line: Any) -> float:
    """What a ragged line gives back at its edges: an outer Han–Latin gap, and the blank half
    of an opening bracket that starts it (a justified line has given both already). A line
    with a leader (a contents entry) keeps what follows its leader at the measure's end: the
    page number stays in line with the others, the leader ends half a bracket earlier."""
    start, saving = _compress_start(context, line)
    if start is not None:
        start.pango_layout.halt_first = True
        if (index := leader_index(line)[0]) is not None:
            _after_leader_back(line, index, saving)
            saving = 0.0
    return saving + trim_edges(line)


def _after_leader_back(line: Any, index: Any, shift: float) -> None:
    """Move the leader at `index` (leader_index's nested path) and what follows it right by
    `shift`: the page number keeps the measure's end, and the leader's box starts where it
    did, its dots a little further from the title. The dots are not added to: the text
    layer keeps the dots plain WeasyPrint draws (benchmarks compare it page by page)."""
    parent = line
    while index is not None:
        i, index = index
        for sibling in parent.children[i + (index is not None):]:  # from the leader itself on
            sibling.translate(shift)
        parent = parent.children[i]
        if index is not None:
            parent.width += shift
    parent.position_x -= shift
    parent.width += shift


def _justifier(original: Callable[[Any, Any, float], None]) -> Callable[[Any, Any, float], None]:
    def justify_line(context: Any, line: Any, extra_width: float) -> None:
        # A closing mark at the line end is set half-width; line_endings lays a line out
        # narrower to push a character down, and it is still justified to the full width.
        end, saving = _compressible_end(context, line)
        if end is not None:
            end.width -= saving
        start, start_saving = _compress_start(context, line)
        extra = extra_width + saving + start_saving + trim_edges(line) + getattr(context, "line_target_extra", 0.0)
        count = _expandable(line)
        # A line with few Han characters and a long unit after it (停水时间：2026年11月23日（星期一）
        # before 22:00至) would space them out: it opens its Han–Latin gaps too (clreq's 中西间距
        # take part in line adjustment; digits and Latin words are never letter-spaced)
        opened = extra > 0 and (not count or extra / count > LOOSE_EM * line.style["font_size"])
        if opened:
            count = _opened(line)
        if opened and count:
            context.open_gaps = True
            try:
                inline.add_word_spacing(context, line, extra / count, 0)
            finally:
                context.open_gaps = False
        else:
            original(context, line, extra)
        if end is not None:
            end.pango_layout.halt_last = True
        if start is not None:
            start.pango_layout.halt_first = True

    return justify_line


def _unset(text: str, style: Any, justification_spacing: float) -> Any:
    """The Pango layout of a justified text box as `create_layout()` and `deactivate()` leave
    it, without making it: its text, its spacing and no Pango objects (drawing sets it up
    again: `Layout.reactivate`). A decorated box's metrics are read before that, so it
    keeps the full path."""
    layout = line_break.Layout.__new__(line_break.Layout)
    layout.justification_spacing, layout.max_width, layout.first_line_direction = justification_spacing, None, 0
    layout.ascent = layout.underline_position = layout.strikethrough_position = None
    index = text.find("\n")
    if index != -1:
        text = text[:index + 2]  # set_text keeps the first line and one character
    layout.text = " \u200b" if text == " " and style["word_spacing"] else text
    return layout


def _spacer(original: Callable[[Any, Any, float, float], float]) -> Callable[[Any, Any, float, float], float]:
    def add_word_spacing(context: Any, box: Any, justification_spacing: float, x_advance: float) -> float:
        """WeasyPrint's, recursing here directly; with CJK characters counted, every text box
        of a justified Chinese line has expansion opportunities, and WeasyPrint makes a
        Pango layout for each only to deactivate it at once (the drawn one is made at
        drawing time): its deactivated layout is made directly."""
        opened = getattr(context, "open_gaps", False)
        if isinstance(box, boxes.TextBox):
            if box.style["text_decoration_line"] != "none":
                return original(context, box, justification_spacing, x_advance)
            box.justification_spacing = justification_spacing
            box.position_x += x_advance
            spaces = _expandable(box)
            if spaces > 0:
                box.pango_layout = _unset(box.text, box.style, justification_spacing)
                extra_space = justification_spacing * spaces
                x_advance += extra_space
                box.width += extra_space
        elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            box.position_x += x_advance
            # a loose line's Han–Latin gaps (`_opened`) widen with its spacing, as margins
            gaps = (bool(box.margin_left), bool(box.margin_right)) \
                if opened and isinstance(box, boxes.InlineBox) and _gap_sides(box) else (False, False)
            if gaps[0]:
                box.margin_left += justification_spacing
                x_advance += justification_spacing
            previous_x_advance = x_advance
            children = box.children[::-1] if box.style["direction"] == "rtl" else box.children
            for child in children:
                if child.is_in_normal_flow():
                    x_advance = add_word_spacing(context, child, justification_spacing, x_advance)
            box.width += x_advance - previous_x_advance
            if gaps[1]:
                box.margin_right += justification_spacing
                x_advance += justification_spacing
        else:  # an atomic inline-level box
            box.translate(x_advance, 0)
        return x_advance

    return add_word_spacing


CJK_JUSTIFY = Patch("CJK justification", (
    (inline, "add_word_spacing", _spacer),
    (inline, "count_expandable_spaces", _counter),
    (inline, "justify_line", _justifier),
    (line_break.Layout, "reactivate", _reactivator),
))
