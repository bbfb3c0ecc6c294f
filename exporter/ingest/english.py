"""Printed conventions of English-language pages: datelines (PORTHAVEN, Nov. 19 —),
bylines on their own line (By Eleanor Pike, Staff Reporter), photo credits (Photo: Jo
Bloggs, JO BLOGGS/STAFF), jump lines (Continued on page 4, CONTINUED ON A4, See BRIDGE,
Page A5, FROM A1, FERRY from Page 1), notice
titles and signature dates, and the letter case that tells a headline from its deck.

Patterns are source strings so `fields` can join them with their Chinese counterparts.
"""

from __future__ import annotations

import regex

_CAPS = r"\p{Lu}[\p{Lu}.'’-]*"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
# PORTHAVEN, Nov. 19 (Reuters) — : a place in capitals, an optional date or state, an
# optional agency, then a dash (a lone hyphen only between spaces).
DATELINE = (
    rf"(?P<dl>(?=\p{{Lu}}{{2}}){_CAPS}(?: {_CAPS}){{0,3}}"
    rf"(?:,\s*(?:{_MONTH}\s*\d{{1,2}}|\p{{Lu}}[\p{{L}}.]+))?(?:\s*\(\p{{Lu}}[\p{{L}} .&'-]{{1,30}}\))?)"
    r"\s*(?:—|–|--|\s-)\s*"
)
_PAGE = r"(?:[Pp]age|PAGE)\s*(?P<page>[A-Z]?\d{1,3})"
_PAGE_CODE = r"(?:(?:[Pp]age|PAGE)\s*)?(?P<page>[A-Z]?\d{1,3})"  # after a keyword: Page A6 or A6
_CODE = r"(?P<page>[A-Z]\d{1,2})(?![\p{L}\p{N}])"  # a section's page alone: A4, B12
# Continued from page 1, From Page A1, FROM A1, FERRY from Page 1 (the story's slug first)
JUMP_FROM = (
    rf"[(\[]?(?:(?:Continued|CONTINUED|Cont['’]d|From|FROM)\s+(?:from\s+|FROM\s+)?{_PAGE}"
    rf"|(?:CONTINUED FROM|Continued from|FROM)\s+{_CODE}|(?:\p{{Lu}}{{2,}}[\p{{Lu}}'’-]*\s+){{1,3}}(?:from|FROM)\s+{_PAGE})"
    r"[)\]]?\.?\s*"
)
JUMP_TO = (
    rf"\s*[(\[]?(?:(?:Continued|CONTINUED|Cont['’]d)\s+(?:on|ON)\s+(?:{_PAGE}|{_CODE})"
    rf"|(?:(?:Please|PLEASE)\s+)?(?:[Ss]ee|SEE)\s+\p{{Lu}}[\p{{Lu}}\d '’-]*(?:,\s*{_PAGE_CODE}|\s+(?:on|ON)\s+{_PAGE})"
    rf"|(?:(?:Please|PLEASE)\s+)?(?:[Tt]urn|TURN)\s+(?:to|TO)\s+{_PAGE})[)\]]?\.?"  # Turn to Page 5
)
NOTICE_TITLE = r"(?i:^(?:public |legal |official )?notice(?: of\b| to\b|$))"
DATE_LINE = (
    rf"^(?:Dated:?\s*)?(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}})\.?$"
)
# A credit follows a caption's sentence end or a gap of spaces, or stands alone.
_AFTER_CAPTION = r"^(?:(?P<text>.*?(?:[.!?”\"')]|\S(?=[ \u3000]{2})))[ \u3000]*)?"
# Photo: Jo Bloggs / (Photo by Jo Bloggs) / Photograph: Jo Bloggs/Reuters / Staff photo by Jo Bloggs / Photo / JO BLOGGS
CREDIT = regex.compile(
    _AFTER_CAPTION + r"[(\[]?(?:(?i:staff|file)\s+)?(?i:photo(?:graph)?s?|picture|image)(?:\s+by\s+|\s*[:/|]\s*)"
    r"(?P<credit>\p{Lu}[\p{L}.'’ /&-]{1,40}?)[)\]]?$"
)
# JO BLOGGS/STAFF
CAPS_CREDIT = regex.compile(_AFTER_CAPTION + r"(?P<credit>\p{Lu}[\p{Lu}.'’ -]{2,30}/\s*\p{Lu}[\p{Lu}\p{N} .&-]{1,30})$")
# Lee Ortiz/Express: a photographer's name and the paper or agency, alone on a line
AGENCY_CREDIT = regex.compile(r"^(?P<text>)(?P<credit>\p{Lu}[\p{L}.'’-]+(?: \p{Lu}[\p{L}.'’-]+){1,3}"
                              r"/\s*\p{Lu}[\p{L}\p{N}.&-]*(?: \p{Lu}[\p{L}\p{N}.&-]*){0,2})$")

_PARTICLE = r"(?:de|da|di|du|van|von|der|den|la|le|bin|al|[Mm]c)"
_NAME_WORD = rf"(?:\p{{Lu}}[\p{{L}}'’-]*\.?|{_PARTICLE})"
_NAME = regex.compile(rf"^\p{{Lu}}[\p{{L}}'’-]*\.?(?: {_NAME_WORD}){{1,3}}$")
_ROLE = regex.compile(
    r"\b(?:Staff|Reporters?|Writers?|Correspondents?|Editors?|Photographers?|Columnists?|Contributors?|"
    r"Press|Service|Bureau|Desk|News|Times|Post|Herald|Gazette|Journal|Tribune|Daily|Special)\b",
    regex.IGNORECASE,
)
_BY = regex.compile(r"^(?:By|BY)\s+(?P<by>\p{Lu}.{2,90})$")
SMALL_WORDS = _SMALL = frozenset("a an and as at but by for from in into nor of on or over per the to up via vs with".split())


def byline(text: str) -> tuple[str, list[str]] | None:
    """A `By …` line as (byline without By, names), or None when it is running text.

    The names come first, joined by commas, `and` or `&`; what follows is a role or a
    paper (Staff Reporters, The Associated Press). Every part must be one of the two,
    so `By Tuesday, the council …` is not a byline; an agency alone has no names.
    """
    m = _BY.match(text.strip())
    if m is None or regex.search(r"[.!?;:]$", m["by"]) and not m["by"].endswith("."):
        return None
    names: list[str] = []
    roles = False
    for part in regex.split(r"\s*[,|•]\s*", m["by"]):  # By NAME | The Daily News
        people = regex.split(r"\s+(?:and|AND|&)\s+", _IN_PLACE.sub("", part))
        if not roles and all(is_name(p) for p in people):
            names += people
            continue
        words = part.split()
        # a role after the last name without a comma: By TOM ALDER / Staff Reporter
        first = not names and not roles
        cut = next((k for k in range(len(words), 0, -1) if first and is_name(" ".join(words[:k]))), 0)
        role = " ".join(words[cut:])
        if not (all(w[0].isupper() or w in _SMALL for w in words[cut:]) and _ROLE.search(role)):
            return None
        names += [" ".join(words[:cut])] if cut else []
        roles = True
    return m["by"], [name_case(n) for n in names]


def name_case(name: str) -> str:
    """A name printed in capitals as a name is written (BY SAMANTHA LEUNG → Samantha
    Leung, SAM O'NEILL → Sam O'Neill): capitals are the page's typography, not the name's.
    A name with any lower-case letter is kept as printed (Lim Jia Hui, McBride)."""
    if any(c.islower() for c in name):
        return name
    return regex.sub(r"\p{Lu}+", lambda m: m.group()[0] + m.group()[1:].lower(), name)


EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # an e-mail address
_CONTACT = regex.compile(rf"^{EMAIL}$|^@\w{{2,30}}$")


def contact(text: str) -> bool:
    """A writer's e-mail address or handle alone on its line, printed under a byline."""
    return bool(_CONTACT.match(text.strip()))


_IN_PLACE = regex.compile(r"\s+in\s+\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){0,2}$")  # By Lin Weiqiang in Ningport


def named_role(text: str) -> str | None:
    """A byline without By: a name, a comma, then a role (Sarah Qian, Staff Reporter; Alan
    Rees, community correspondent). Returns the name."""
    name, _, role = text.strip().partition(",")
    role = role.strip()
    if not role or "," in role or len(role.split()) > 4 or role.endswith(".") or not _ROLE.search(role):
        return None
    return name_case(name.strip()) if is_name(name.strip()) else None


def role_line(text: str) -> bool:
    """A byline's second line printed apart: a role or an agency alone (Staff Writer,
    Associated Press, Express Staff), in capitals and without a sentence's end."""
    words = text.split()
    return (0 < len(words) <= 4 and not text.endswith(".") and bool(_ROLE.search(text)) and _BY.match(text) is None
            and all(w[0].isupper() or w in _SMALL for w in words))


# Words of a phrase that no name holds (ASK THE VET, FRIENDS OF THE PARK, BREAD AND BUTTER): a
# column's label or a title set in capitals, not a writer (byline16). Not `to`, `an` or `in`,
# which are also surnames (To Kwok-wai, An Jung-hoon), nor `per` (Per Nilsson: review16).
_PHRASE_WORDS = frozenset("the of and for with from into over".split())


def is_name(text: str) -> bool:
    """A person's name as printed (two to four capitalised words), not a role or a paper,
    nor a phrase joined by words no name holds."""
    return (bool(_NAME.match(text)) and not _ROLE.search(text)
            and not any(word.lower() in _PHRASE_WORDS for word in text.split()))


# A title before a name, and letters after it, are no part of the name a paper prints
# (Fr Declan Moriarty PP, Dr Peter Mwangi): how the writer is addressed (byline18).
_TITLE = r"(?:Dr|Prof|Fr|Rev|Revd|Mr|Mrs|Ms|Mx|Sr|Cllr)\.?"
_ADDRESSED = regex.compile(rf"^{_TITLE} (?=\p{{Lu}})|,? (?:\p{{Lu}}{{2,4}}|Ph\.?D)$")
# A writer's note closing a column: the name, `is`, and what the writer is (Pieter van Zyl is a
# horticulturist in Hillcrest) (byline18)
_TAGLINE = regex.compile(r"^(?P<name>[^ ].{2,60}?) is (?:an?|the|one of) (?=\p{Ll})[^.!?]{2,100}[.]?$")


def person(name: str) -> str:
    """A name without the title or letters it was printed with (Fr Declan Moriarty PP → Declan
    Moriarty), when what is left is still a name."""
    bare = _ADDRESSED.sub("", _ADDRESSED.sub("", name.strip()))
    return bare if bare != name.strip() and is_name(bare) else name.strip()


def tagline(text: str) -> str | None:
    """The writer a column's closing note names (Daniel Fung is a secondary school teacher
    and writer.; Dr Peter Mwangi is a vet in Kiamboni), or None: one sentence at most, opening
    with a name and `is a`."""
    m = _TAGLINE.match(regex.sub(r"\s+", " ", text.strip()))
    if m is None:
        return None
    name = person(m["name"])
    return name_case(name) if is_name(name) else None


def credit_names(credit: str) -> list[str]:
    """The photographer in an English credit: the name before any /AGENCY (JO BLOGGS/STAFF),
    or after the paper's name (Eastern Tribune / Ivan Tsang)."""
    name = next((part.strip() for part in credit.split("/") if is_name(part.strip())), "")
    return [name_case(name)] if name else []


def case_style(text: str) -> str:
    """'upper', 'title' or 'sentence': headlines are set in the first two, decks in the last."""
    words = regex.findall(r"\p{L}[\p{L}'’-]*", text)
    if not any(c.islower() for w in words for c in w):
        return "upper"
    rest = [w for w in words[1:] if w.lower() not in _SMALL]
    capital = sum(1 for w in rest if w[0].isupper())
    return "title" if not rest or capital / len(rest) >= 0.6 else "sentence"
