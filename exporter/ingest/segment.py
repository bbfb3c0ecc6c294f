"""Group a page's pieces into articles: bodies, their headline groups, subheads, captions.

Bodies are runs of paragraphs cut where the text itself says an article starts or ends
(a dateline, a jump line, a photo credit, a notice's signature) or where display type
interrupts them. A headline group can sit before or after its body, so the groups
between two bodies are shared out by a small dynamic programme that gives every body
one group at the lowest cost; what no body takes becomes a displaced subhead of a
feature or, failing that, unplaced text.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import regex

from . import blocks, briefs, english, fields, furniture, labels, paragraphs, sequence, tables
from .blocks import BlockModel
from .sequence import HEADS, Decoded, SequenceModel
from .layout import (HEAD_TYPE, SIGNATURE_LINES, BoxByline, Byline, Caption, Head, Line, PageLayout, Para, Piece, SetAside,
                     Signature, cells, closed, headline_like)
from .notes import Notes
from .weights import SHIPPED, Weights

_DASH_START = regex.compile(r"^[—―─-]{2,}")
_DASH_END = regex.compile(r"(?r)[—―─-]{2,}$")  # searched from the end: linear on a line of dashes
_LATIN = regex.compile(r"\p{Latin}{2}")
_HAN_GLYPH = regex.compile(r"\p{Han}")
_WORD_CHARS = regex.compile(r"[\p{L}\p{N}]")
_LATIN_CHAR = regex.compile(r"[\p{Latin}\s]")
_CLAUSE = regex.compile(r"[，、；：,;:]")
_ANNOUNCES = regex.compile(r"如下[：:]$|^(?i:notice is hereby given)")
BodyItem = Para | BoxByline | Byline | Signature | Head

_EXHAUSTIVE = 2000  # gap combinations worth trying one by one
_ROLES = ("kicker", "headline", "subheadline")
_NAME_SPLIT = regex.compile(r"[\s：:／/、，,（）()]+")
_NOT_NAME = regex.compile(r"[记記]者|通[讯訊][员員]|[报報]道|[报報][导導]|[摄攝]|^文$|^图$|^By$")
# id(piece) → (label probabilities, features, the page decoder's label and regrets or None)
Learned = dict[int, tuple[dict[str, float], list[float], Decoded | None]]
SHIPPED_MODEL = object()  # "use the models shipped with the package" (block classifier and page decoder)
Models = tuple[BlockModel, SequenceModel | None]  # a block classifier and a page decoder


@dataclass
class Group:
    """A headline group: optional kicker, headline (one block), optional subheadline."""

    kicker: Head | None
    headline: Head
    sub: Head | None

    @property
    def heads(self) -> list[Head]:
        return [h for h in (self.kicker, self.headline, self.sub) if h is not None]


@dataclass
class Body:
    """Consecutive body pieces of one article."""

    items: list[BodyItem]
    closed: bool = False
    group: Group | None = None
    displaced: list[Head] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # why the article came out as it did (--report)
    box: int | None = None  # the ruled box (from a PDF) its text sits in

    @property
    def no(self) -> int:
        return self.items[0].no

    @property
    def paras(self) -> list[Para]:
        return [i for i in self.items if isinstance(i, Para)]

    @property
    def hard_start(self) -> bool:
        if isinstance(self.items[0], Byline):
            return True
        first = self.paras[0].raw if self.paras else ""
        return bool(fields.DATELINE.match(first) or fields.JUMP_FROM.match(first))

    @property
    def is_photo(self) -> bool:
        return any(p.credit for p in self.paras)

    @property
    def is_notice(self) -> bool:
        return any(isinstance(i, Signature) for i in self.items)

    @property
    def is_feature(self) -> bool:
        """An article with an author box (a story's own subheads do not make it one)."""
        return any(isinstance(i, BoxByline) for i in self.items)


@dataclass
class Draft:
    """One future article: a body with its group, a standalone caption, or unplaced text."""

    at: int
    body: Body | None = None
    caption: Caption | None = None
    unplaced: list[Head] = field(default_factory=list)
    title: Head | None = None  # a standalone caption's headline, printed over its picture


def segment(page: PageLayout, notes: Notes, weights: Weights | None = None,
            model: BlockModel | Models | None | object = SHIPPED_MODEL) -> list[Draft]:
    """Cut a page into drafts in reading order (`model`: the block classifier and page
    decoder, the shipped ones by default; a classifier alone reads the page without the
    decoder; None by the written rules alone). Blocks the models set aside as furniture
    are added to `page.furniture`."""
    w = weights or SHIPPED
    if model is SHIPPED_MODEL:
        model = (blocks.shipped(), sequence.shipped())
    classifier, decoder = model if isinstance(model, tuple) else (model, None)
    page.pieces = briefs.brief_list(page.pieces, page.furniture, page.dropped, w)
    page.pieces = labels.column_labels(page.pieces, page.furniture, w)
    page.pieces = [_box_byline(piece) for piece in page.pieces]
    page.pieces = _taglines(page.pieces, notes, page.name)
    pieces, learned = _retype(page, notes, classifier, decoder, w)
    pieces = _openings_apart(pieces, learned)
    pieces = _plain_under_head(pieces, notes, page.name)
    pieces, closing = _signatures(pieces, w, notes, page.name, learned)
    units = _merge(_units(pieces, closing), notes, page.name, learned, {s.no for s in page.furniture})
    cost, bodies, runs, path = _solve(units, w, learned)
    splits = 0
    while True:  # split a body in two while that makes the headlines fit better; best split first
        trials = []
        for body in bodies:
            at = _split_point(body)
            if at is not None:
                k = units.index(body)
                pair = [Body(body.items[:at], closed=True), Body(body.items[at:], closed=body.closed)]
                trial = units[:k] + pair + units[k + 1 :]
                trials.append((_solve(trial, w, learned), trial, pair[1]))
        if not trials:
            break
        solved, trial, second = min(trials, key=lambda t: t[0][0])
        if solved[0] + w.split * (splits + 1) >= cost:
            break
        notes.decide(page.name, second.no, f"the blank line before line {second.no} ends an article: "
                     "that lets every headline find a body")
        units, (cost, bodies, runs, path) = trial, solved
        splits += 1
        cost += w.split * splits  # what every split so far costs
    label_heads: list[tuple[Head, str]] = []
    leftovers = _apply(bodies, runs, path, notes, page.name, w, learned, label_heads)
    for head, why in label_heads:
        page.furniture += [SetAside(line.no, line.text, why) for line in head.lines]
        notes.decide(page.name, head.no, f"'{_text(head)}' set aside: {why}")
    bodies = _headless(bodies, notes, page.name, w)
    for body in bodies:
        if body.group is None and (dec := learned.get(id(body.items[0]), (0, 0, None))[2]) is not None:
            body.evidence.append(f"no headline group; its opening at {notes.at(page.name, body.no)}: {dec.explain()}")
    drafts = [Draft(min([b.no] + [h.no for h in (b.group.heads if b.group else [])]), body=b) for b in bodies]
    titles = _photo_titles(leftovers, units)
    for head in titles.values():
        notes.decide(page.name, head.no, f"'{_text(head)}' heads the picture under it: its caption is under the picture")
    drafts += [Draft(min(u.no, titles[id(u)].no) if id(u) in titles else u.no, caption=u, title=titles.get(id(u)))
               for u in units if isinstance(u, Caption)]
    features = [b for b in bodies if b.is_feature]
    unplaced = []
    for head in (h for h in leftovers if all(h is not t for t in titles.values())):
        if features and len(head.lines) == 1 and not _marked(head):
            nearest = min(features, key=lambda b: abs(b.no - head.no))
            nearest.displaced.append(head)
            notes.decide(page.name, head.no, f"'{_text(head)}' is a displaced subhead of the feature at line {nearest.no}")
            nearest.evidence.append(f"subhead '{_text(head)}' at {notes.at(page.name, head.no)}: no body took it; "
                                    "the nearest feature did")
        else:
            unplaced.append(head)
            notes.warn(page.name, head.no, f"could not place '{_text(head)}'; kept in an unplaced article")
    if unplaced:
        drafts.append(Draft(unplaced[0].no, unplaced=unplaced))
    for body in features:
        if body.displaced:
            _place_subheads(body, notes, page.name)
    return sorted(drafts, key=lambda d: d.at)


def _photo_titles(leftovers: list[Head], units: list[Body | Head | Caption]) -> dict[int, Head]:
    """A head no body could take, right before a caption in a PDF's caption type (small or
    italic, beside a picture): the picture's headline, printed over it with the caption
    under it (a photo story: `梅子坳村油菜花开`). Keyed by the caption's id."""
    at = {id(u): k for k, u in enumerate(units)}
    out: dict[int, Head] = {}
    for head in leftovers:
        k = at.get(id(head))
        if (k is not None and k + 1 < len(units) and isinstance(nxt := units[k + 1], Caption) and nxt.lines[0].caption
                and not fields.BOX_BYLINE.match(_text(head))):  # an author box (□ 王子涵) heads no picture
            out.setdefault(id(nxt), head)
    return out


def _text(head: Head) -> str:
    return head.raw


def _signatures(pieces: list[Piece], w: Weights, notes: Notes, name: str,
                learned: Learned) -> tuple[list[Piece], set[int]]:
    """Bylines and signatures set right or centred on a line of their own (the written
    rules take only those at the margin): 晚报记者 叶澜 under a headline opens its story;
    under a paragraph, a byline or a name pushed to the column's right edge (读者 李国平,
    河东区 马玉珍（72岁）, Margaret Yip, Wo Lok) signs the story or letter above and closes
    it. Returns the pieces and the ids of the closing ones."""
    out: list[Piece] = []
    closing: set[int] = set()
    pieces = [p for piece in pieces for p in _signature_off(piece, w, learned)]
    for k, piece in enumerate(pieces):
        prev = out[-1] if out else None
        if isinstance(piece, Para) and (tag := _note_under(out, piece)) is not None:
            piece = tag  # a writer's note cut off the story's last paragraph (_signature_off)
        if (isinstance(piece, Byline) and isinstance(prev, Para)
                and (len(piece.lines) == 1 and piece.lines[0].indent >= w.heavy_indent or piece.signs)):
            closing.add(id(piece))  # a byline the rules found, set right under the text
            out.append(piece)
            continue
        line = piece.lines[0] if isinstance(piece, Para | Head) and len(piece.lines) == 1 else None
        bracketed = line is not None and paragraphs.bracketed(line.text)
        boxed_apart = line is not None and line.box is not None and not (isinstance(prev, Para) and prev.lines[-1].box == line.box)
        if (line is None or line.indent < w.heavy_indent and not bracketed or line.credit or boxed_apart
                or getattr(piece, "credit", None) or fields.closed_before(line.text)):
            out.append(piece)
            continue
        after_text = isinstance(prev, Para) and not prev.credit and not _over_date(pieces, k, w)
        before_text = isinstance(prev, Head) and k + 1 < len(pieces) and isinstance(pieces[k + 1], Para)
        found = fields.signature(line.text) if after_text else None
        whole = fields.trailing_byline(line.text.strip())
        if found is not None and whole is not None and not whole[0].strip():
            pass  # a whole line in brackets signs the story wherever it is set
        elif found is not None and fields.own_line_byline(line.text) is None and not fields.ROLES.search(line.text):
            measure = max(ln.indent + cells(ln.text) for ln in prev.lines)
            if line.indent + cells(line.text) < measure - w.full_margin:  # a bare name must sit at the right edge
                found = None
        if found is None and before_text and (own := fields.own_line_byline(line.text)) is not None and own[1]:
            found = own
        if found is None:
            out.append(piece)
            continue
        byline = Byline(piece.lines, text=found[0], names=found[1])
        if id(piece) in learned:
            learned[id(byline)] = learned[id(piece)]
        if after_text:
            closing.add(id(byline))
        notes.decide(name, piece.no, f"'{found[0]}' set apart on its own line is a "
                     + ("signature: it closes the story above" if after_text else "byline: it opens the story below"))
        out.append(byline)
    return out, closing


def _over_date(pieces: list[Piece], k: int, w: Weights) -> bool:
    """Whether piece `k` is a line of a notice's signature: a date line or a signature
    block under it, directly or under more lines set right (孤子　何家明 / 孤女　何美玲 /
    暨　內外孫等　泣告 / 二〇二六年…)."""
    for j in range(k + 1, min(k + 1 + SIGNATURE_LINES, len(pieces))):
        nxt = pieces[j]
        if not isinstance(nxt, Para | Head | Signature):
            return False
        if isinstance(nxt, Signature) or fields.DATE_LINE.match(nxt.lines[0].text.strip()):
            return True
        if len(nxt.lines) > 1 or nxt.lines[0].indent < w.heavy_indent:
            return False
    return False


def _openings_apart(pieces: list[Piece], learned: Learned) -> list[Piece]:
    """A line that is only a story's dateline and bracketed byline (本报讯 （记者 黎婷）,
    新华社北京5月12日电 （记者 于文博）), printed apart over the story's text or over its
    headline: the start of the story's first paragraph, after the head group it stands over."""
    out: list[Piece] = []
    waiting: Para | None = None
    for piece in pieces:
        if waiting is not None and isinstance(piece, Para) and not piece.credit:
            joined = Para(waiting.lines + piece.lines, gap_before=piece.gap_before)  # the text it opens
            if id(piece) in learned:
                learned[id(joined)] = learned[id(piece)]
            piece, waiting = joined, None
        elif waiting is not None and not isinstance(piece, Head):
            out.append(waiting)
            waiting = None
        if (isinstance(piece, Head) or isinstance(piece, Para) and not piece.credit) and len(piece.lines) == 1 \
                and _opening_alone(piece.raw):
            if waiting is not None:
                out.append(waiting)
            waiting = Para(piece.lines)
            continue
        out.append(piece)
    return out + ([waiting] if waiting is not None else [])


_FIGURE = regex.compile(r"\p{Nd}")


_RUNNING = regex.compile(r"[。！？!?]|\.(?:\s|$)")  # a sentence's end: running text, not a table's rows


def _plain_under_head(pieces: list[Piece], notes: Notes, name: str) -> list[Piece]:
    """A page PDF's one line in the body's plain type (or smaller), right under a head in
    display type and over body text, in which the written byline rules read a writer, is the
    story's byline line, not a head of the group (`本報記者李詠恩舊金山報導`, `亲情絮语　□苏晓岚`,
    `解答：資深傢俬修復師 馮國棟`, `方若愚`): read as heads they became the deck, or the headline
    with the real headline left to no story. A plain line that names no writer is a byline
    line of no names, its text kept whole: no development deck is set in plain body type
    (pdf17head's census of every head pair), so a writer is only what the byline rules read
    (review17). Two shapes stay heads: a line opening with dashes (`——记东岭一中教师林小雨`, the
    deck's own mark) and a line holding figures (an obituary's life dates, `1945 - 2025`,
    under the name). Text pages tell no type: nothing moves."""
    out = list(pieces)
    for k in range(1, len(out) - 1):
        head, above, under = out[k], out[k - 1], out[k + 1]
        if (isinstance(head, Head) and isinstance(above, Head) and isinstance(under, Para | Caption) and len(head.lines) == 1
                and not head.bold and 0 < head.size <= 1 + SIBLING and (above.bold or above.size > 1 + SIBLING)
                and not _FIGURE.search(head.raw) and None not in (head.lines[0].top, above.lines[0].top)
                and head.lines[0].top > above.lines[0].top and not _DASH_START.match(head.raw.strip())):
            names = _plain_writers(head.raw.strip(), under)
            out[k] = Byline(head.lines, text=regex.sub(r"\s+", " ", head.raw.strip()), names=names)
            notes.decide(name, head.no, f"'{head.raw[:30]}' is a byline line: a line in the body's plain type under a display head")
    return out


def _plain_writers(line: str, under: Para | Caption) -> list[str]:
    """The writers a plain line under a display head names, as the written byline rules read
    them: a name line (`行政書士 陳美玲`, `解答：資深傢俬修復師 馮國棟`), a byline alone on its
    line, names after a role word, a box byline in its last word (`亲情絮语　□苏晓岚`), or one
    word of two to four Han glyphs alone over running text (`方若愚`). A role word with no name
    read, a short word alone over no running text (`拍品` over a table's rows), or a line that
    names nobody (`大致多雲`), is a byline of no names."""
    for reader in (fields.name_line, fields.own_line_byline):
        found = reader(line)
        if found and found[1]:
            return found[1]
    names = fields.authors(line)[1]
    if names:
        return names
    tokens = line.split()
    box = fields.BOX_BYLINE.match(tokens[-1]) if tokens else None
    if box and (boxed := fields.box_writers(box["by"])[1]):
        return boxed
    if len(tokens) == 1 and regex.fullmatch(r"\p{Han}{2,4}", tokens[0]):  # no deck is one short word
        return tokens if isinstance(under, Para) and _RUNNING.search(under.raw) else []
    return []


def _opening_alone(text: str) -> bool:
    o = fields.opening(text.strip())
    return o.dateline is not None and o.byline is not None and o.rest >= len(text.strip())


def _box_byline(piece: Piece) -> Piece:
    """A head of one plain line that is an author box naming a role (■本报记者 李明,
    □通讯员 周岚): the story's byline, whatever the models would call it. A bulleted title
    names no role; a brief list of them is read before (briefs.brief_list)."""
    if not isinstance(piece, Head) or len(piece.lines) != 1 or piece.lines[0].bold:
        return piece
    box = fields.BOX_BYLINE.match(piece.lines[0].text.strip())
    return BoxByline(piece.lines[0], box["by"]) if box and fields.ROLES.search(box["by"]) else piece


def _signature_off(piece: Piece, w: Weights, learned: Learned) -> list[Piece]:
    """A paragraph with a line inside it that ends a story: a jump line (…（下转第2版）),
    or a signature after a sentence's end (or first, the layout having run it into the next
    block), set right (晚报记者 叶澜) or a whole line in brackets (（刘秀凤）, （学生记者 王一鸣）,
    （法治报记者 姚晴）).
    The paragraph is cut after the jump line or around the signature; what the layout ran
    on after it is read again (`_reread`)."""
    if not isinstance(piece, Para) or len(piece.lines) < 2 or piece.credit:
        return [piece]
    for j, line in enumerate(piece.lines):
        if j < len(piece.lines) - 1 and fields.JUMP_TO.search(line.text):
            parts: list[Piece] = [Para(piece.lines[: j + 1], gap_before=piece.gap_before)]
        elif j and _tagline_from(piece.lines, j):
            parts = [Para(piece.lines[:j], gap_before=piece.gap_before), Para(piece.lines[j:])]
            j = len(piece.lines)  # the note runs to the paragraph's end: nothing left to read again
        elif not (j == 0 or fields.closed_before(piece.lines[j - 1].text)) or fields.closed_before(line.text):
            continue
        elif ((line.indent >= w.heavy_indent or paragraphs.bracketed(line.text))
              and fields.signature(line.text) is not None
              or (trailing := fields.trailing_byline(line.text.strip())) is not None and not trailing[0].strip()):
            parts = [Para(piece.lines[:j], gap_before=piece.gap_before), Para([line])]
        else:
            continue
        parts += _reread(piece.lines[j + 1 :], parts[-1].lines[-1].no, w)
        parts = [p for p in parts if isinstance(p, BoxByline) or p.lines]
        for p in parts:
            if id(piece) in learned:
                learned[id(p)] = learned[id(piece)]
        return parts
    return [piece]


def _taglines(pieces: list[Piece], notes: Notes, name: str) -> list[Piece]:
    """A writer's note under a story's last paragraph, with no stop (Pieter van Zyl is a
    horticulturist in Hillcrest, set right in a page PDF): the story's byline, which signs and
    closes it, before the models read it as a label or a head. It is set in body type or
    smaller, and on a text page right under the text, with no blank line (a headline in sentence
    case, `John Smith is the new captain`, is neither). A note that is a sentence (…teacher and
    writer.) stays a paragraph."""
    out: list[Piece] = []
    for piece in pieces:
        prev = out[-1] if out else None
        if not getattr(prev, "credit", None) and (tag := _note_under(out, piece)) is not None:
            notes.decide(name, piece.no, f"'{piece.raw[:40]}' names the writer of the story above: its byline")
            piece = tag
        out.append(piece)
    return out


def _note_under(above: list[Piece], piece: Piece) -> Byline | None:
    """`piece` as the byline a writer's note makes (`_tagline`) where it stands right under the
    text of the last piece `above`: a paragraph that ends a sentence, and on a text page no blank
    line between. A name the story's text already holds (`New York is a city …`, `Christmas Day
    is a time …`) is what the story is about, not who wrote it (review18b)."""
    tag = _tagline(piece)
    prev = above[-1] if above else None
    if (tag is None or not isinstance(prev, Para) or not _SENTENCE_END.search(prev.lines[-1].text.strip())
            or not (piece.lines[0].size > 0 or piece.lines[0].no == prev.lines[-1].no + 1)
            or _named_in(tag.names[0], _story_above(above))):
        return None
    return tag


def _story_above(above: list[Piece]) -> str:
    """The text of the paragraphs at the end of `above` back to the last head: the story a note closes."""
    paras: list[str] = []
    for piece in reversed(above):
        if not isinstance(piece, Para):
            break
        paras.append(" ".join(line.text.strip() for line in piece.lines))
    return " ".join(reversed(paras))


def _named_in(name: str, text: str) -> bool:
    """Whether `text` holds `name` as words of its own (line breaks and spacing aside)."""
    words = r"\s+".join(regex.escape(word) for word in name.split())
    return regex.search(rf"(?<!\p{{L}}){words}(?!\p{{L}})", text) is not None


def _tagline(piece: Piece) -> Byline | None:
    """A piece of one or two lines that is a writer's note with no stop, as a byline."""
    if (not isinstance(piece, Head | Para) or len(piece.lines) > TAGLINE_LINES or getattr(piece, "credit", None)
            or any(line.bold or line.size >= HEAD_TYPE for line in piece.lines)):  # a headline is display type
        return None
    if not _one_note(piece.lines):
        return None
    text = " ".join(line.text.strip() for line in piece.lines)
    found = english.tagline(text)
    if found is None or _SENTENCE_END.search(text):
        return None
    return Byline(piece.lines, text=text, names=[found], signs=True)


_SENTENCE_END = regex.compile(r"[.!?。！？][\"'”’」』)]*$")
TAGLINE_LINES = 2  # a column's closing note on its writer runs to two lines at most (Daniel Fung is a secondary / school teacher and writer.)


def _tagline_from(lines: list[Line], j: int) -> bool:
    """Whether lines `j` to the paragraph's end are a column's closing note on its writer (…early
    summer. / Pieter van Zyl is a horticulturist in Hillcrest), set after a sentence's end."""
    return (len(lines) - j <= TAGLINE_LINES and bool(_SENTENCE_END.search(lines[j - 1].text.strip()))
            and _one_note(lines[j:]) and english.tagline(" ".join(line.text for line in lines[j:])) is not None)


def _one_note(lines: list[Line]) -> bool:
    """Lines that can be one note: a second line goes on with the clause (in lower case) and is no jump line."""
    return not any(fields.JUMP_TO.search(line.text) for line in lines) and all(
        regex.match(r"\s*\p{Ll}", line.text) for line in lines[1:])


def _reread(lines: list, after: int, w: Weights) -> list[Piece]:
    """Lines the layout ran on into a paragraph past the end of its story, read again as
    blocks cut at blank lines: a bold line or a run of single glyphs (a vertical kicker:
    评/论/员/文/章) is a head, a short display block after a blank line a head, a line
    opened by a box mark a box byline, the rest paragraphs."""
    out: list[Piece] = []
    run: list = []

    def flush(gap: bool) -> None:
        i = 0
        while i < len(run):
            line = run[i]
            single = i
            while single < len(run) and len(run[single].text) == 1 and _HAN_GLYPH.match(run[single].text):
                single += 1
            if single - i >= 2:  # a vertical head, one glyph a line
                out.append(Head([Line(line.no, line.indent, "".join(ln.text for ln in run[i:single]), bold=True)]))
                i = single
            elif line.bold:
                out.append(Head([line]))
                i += 1
            elif (box := fields.BOX_BYLINE.match(line.text)) and i:
                out.append(BoxByline(line, box["by"]))
                i += 1
            else:
                rest = run[i:]
                if gap and out and _runs_on(out[-1], rest[0], w):
                    out[-1].lines.extend(rest)  # a paragraph carried on over a column break, as the layout read it
                else:
                    out.append(Head(rest) if gap and not out and headline_like(rest, w) else Para(rest, gap_before=gap))
                break
        run.clear()

    last = after
    for line in lines:
        if run and line.no > run[-1].no + 1:
            flush(run[0].no > last + 1)
            last = out[-1].line.no if isinstance(out[-1], BoxByline) else out[-1].lines[-1].no
        run.append(line)
    if run:
        flush(run[0].no > last + 1)
    return out


def _runs_on(above: Piece, line: Line, w: Weights) -> bool:
    """A re-read paragraph goes on in the block under the blank line that cuts it (a column
    break, which the layout had read through) when its last line stops mid-phrase (no stop:
    `…卻按年份整整` / `齊齊貼好，…`) and the line under the break is set flush."""
    return (isinstance(above, Para) and not above.credit and paragraphs.mid_phrase(above.lines[-1].text)
            and line.indent < w.indent and not line.bold)


def _units(pieces: list[Piece], closing: set[int] = frozenset()) -> list[Body | Head | Caption]:
    """Cut the body pieces where an article visibly starts or ends.

    A ruled box (known from a PDF's drawing) starts and ends an article, except a box of
    one or two paragraphs right under a headline: the intro of the article below it. A
    signature (`closing`) ends the article above it."""
    units: list[Body | Head | Caption] = []
    current: Body | None = None
    for piece in pieces:
        if id(piece) in closing and current is not None and current.paras:  # after a jump line too
            current.items.append(piece)
            current.closed = True
            current.evidence.append(f"the signature '{piece.text}' closes it")
            continue
        if isinstance(piece, Head | Caption):
            units.append(piece)
            current = None
            continue
        box = piece.line.box if isinstance(piece, BoxByline) else piece.lines[0].box
        starts = isinstance(piece, Byline) or isinstance(piece, Para) and (
            fields.DATELINE.match(piece.raw) or fields.JUMP_FROM.match(piece.raw)
            or (piece.gap_before and current is not None and current.paras
                and (piece.credit or _latin(piece) != _latin(current.paras[-1])))
            or _caption_under(piece, current)
        )
        boundary = current is not None and box != current.box
        if boundary and box is None and _intro_box(units, current):
            current.box, starts, boundary = None, False, False
            current.evidence.append("its opening paragraph is printed in a ruled box under the headline (an intro box)")
        if current is None or current.closed or boundary or (starts and current.paras):
            current = Body([], box=box)
            units.append(current)
        current.items.append(piece)
        if isinstance(piece, Signature) or (
            isinstance(piece, Para) and (piece.credit or fields.JUMP_TO.search(piece.raw)
                                         or fields.trailing_byline(piece.raw.strip()) is not None)  # signed
        ):
            current.closed = True
    return _closing_bylines(units)


def _caption_under(para: Para, story: Body | None) -> bool:
    """A paragraph with a photo credit on its own line, set right under a story's finished
    text with no blank line (…来得早。 / 石龙镇收购点，果农排队交售沙糖桔。  覃丽 摄): the
    caption of the picture printed with the story, a photo of its own. A story that opened
    as one (a dateline, a byline) or ran two paragraphs is no photo story's caption, so the
    credit does not turn the story into one. A credit alone on its line over a caption
    (图／卜凡) was given to the paragraph above it, so it cuts nothing here."""
    return bool(para.credit and any(line.credit for line in para.lines) and story is not None and story.paras
                and closed(story.paras[-1].raw) and not story.closed and (_opened(story) or len(story.paras) >= 2))


def _closing_bylines(units: list[Body | Head | Caption]) -> list[Body | Head | Caption]:
    """A byline line with no text of its own after it (本报记者　王芳 under the last
    paragraph) closes the story above it rather than opening an empty one."""
    out: list[Body | Head | Caption] = []
    for unit in units:
        if (isinstance(unit, Body) and all(isinstance(i, Byline) for i in unit.items) and out
                and isinstance(out[-1], Body) and out[-1].paras and unit.box == out[-1].box):
            out[-1].items += unit.items
            out[-1].evidence.append("the byline under its last paragraph closes it")
            continue
        out.append(unit)
    return out


def _intro_box(units: list[Body | Head | Caption], body: Body) -> bool:
    """A boxed body of one or two paragraphs set right under a headline printed outside
    the box (a title inside the box heads the box's own text)."""
    return (len(units) >= 2 and units[-1] is body and isinstance(units[-2], Head)
            and units[-2].lines[0].box != body.box
            and len(body.items) <= 2 and all(isinstance(i, Para) for i in body.items))


def _latin(para: Para) -> bool:
    """Whether a paragraph is written in Latin script (a language change starts an article)."""
    return len(_LATIN_CHAR.findall(para.raw)) > len(para.raw) / 2


def _merge(units: list[Body | Head | Caption], notes: Notes, name: str,
           learned: Learned | None = None, apart: Collection[int] = ()) -> list[Body | Head | Caption]:
    """Rejoin a body with the one before it when only subheads or captions lie between.

    A feature's subhead (one display line) interrupts the body without starting a new
    article; so does a photo caption set inside a column. So does a story's subhead: one
    display line the block model reads as a subhead rather than a head, after a body
    that opened as an article (a dateline or a byline) and before one that did not.
    A body that opens with a dateline, a jump line or an author box, or that is a photo
    story, always starts its own article, and one signed as a notice (issuer and date)
    never continues a feature; so does one whose heads stand under a line set
    aside as the page's furniture (`apart`: line numbers), see _relabelled.
    """
    out: list[Body | Head | Caption] = []
    for unit in units:
        if isinstance(unit, Body) and not _opened(unit) and not unit.is_photo and not _boxed_author(unit) \
                and not (out and isinstance(out[-1], Head) and _tabled(unit)):
            k = len(out) - 1
            while k >= 0 and isinstance(out[k], Head | Caption):
                k -= 1
            between = out[k + 1 :]
            heads = [u for u in between if isinstance(u, Head)]
            prev = out[k] if k >= 0 else None
            if isinstance(prev, Body) and not prev.closed and prev.box == unit.box \
                    and not _relabelled(prev, heads or unit.items, apart) and (
                (not heads and between)
                or (heads and prev.is_feature and not unit.is_notice and all(len(h.lines) == 1 for h in heads)
                    and (all(h.bold for h in heads) or (len(heads) == 1 and not _marked(heads[0]))))
                or (len(heads) == 1 and _opened(prev) and _story_subhead(heads[0], learned or {}))
                or (len(heads) == 1 and _sized_subhead(heads[0], out[:k], prev))
            ):
                prev.items.extend(heads)
                prev.items.extend(unit.items)
                prev.closed = unit.closed
                out[k + 1 :] = [u for u in between if isinstance(u, Caption)]
                for head in heads:
                    notes.decide(name, head.no, f"'{_text(head)}' is a subhead inside the article at line {prev.no}")
                    prev.evidence.append(f"subhead '{_text(head)}' at {notes.at(name, head.no)}: one display line "
                                         "between two parts of one story")
                continue
        out.append(unit)
    return out


# a wire-style opening any paper prints: 东南商报讯（记者…）, （八打灵再也7日讯）
_OPENING = regex.compile(r"^(?:[（(【]\p{Han}{1,8}(?:\d{1,2}月)?(?:\d{1,2}日)?[讯訊电電][】）)]"
                         r"|\p{Han}{1,8}(?:\d{1,2}月\d{1,2}日)?[讯訊电電](?=[（(【\s\u3000]))")


def _relabelled(prev: Body, after: Sequence[Head | BodyItem], apart: Collection[int]) -> bool:
    """Whether a line set aside as furniture stands between a body's last line and what
    follows it: a column label (【养生】, 梨 园 快 讯) or a folio there opens another column's
    story, never a subhead inside the story above."""
    end = max(line.no for line in _lines_of(prev.items[-1]))
    start = min(line.no for line in (after[0].lines if isinstance(after[0], Head) else _lines_of(after[0])))
    return any(end < no < start for no in apart)


def _boxed_author(body: Body) -> bool:
    """A body that opens with its own author box (◎ 林默 under a poem's title): another
    writer's piece, never a section of the feature above."""
    return isinstance(body.items[0], BoxByline)


def _tabled(body: Body) -> bool:
    """A body that opens with a table's rows (see tables): under a head, that head is the
    table's title and the table an article of its own, not a section of the story above."""
    first = body.items[: furniture.TABLE_ROWS]
    return len(first) == furniture.TABLE_ROWS and all(isinstance(i, Para) and len(i.lines) == 1 for i in first) \
        and tables.table([i.raw for i in first])


def _opened(body: Body) -> bool:
    """A body that opens as an article: a byline, a dateline or a jump line."""
    return body.hard_start or bool(body.paras and _OPENING.match(body.paras[0].raw.strip()))


def _story_subhead(head: Head, learned: Learned) -> bool:
    """One unmarked display line the block model reads as a subhead more than as any head."""
    if len(head.lines) != 1 or _marked(head) or id(head) not in learned:
        return False
    pr = learned[id(head)][0]
    return pr["subhead"] > sum(pr[r] for r in _ROLES)


_DECK = 0.8  # a display line under (over) a headline in type this much smaller is its deck (kicker)
SUBHEAD_TYPE = 1.3  # a PDF's subhead inside a story is set smaller than this against the body's size
SUBHEAD_SHARE = 0.7  # and at most this share of the size of the story's headline
SUBHEAD_ABOVE = 0.5  # body ems: a subhead's top stands no higher than this over its story's first text line
SIBLING = 0.05  # a head within this much of the size of a head over the text above is its sibling (the next brief)


def _sized_subhead(head: Head, before: list[Body | Head | Caption], story: Body) -> bool:
    """One unmarked display line of a PDF, in type a little larger than the body's (a bold
    line in body type is a brief's or a list's title) and much
    smaller than the headline over the story it interrupts (the nearest head group before
    that story's text), and in a size of its own: a subhead inside the story. A brief's
    title after another brief's text is set as large as that one's title, so it is taken
    for the next brief, not a subhead. A subhead stands among the story's text, never above
    its first line (a table's title at the top of the next column, level with the story's
    headline, is not the story's)."""
    if len(head.lines) != 1 or _marked(head) or not 1 + SIBLING < head.size < SUBHEAD_TYPE:
        return False
    first = story.paras[0].lines[0].top if story.paras else None
    if head.lines[0].top is not None and first is not None and head.lines[0].top < first - SUBHEAD_ABOVE:
        return False
    k = len(before) - 1
    while k >= 0 and isinstance(before[k], Caption):
        k -= 1
    top = []
    while k >= 0 and isinstance(before[k], Head):
        top.append(before[k].size)
        k -= 1
    return (bool(top) and head.size <= SUBHEAD_SHARE * max(top)
            and not any(abs(size - head.size) <= SIBLING for size in top))


def _marked(head: Head) -> bool:
    """A kicker's trailing dashes or a subheadline's leading ones."""
    return bool(_DASH_START.match(_text(head)) or _DASH_END.search(_text(head)))


def _group(heads: list[Head], w: Weights, flip: bool = False, after: bool = False) -> tuple[float, Group] | None:
    """Read one to three blocks as kicker / headline / subheadline, with a cost. With `flip`
    two unmarked blocks get the other reading (what the page decoder may prefer: `_reading`):
    kicker and headline where the case or size rule sees a headline over its deck, and
    headline and deck where the rules see a kicker over its headline but the first is set
    in display bold over a plain line (a kicker is not set heavier than its headline); None
    when there is no other reading. `after`: the group is printed under its story (a tail),
    where no label stands (a label stands over what it labels)."""
    if not heads or len(heads) > 3 or flip and len(heads) != 2:
        return None
    if not after and any(_label_shaped(a) and _typed_label(a, b, w) for a, b in zip(heads, heads[1:])):
        return None  # a PDF: a label by its type heads no group over its story (`_labelled` sets it aside)
    # leading dashes mark a subheadline; a line framed in dashes (——安全生产百日攻坚——) is a kicker
    is_sub = [bool(_DASH_START.match(_text(h))) and not _DASH_END.search(_text(h)) for h in heads]
    styles = [english.case_style(_text(h)) if _LATIN.search(_text(h)) else "" for h in heads]
    for i in range(1, len(heads)):  # an English deck: sentence case under a headline that is not
        is_sub[i] = is_sub[i] or (styles[i] == "sentence" and styles[i - 1] in ("title", "upper"))
        is_sub[i] = is_sub[i] or 0 < heads[i].size < _DECK * heads[i - 1].size  # a PDF: a smaller deck under it
    is_kick = [bool(_DASH_END.search(_text(h))) for h in heads]
    extra = 0.0
    if flip:
        if any(is_kick) or _DASH_START.match(_text(heads[1])):
            return None  # dashes mark the roles
        if not is_sub[1] and not (heads[0].bold and not heads[1].bold):
            return None  # a deck under its headline is set in a lighter weight than the headline
        is_sub[1] = not is_sub[1]
        extra = w.unmarked_kicker if is_sub[1] else 0.0  # an unmarked deck costs what an unmarked kicker does
    sub = heads[-1] if len(heads) > 1 and is_sub[-1] else None
    rest = heads[:-1] if sub else heads
    if any(is_sub[: len(rest)]) or len(rest) > 2 or is_kick[len(rest) - 1]:
        return None
    if len({h.lines[0].box for h in heads}) > 1:
        return None  # a PDF: one group never crosses a ruled box's edge
    headline = rest[-1]
    cost = w.indented_headline if headline.indent >= 2 else 0.0
    kicker = rest[0] if len(rest) == 2 else None
    if kicker is not None and headline.size and kicker.size > headline.size:
        return None  # a PDF: a kicker is set smaller than its headline (a nameplate over the lead headline is none)
    if not _stacked(kicker, headline):
        return None  # a PDF: a kicker stands over its headline
    if len({h.bold for h in heads}) > 1:
        cost += w.mixed_group  # one group is set in one weight
    if len({bool(_LATIN.search(_text(h))) for h in heads}) > 1:
        cost += w.mixed_group * 2  # and in one language
    if kicker is not None and not is_kick[0] and not _sized_kicker(kicker, headline):
        cost += w.unmarked_kicker + (0.2 if len(_text(kicker)) > len(_text(headline)) else 0)
        cost += w.long_latin_kicker if styles[0] and len(_text(kicker).split()) > 4 else 0  # an English kicker is a label
        cost += w.bold_kicker if kicker.bold else 0  # display-bold lines are headlines or subheads
    return cost + extra, Group(kicker, headline, sub)


def _reading(heads: list[Head], body: Body, after: bool, w: Weights, learned: Learned,
             texted: set[int | None]) -> tuple[float, Group] | None:
    """The cheapest reading of heads given to a body: the written rules' own, and, where the
    page decoder read them, the other reading of two unmarked blocks (`_group`'s `flip`),
    each with what the block model and the decoder say against the roles it gives."""
    decoded = any(learned.get(id(h), (0, 0, None))[2] is not None for h in heads)
    readings = [parsed for flip in ((False, True) if decoded and w.roles else (False,))
                if (parsed := _group(heads, w, flip, after)) is not None]
    if not readings:
        return None
    roles = [_role_regret(group, after, w, learned) for _, group in readings]
    return min(((cost + _fit(group, body, w, texted) + _doubt(group, w, learned) + role - min(roles), group)
                for (cost, group), role in zip(readings, roles)), key=lambda t: t[0])


_STOP = regex.compile(r"[。！？!?.…][”’」』）)\"']*$")  # a sentence's end, after a figure too (on December 28.)


def _stacked(kicker: Head | None, headline: Head) -> bool:
    """Whether a page PDF's kicker stands as a kicker is printed: over its headline, ending
    no lower on the page than the headline's first line does (a line level with it, smaller,
    ends higher). A head in the next column that stands a little higher is not the headline
    of a deck read before it (`访青年作家沈默` under `写小镇，就是写我们每个人的来处`, beside
    `《老街的灯》`), nor a vertical headline the kicker of the head beside its foot. Text pages
    tell no positions: there every kicker stands."""
    if kicker is None or None in (kicker.lines[-1].top, headline.lines[0].top):
        return True
    return kicker.lines[-1].top + kicker.lines[-1].size <= headline.lines[0].top + headline.lines[0].size


def _sized_kicker(kicker: Head, headline: Head) -> bool:
    """A PDF's kicker: a phrase set over its headline in type much smaller (as a deck is
    under it), ending no sentence; no dashes needed to mark it, and its weight says nothing."""
    return 0 < kicker.size < _DECK * headline.size and not _STOP.search(_text(kicker))


def _bigrams(text: str) -> set[str]:
    letters = _WORD_CHARS.findall(text.lower())
    return {a + b for a, b in zip(letters, letters[1:])}


def _echo(group: Group, body: Body) -> float:
    """How much of the headline the body's opening repeats (0–1): news headlines restate
    the first paragraph, so this breaks ties between a group before and one after."""
    head = _bigrams(_text(group.headline))
    opening = "".join(p.raw for p in body.paras[:2])[:300]
    return len(head & _bigrams(opening)) / len(head) if head else 0.0


def _boxes(body: Body) -> set[int | None]:
    """The ruled boxes a body's text stands in."""
    return {line.box for item in body.items for line in (item.lines if hasattr(item, "lines") else [item.line])}


def _texted(bodies: list[Body]) -> set[int | None]:
    """The ruled boxes that hold text."""
    return {box for b in bodies for box in _boxes(b) if box is not None}


def _fit(group: Group, body: Body, w: Weights, texted: set[int | None] = frozenset()) -> float:
    """A headline is in its body's script and echoes its opening; notice titles belong to
    notices; a head printed inside a ruled box that holds text (`texted`) heads that text
    only (a PDF may rule a box round a head alone, which heads the text beside it)."""
    if any(h.lines[0].box in texted and h.lines[0].box not in _boxes(body) for h in group.heads):
        return float("inf")
    cost = -w.echo * _echo(group, body)
    if body.paras and bool(_LATIN.search(_text(group.headline))) != _latin(body.paras[0]):
        cost += w.mixed_group
    if fields.NOTICE_TITLE.search(_text(group.headline)):
        return cost + (-0.5 if body.is_notice else 1.0)
    return cost + (0.3 if body.is_notice else 0.0)


def _leftover_cost(heads: list[Head], feature: bool, w: Weights) -> float:
    """Untaken text is costly; an untaken bold line is cheap when a feature can take it as a subhead."""
    cost = 0.0
    for h in heads:
        if feature and len(h.lines) == 1 and not _marked(h):
            cost += w.leftover_indented_subhead if h.indent >= 2 else w.leftover_subhead
        else:
            cost += w.leftover_text
    return cost


def _regret(heads: list[Head], after: bool, w: Weights, learned: Learned) -> float:
    """What the page decoder says against giving these blocks a head's role on this side of
    their body: how much worse the best label sequence of the page scores with them read as
    heads at all (weighted by `sequence`), and, less (`side`), with them read as heads on
    this side (a tail headline after its body, or heads before it). Like the classifier it
    only doubts: a block left unplaced costs what the written rules say."""
    cost = 0.0
    for h in heads:
        dec = learned.get(id(h), (0, 0, None))[2]
        if dec is not None:
            anyhow = dec.cost((*HEADS, "tail"))
            cost += w.sequence * anyhow + w.side * (dec.cost(("tail",) if after else HEADS) - anyhow)
    return cost


def _role_regret(group: Group, after: bool, w: Weights, learned: Learned) -> float:
    """What the page decoder says against the role each block of a group is given: how much
    worse the page's best label sequence scores with it read as this kicker, headline or
    deck than as the head it reads best as (weighted by `roles`). `_regret` asks whether a
    block is a head at all; this asks which one, so a column label the decoder reads as a
    kicker (or as no head) does not become the headline with the real headline as its deck.
    A group after its body is a tail to the decoder, which tells no roles apart there."""
    if after or not w.roles:
        return 0.0
    cost = 0.0
    for head, role in ((group.kicker, "kicker"), (group.headline, "headline"), (group.sub, "subheadline")):
        dec = learned.get(id(head), (0, 0, None))[2] if head is not None else None
        if dec is not None:
            cost += dec.regret[role] - dec.cost(HEADS)
    return w.roles * cost


def _labelled(run: list[Head], p: int, s: int, learned: Learned, w: Weights) -> tuple[list[Head], Head | None, str]:
    """The heads of a run left to no group, and among them the label (with why): the last
    one, right over the group taken by the body after the run, when its type says so
    (`_typed_label`), or when the page decoder reads it as no article's (other) and the
    head under it as the headline (`COURTS` over `Former manager jailed for HK$3m fraud`,
    `法 律 信 箱` over its letter's headline). Such a label is set aside as furniture, not
    kept as an unplaced article."""
    left = run[p : len(run) - s]
    if not left or not s or not _label_shaped(left[-1]):
        return left, None, ""
    if why := _typed_label(left[-1], run[len(run) - s], w):
        return left[:-1], left[-1], f"a label over a headline: {why}"
    over, under = (learned.get(id(h), (0, 0, None))[2] for h in (left[-1], run[len(run) - s]))
    if over is None or under is None:
        return left, None, ""
    if not (over.label == "other" and under.label == "headline"
            or _label_over(over, under, left[-1], run[len(run) - s], learned[id(left[-1])][0])):
        return left, None, ""
    return left[:-1], left[-1], f"learned furniture: a label over a headline: {over.explain()}"


def _typed_label(label: Head, head: Head, w: Weights) -> str:
    """Why a page PDF's line over a head is a label by its type alone ("" when it is not)."""
    if _capitals_label(label, head):
        return "plain capitals in type smaller than the bold head under it"
    if _small_head_label(label, head, w):
        return "bold body type over a bold head less than twice its size and wider"
    return ""


def _small_head_label(label: Head, head: Head, w: Weights) -> bool:
    """A page PDF's column label over a minor item: one bold line in body type (not display
    type) over a bold head set less than twice its size (`Weights.label_share`) and wider
    than it (`读者来函` over `巴士站应加装座椅`, `法师开示` over `放下，不是放弃`, `MARINE NOTICE`
    over a notice). A kicker in body type stands over a lead story's headline two to three
    times its size (`产地直击` over `沙糖桔上市量增价稳`, `CITY HALL`), and a line wider than
    the short head under it is that head's headline (`老街坊送别苏老` over `讣告`)."""
    if len(label.lines) != 1 or not (label.bold and head.bold) or not 0 < label.size < HEAD_TYPE:
        return False
    wide = max(cells(line.text.strip()) * line.size for line in head.lines)
    return (label.size >= w.label_share * head.size and cells(_text(label).strip()) * label.size < wide
            and _stacked(label, head))


def _capitals_label(label: Head, head: Head) -> bool:
    """A page PDF's topic label told by its type alone: one line of Latin capitals in a plain
    (not bold) weight, set smaller than the bold head right under it (`TECHNOLOGY` over
    `Start-up fund attracts 300 applications`, `EDUCATION`, `COURTS`, `LETTERS TO THE
    EDITOR`). On every development PDF such a line over a head is a label, never a kicker
    (the kickers in capitals are bold: `CITY HALL`, `WEATHER WATCH`), so no model's verdict,
    which a retrain on one page more has flipped twice, decides it. Text pages tell no
    weight or size; Han labels and kickers share one type and place and are left to the
    models (`_label_over`)."""
    text = _text(label)
    return (len(label.lines) == 1 and not label.bold and head.bold and 0 < label.size < head.size
            and bool(_LATIN.search(text)) and not _HAN_GLYPH.search(text) and english.case_style(text) == "upper"
            and _stacked(label, head))


def _label_over(over: Decoded, under: Decoded, label: Head, head: Head, probs: dict[str, float]) -> bool:
    """A page PDF's label set in type smaller than the head under it, where either model,
    asked which of two readings it prefers, reads the upper block as furniture (other)
    rather than as any head, and the page decoder reads the lower one as the headline rather
    than as a kicker or furniture. Each is a comparison of two readings, not a model's single
    best label, and the two models are asked apart: a plain label over a display headline
    (`讀者來電` over `巴士站上蓋何時加建？`, `TECHNOLOGY` over `Start-up fund attracts 300
    applications`) has been read as body text, then as a kicker (0.11 behind furniture), by a
    decoder trained on one page more, while the block model still read it as furniture first.
    A text page tells no sizes: there the decoder's own labels decide (`_labelled`)."""
    if not (0 < label.size < head.size
            and under.regret["headline"] <= min(under.regret["kicker"], under.regret["other"])):
        return False
    return (over.regret["other"] < over.cost((*HEADS, "tail"))
            or probs.get("other", 0.0) > max(probs.get(r, 0.0) for r in (*HEADS, "subhead")))


_FIGURE_OR_MARK = regex.compile(r"[\p{Nd}\p{P}--[【】［］\[\]〔〕·・&|｜]]", regex.V1)  # a label's ornaments aside


def _label_shaped(head: Head) -> bool:
    """A label names a column or a topic: words alone, in ornaments at most (`【书边闲话】`,
    `法 律 信 箱`), with no figure and no punctuation. A kicker that says something of its
    story often holds a figure (`最高补贴500元`, `126支队伍2000余名学生参赛`), a headline
    quotes (`老旧小区加装电梯“一张图”可查进度`), and a byline or a signature line left over
    a headline holds a comma or brackets (`Margaret Yip, Wo Lok`, `（县农技推广中心 韦丽萍）`)."""
    return not _FIGURE_OR_MARK.search(_text(head))


def _doubt(group: Group, w: Weights, learned: Learned) -> float:
    """What the block model says against reading these blocks as an article's heads. It only
    doubts: a block left unplaced costs what the written rules say, so a rare head the
    model has seen little of (a one-word continuation head) is not pushed out of place."""
    cost = 0.0
    for head in group.heads:  # which of the three it is, the written rules read from dashes and case
        if id(head) in learned:
            cost += w.learned * -math.log(max(sum(learned[id(head)][0][r] for r in _ROLES), 1e-3))
    return cost


def _retype(page: PageLayout, notes: Notes, model: BlockModel | None, decoder: SequenceModel | None,
            w: Weights) -> tuple[list[Piece], Learned]:
    """Score every candidate block with the block model; keep the cuts and re-type the
    blocks it is sure of.

    The candidates are the layout's pieces with each paragraph cut where it was joined
    across a blank line (blocks.explode): a cut stands where the model is sure the part
    after it is not body text (a table under a story, a headline printed mid-column). A
    headline-like block the model reads as body text becomes a paragraph, one it reads as
    a byline a byline line; a block it reads as furniture (a table, a results list) is set
    aside whole and listed with the page's furniture, and so is a shorter head block that
    the model and the page decoder both read as furniture (a column label, an editor line)
    unless the text beside it restates it. Boxed and credited pieces and the
    written rules' own bylines and signatures are left as they are."""
    if model is None or not w.learned:
        return page.pieces, {}
    parts = blocks.explode(page.pieces)
    vectors = blocks.features([p.piece for p in parts])
    probs = [model.probabilities(v) for v in vectors]
    decoded = (decoder.decode([sequence.inputs(p, v) for p, v in zip(probs, vectors)])
               if decoder is not None and w.sequence else None)
    keep = [_keep_cut(parts, probs, i, w) for i in range(len(parts))]
    out: list[Piece] = []
    learned: Learned = {}
    rebuilt = blocks.rebuild(page.pieces, parts, keep)
    for k, (piece, run, cut) in enumerate(rebuilt):
        vector = vectors[run[0]]
        pr = {label: sum(probs[i][label] for i in run) / len(run) for label in blocks.LABELS}
        top, share = max(pr.items(), key=lambda t: t[1])
        why = f"the block model reads it as {top} ({share:.2f}: {', '.join(model.reasons(vector, top))})"
        if cut:
            notes.decide(page.name, piece.no, f"a block starts at line {piece.no} ({'after a blank line' if cut == 'blank' else 'a line of its own'}): {why}")
        plain = isinstance(piece, Head | Para) and not getattr(piece, "credit", None) and not any(
            line.box is not None or line.credit for line in piece.lines)
        cut_off = bool(cut) and pr["body"] <= 1.0 - w.sure  # a block the model cut off a body: not body text
        if plain and k == len(rebuilt) - 1 and _foot_line(piece) and not (out and isinstance(out[-1], Head)):
            page.furniture.append(SetAside(piece.no, piece.lines[0].text, "foot line"))
            notes.decide(page.name, piece.no, f"'{piece.raw[:30]}' set aside: the page's foot line")
            continue
        if plain and len(piece.lines) >= w.table_lines and decoded and all(
                decoded[i].label == "other" and decoded[i].cost(("body", "caption")) >= w.decoded_other for i in run):
            why = decoded[run[0]].explain()  # the page decoder reads it as furniture (a table, a list)
            top, share = "other", 1.0
        # a short head both models read as no article's (a column label, an editor line) and
        # that the text beside it does not restate, as a headline's story would
        label = (plain and isinstance(piece, Head) and top == "other" and share >= w.label_sure and decoded
                 and all(decoded[i].label == "other" and decoded[i].cost((*HEADS, "tail")) >= w.decoded_other
                         for i in run) and not _restated(piece, rebuilt, k) and not _jump_head(rebuilt, k)
                 and not _closes_page(rebuilt, k, page.furniture))
        if label:
            why = decoded[run[0]].explain()
        if label or plain and top == "other" and (share >= w.sure or cut_off) and len(piece.lines) >= w.table_lines:
            page.furniture += [SetAside(line.no, line.text, f"learned furniture: {why}") for line in piece.lines]
            notes.decide(page.name, piece.no, f"'{piece.raw[:30]}' set aside: {why}")
            continue
        if plain and share >= w.sure and isinstance(piece, Head) and top == "body":
            piece = Para(piece.lines, gap_before=True)
            notes.decide(page.name, piece.no, f"'{piece.raw[:30]}' is body text: {why}")
        elif plain and share >= w.sure and isinstance(piece, Head) and top == "byline" and (names := _names(piece.raw)):
            piece = Byline(piece.lines, text=regex.sub(r"\s+", " ", piece.raw.strip()), names=names)
            notes.decide(page.name, piece.no, f"'{piece.raw[:30]}' is a byline line: {why}")
        learned[id(piece)] = (pr, vector, _run_label(decoded, run) if decoded else None)
        out.append(piece)
    return out, learned


_MAILED = regex.compile(english.EMAIL)


def _foot_line(piece: Head | Para) -> bool:
    """The page's last line alone under a blank line, holding an e-mail address: where to
    write (`纳税服务热线 12366   投稿邮箱 swzc@ycwb.example`, `Letters to editor@tramwaytimes.example`),
    the page's foot line and never a story's text. Set aside after the models have read the
    page, so what they see of the lines over it is as before; under a head (插图 / 苏小棠) it
    is left as the head's text, or the head would be left with none. It is set flush: a line
    indented as a paragraph opens (`   Readers may send readings to ferry@…`) is a story's last
    paragraph, set alone after a column break."""
    return (len(piece.lines) == 1 and piece.lines[0].indent == 0 and (not isinstance(piece, Para) or piece.gap_before)
            and bool(_MAILED.search(piece.raw)))


def _closes_page(rebuilt: list[tuple[Piece, list[int], str]], k: int, furniture: list[SetAside]) -> bool:
    """Whether the head is the page's last text, right under a story's paragraph and over
    the foot line the written rules set aside (本版编辑 …): a label stands over what it
    labels, so a head with nothing left to label but the page's foot is the story's own
    headline printed under it (a paper that sets every headline after its story)."""
    if not 0 < k == len(rebuilt) - 1 or not isinstance(rebuilt[k - 1][0], Para):
        return False
    last = rebuilt[k][0].lines[-1].no
    return any(aside.no > last for aside in furniture)


def _jump_head(rebuilt: list[tuple[Piece, list[int], str]], k: int) -> bool:
    """Whether the head is followed by a continuation line (Continued from page 1, （上接1版）):
    a jumped story's head, which a column label never is. The line is the marker alone, or a
    bracketed marker opening the text (not a sentence that opens "From page 3 of …")."""
    if k + 1 >= len(rebuilt) or not isinstance(after := rebuilt[k + 1][0], Para):
        return False
    text = after.raw.strip()
    marker = fields.JUMP_FROM.match(text)
    return marker is not None and (marker.end() == len(text) or text[0] in "（(［[【")


_LATIN_WORD = regex.compile(r"\p{Latin}{4,}")
_HAN_PAIR = regex.compile(r"\p{Han}{2}")


def _words(text: str) -> set[str]:
    """A text's Latin words of four letters or more by their first four, and its pairs of Han glyphs."""
    return ({w[:4].lower() for w in _LATIN_WORD.findall(text)}
            | set(_HAN_PAIR.findall(text, overlapped=True)))


def _restated(piece: Piece, rebuilt: list[tuple[Piece, list[int], str]], k: int) -> bool:
    """Whether the text just before or after a head, or the opening of the story above it,
    repeats a third of its words: a headline restates its story (above it when printed
    after it), a column label or an editor line does not."""
    words = _words(piece.raw)
    opening = k - 1
    while opening > 0 and isinstance(rebuilt[opening - 1][0], Para):
        opening -= 1  # the first paragraph of the story above
    for j in dict.fromkeys((k - 1, k + 1, opening)):
        if words and 0 <= j < len(rebuilt) and isinstance(other := rebuilt[j][0], Para):
            text = other.raw[:300] if j > k else (other.raw[-300:] if j == k - 1 else "") + (
                other.raw[:300] if j == opening else "")
            if len(words & _words(text)) >= len(words) / 3:
                return True
    return False


def _run_label(decoded: list[Decoded], run: list[int]) -> Decoded:
    """The decoder's word on a piece made of these candidate blocks: the first block's label,
    and for each label the least regret of any of them."""
    first = decoded[run[0]]
    if len(run) == 1:
        return first
    return Decoded(first.label, {s: min(decoded[i].regret[s] for i in run) for s in first.regret}, first.into,
                   first.prev)


_LABEL = regex.compile(r"^【[^【】]{2,8}】")


def _keep_cut(parts: list[blocks.Part], probs: list[dict[str, float]], i: int, w: Weights) -> bool:
    """Whether a candidate cut stands: after a blank line, when the model is sure the part
    before or after it (itself cut off after a blank line) is not body text; after a piece's first line, when the model reads the first as a
    head and the second as a byline line (a headline over `报道：X`). A wrapped headline or
    deck is not cut: its second line reads as a head too, often as a different one."""
    cut = parts[i].cut
    if not cut:
        return False
    text = parts[i].piece.raw
    if fields.JUMP_TO.search(text) or fields.JUMP_FROM.match(text):  # the written rules read jump lines
        return False
    if cut == "blank" and _LABEL.match(text):
        return True  # a column label in lenticular brackets (【理论新知】) opens something new, never goes on with a sentence
    if cut == "blank" and isinstance(parts[i].piece, Head) and i + 1 < len(parts) \
            and isinstance(parts[i + 1].piece, BoxByline):
        return True  # a title over its author box (燕 子 / ◎ 林默) opens another writer's piece, never goes on with a poem
    if cut == "blank":  # a part surely not body ends where the next blank line is, too
        return 1.0 - probs[i]["body"] >= w.sure or (parts[i - 1].cut == "blank" and 1.0 - probs[i - 1]["body"] >= w.sure)
    if cut != "line" or not isinstance(parts[i].piece, Head):
        return False
    (a, pa), (b, pb) = (max(probs[k].items(), key=lambda t: t[1]) for k in (i - 1, i))
    heads = ("headline", "kicker", "subheadline", "subhead")
    return a in heads and b == "byline" and min(pa, pb) >= w.line_sure


def _names(text: str) -> list[str]:
    """The names in a byline line the written rules did not know (报道：张三, 张三 李四 报道)."""
    own = fields.own_line_byline(text)
    if own is not None:
        return own[1]
    names = fields.authors(text)[1]
    if names:
        return names
    return [t for t in _NAME_SPLIT.split(text) if t and fields.is_name(t) and not _NOT_NAME.search(t)]


def _solve(units: list[Body | Head | Caption], w: Weights, learned: Learned) -> tuple[float, list[Body], list[list[Head]], list[tuple[int, int]]]:
    """The cheapest headline assignment for these units, with the bodies and runs it used."""
    bodies = [u for u in units if isinstance(u, Body)]
    runs: list[list[Head]] = [[]]
    after_caption: set[int] = set()  # a caption between two heads keeps them in different groups
    for prev, unit in zip([None, *units], units):
        if isinstance(unit, Body):
            runs.append([])
        elif isinstance(unit, Head):
            runs[-1].append(unit)
            if isinstance(prev, Caption):
                after_caption.add(id(unit))
    cost, path = _assign(bodies, runs, after_caption, w, learned)
    return cost, bodies, runs, path


def _assign(bodies: list[Body], runs: list[list[Head]], after_caption: set[int], w: Weights,
            learned: Learned) -> tuple[float, list[tuple[int, int]]]:
    """Choose for each run how many heads go to the body before it (p) and after it (s)."""
    feature = any(b.is_feature for b in bodies)
    texted = _texted(bodies)
    # state: does the body before the current run already have a group?
    best: dict[bool, tuple[float, list[tuple[int, int]]]] = {True: (0.0, [])}
    for j, run in enumerate(runs):
        prev_body = bodies[j - 1] if j > 0 else None
        next_body = bodies[j] if j < len(bodies) else None
        nxt: dict[bool, tuple[float, list[tuple[int, int]]]] = {}
        for has, (base, path) in best.items():
            for p in range(len(run) + 1):
                if p and (prev_body is None or has):
                    continue
                for s in range(len(run) - p + 1):
                    if s and next_body is None:
                        continue
                    left, label, _ = _labelled(run, p, s, learned, w)
                    cost = base + _leftover_cost(left, feature, w) + (w.decoded_label if label else 0.0)
                    for body, heads in ((prev_body, run[:p]), (next_body, run[len(run) - s :])):
                        if heads:
                            parsed = _reading(heads, body, body is prev_body, w, learned, texted)
                            if parsed is None or any(id(h) in after_caption for h in heads[1:]):
                                cost = float("inf")
                                break
                            cost += parsed[0] + _regret(heads, body is prev_body, w, learned)
                            cost += w.unglued_side * _unglued(heads, body is prev_body, prev_body, next_body)
                            if body is next_body and _above(body, heads):
                                cost = float("inf")  # a page PDF: a head stands over its body, not under its first line
                            if (body is prev_body and any(h.size for h in heads)
                                    and not _tail(heads, body, None if p < len(run) and id(run[p]) in after_caption
                                                  else next_body, w)):
                                cost = float("inf")  # a page PDF is read in its printed order: heads stand over their body
                            if body is prev_body and body.is_photo:  # its credit closed it
                                # a PDF's picture over its caption: no head printed after the credit is its own
                                cost += float("inf") if _pictured(body) else w.photo_head_after
                    if 0 < p < len(run) and _glued(run[p - 1], run[p]):
                        cost += w.unglued_side  # a head taken up by the story above away from the head it is set on
                    if prev_body is not None and not has and not p:
                        cost += w.photo_no_headline if prev_body.is_photo else w.no_headline
                    if cost < nxt.get(bool(s), (float("inf"), []))[0]:
                        nxt[bool(s)] = (cost, path + [(p, s)])
        best = nxt
    return min(best.values(), key=lambda v: v[0])


def _glued(upper: Head, lower: Head) -> bool:
    """Two heads of a text page set one right over the other with no blank line (an issuer's
    name over its notice's title, a kicker over its headline): one head group, never the end
    of the story above and the start of the next."""
    last, first = upper.lines[-1], lower.lines[0]
    return last.top is None and not last.size and first.no == last.no + 1


def _lines_of(item: BodyItem) -> list[Line]:
    return [item.line] if isinstance(item, BoxByline) else item.lines


def _above(body: Body, heads: list[Head]) -> bool:
    """A page PDF: the body's first line stands higher on the page than the heads' first
    line by more than a line of the heads' type, so they cannot head it (they stand under
    its start: in another column, or under the story they close)."""
    top, first = _lines_of(body.items[0])[0].top, heads[0].lines[0]
    return top is not None and first.top is not None and top < first.top - max(first.size, 1.0)


def _tail(heads: list[Head], body: Body, next_body: Body | None, w: Weights) -> bool:
    """A page PDF's head printed under its story (at the foot of its text, as some papers set
    a feature's title): display heads stand under the body's last line, and the text after them
    starts higher up the page (or there is none), so they head nothing under them. They stand
    within `Weights.tail_reach` of its last line (seen: 1.3–6.2 body ems): an advertisement's display lines further down the
    page are no story's head (blind4's millbrook: `CEDAR FALLS HARDWARE` under the police log).
    Heads after a caption under them head the next body (the caller passes no next body then)."""
    last, first = _lines_of(body.items[-1])[-1].top, heads[0].lines[0].top
    return (last is not None and first is not None and 0 < first - last <= w.tail_reach
            and any(h.size >= HEAD_TYPE for h in heads) and (next_body is None or _above(next_body, heads)))


def _unglued(heads: list[Head], after: bool, prev_body: Body | None, next_body: Body | None) -> bool:
    """Whether heads given to the body on one side are set against the text on the other
    side with no blank line, and apart from their own body by one (on a text page: a head
    set right over its story's first line heads that story, not the one above it)."""
    lines = [line for h in heads for line in h.lines]
    if prev_body is None or next_body is None or any(line.top is not None or line.size for line in lines):
        return False
    above, below = _lines_of(prev_body.items[-1])[-1].no, _lines_of(next_body.items[0])[0].no
    first, last = lines[0].no, lines[-1].no
    glued_above, glued_below = above + 1 >= first >= above, last <= below <= last + 1
    return glued_below and not glued_above if after else glued_above and not glued_below


def _title_para(item: BodyItem, w: Weights) -> bool:
    """A one-line paragraph that reads as a headline (short, no sentence end, no clause
    punctuation, `w.headless_chars` letters at least, not a dateline, jump line or credit,
    not a table's row of three cells or more)."""
    return (isinstance(item, Para) and len(item.lines) == 1 and not item.credit and headline_like(item.lines, w)
            and not _CLAUSE.search(item.raw) and len(_WORD_CHARS.findall(item.raw)) >= w.headless_chars
            and len(furniture.cells(item.lines[0].text)) < 3)


def _headless(bodies: list[Body], notes: Notes, name: str, w: Weights) -> list[Body]:
    """Bodies the headline assignment left without a group, whose opening line reads as a
    headline (the block model took it for body text, or the layout ran it into the text):
    that line is the headline — of its own body, or, when it stands alone as a body, of
    the headless body after it (a jumped story's repeated head over （上接第1版）)."""
    out: list[Body] = []
    for k, body in enumerate(bodies):
        nxt = bodies[k + 1] if k + 1 < len(bodies) else None
        first = body.items[0] if body.items else None
        if body.group is not None or first is None or not _title_para(first, w) or body.is_notice:
            out.append(body)
            continue
        head = Head(first.lines)
        if len(body.items) == 1 and nxt is not None and nxt.group is None and not nxt.is_photo:
            nxt.group = Group(None, head, None)
            nxt.evidence.append(f"headline at {notes.at(name, head.no)}: a headline-like line alone over this "
                                "headless body")
            notes.decide(name, head.no, f"'{_text(head)}' heads the body at line {nxt.no}")
            continue
        if len(body.items) > 1 and not body.is_photo:
            body.items = body.items[1:]
            body.group = Group(None, head, None)
            body.evidence.append(f"headline at {notes.at(name, head.no)}: the headless body opens with a "
                                 "headline-like line")
            notes.decide(name, head.no, f"'{_text(head)}' heads the body it opens")
        out.append(body)
    return out


def _pictured(body: Body) -> bool:
    """A photo story whose caption a PDF's geometry tied to the picture printed over it."""
    return any(line.caption for para in body.paras for line in para.lines)


def _apply(bodies: list[Body], runs: list[list[Head]], path: list[tuple[int, int]],
           notes: Notes, name: str, w: Weights, learned: Learned, label_heads: list[tuple[Head, str]]) -> list[Head]:
    """Give the bodies their groups; return the heads nobody took (the labels over a
    headline among them go to `label_heads`)."""
    leftovers: list[Head] = []
    texted = _texted(bodies)
    for j, (run, (p, s)) in enumerate(zip(runs, path)):
        if p:
            _give(bodies[j - 1], run[:p], "after", notes, name, w, learned, texted)
        if s:
            _give(bodies[j], run[len(run) - s :], "before", notes, name, w, learned, texted)
        left, label, why = _labelled(run, p, s, learned, w)
        leftovers += left
        if label is not None:
            label_heads.append((label, why))
    return leftovers


def _split_point(body: Body) -> int | None:
    """Where a body holding two articles would divide: at a blank line before an indented
    paragraph; before a feature's intro (the paragraphs above its box byline), before a
    notice's opening paragraph (it announces what follows: 现将有关事项公告如下：),
    else at the last such gap."""
    gaps = [i for i, it in enumerate(body.items) if i and isinstance(it, Para) and it.gap_before
            and isinstance(body.items[i - 1], Para)]
    if not gaps:
        return None
    box = _lead_end(body.items)
    if box > 0 and any(g < box for g in gaps):
        return max(g for g in gaps if g < box)
    if body.is_notice:
        opening = [i for i in gaps if _ANNOUNCES.search(body.items[i].raw)]
        if opening:
            return opening[-1]
    return gaps[-1]


def _give(body: Body, heads: list[Head], where: str, notes: Notes, name: str, w: Weights,
          learned: Learned, texted: set[int | None]) -> None:
    parsed = _reading(heads, body, where == "after", w, learned, texted)
    assert parsed is not None
    body.group = parsed[1]
    notes.decide(name, heads[0].no, f"headline '{_text(parsed[1].headline)}' stands {where} its body (line {body.no})")
    why = [f"{where} its body"]
    why += ["display type (fake bold or a large size)"] if parsed[1].headline.bold else ["reads as a headline (short, no sentence end)"]
    echo = _echo(parsed[1], body)
    why += [f"the opening repeats {echo:.0%} of it"] if echo else []
    why += ["a notice title over a signed notice"] if body.is_notice and fields.NOTICE_TITLE.search(_text(parsed[1].headline)) else []
    if id(parsed[1].headline) in learned:
        probs = learned[id(parsed[1].headline)][0]
        top = sorted(probs.items(), key=lambda t: -t[1])[:2]
        why += ["the block model: " + ", ".join(f"{k} {v:.2f}" for k, v in top)]
    body.evidence.append(f"headline at {notes.at(name, parsed[1].headline.no)}: " + ", ".join(why + _decoded(
        parsed[1].headline, learned)))
    for h, role in ((parsed[1].kicker, "kicker"), (parsed[1].sub, "subheadline")):
        if h is not None:
            said = (["marked by dashes"] if _marked(h) else []) + _decoded(h, learned)
            body.evidence.append(f"{role} at {notes.at(name, h.no)}" + (": " + ", ".join(said) if said else ""))


def _decoded(head: Head, learned: Learned) -> list[str]:
    """The page decoder's label for a head, the transition into it and its nearest rivals."""
    dec = learned.get(id(head), (0, 0, None))[2]
    return [dec.explain()] if dec is not None else []


def _place_subheads(body: Body, notes: Notes, name: str) -> None:
    """Put displaced subheads at the blank-line gaps of a feature that balance its sections.

    A displaced subhead leaves an empty line where it belonged; column breaks at a
    paragraph boundary leave the same mark, so among more gaps than subheads the
    choice that makes the sections most even in length wins (and is reported).
    """
    items = body.items
    first = next((i for i, it in enumerate(items) if isinstance(it, Para) and i > _lead_end(items)), None)
    gaps = [
        i for i, it in enumerate(items)
        if isinstance(it, Para) and it.gap_before and first is not None and i > first
        and not isinstance(items[i - 1], Head | BoxByline)
    ]
    heads = sorted(body.displaced, key=lambda h: h.no)
    k = min(len(heads), len(gaps))
    best: tuple[int, ...] = ()
    if k:
        if math.comb(len(gaps), k) <= _EXHAUSTIVE:
            best = min(itertools.combinations(gaps, k), key=lambda c: _imbalance(items, set(c)))
        else:  # a long feature with many gaps: add the best gap one at a time
            chosen: set[int] = set()
            for _ in range(k):
                chosen.add(min((g for g in gaps if g not in chosen), key=lambda g: _imbalance(items, chosen | {g})))
            best = tuple(sorted(chosen))
        if len(gaps) > k:
            notes.warn(name, heads[0].no, f"{len(gaps)} possible places for {k} displaced subhead(s); chose the most even sections")
    for at, head in sorted(zip(best, heads[:k]), reverse=True):
        items.insert(at, head)
        notes.decide(name, head.no, f"subhead '{_text(head)}' placed before line {items[at + 1].no}")
    rest = heads[k:]
    if rest:
        at = next((i for i, it in enumerate(items) if isinstance(it, Head)), (first or len(items)))
        items[at:at] = rest
        for head in rest:
            notes.warn(name, head.no, f"no place found for subhead '{_text(head)}'; put at the end of the intro")


def _lead_end(items: list[BodyItem]) -> int:
    """Index of the box byline that ends a feature's intro, or -1."""
    return next((i for i, it in enumerate(items) if isinstance(it, BoxByline)), -1)


def _imbalance(items: list[BodyItem], chosen: set[int]) -> float:
    """How uneven the sections are when subheads go before the paragraphs `chosen`: the
    variance of their lengths over the squared mean (0 when they cannot differ)."""
    sections: list[int] = []
    for i, it in enumerate(items):
        if isinstance(it, Head):
            sections.append(0)
        elif i in chosen:  # the paragraph a subhead goes before opens its section
            sections.append(len(it.raw) if isinstance(it, Para) else 0)
        elif isinstance(it, Para) and sections:
            sections[-1] += len(it.raw)
    mean = sum(sections) / len(sections) if sections else 0.0
    if len(sections) < 2 or not mean:
        return 0.0
    return sum((s - mean) ** 2 for s in sections) / mean**2
