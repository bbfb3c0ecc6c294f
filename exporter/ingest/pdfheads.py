"""Head groups of a page PDF: the column or box label printed over a headline is the
page's furniture, not the story's kicker or headline.

A head group is the lines over a story's body: perhaps a label (the column's or the
box's name: `財經快訊`, `人间烟火`, `HEALTH AND AGEING`), a kicker, the headline, a deck.
Read from the text alone a label looks like a kicker, or like the headline when the real
headline then reads as its deck; on other papers' PDFs that was the largest title error.
The PDF shows a label by type and place in two ways that no development page uses for a
kicker or a headline:

- **reverse type**: a short line in light ink (white on a dark band: `TRANSPORT`, `出行提示`,
  `名词解释`) over text in its column;
- **a list's label**: a short line over two or more brief items stacked under it in its span,
  each a head of one size and weight at one left edge over a few lines of text (`財經快訊`
  over `■人民幣存款回升` …, `警 情 通 报`, `NEWS IN BRIEF`); it may be set larger than the
  items' heads, so size alone does not tell it;
- **a label on its rule**: a short line standing on a horizontal rule drawn under it, with
  the headline under the rule (`身边的好员工`, `理財專欄`, `LETTERS`): the rule closes the
  label off from the head group; a kicker stands right over its headline, with no rule
  between them (a rule over a story runs above its kicker).

A plain short line over a larger headline (`人间烟火`, `影讯`, `CITY HALL`) is left to the
segmenter and its models: in the same type and place the development corpora call it a label
on some papers and a kicker on others (our own `ingest-pdf3` among the latter), so geometry
here cannot decide it. Two types do decide it there (`segment._typed_label`): plain Latin
capitals over a bold head (`COURTS`), and a bold line in body type over a bold head less than
twice its size (`读者来函`).

A label is taken out of the line stream and handed on as furniture with its position, so
its characters stay counted and the report lists it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Protocol

import regex

from . import fields, furniture

LABEL_CELLS = 16  # reverse type or a list's label is this short (cells: a Han glyph is two)
UNDER = 1.6  # the headline starts within this many of the label's ems under it
ITEM_LINES = 6  # a brief item's text under its head is this many lines or fewer
LIST_ITEMS = 2  # a list's label stands over at least this many items
SPREAD = 3  # ems: a letter-spaced label's fragments on its baseline stand this close
VERTICAL_BESIDE = 2  # a vertical headline's ems: the text it heads starts this close beside it

_HAN = regex.compile(r"\p{Han}")
_LETTER = regex.compile(r"\p{L}")
_SENTENCE = regex.compile(r"[。！？!?；;：:，,]$")
_WORDS = regex.compile(r"[\p{L}\p{M}\s]+")  # words alone: no figure, mark or box (□ 柳青禾 is a writer)


class _Line(Protocol):
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float
    bold: bool
    image: str | None
    table: int | None
    lead: int
    reverse: bool
    base: float


Block = Sequence[_Line]
Rect = tuple[float, float, float, float]
Rule = tuple[float, float, float]  # a horizontal rule: x0, x1, y


def _cells(text: str) -> int:
    return sum(2 if _HAN.match(c) else 1 for c in text if not c.isspace())


def _short(block: Block) -> bool:
    """One line of text, short, ending no sentence or clause."""
    if len(block) != 1 or block[0].image is not None or block[0].table is not None or block[0].lead:
        return False
    text = block[0].text.strip()
    return 0 < _cells(text) <= LABEL_CELLS and not _SENTENCE.search(text)


def _head(block: Block, body: float, display: float) -> bool:
    """Display type: a size well above the body's, bold, or a bold run-in head."""
    return block[0].image is None and (block[0].lead > 0 or block[0].bold or block[0].size >= display * body)


def extent(block: Block) -> tuple[float, float, float, float]:
    """A block's bounding box: x0, y0, x1, y1."""
    return (min(b.x0 for b in block), min(b.y0 for b in block), max(b.x1 for b in block), max(b.y1 for b in block))


def _under(label: Block, block: Block, ems: float) -> bool:
    """`block` starts right under the label (within `ems` of the label's ems), across it."""
    lx0, _, lx1, ly1 = extent(label)
    x0, y0, x1, _ = extent(block)
    size = label[0].size
    return -0.5 * size <= y0 - ly1 <= ems * size and min(x1, lx1) - max(x0, lx0) > 0


def _reverse(order: list[Block], k: int) -> bool:
    """A short line in light ink (reverse type on a dark band) over text in its column."""
    label = order[k]
    return (_short(label) and label[0].reverse and k + 1 < len(order)
            and order[k + 1][0].image is None and _under(label, order[k + 1], 2 * UNDER))


def _listed(order: list[Block], k: int, body: float, display: float) -> bool:
    """A short line over two or more brief items stacked under it in its span: heads of one
    size and weight at one left edge (a head line of its own, or a bold run-in head opening
    the item's first line), each over a few lines of text."""
    label = order[k]
    if not _short(label) or label[0].reverse or k + 1 >= len(order) or not _under(label, order[k + 1], UNDER):
        return False
    lx0, _, lx1, _ = extent(label)
    style: tuple[float, float] | None = None  # the items' heads: size, left edge
    items: list[int] = []  # lines of text under each item's head
    for block in _at_leads(islice(order, k + 1, None)):  # lazily: the walk stops at the list's end
        if sum(1 for n in items if n) >= LIST_ITEMS:
            break  # enough items: no later block takes one back, so the rest need not be read
        x0, _, x1, _ = extent(block)
        if block[0].image is not None or min(x1, lx1) - max(x0, lx0) <= 0:
            break
        first = block[0]
        if first.lead or (len(block) == 1 and _head(block, body, display)):
            shape = (first.size, first.x0)
            style = style or shape
            if (abs(shape[0] - style[0]) >= 0.5 or abs(shape[1] - style[1]) >= first.size
                    or (items and not items[-1]) or first.size > label[0].size + 0.5):
                break
            items.append(len(block) if first.lead else 0)
        elif not items or _head(block, body, display) or items[-1] + len(block) > ITEM_LINES:
            break
        else:
            items[-1] += len(block)
    return sum(1 for n in items if n) >= LIST_ITEMS


def _at_leads(blocks: Iterable[Block]) -> Iterator[Block]:
    """Blocks cut before each line that opens with a run-in head (items stacked with no gap)."""
    for block in blocks:
        cuts = [0, *(i for i, b in enumerate(block) if i and b.lead), len(block)]
        yield from (block[a:b] for a, b in zip(cuts, cuts[1:]))


def _beside(order: list[Block], k: int, lines: dict[int, list[int]]) -> list[int]:
    """Fragments of a letter-spaced label that the line cutter took apart (`IN` `BR I E F`):
    short lines on its baseline, in its size and weight, within SPREAD of its ems. `lines`:
    the one-line blocks by rounded baseline, so only those near the label's are looked at."""
    label = order[k][0]
    reach = 0.1 * label.size
    near = []
    for j in sorted(j for key in range(round(label.base - reach), round(label.base + reach) + 1)
                    for j in lines.get(key, ())):
        b = order[j][0]
        if (j != k and b.image is None and b.table is None and not b.lead
                and abs(b.base - label.base) < 0.1 * label.size and abs(b.size - label.size) < 0.1 * label.size
                and b.bold == label.bold and b.reverse == label.reverse and _cells(b.text) <= LABEL_CELLS
                and max(b.x0 - label.x1, label.x0 - b.x1) <= SPREAD * label.size):
            near.append(j)
    return near


def _boxed(block: Block, rects: Sequence[Rect]) -> set[int]:
    x0, y0, x1, y1 = extent(block)
    return {k for k, r in enumerate(rects) if r[0] <= x0 and x1 <= r[2] and r[1] <= y0 and y1 <= r[3]}


def _over_box(order: list[Block], k: int, body: float, display: float, rects: Sequence[Rect]) -> bool:
    """A short line right over a ruled box, outside it, whose first line under it is a head:
    the box's label (`转会快讯`, `法院公告` over boxed notices), printed above its frame."""
    label = order[k]
    if not _short(label) or k + 1 >= len(order) or order[k + 1][0].image is not None:
        return False
    head = order[k + 1]
    inside = _boxed(head, rects)
    return (bool(inside) and not inside & _boxed(label, rects) and _head(head, body, display)
            and _under(label, head, 2 * UNDER))


def rules(drawings: Iterable[dict]) -> list[Rule]:
    """The horizontal rules a page draws (a stroked line, or a filled bar under 3 points
    thick), of any length: pymupdf's `page.get_drawings()`."""
    out: list[Rule] = []
    for d in drawings:
        for item in d["items"]:
            if item[0] == "l" and abs(item[1].y - item[2].y) < 1:
                out.append((min(item[1].x, item[2].x), max(item[1].x, item[2].x), item[1].y))
            elif item[0] == "re" and item[1].height < 3 <= item[1].width:
                out.append((item[1].x0, item[1].x1, (item[1].y0 + item[1].y1) / 2))
    return out


def _on_rule(order: list[Block], k: int, body: float, display: float, ruled: Sequence[Rule]) -> bool:
    """A short line standing on a rule drawn under it (the rule as long as the line or
    longer), with a head right under the rule: the label of what follows, closed off from
    its head group by the rule."""
    label = order[k]
    if (not _short(label) or not _LETTER.search(label[0].text) or k + 1 >= len(order)
            or order[k + 1][0].image is not None):
        return False  # a figure over a rule is a table's cell
    head = order[k + 1]
    if not _head(head, body, display) or not _under(label, head, 2 * UNDER):
        return False
    line, top = label[0], head[0]
    return any(x0 <= line.x0 + 0.5 * line.size and line.x1 <= x1 and line.base - 0.5 * line.size < y < top.base - 0.5 * top.size
               for x0, x1, y in ruled)


def vertical(block: Block) -> bool:
    """A vertical headline: one glyph a line (or upright digits), three lines or more."""
    return len(block) >= 3 and block[0].image is None and all(b.x1 - b.x0 <= 1.5 * b.size for b in block)


def _by_vertical(order: list[Block], k: int, body: float, display: float, verticals: list[int]) -> bool:
    """A short line of words alone in plain body type, level with a vertical headline's top
    and standing beside it over the text that head heads (`驻 村 日 记` right of `雪夜送药`,
    `劳模风采`, `讀者來函` over a letter whose head stands right of it): the column's label.
    The vertical head is the story's headline; read as a head of its group the label became
    the headline (the vertical head left over) or the deck. A box mark or a role word makes
    the line a byline (`□ 柳青禾`, `本报记者 吴伟强`), display type a head of its own."""
    label = order[k]
    text = label[0].text.strip() if label else ""
    if (not _short(label) or _head(label, body, display) or label[0].size > body + 0.5 or not _WORDS.fullmatch(text)
            or fields.ROLES.search(text)):
        return False
    x0, y0, x1, _ = extent(label)
    if k + 1 < len(order) and order[k + 1][0].image is None and _under(label, order[k + 1], 2 * UNDER):
        x0, x1 = min(x0, extent(order[k + 1])[0]), max(x1, extent(order[k + 1])[2])  # with the text it labels
    for v in verticals:
        vx0, vy0, vx1, vy1 = extent(order[v])
        if abs(y0 - vy0) > order[v][0].size:
            continue
        gap = (x0 - vx1, vx1, x0) if x0 >= vx1 else (vx0 - x1, x1, vx0)  # the gutter between them
        if 0 <= gap[0] <= max(VERTICAL_BESIDE * order[v][0].size, x1 - x0) and not any(
                j not in (k, k + 1, v) and extent(b)[0] < gap[2] and extent(b)[2] > gap[1]
                and extent(b)[1] < vy1 and extent(b)[3] > vy0 for j, b in enumerate(order)):
            return True  # nothing printed between the label's column and the head
    return False


def labels(order: list[Block], body: float, display: float, rects: Sequence[Rect] = (),
           ruled: Sequence[Rule] = ()) -> dict[int, str]:
    """The blocks of a page in reading order that are labels: index → why. `rects`: the
    page's ruled boxes; `ruled`: its horizontal rules."""
    out: dict[int, str] = {}
    lines: dict[int, list[int]] = {}
    verticals = [j for j, block in enumerate(order) if vertical(block)]
    for j, block in enumerate(order):
        if len(block) == 1:
            lines.setdefault(round(block[0].base), []).append(j)
    for k in range(len(order)):
        if order[k][0].image is not None or k in out or furniture.column_logo(order[k][0].text):
            continue  # a listed column logo: the layout sets it aside by name
        if _reverse(order, k):
            why = "a label in reverse type over its column"
        elif _listed(order, k, body, display):
            why = "the label over a list of briefs (type and place)"
        elif _over_box(order, k, body, display, rects):
            why = "a box's label over its frame"
        elif _on_rule(order, k, body, display, ruled):
            why = "a label on a rule drawn between it and the head under it"
        elif _by_vertical(order, k, body, display, verticals):
            why = "a label level with the top of the vertical headline beside it"
        else:
            continue
        out |= dict.fromkeys([k, *_beside(order, k, lines)], why)
    return out
