"""A rebuilt chunk laid out only from the page an edit changed, when that is provably the
chunk's full layout; else nothing (the caller lays the chunk out whole).

The cache keeps, beside each laid-out chunk, the HTML it laid out, WeasyPrint's page-start
states of that layout (weasyprint_ext/page_resume.py), which pages open a part (a forced
break) and each page's foot hole, as JSON. A chunk whose HTML changed only in its text
(`skeleton`: the same tags in the same places, no text run turning blank or not, the same
head) is laid out from the page before the page where the last element that starts before
the change starts (two pages before, when that page ends differently now), up to the first
page, after the first block that starts after the change (`_following`), whose start state
the earlier layout had (and one page more, to judge that page, unless `_settled` shows the
fill pass needs it not): from there the earlier layout's pages follow. The first page laid out must end where the
earlier layout's did and is not used (it is there to judge the next page, and to take the
bookmarks WeasyPrint gives the first page of a document for the elements that run on from
before it). The chunk's PDF and page facts are the earlier ones with the new pages spliced in.

`filled` (fill.py) decides from the whole trial, so the resume is taken only when its
outcome cannot differ from a full layout's: the earlier layout moved nothing but the
notices taller than a page (decided before the trial), the new HTML splits the same ones,
the hole-filling pass finds no move on the new pages (each judged with the page before it;
the pages before and after them are the earlier layout's, which had none), and no part of
the chunk has SQUEEZE_PAGES pages or fewer (only such a part can be squeezed).
"""

from __future__ import annotations

import hashlib
from html import unescape
import io
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import regex

from ...weasyprint_ext.font_files import LAZY_FONT_FILES
from ...weasyprint_ext.font_subsets import DEFERRED_FONT_SUBSETS
from ...weasyprint_ext.page_holes import box_facts, page_facts
from ...weasyprint_ext.page_info import PageInfo, page_info
from ...weasyprint_ext.page_resume import Following, PageState, dump_states, load_states, recording, resuming
from ...weasyprint_ext.patches import patched
from .fill import (NO_ROOM, PULL_HOLE, SQUEEZE_PAGES, Move, _is_notice, apply_moves, find_moves, probe_markup,
                   split_before, split_before_layout)

LOG = logging.getLogger("exporter.pdf")
_TEXT = regex.compile(r">([^<]+)<")
_ID = regex.compile(r'<[A-Za-z][^>]*?\sid="([^"]+)"')
_VERBATIM = regex.compile(r"<(?:style|script|svg|math)\b", regex.I)  # text there is not text of a box
# a block's start tag: no text run of an element before it continues after it
_BLOCK = regex.compile(r"<(p|h[1-6]|div|figure|figcaption|header|footer|section|article|aside|main|ul|ol|li|dl|dt|dd|"
                       r"table|blockquote|pre|hr)(\s[^>]*)?>")
_START_TAG = regex.compile(r"<([A-Za-z][^\s/>]*)")
_ID_ATTRIBUTE = regex.compile(r'\sid="([^"]+)"')


def skeleton(html: str) -> str:
    """The HTML with every text run of its body that is not blank reduced to "x": two
    documents with the same skeleton differ only in the text of their boxes, so their box
    trees have the same children at the same indices."""
    body = html.find("<body")
    if body < 0 or _VERBATIM.search(html, body):
        return html
    return html[:body] + _TEXT.sub(lambda m: ">x<" if m[1].strip(" \t\n\r\f") else m[0], html[body:])


@dataclass
class Previous:
    """The cached layout of a chunk's earlier version: its PDF, page facts, the fill pass's
    moves, and `record` (resume_record's JSON)."""

    pdf: bytes
    pages: list[PageInfo]
    moves: list[Move]
    record: bytes


def page_marks(pages: list[Any]) -> tuple[list[bool], list[float]]:
    """Whether each page opens with a forced break (a part or section that starts a page),
    and the share of each page's text area left empty at its foot (fill.find_moves's hole)."""
    seen: set[int] = set()
    facts = [page_facts(page, seen) for page in pages]
    return [fact[2] for fact in facts], [fact[0] for fact in facts]


def probe_digest(html: str) -> str:
    """The SHA-256 of the notices' probe document of the chunk `html` (fill.probe_markup)."""
    return hashlib.sha256(probe_markup(html)[0].encode()).hexdigest()


def resume_record(html: str, states: list[PageState | None], marks: tuple[list[bool], list[float] | None],
                  probe: str) -> bytes | None:
    """What a later resume needs of a layout of `html`: the HTML, its page states, which pages
    open a part and their foot holes (page_marks), and the probe_digest of the chunk's HTML
    before the layout (None: a state holds something that cannot be kept as JSON)."""
    try:
        encoded = dump_states(states)
    except TypeError:
        return None
    forced, holes = marks
    record = {"html": html, "states": encoded, "forced": forced, "holes": holes, "probe": probe}
    return json.dumps(record, ensure_ascii=False).encode()


def notice_splits(html: str, previous: Previous, probe: str, saved: dict[str, Any], lay_out: Any) -> list[Move]:
    """The notice splits of `html` (split_before_layout). When its probe document is the
    earlier layout's (the same markup on the same stage, since the earlier version is found
    by the stage's digest), so is the outcome: the earlier layout's splits, with no probe
    laid out. Those are its moves when its trial moved nothing."""
    if saved.get("probe") == probe and all(map(split_before, previous.moves)):
        return list(previous.moves)
    return split_before_layout(html, lay_out)


def _following(html: str, end: int) -> str | Following | None:
    """The element a resumed layout must have passed before it compares page states (from
    there on the text is the earlier layout's): the first block after the edit (which ends at
    `end`), named by its place among the body's elements (Following), with the first element
    with an id after the edit to fall back on; that id alone when no block follows."""
    fallback = next((m[1] for m in _ID.finditer(html, end)), None)
    body = html.find("<body")
    opened = html.find(">", body) + 1 if body >= 0 else -1
    if opened <= 0 or opened > end or (block := _BLOCK.search(html, end)) is None:
        return fallback
    named = _ID_ATTRIBUTE.search(block[2] or "")
    text = html[block.end():html.find("<", block.end())]
    tags = tuple(name.lower() for name in _START_TAG.findall(html, opened))
    return Following(len(_START_TAG.findall(html, opened, block.start())), block[1], unescape(named[1]) if named else None,
                     unescape(text), tags, fallback)


def _common_prefix(a: str, b: str) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:  # a[:low] == b[:low]; compare halves in C rather than char by char
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _changed(old: str, new: str) -> tuple[int, int]:
    """Where `new` first differs from `old`, and where the difference ends in `new`."""
    start = _common_prefix(old, new)
    room = min(len(old), len(new)) - start
    tail = _common_prefix(old[::-1][:room], new[::-1][:room])
    return start, len(new) - tail


def _part_lengths(forced: list[bool]) -> list[int]:
    lengths: list[int] = []
    for i, opens in enumerate(forced):
        if i == 0 or opens:
            lengths.append(0)
        lengths[-1] += 1
    return lengths


def _splice(old: bytes, start: int, new: bytes, tail: int) -> bytes:
    from pypdf import PdfReader, PdfWriter

    before, fresh, writer = PdfReader(io.BytesIO(old)), PdfReader(io.BytesIO(new)), PdfWriter()
    for page in [*before.pages[:start], *fresh.pages, *before.pages[tail:]]:
        writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _refused(reason: str) -> None:
    LOG.info("laying the chunk out whole: %s", reason)
    return None


def _settled(html: str, holes: list[float] | None) -> Callable[[Any, int], bool] | None:
    """Whether the earlier layout's page that a resumed layout rejoined at (index `rejoin`)
    needs not be laid out again for the hole-filling pass to judge it, given the last new page
    before it (a page box): find_moves judges a page by the page before it, and the rejoined
    page is the earlier layout's (same state, same boxes), where it found nothing. So it finds
    nothing again when the new page before it leaves no hole to fill from it (no article, or a
    hole under PULL_HOLE: every move but a notice's and a jump's is judged only past that),
    leaves a jump pair on it as alone as the earlier page did (the NO_ROOM side), and does not
    open with a notice (whose split find_moves judges by the page after it). None: the
    earlier layout kept no holes (the page after is always laid out)."""
    if holes is None:
        return None

    def settled(box: Any, rejoin: int) -> bool:
        hole, articles, _, _ = box_facts(box, set())
        return 0 < rejoin <= len(holes) and (not articles or hole < PULL_HOLE) \
            and (hole < NO_ROOM) == (holes[rejoin - 1] < NO_ROOM) \
            and not (articles and _is_notice(html, articles[0][0]))

    return settled


def _laid_from(html: str, states: list[PageState | None], start: int, past: str | Following | None, lay_out: Any,
               settled: Callable[[Any, int], bool] | None) -> Any:
    """`html` laid out from the earlier layout's page `start` (resuming): (start, pages kept
    of the earlier layout at the front, the document, its page states, how many pages it laid
    out up to the rejoin, the earlier layout's page it rejoined at), or None when its first
    page (laid out to judge the next, and not used) ends where the earlier layout's did not.
    One page past the rejoin is laid out to judge it, unless `settled` (_settled) says not."""
    with recording() as layouts, resuming(states, start, past, beyond=1, settled=settled) as resumed:
        document = lay_out(html)
    pages = document.pages
    count, tail = (resumed.rejoined[0] - start, resumed.rejoined[1]) if resumed.rejoined else (len(pages), len(states) - 1)
    # The first page laid out stands before the change (it is laid out to judge the next one):
    # the earlier layout's page is kept, and WeasyPrint gives it, not the next page, the
    # bookmark of an element that runs on from the pages before (one per element).
    kept = 1 if start > 0 else 0
    if count <= kept or (kept and layouts[-1][1] != states[start + 1]):
        return None
    return start, kept, document, layouts, count, tail


@dataclass
class Resumed:
    """A chunk laid out from its earlier layout: what ChunkLayout holds, and which pages are
    new (`count` pages from index `start`)."""

    pdf: bytes
    pages: list[PageInfo]
    moves: list[Move]
    record: bytes | None
    start: int
    count: int


def resumed_layout(html: str, previous: Previous, lay_out: Any) -> Resumed | None:
    """The layout of chunk `html` (as layout_chunk's `filled` would make it) from its
    earlier layout `previous`, or None when a resume is not provably the same."""
    saved = json.loads(previous.record)
    old_html, forced = saved["html"], saved["forced"]
    if min(_part_lengths(forced), default=0) <= SQUEEZE_PAGES:
        return _refused("a part of the earlier layout is short (it may be squeezed)")
    probe = probe_digest(html)
    splits = notice_splits(html, previous, probe, saved, lay_out)
    if previous.moves != splits:
        return _refused("the earlier trial moved something, or other notices split")
    new_html = apply_moves(html, splits)
    if old_html == new_html or skeleton(old_html) != skeleton(new_html):
        return _refused("not a text-only edit")
    states, holes = load_states(saved["states"]), saved.get("holes")
    if len(states) != len(previous.pages) + 1 or len(forced) != len(previous.pages) or \
            (holes is not None and len(holes) != len(forced)):
        return _refused("the record does not match the earlier layout")
    change, end = _changed(old_html, new_html)
    first: dict[str, int] = {}
    for number, info in enumerate(previous.pages):
        for name, *_ in info.anchors:
            first.setdefault(name, number)
    before = [m[1] for m in _ID.finditer(old_html, 0, change)]
    page = next((first[name] for name in reversed(before) if name in first), 0)
    past = _following(new_html, end)
    # One page back first: when that page ends where it ended before, it holds what it held
    # (the text before the change), so it and the page before it are the earlier layout's and
    # judge alike. Else (it now takes some of the changed element) two pages back, so that the
    # page before the changed one is judged by the hole-filling pass with its own page before.
    if any(state is None for state in states[:max(page, 1)]):
        return _refused("no page state to resume from")
    for back in (1, 2) if page > 1 else (page,):
        if (laid := _laid_from(new_html, states, max(0, page - back), past, lay_out, _settled(new_html, holes))) \
                is not None:
            break
    else:
        return _refused("the page before the change ends differently")
    start, kept, document, layouts, count, tail = laid
    pages = document.pages
    if moves := find_moves(pages, new_html):
        return _refused(f"the new pages have holes to fill ({moves})")
    first_new = start + kept
    new_forced, new_holes = page_marks(pages[:count])
    spliced_forced = forced[:first_new] + new_forced[kept:] + forced[tail:]
    spliced_holes = None if holes is None else holes[:first_new] + new_holes[kept:] + holes[tail:]
    if min(_part_lengths(spliced_forced)) <= SQUEEZE_PAGES:
        return _refused("a part of the new layout is short (it may be squeezed)")
    new_states = states[:first_new] + layouts[-1][kept:count] + states[tail:]
    with patched(DEFERRED_FONT_SUBSETS, LAZY_FONT_FILES):  # font files unread
        fresh = document.copy(pages[kept:count]).write_pdf()
    infos = previous.pages[:first_new] + [page_info(p) for p in pages[kept:count]] + previous.pages[tail:]
    if len(new_states) != len(infos) + 1 or len(spliced_forced) != len(infos):
        return _refused("the spliced states do not match the pages")
    record = resume_record(new_html, new_states, (spliced_forced, spliced_holes), probe)
    LOG.info("resumed a chunk's layout: pages %d-%d of %d laid out again", first_new + 1, start + count, len(infos))
    return Resumed(_splice(previous.pdf, first_new, fresh, tail), infos, splits, record, first_new, count - kept)
