"""A rebuilt chunk laid out only from the page an edit changed, when that is provably the
chunk's full layout; else nothing (the caller lays the chunk out whole).

The cache keeps, beside each laid-out chunk, the HTML it laid out, WeasyPrint's page-start
states of that layout (weasyprint_ext/page_resume.py) and which pages open a part (a forced
break), as JSON. A chunk whose HTML changed only in its text (`skeleton`: the same tags in
the same places, no text run turning blank or not, the same head) is laid out from the page
before the page where the last element that starts before the change starts (two pages
before, when that page ends differently now), up to the first page, after the first element
that starts after the change, whose start state the earlier layout had (and one page more):
from there the earlier layout's pages follow. The first page laid out must end where the
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
import io
import json
import logging
from dataclasses import dataclass
from typing import Any

import regex

from ...weasyprint_ext.font_files import LAZY_FONT_FILES
from ...weasyprint_ext.font_subsets import DEFERRED_FONT_SUBSETS
from ...weasyprint_ext.page_holes import page_facts
from ...weasyprint_ext.page_info import PageInfo, page_info
from ...weasyprint_ext.page_resume import PageState, dump_states, load_states, recording, resuming
from ...weasyprint_ext.patches import patched
from .fill import SQUEEZE_PAGES, Move, apply_moves, find_moves, probe_markup, split_before, split_before_layout

LOG = logging.getLogger("exporter.pdf")
_TEXT = regex.compile(r">([^<]+)<")
_ID = regex.compile(r'<[A-Za-z][^>]*?\sid="([^"]+)"')
_VERBATIM = regex.compile(r"<(?:style|script|svg|math)\b", regex.I)  # text there is not text of a box


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


def opening_parts(pages: list[Any]) -> list[bool]:
    """Whether each page opens with a forced break (a part or section that starts a page)."""
    seen: set[int] = set()
    return [page_facts(page, seen)[2] for page in pages]


def probe_digest(html: str) -> str:
    """The SHA-256 of the notices' probe document of the chunk `html` (fill.probe_markup)."""
    return hashlib.sha256(probe_markup(html)[0].encode()).hexdigest()


def resume_record(html: str, states: list[PageState | None], forced: list[bool], probe: str) -> bytes | None:
    """What a later resume needs of a layout of `html`: the HTML, its page states, which pages
    open a part, and the probe_digest of the chunk's HTML before the layout (None: a state
    holds something that cannot be kept as JSON)."""
    try:
        encoded = dump_states(states)
    except TypeError:
        return None
    record = {"html": html, "states": encoded, "forced": forced, "probe": probe}
    return json.dumps(record, ensure_ascii=False).encode()


def notice_splits(html: str, previous: Previous, probe: str, saved: dict[str, Any], lay_out: Any) -> list[Move]:
    """The notice splits of `html` (split_before_layout). When its probe document is the
    earlier layout's (the same markup on the same stage, since the earlier version is found
    by the stage's digest), so is the outcome: the earlier layout's splits, with no probe
    laid out. Those are its moves when its trial moved nothing."""
    if saved.get("probe") == probe and all(map(split_before, previous.moves)):
        return list(previous.moves)
    return split_before_layout(html, lay_out)


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


def _laid_from(html: str, states: list[PageState | None], start: int, past: str | None, lay_out: Any) -> Any:
    """`html` laid out from the earlier layout's page `start` (resuming): (start, pages kept
    of the earlier layout at the front, the document, its page states, how many pages it laid
    out up to the rejoin, the earlier layout's page it rejoined at), or None when its first
    page (laid out to judge the next, and not used) ends where the earlier layout's did not."""
    with recording() as layouts, resuming(states, start, past, beyond=1) as resumed:
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
    states = load_states(saved["states"])
    if len(states) != len(previous.pages) + 1 or len(forced) != len(previous.pages):
        return _refused("the record does not match the earlier layout")
    change, end = _changed(old_html, new_html)
    first: dict[str, int] = {}
    for number, info in enumerate(previous.pages):
        for name, *_ in info.anchors:
            first.setdefault(name, number)
    before = [m[1] for m in _ID.finditer(old_html, 0, change)]
    page = next((first[name] for name in reversed(before) if name in first), 0)
    past = next((m[1] for m in _ID.finditer(new_html, end)), None)
    # One page back first: when that page ends where it ended before, it holds what it held
    # (the text before the change), so it and the page before it are the earlier layout's and
    # judge alike. Else (it now takes some of the changed element) two pages back, so that the
    # page before the changed one is judged by the hole-filling pass with its own page before.
    if any(state is None for state in states[:max(page, 1)]):
        return _refused("no page state to resume from")
    for back in (1, 2) if page > 1 else (page,):
        if (laid := _laid_from(new_html, states, max(0, page - back), past, lay_out)) is not None:
            break
    else:
        return _refused("the page before the change ends differently")
    start, kept, document, layouts, count, tail = laid
    pages = document.pages
    if moves := find_moves(pages, new_html):
        return _refused(f"the new pages have holes to fill ({moves})")
    first_new = start + kept
    spliced_forced = forced[:first_new] + opening_parts(pages[:count])[kept:] + forced[tail:]
    if min(_part_lengths(spliced_forced)) <= SQUEEZE_PAGES:
        return _refused("a part of the new layout is short (it may be squeezed)")
    new_states = states[:first_new] + layouts[-1][kept:count] + states[tail:]
    with patched(DEFERRED_FONT_SUBSETS, LAZY_FONT_FILES):  # font files unread
        fresh = document.copy(pages[kept:count]).write_pdf()
    infos = previous.pages[:first_new] + [page_info(p) for p in pages[kept:count]] + previous.pages[tail:]
    if len(new_states) != len(infos) + 1 or len(spliced_forced) != len(infos):
        return _refused("the spliced states do not match the pages")
    record = resume_record(new_html, new_states, spliced_forced, probe)
    LOG.info("resumed a chunk's layout: pages %d-%d of %d laid out again", first_new + 1, start + count, len(infos))
    return Resumed(_splice(previous.pdf, first_new, fresh, tail), infos, splits, record, first_new, count - kept)
