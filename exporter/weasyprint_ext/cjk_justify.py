"""Inter-character justification for CJK text, as a contained extension of WeasyPrint.

WeasyPrint 70 justifies lines by stretching spaces only, so Chinese columns (which have
no spaces) stay ragged. Its justification path is `layout.inline.justify_line()` →
`count_expandable_spaces()` / `add_word_spacing()`, then `Layout.set_text(justify=True)`
turns the extra width into Pango letter-spacing on the spaces. We extend both ends:
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
from weasyprint.text import line_break
from weasyprint.text.ffi import TO_UNITS, ffi, pango

from .patches import Patch
from ..text import CJK_CLASS
from ..writers.autospace import CLASS_PREFIX

# In CJK-language text the ambiguous-width quotes, dashes and ellipsis are CJK too; in
# other languages only ideographs, kana, hangul and full-width forms are (so "Porthaven’s"
# does not open up around its apostrophe).
_CJK_IN_CJK = regex.compile(CJK_CLASS)
_CJK_ELSEWHERE = regex.compile(r"[\p{scx=Han}\p{scx=Hira}\p{scx=Kana}\p{scx=Hang}\p{Ea=F}\p{Ea=W}]")
_RUNS = {pattern: regex.compile(f"(?:{pattern.pattern})+") for pattern in (_CJK_IN_CJK, _CJK_ELSEWHERE)}


@functools.lru_cache(maxsize=64)
def _cjk(lang: str | None) -> regex.Pattern[str]:
    """The pattern of one CJK character for text in `lang` (called per text box: cached)."""
    cjk_language = (lang or "").lower().split("-")[0] in ("zh", "ja", "ko")
    return _CJK_IN_CJK if cjk_language else _CJK_ELSEWHERE


def cjk_units(text: str, lang: str | None = "zh") -> float:
    """Expansion opportunities that CJK characters add to one text box (see module doc)."""
    if not text:
        return 0.0
    pattern = _cjk(lang)
    count = len(pattern.findall(text))
    if not count:
        return 0.0
    return count - 0.5 * bool(pattern.match(text[0])) - 0.5 * bool(pattern.match(text[-1]))


def _counter(original: Callable[[Any], int]) -> Callable[[Any], float]:
    def count_expandable(box: Any) -> float:
        if isinstance(box, boxes.TextBox):
            return original(box) + cjk_units(box.text, box.style["lang"])
        return original(box)  # recurses through the module global, i.e. back here

    return count_expandable


def _setter(original: Callable[..., None]) -> Callable[..., None]:
    def set_text(self: Any, text: str, justify: bool = False) -> None:
        original(self, text, justify)
        spacing = self.justification_spacing
        if not (justify and spacing):
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

    return set_text


def _edge_span(line: Any, end: int) -> Any:
    """The Han–Latin autospace span that starts (end=0) or ends (end=-1) a line, if any."""
    box = line.children[end] if line.children else None
    if isinstance(box, boxes.InlineBox) and box.element is not None:
        if (box.element.get("class") or "").startswith(CLASS_PREFIX):
            return box
    return None


def _justifier(original: Callable[[Any, Any, float], None]) -> Callable[[Any, Any, float], None]:
    def justify_line(context: Any, line: Any, extra_width: float) -> None:
        # Han–Latin gaps belong between characters, not at a column edge: give an edge
        # span's outer margin back to the line before distributing the extra width.
        if (first := _edge_span(line, 0)) is not None and first.margin_left:
            shift, first.margin_left = first.margin_left, 0
            for child in first.children:
                child.translate(-shift)
            for box in line.children[1:]:
                box.translate(-shift)
            extra_width += shift
        if (last := _edge_span(line, -1)) is not None and last.margin_right:
            extra_width, last.margin_right = extra_width + last.margin_right, 0
        original(context, line, extra_width)

    return justify_line


CJK_JUSTIFY = Patch("CJK justification", (
    (inline, "count_expandable_spaces", _counter),
    (inline, "justify_line", _justifier),
    (line_break.Layout, "set_text", _setter),
))
