"""Head stacks of Latin-script pages: the display lines an English story opens with when
the page prints them with no blank line between them or under the story above.

A stack is up to four units, each one or more lines: a section label in capitals
(`HOUSING`, `DRAMA AT SEA`), a headline (wrapped: a line that opens in lower case, or
under one ending in a small word, a comma or a hyphen, goes on the line above), a deck,
then a byline or the story. What proves a stack is structural and needs two signs, so
running text is never cut:

- it opens with a label in capitals and is followed by a byline (`By …`, a name alone
  under a sentence-case headline) or a story's text;
- or it stands alone in its block with units in two letter cases (label, headline,
  sentence-case deck);
- or its units are followed by a byline.

No line of a stack ends a sentence or a clause (a headline may end in ? or !), and every
unit starts with a capital, a digit or a quote. The cut is at line boundaries only, so no
character moves.
"""

from __future__ import annotations

import regex

from . import english
from .weights import SHIPPED, Weights

_START = regex.compile(r"^[\p{Lu}\p{N}“‘\"']")
_LOWER_START = regex.compile(r"^\p{Ll}")
_ENDS = regex.compile(r"[.;:,]['\"’”)]*$")  # a sentence's or a clause's end (a head may end in ? or !)
_WRAP_END = regex.compile(r"(?:[-‐,]|\b(?:" + "|".join(sorted(english.SMALL_WORDS)) + r"))$", regex.IGNORECASE)
_CLOSED = regex.compile(r"(?<=\p{L}{2}|\d|[)\]'\"’”])[.!?]['\"’”)]*$")
_LATIN = regex.compile(r"\p{Latin}")
_HAN = regex.compile(r"\p{Han}")
LABEL_WORDS = 4  # a section label in capitals has at most this many words
HEAD_LINE = 90  # characters: a head or deck line is this long or shorter


def _head_line(text: str) -> bool:
    text = text.strip()
    return (bool(_LATIN.search(text[:3])) and not _HAN.search(text) and len(text) <= HEAD_LINE
            and not _ENDS.search(text) and not regex.search(r"@|https?:|www\.", text))


def label(text: str) -> bool:
    """A section label or kicker in capitals: one to four words, no sentence."""
    words = text.split()
    return (0 < len(words) <= LABEL_WORDS and english.case_style(text) == "upper"
            and sum(c.isalpha() for c in text) >= 3 and not _ENDS.search(text))


def _byline_at(texts: list[str], at: int, units: list[tuple[int, int]]) -> bool:
    """A byline where the stack ends: `By …`, or a person's name alone under a headline
    set in another letter case (Why our libraries still matter / Daniel Fung, FERRY
    TIMETABLE CUT FOR WINTER / Ben Tait) over the story's text, or a name in capitals over
    the writer's e-mail address (PRIYA NAND / priya.nand@…)."""
    text = texts[at].strip()
    if english.byline(text) is not None or english.named_role(text):
        return True
    if at + 1 >= len(texts):
        return False
    if caps_name(text) and english.contact(texts[at + 1]):
        return True
    if not english.is_name(text) or label(text):
        return False
    heads = [" ".join(t.strip() for t in texts[a:b]) for a, b in units]
    style = english.case_style(text)
    return any(english.case_style(h) != style for h in heads if not label(h)) and bool(_START.match(texts[at + 1]))


def caps_name(text: str) -> str | None:
    """A name printed in capitals (PRIYA NAND) as written: only where a stack has shown the
    line to be a byline (a label in capitals reads the same alone)."""
    text = text.strip()
    return english.name_case(text) if text.isupper() and english.is_name(english.name_case(text)) else None


def _story_at(texts: list[str], at: int, w: Weights) -> bool:
    """A story's text starts here: a capital, and a sentence ends within a few lines
    (`w.stack_body_end`)."""
    return (at < len(texts) and bool(_START.match(texts[at].strip())) and not label(texts[at].strip())
            and english.byline(texts[at].strip()) is None
            and any(_CLOSED.search(t.strip()) for t in texts[at:at + int(w.stack_body_end)]))


def _units(texts: list[str], at: int, w: Weights) -> list[tuple[int, int]]:
    """The head units from line `at`: (start, end) of each, ended by a line no head can be;
    `w.stack_units` at most (label, headline, deck and a second deck)."""
    units: list[tuple[int, int]] = []
    j = at
    while j < len(texts) and len(units) < w.stack_units:
        text = texts[j].strip()
        if (not (_head_line(text) and _START.match(text)) or english.byline(text) is not None
                or english.role_line(text) or j + 1 < len(texts) and english.role_line(texts[j + 1].strip())):
            break  # a byline (By …, or a name over its role line) ends the heads
        if units and (label(text) or english.is_name(text) and _byline_at(texts, j, units)):
            break  # a label opens a stack, a name under a headline ends one
        end = j + 1
        while (end < len(texts) and _head_line(texts[end]) and not label(texts[end].strip())
               and (_LOWER_START.match(texts[end].strip()) or _WRAP_END.search(texts[end - 1].strip()))):
            end += 1
        units.append((j, end))
        j = end
    return units


def stack(texts: list[str], at: int, w: Weights = SHIPPED) -> list[tuple[int, str]] | None:
    """A head stack opening at line `at`: the start of each of its parts and what it is
    (`head`, `byline` for a name alone, `text` for what follows); None when the lines are
    not shown to be a stack."""
    units = _units(texts, at, w)
    while units:
        end = units[-1][1]
        first = " ".join(t.strip() for t in texts[units[0][0]:units[0][1]])
        heads = [" ".join(t.strip() for t in texts[a:b]) for a, b in units]
        byline = end < len(texts) and _byline_at(texts, end, units)
        alone = (end == len(texts) and len({english.case_style(h) for h in heads}) >= 2
                 and (len(units) >= 3 or label(first)))
        labelled = label(first) and len(units) >= 2 and (byline or _story_at(texts, end, w))
        if byline or alone or labelled:
            parts = [(a, "head") for a, _ in units]
            nxt = texts[end + 1].strip() if end + 1 < len(texts) else ""
            if byline and english.byline(texts[end].strip()) is None and not english.role_line(nxt):
                # a name alone (a role line under it makes it a byline the text reader knows)
                return [*parts, (end, "byline"), (end + 1 + english.contact(nxt), "text")]
            return [*parts, (end, "text")]
        units.pop()  # the last unit may be the story's first line
    return None


def ended(text: str) -> bool:
    """A line after which a new story may start: a finished sentence or a name signing off."""
    text = text.strip()
    return bool(_CLOSED.search(text)) or english.is_name(text)


_NOTE = regex.compile(r"\s*\([^()]{1,12}\)$")  # Siti Aminah Yusof (Dr)
SIGN_OFF_WORDS = 8  # a sign-off (name, place or role) is this many words or fewer


_DASHED = regex.compile(r"^(?:--|[—–]) ?(?=\p{Lu})")  # -- XINHUA, — Chen Jiayi: a sign-off


def signer(text: str) -> str | None:
    """The name in a sign-off alone on its line under a letter or a story: a name, perhaps
    with a note in brackets or a place or role after a comma (Margaret Yip, Wo Lok; Alan
    Rees, community correspondent), or after a dash (-- Chen Jiayi); in capitals it is a
    label, not a name, unless a dash marks it (-- XINHUA names no one: an empty name)."""
    text = _NOTE.sub("", text.strip())
    if english.byline(text) is not None:
        return None  # By …: a byline opening a story
    dashed = _DASHED.match(text)
    if dashed:
        rest = text[dashed.end():]
        if len(rest.split()) > SIGN_OFF_WORDS // 2 or _ENDS.search(rest):
            return None
        return english.name_case(rest) if english.is_name(rest) else ""
    name = text.split(",")[0].strip()
    if (len(text.split()) > SIGN_OFF_WORDS or label(name) or _ENDS.search(text) or text.count(",") > 1
            or not english.is_name(name)):
        return None
    return english.name_case(name)


def _sign_off(texts: list[str], i: int, measure: int, w: Weights) -> bool:
    """A name signing off the text above: after a finished sentence, before the block's
    end or a line that opens something new with a capital (the next letter's headline).
    A bare name with more text under it must also be short against the column (a Title
    Case headline of three words reads as a name, but runs wider: `w.sign_off_share`)."""
    name = signer(texts[i])
    if not (i and _CLOSED.search(texts[i - 1].strip()) and name is not None):
        return False  # a name alone in its block may as well be a headline: only one under text signs
    if i + 1 == len(texts):
        return True
    bare = not (_DASHED.match(texts[i].strip()) or "," in texts[i] or _NOTE.search(texts[i].strip()))
    return bool(_START.match(texts[i + 1].strip())) and (
        not bare or len(texts[i].strip()) <= w.sign_off_share * max(measure, *(len(t.strip()) for t in texts)))


def cuts(texts: list[str], after_end: bool, flush: list[bool] | None = None, measure: int = 0,
         w: Weights = SHIPPED) -> list[tuple[int, str]]:
    """Where a Latin block is cut into its head stacks and the rest, and what each part
    is (see `stack`): at the block's start (`after_end`: the text before it was finished)
    or after a line that ends a sentence; a stack that opens with a label in capitals and
    ends at a byline may follow any line (a pull quote, a credit)."""
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(texts):
        ok = after_end if i == 0 else ended(texts[i - 1])
        found = stack(texts, i, w) if ok or label(texts[i].strip()) else None
        if found and not ok and not any(kind == "byline" or english.byline(texts[k].strip()) is not None
                                        for k, kind in found[-2:] if k < len(texts)):
            found = None  # after a line that runs on, only a label over a byline opens a stack
        if found is None and (flush is None or flush[i] or _DASHED.match(texts[i].strip())) and _sign_off(texts, i, measure, w):
            found = [(i, "byline"), (i + 1, "text")]
        if found:
            out += [part for part in found if part[0] < len(texts)]
            i = found[-1][0]
            continue
        i += 1
    return out
