"""Fill the holes a boxed item leaves: one measured trial layout, then items move forward.

WeasyPrint has no page floats: a notice, a photo story or a brief that does not fit at the
foot of a page goes to the next page whole and leaves the foot empty. This pass looks at a
laid-out document; where a page ends more than MIN_HOLE of its height above the foot and the
next page opens with such a *filler* (marked `data-filler` by the print template), the filler
moves after the next article of its own section, so that article's text runs into the hole
and the filler stands where it fits, on that page or the next. The document is laid out again
with the moves and kept if it has no more pages than the trial.

A notice stands whole (`break-inside: avoid`) unless this pass lets it split, with the
class `long`: it then starts in the room the page before leaves, its box drawn on both pages.
One that cannot stand whole on any page is found before the trial (`too_tall`: a probe
document holds only the notices, each opening a page as after an unforced break, and a
notice that runs on to the page after is taller than a page), so the trial is already the
final layout where nothing else moves. The trial still catches the rest: a notice that opens
a page (not a forced one) and runs on to the page after, or opens a page after a hole and is
the last of its section (it cannot move).

A jump whose first part and continuation start on one page loses both jump lines (they
would print the page they stand on).

A hole of at least PULL_HOLE above a page that opens with an article whose head and three
lines did not fit takes back the filler that follows that article in its section, if any
(pull back: the filler moves one article earlier, into the hole).

A part whose last page is short (SHORT_LAST) and could come back onto the pages before gets
its sections marked `squeeze` (the theme's print CSS tightens the space between items), is
laid out again, and keeps that only when it takes a page off (`find_squeezes`).

A photo story's landscape set in fewer columns than the page has is set across the measure
(`wide`) where its page's hole takes the growth, in a short part, kept only when the part
keeps its pages (`find_widenings`).

A picture that opens a page after a hole: a photo story (after a hole of MIN_HOLE) moves after
the next article as other fillers do; a picture across columns is set in one (`narrow`, its
grid size down, grid.py) to stand in the hole; else it moves past the blocks that fill it.
A move can open the next hole, so a second round (FILL_ROUNDS) looks at the moved layout.

What may move: notices, photo stories and briefs (`is_filler`), one article forward or back,
never out of their section, and never twice; and a picture that opens a page after a hole, past
as many of the blocks that follow it in its article as fill the hole (at least one). Articles keep their order otherwise. Moves are made on the print HTML,
between the `<!--article SLUG-->` … `<!--/article SLUG-->` markers of print_sections.html,
so single-pass and chunked layout move the same items (a chunk is whole sections).
"""

from __future__ import annotations

import logging
from itertools import accumulate
from collections.abc import Callable
from typing import Any

import regex
from ...model import Article
from ...weasyprint_ext.page_holes import (content_height, content_width, document_root, page_facts, page_figures,
                                          spans_columns)

LOG = logging.getLogger("exporter.pdf")
MIN_HOLE = 0.25  # share of the page's text area left empty at its foot
PULL_HOLE = 0.12  # a hole this large may take back a filler from the page after (pull back)
NO_ROOM = 0.03  # a foot hole this small (and two jump lines) holds no headline with three lines
BRIEF_CHARACTERS = 300  # an article this short (all its text) is a brief
SHORT_LAST = 0.25  # a part's last page that holds no more than this share of its text area ...
SQUEEZE_GAIN = 0.05  # ... may come back when the space the squeeze takes out (per page) covers it
FILL_ROUNDS = 2  # a move can open the next hole (a picture set in a column leaves room for a brief)
CAPTION_GAP = 0.35 * 96 / 72 * 9  # px: the space above a caption set under its picture (0.35 em)
SQUEEZE_PAGES = 4  # ... in a part of at most this many pages: the squeeze lays the part out again,
# which pays for one page in a short part (an edition: nanwan 2 -> 1) but costs a 22-page day
# of the benchmark week a second layout to save one page in 22
_SECTION_END = "</section>"

Move = tuple[str, str]  # (slug of the filler, slug of the article it now follows)


def is_filler(article: Article) -> bool:
    """Notices, photo stories and briefs may move forward to fill a hole."""
    return article.kind in ("notice", "photo") or sum(len(t) for t in article.texts) <= BRIEF_CHARACTERS


def _markers(slug: str) -> tuple[str, str]:
    return f"<!--article {slug}-->", f"<!--/article {slug}-->"


def _next_in_section(html: str, slug: str) -> str | None:
    """The slug of the article after `slug` in its section, if any."""
    end = html.find(_markers(slug)[1])
    if end < 0:
        return None
    m = regex.compile(r"<!--article ([^ >]+)-->|</section>").search(html, end)
    return m[1] if m and m[1] else None


def find_moves(pages: list[Any], html: str) -> list[Move]:
    """The moves that fill the holes of a laid-out document made from `html`: a page after
    a hole (not a forced break) that opens with a filler which is not the last of its section."""
    elements: set[int] = set()
    facts = [page_facts(page, elements) for page in pages]
    root = document_root(pages)
    figures = [f for f in root.iter("figure") if f.get("class", "").startswith("figure")] if root is not None else []
    seen: set[str] = set()
    moves: list[Move] = []
    for i, (_, articles, forced, opening_figure) in enumerate(facts):
        fresh = [a for a in articles if a[0] not in seen]
        seen.update(slug for slug, _ in articles)
        if i == 0 or forced:
            continue
        if fresh and articles[0] == fresh[0] and _is_notice(html, fresh[0][0]) and \
                i + 1 < len(facts) and any(s == fresh[0][0] for s, _ in facts[i + 1][1]):
            # taller than a page: it cannot stand whole anywhere, so it starts where the page
            # before leaves room (a hole, or the page its section head was left alone on)
            moves.append((_SPLIT + fresh[0][0], "the hole"))
            continue
        if not facts[i - 1][1] or facts[i - 1][0] < PULL_HOLE:
            continue
        if fresh and articles[0] == fresh[0] and not fresh[0][1] and opening_figure is None:
            # the page opens with an article whose head and first lines did not fit the hole:
            # the filler after it in its section, if any, comes forward to stand in the hole
            if (after := _next_in_section(html, fresh[0][0])) is not None and _is_filler(html, after):
                moves.append((after, _BEFORE + fresh[0][0]))
            continue
        if opening_figure is not None:
            # a picture that did not fit: a photo story after a large hole moves after the
            # next article; a picture across the columns is set in one (its grid size down)
            # and stands in the hole; else it goes after the blocks that fill the hole
            figure, heights = opening_figure
            hole = facts[i - 1][0] * content_height(pages[i - 1])
            count = max(1, sum(1 for total in accumulate(heights) if total <= hole))
            if figure not in figures:
                continue
            story = fresh[0][0] if fresh and articles[0] == fresh[0] and fresh[0][1] else None
            if facts[i - 1][0] >= MIN_HOLE and story and (after := _next_in_section(html, story)) is not None:
                moves.append((story, after))  # a photo story: the next article's text fills the hole
            elif spans_columns(pages[i], figure) and (move := _figure_move(html, figures.index(figure), 0)):
                moves.append((_NARROW + move[0], move[1]))
            elif facts[i - 1][0] >= MIN_HOLE and (move := _figure_move(html, figures.index(figure), count)):
                moves.append(move)
            continue
        if facts[i - 1][0] < MIN_HOLE:
            continue
        if not fresh:
            continue
        slug, filler = fresh[0]
        if not filler or articles[0][0] != slug:
            continue
        after = _next_in_section(html, slug)
        if _is_notice(html, slug) and after is None:
            moves.append((_SPLIT + slug, "the hole"))  # it cannot move
        elif after is not None:
            moves.append((slug, after))
    return moves + _same_page_jumps(pages, facts, html)


_UNJUMP = "unjump "
_JUMP = r'<p class="jump jump-{way}" id="{slug}-jump-{way}">(?:(?!</p>).)*?'
_JUMP_TO = regex.compile(_JUMP.format(way="to", slug="([^\"]+)") + r'<a class="jump-page" href="#([^"]+)"', regex.S)


def _same_page_jumps(pages: list[Any], facts: list[Any], html: str) -> list[Move]:
    """A jump whose first part and continuation both start on one page: the pair of jump
    lines would name the page they stand on, so both go (the reader sees the continuation).
    Only then: a first part from an earlier page could end there only because its jump line
    (which keeps with its last lines) drew them over, and without the line would jump again.
    And only when the first part could not move up a page once its line is gone: it starts
    the document or a forced page, or the page before ends less than NO_ROOM above its foot
    (a first part kept off that page by its head's keep rule would else move up into it).
    Where an article starts comes from its wrappers (WeasyPrint puts the anchor of a box
    split over pages on one of them only); the jump line is one line, so its anchor."""
    starts: dict[str, int] = {}
    for n, (_, articles, *_) in enumerate(facts):
        for slug, _ in articles:
            starts.setdefault(slug, n)

    def alone(n: int) -> bool:  # the first part cannot start a page earlier without its jump line
        return n == 0 or facts[n][2] or facts[n - 1][0] < NO_ROOM

    return [(_UNJUMP + m[1], m[2]) for m in _JUMP_TO.finditer(html)
            if (n := starts.get(m[1])) is not None and n == starts.get(m[2])
            and f"{m[1]}-jump-to" in pages[n].anchors and alone(n)]


def _without_jumps(html: str, slug: str, target: str) -> str:
    for way, owner in (("to", slug), ("from", target)):
        html = regex.sub(_JUMP.format(way=way, slug=regex.escape(owner)) + "</p>\n?", "", html, count=1, flags=regex.S)
    return html


_SPLIT = "split "
_BEFORE = "before "
_NARROW = "narrow "
_WIDE = "wide "
_NOTICE = '<aside class="notice"'


def _is_filler(html: str, slug: str) -> bool:
    at = html.find(_markers(slug)[0])
    return at >= 0 and " data-filler" in html[at: html.find(">", html.find("<div", at))]


def _is_notice(html: str, slug: str) -> bool:
    start, end = _markers(slug)
    a = html.find(start)
    return a >= 0 and html.find(_NOTICE, a, html.find(end, a)) >= 0


_FIGURE = "<figure class=\"figure"
_ARTICLE = regex.compile(r"<!--article ([^ >]+)-->")


def _nth(html: str, needle: str, n: int, start: int = 0) -> int:
    at = start - 1
    for _ in range(n + 1):
        at = html.find(needle, at + 1)
        if at < 0:
            return -1
    return at


_BLOCK = regex.compile(r"\s*<(p|ul|ol|blockquote|h[1-6]|figure|div)\b")


def _blocks_end(html: str, at: int, count: int) -> int:
    """Where the `count` sibling blocks from `at` end (fewer if the body ends first)."""
    end = at
    for _ in range(count):
        m = _BLOCK.match(html, end)
        if not m:
            break
        end = html.find(f"</{m[1]}>", m.end()) + len(m[1]) + 3
    return end


def _figure_move(html: str, index: int, count: int) -> Move | None:
    """The move of the document's `index`-th figure past the `count` blocks after it (none:
    the figure itself, for a `narrow` move), named by its article and its rank there (the
    same in a chunk and in the whole document)."""
    at = _nth(html, _FIGURE, index)
    end = html.find("</figure>", at) + len("</figure>")
    owners = list(_ARTICLE.finditer(html, 0, at))
    if at < 0 or not owners or (count and _blocks_end(html, end, 1) == end):
        return None
    return f"figure {owners[-1][1]}", f"{html.count(_FIGURE, owners[-1].end(), at)}:{count}"


def apply_moves(html: str, moves: list[Move]) -> str:
    """`html` with each filler's marked markup cut out and put after its new predecessor."""
    for slug, after in moves:
        if slug.startswith(_SPLIT):
            at = html.find(_NOTICE, html.find(_markers(slug.removeprefix(_SPLIT))[0]))
            html = html[:at] + '<aside class="notice long"' + html[at + len(_NOTICE):]
            continue
        if slug.startswith(_SQUEEZE):
            m = regex.search(regex.escape(_SECTION) + rf'[^"]*(?=" id="{regex.escape(slug.removeprefix(_SQUEEZE))}")', html)
            html = html[:m.end()] + " squeeze" + html[m.end():] if m else html
            continue
        if slug.startswith(_UNJUMP):
            html = _without_jumps(html, slug.removeprefix(_UNJUMP), after)
            continue
        if slug.startswith(_NARROW):
            html = _narrow_figure(html, slug.removeprefix(_NARROW + "figure "), after)
            continue
        if slug.startswith(_WIDE):
            html = _narrow_figure(html, slug.removeprefix(_WIDE + "figure "), after, " wide")
            continue
        if slug.startswith("figure "):
            html = _move_figure(html, slug.removeprefix("figure "), after)
            continue
        start, end = _markers(slug)
        a, b = html.find(start), html.find(end)
        if a < 0 or b < 0:
            continue
        piece = html[a: b + len(end)]
        html = html[:a] + html[b + len(end):]
        if after.startswith(_BEFORE):  # pulled back before the article it followed
            anchor = html.find(_markers(after.removeprefix(_BEFORE))[0])
            if anchor < 0:
                raise AssertionError(f"no article {after} to move {slug} before")
            html = html[:anchor] + piece + "\n" + html[anchor:]
            continue
        anchor = html.find(_markers(after)[1])
        if anchor < 0:
            raise AssertionError(f"no article {after} to move {slug} after")
        anchor += len(_markers(after)[1])
        html = html[:anchor] + "\n" + piece + html[anchor:]
    return html


def _narrow_figure(html: str, slug: str, where: str, mark: str = " narrow") -> str:
    """`html` with the figure of article `slug` at `where` ("rank:0") marked `narrow`: set
    in one column of its article's, not across them (the theme's grid rules, grid.py); or
    `wide`: a photo story's picture across the whole measure (find_widenings)."""
    at = _nth(html, _FIGURE, int(where.split(":")[0]), html.find(_markers(slug)[0])) + len(_FIGURE)
    return html[:at] + mark + html[at:]


def _move_figure(html: str, slug: str, where: str) -> str:
    """`html` with the figure of article `slug` at `where` ("rank:count") put after the
    `count` blocks that follow it."""
    rank, count = map(int, where.split(":"))
    at = _nth(html, _FIGURE, rank, html.find(_markers(slug)[0]))
    end = html.find("</figure>", at) + len("</figure>")
    after = _blocks_end(html, end, count)
    return html[:at] + html[end:after] + "\n" + html[at:end] + html[after:]


_PIECE = regex.compile(r"(<!--article ([^ >]+)-->\s*<div\b[^>]*)>(.*?)(</div>\s*<!--/article \2-->)", regex.S)
# The probe shows only the notices: every other article keeps its (empty, hidden) wrapper so
# that structural selectors (`:first-of-type`) match as in the document; the front, section
# and part heads and the sections' forced page breaks are left out. A spacer taller than a
# page before each notice makes the notice open the next page after an unforced break (its
# top margins truncated), as one that opens a page in the trial does, whatever came before.
_PROBE_STYLE = ("<style>.section-header, .part-header { display: none !important }"
                " main, main section { break-before: auto !important; break-after: auto !important; }"
                " fill-probe-spacer { display: block; height: 100vh; break-inside: avoid; }</style>")


def probe_markup(html: str) -> tuple[str, list[str]]:
    """The probe document of `html` (its standing notices alone, see too_tall) and the slugs
    of those notices. The probe's outcome depends only on this markup and the stage, so a
    rebuild whose probe markup is the earlier one's knows its outcome (resume.py)."""
    notices: list[str] = []

    def probe_piece(m: Any) -> str:
        if _NOTICE in m[3]:
            notices.append(m[2])
            return "<fill-probe-spacer></fill-probe-spacer>" + m[0]
        return f"{m[1]} hidden>{m[4]}"

    body = html.find(">", html.find("<body")) + 1
    main = html.find("<main", body)  # the front (cover, masthead, contents) is left out
    probe = _PIECE.sub(probe_piece, html[:body] + html[max(main, body):])
    return probe.replace("</head>", _PROBE_STYLE + "</head>", 1), notices


def too_tall(html: str, render: Callable[[str], Any]) -> list[str]:
    """The slugs of the standing notices of `html` that cannot stand whole on a page: laid
    out alone (one probe document), each opening a page, they run on to the page after.
    Each notice's outcome depends only on its own markup and the page, so a chunk and the
    whole document find the same notices."""
    probe, notices = probe_markup(html)
    if not notices:
        return []
    pages: dict[str, int] = {}
    seen: set[int] = set()
    for page in render(probe).pages:
        for slug, _ in page_facts(page, seen)[1]:
            pages[slug] = pages.get(slug, 0) + 1
    return [slug for slug in notices if pages.get(slug, 0) > 1]


_A_PAGE = "a page"


def split_before_layout(html: str, render: Callable[[str], Any]) -> list[Move]:
    """The moves that split the notices of `html` taller than a page (too_tall), made before
    the trial (a resumed layout of a chunk, resume.py, makes them as `filled` does)."""
    return [(_SPLIT + slug, _A_PAGE) for slug in too_tall(html, render)]


def split_before(move: Move) -> bool:
    """Whether `move` is one split_before_layout makes (not one of the trial's)."""
    return move[0].startswith(_SPLIT) and move[1] == _A_PAGE


_SQUEEZE = "squeeze "
_SECTION = '<section class="section'


def find_squeezes(pages: list[Any], html: str) -> dict[int, list[Move]]:
    """The parts whose last page is short enough to come back onto the pages before, when
    the vertical space between their items is tightened (`squeeze`): a part of at most
    SQUEEZE_PAGES pages whose last page holds at most SHORT_LAST of its text area, when the
    hole above the page before plus SQUEEZE_GAIN a page of the part covers it. By the part's
    index: one move per section of the part (the sections of its articles)."""
    seen: set[int] = set()
    facts = [page_facts(page, seen) for page in pages]
    start, part, found = 0, -1, {}
    for i, (hole, _, forced, _) in enumerate(facts):
        if i == 0 or forced:
            start, part = i, part + 1
            continue
        last = i + 1 == len(facts) or facts[i + 1][2]
        if last and i - start < SQUEEZE_PAGES and 1 - hole <= SHORT_LAST and \
                1 - hole <= facts[i - 1][0] + SQUEEZE_GAIN * (i - start):
            slugs = dict.fromkeys(slug for _, on, _, _ in facts[start: i + 1] for slug, _ in on)
            sections = [s for s in dict.fromkeys(_section_of(html, slug) for slug in slugs) if s]
            if sections:
                found[part] = [(_SQUEEZE + section, "tighter") for section in sections]
    return found


def find_widenings(pages: list[Any], html: str) -> dict[int, list[Move]]:
    """The photo stories' pictures that would fill their page better across the whole
    measure: a landscape of a photo story set in fewer columns than the page has (on two
    columns, one, its caption beside it) on a page whose hole below would hold the picture
    grown to the measure with its caption under it, in a part of at most SQUEEZE_PAGES pages
    (the part is laid out again to see that it keeps its pages: as for the squeeze, that
    pays in an edition, not in a 22-page day). By the part's index. Across two columns by
    rule, such a picture cost the week two pages (session 8)."""
    seen: set[int] = set()
    facts = [page_facts(page, seen) for page in pages]
    root = document_root(pages)
    figures = [f for f in root.iter("figure") if f.get("class", "").startswith("figure")] if root is not None else []
    starts = [i for i, fact in enumerate(facts) if i == 0 or fact[2]] + [len(facts)]
    found: dict[int, list[Move]] = {}
    for part, (start, end) in enumerate(zip(starts, starts[1:])):
        if end - start > SQUEEZE_PAGES:
            continue
        for i in range(start, end):
            room, measure = facts[i][0] * content_height(pages[i]), content_width(pages[i])
            for element, width, height, caption in page_figures(pages[i]):
                classes = set(element.get("class", "").split())
                if "landscape" not in classes or {"narrow", "wide"} & classes or element not in figures \
                        or width >= 0.9 * measure:
                    continue
                grown = height * measure / width + CAPTION_GAP + caption - max(height, caption)
                move = _figure_move(html, figures.index(element), 0)
                if grown <= room and move and _is_photo_story(html, move[0].removeprefix("figure ")):
                    room -= grown
                    found.setdefault(part, []).append((_WIDE + move[0], move[1]))
    return found


def _is_photo_story(html: str, slug: str) -> bool:
    """Whether article `slug` is a photo story with one picture."""
    start, end = _markers(slug)
    a = html.find(start)
    piece = html[a: html.find(end, a)]
    return a >= 0 and 'class="article kind-photo' in piece and piece.count(_FIGURE) == 1


def _part_pages(pages: list[Any]) -> list[int]:
    """The number of pages of each part (a part opens the document or a forced page)."""
    seen: set[int] = set()
    counts: list[int] = []
    for i, page in enumerate(pages):
        forced = page_facts(page, seen)[2]  # every page: `seen` must hold the earlier pages
        if i == 0 or forced:
            counts.append(0)
        counts[-1] += 1
    return counts


def _section_of(html: str, slug: str) -> str | None:
    """The id of the section that holds article `slug`."""
    section = html.rfind(_SECTION, 0, max(0, html.find(_markers(slug)[0])))
    m = regex.compile(r'[^"]*" id="([^"]+)"').match(html, section + len(_SECTION))
    return m[1] if section >= 0 and m else None


def filled(html: str, render: Callable[[str], Any]) -> tuple[Any, str, list[Move]]:
    """The laid-out document of `html` (render(html) -> a WeasyPrint Document), with its
    notices taller than a page split and its holes filled when the trial has any:
    (document, the html laid out, the moves made)."""
    if splits := split_before_layout(html, render):
        html = apply_moves(html, splits)
        LOG.info("taller than a page: split %s before layout", ", ".join(s.removeprefix(_SPLIT) for s, _ in splits))
    trial, made = render(html), []
    for _ in range(FILL_ROUNDS):  # a second round only after moves were kept
        moves = [m for m in find_moves(trial.pages, html) if m[0] not in {slug for slug, _ in made}]
        if not moves:
            break
        moved_html = apply_moves(html, moves)
        moved = render(moved_html)
        if len(moved.pages) > len(trial.pages):
            LOG.info("kept the order: moving %s would add pages", ", ".join(slug for slug, _ in moves))
            break
        LOG.info("filled holes: %s", "; ".join(
            f"moved {slug} {after if after.startswith(_BEFORE) else 'after ' + after}" for slug, after in moves))
        trial, html, made = moved, moved_html, made + moves
    document, html, squeezes = _squeezed(trial, html, render)
    document, html, widenings = _widened(document, html, render)
    return document, html, splits + made + squeezes + widenings


def _squeezed(document: Any, html: str, render: Callable[[str], Any]) -> tuple[Any, str, list[Move]]:
    """`document` laid out again with the space of its short parts tightened (find_squeezes),
    each part kept tightened only when that takes a page off it; else as it is. Decided part
    by part, so a chunk of a parallel build (one part) decides as the whole document does.
    (document, its html, the squeezes kept)."""
    return _by_part(document, html, render, find_squeezes(document.pages, html), shorter=True,
                    done="squeezed", refused="kept the spacing: tightening takes no page off")


def _widened(document: Any, html: str, render: Callable[[str], Any]) -> tuple[Any, str, list[Move]]:
    """`document` laid out again with the photo stories' pictures of find_widenings across
    the measure, each part keeping them only when it keeps its pages."""
    return _by_part(document, html, render, find_widenings(document.pages, html), shorter=False,
                    done="widened", refused="kept the pictures in their columns: widening adds a page")


def _by_part(document: Any, html: str, render: Callable[[str], Any], parts: dict[int, list[Move]], shorter: bool,
             done: str, refused: str) -> tuple[Any, str, list[Move]]:
    """`document` laid out again with each part's moves of `parts`, a part keeping them only
    when that takes a page off it (`shorter`) or adds none; a third layout is paid only when
    some parts keep theirs and some do not. (document, its html, the moves kept)."""
    if not parts:
        return document, html, []
    tight_html = apply_moves(html, [m for moves in parts.values() for m in moves])
    tight = render(tight_html)
    before, after = _part_pages(document.pages), _part_pages(tight.pages)
    kept = [k for k in parts if len(before) == len(after) and (after[k] < before[k] if shorter else after[k] <= before[k])]
    if not kept:
        LOG.info(refused)
        return document, html, []
    moves = [m for k in kept for m in parts[k]]
    if len(kept) < len(parts):  # only the parts it serves
        tight_html = apply_moves(html, moves)
        tight = render(tight_html)
    LOG.info("%s: %s (%d → %d pages)", done, ", ".join(s for s, _ in moves), len(document.pages), len(tight.pages))
    return tight, tight_html, moves
