"""Where a headline may break: between words, never inside one.

Headlines, kickers, subheadlines, subheads, contents entries and cover lines are short and
set large, so a break inside a word ("下降一 / 成", "封闭检 / 测") or a last line of one
character is what readers see first. Chinese has no spaces, so the words come from a
maintained segmenter (rjieba, the Rust port of jieba, and its dictionary); Latin text
breaks at its spaces only ("three-year" stays whole). Templates wrap each word in
`<span class="w">` (white-space: nowrap): no character is added to the text. The segmenter
is loaded on first use, or in a process beside a one-pass PDF build (segmenter.py).
"""

from __future__ import annotations

from collections.abc import Iterable

import regex
from markupsafe import Markup, escape

from . import segmenter

_SPACE = regex.compile(r"(\s+)")
_UNIT = (r"(?:%|‰|℃|°C?|(?:个百分点|平方公里|平方米|立方米|公里|千米|厘米|毫米|公斤|千克|公顷|万元|亿元|元|"
         r"吨|米|克|小时|分钟|秒|岁|人次|万人|亿|万|年|月|日|号|时|分|度|天|周|件|辆|人|户|家|个)"
         r"(?:/(?:小时|秒|分钟|天|年|人|户|平方米))?)")
_ITEM = rf"\d+(?:[.,:：]\d+)*{_UNIT}?"
# A number with its unit, a range or a date: 80公里/小时, 17:00—19:00, 3.5%, 2026年11月19日.
# A range written with 至 or 到 is words, not a sign: it may break after them, as text does
# (22:00至 / 11月24日6:00); kept whole, a date and time range left the line before it
# letter-spaced (a notice's 停 水 时 间 ：… （ 星 期 一 ）).
NOBREAK = regex.compile(rf"{_ITEM}(?:[—–~～\-]?{_ITEM})*(?:(?:至|到)(?={_ITEM}))?")
# A 2-em dash ("——", also typed "———") is one mark: the segmenter would cut it in two.
_LATIN_RUN = regex.compile(rf"({NOBREAK.pattern}|[—―]{{2,}}|[A-Za-z0-9\p{{Latin}}][\p{{Latin}}A-Za-z0-9.,:%/'’&+\-–~]*)")
_HAN = regex.compile(r"\p{Han}")
_LETTER = regex.compile(r"[\p{L}\p{N}]")
_OPENING = set("（「『“‘《〈【〔〖([{")
_CLOSING = set("、，。；：！？）」』”’》〉】〕〗,.;:!?)]}…")


def segmented(texts: Iterable[str | None]) -> bool:
    """Whether any of `texts` (headlines, titles) holds Han that the segmenter has not cut yet
    (a second build in one process, such as a rebuild through the API, finds its unchanged
    headings' words known and needs no segmenter)."""
    return any(t and t not in _WORDS and _HAN.search(t) for t in texts)


def _tokens(chunk: str) -> list[str]:
    """A chunk without spaces cut into words: numbers with units, 2-em dashes and Latin runs
    whole (the odd pieces of the split), Han by the segmenter."""
    out: list[str] = []
    if not _HAN.search(chunk):
        return [chunk]  # a Latin word stays whole, whatever punctuation it carries
    for i, piece in enumerate(_LATIN_RUN.split(chunk)):
        if piece:
            out.extend([piece] if i % 2 else segmenter.cut(piece))
    return out


# The words of the texts cut so far (`words`), emptied when it holds _KNOWN_TEXTS: `segmented`
# asks whether a text is in it, which an lru_cache cannot answer.
_WORDS: dict[str, tuple[str, ...]] = {}
_KNOWN_TEXTS = 4096


def words(text: str) -> tuple[str, ...]:
    """`text` as unbreakable groups and the whitespace between them, in order.

    Opening brackets and quotes join the word after them, closing ones and stops the word
    before; the last group has at least two letters (it joins the one before otherwise),
    so no last line can hold a single character.
    """
    if (known := _WORDS.get(text)) is None:
        if len(_WORDS) >= _KNOWN_TEXTS:
            _WORDS.clear()
        known = _WORDS[text] = _groups(text)
    return known


def _groups(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in _SPACE.split(text):
        if not part:
            continue
        if part.isspace():
            out.append(part)
            continue
        groups: list[str] = []
        opening = ""
        for token in _tokens(part):
            if all(c in _OPENING for c in token):
                opening += token
            elif groups and not opening and all(c in _CLOSING for c in token):
                groups[-1] += token
            else:
                groups.append(opening + token)
                opening = ""
        if opening and groups:
            groups[-1] += opening
        elif opening:
            groups.append(opening)
        out.extend(groups)
    solid = [i for i, g in enumerate(out) if not g.isspace()]
    if len(solid) >= 2 and len(_LETTER.findall(out[solid[-1]])) < 2:
        out[solid[-2]:] = ["".join(out[solid[-2]:])]
    return tuple(out)


def word_spans(text: str | None) -> Markup:
    """`text`, escaped, with each word in `<span class="w">` (a Jinja filter). The "…" that
    ends a cut title (`short_title`) is in `<span class="cut">` inside its word: before a
    contents leader, print leaves it out (the leader's dots continue the title; after the
    ellipsis they started half an em or more away, past the glyph's own blank)."""
    if not text:
        return Markup("")
    out = [escape(g) if g.isspace() else Markup('<span class="w">%s</span>') % g for g in words(str(text))]
    if str(text).endswith("…") and len(str(text)) > 1:
        out[-1] = Markup(str(out[-1]).removesuffix("…</span>") + '<span class="cut">…</span></span>')
    return Markup("").join(out)


_SENTENCE_END = regex.compile(r"[。！？!?]|\.(?=\s|$)")
_CLAUSE_MARK = regex.compile(r"([，；：,;:]\s*)")
# A caption's opening "when": 11月18日， / 11月19日傍晚， / 2026年11月18日上午，
_LEADING_WHEN = regex.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:凌晨|清晨|早晨|上午|中午|下午|傍晚|晚上|晚间|夜间|晚|早)?[，,]\s*")


# English function words (articles, prepositions, conjunctions, auxiliaries, pronouns): a title
# cut after one reads as cut off. Particles of phrasal verbs (up, out, off, back) are not here.
_FUNCTION_WORD = regex.compile(
    r"(?i)a|an|the|this|that|these|those|its|his|her|their|our|your|my|of|to|in|on|at|by|for|"
    r"from|with|into|onto|over|under|after|before|during|since|until|about|as|than|via|"
    r"between|through|throughout|against|among|across|along|around|behind|beside|beyond|near|"
    r"toward|towards|upon|within|without|inside|outside|per|and|or|but|nor|so|yet|if|while|when|where|which|who|whom|"
    r"whose|is|are|was|were|be|been|being|has|have|had|do|does|did|will|would|can|could|"
    r"shall|should|may|might|must|not|no")


def _ems(text: str) -> float:
    """Width in em of a contents line's text: a Han character is one, a Latin letter about half."""
    return sum(1.0 if _HAN.match(ch) or ord(ch) > 0x2E80 else 0.5 for ch in text)


def short_title(text: str, limit: float = 24) -> str:
    """A one-line title (at most `limit` em) for contents and navigation, from a caption of a
    picture without a headline: its first sentence without an opening date; if longer, its
    first clauses; only a first clause longer than a line is cut, between words, with "…",
    and never after an English function word ("… up the…" -> "… up…").
    Never cut inside a word (11月19日傍晚，即将通车的青川江大桥亮起景观灯，… -> 即将通车的青川江大桥亮起景观灯)."""
    sentence = _SENTENCE_END.split(text.strip(), 1)[0].strip()
    sentence = _LEADING_WHEN.sub("", sentence) or sentence
    if _ems(sentence) <= limit:
        return sentence
    pieces = _CLAUSE_MARK.split(sentence)  # clause, mark, clause, mark, ...
    title = pieces[0]
    for mark, clause in zip(pieces[1::2], pieces[2::2]):
        if _ems(title + mark + clause) > limit:
            break
        title += mark + clause
    if _ems(title) <= limit:
        return title.rstrip()
    groups: list[str] = []
    for group in words(title):
        if _ems("".join(groups) + group) > limit - 1:
            break
        groups.append(group)
    while groups and (groups[-1].isspace() or _FUNCTION_WORD.fullmatch(groups[-1])):
        groups.pop()  # "… winched back up the…" reads as a slip: end on a content word
    return ("".join(groups) or title[: int(limit) - 1]) + "…"
