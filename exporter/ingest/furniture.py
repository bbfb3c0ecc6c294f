"""Page furniture: what a page prints around its articles and that belongs to none.

Folio lines (paper, date, 第3版, 星期三, 责任编辑 …), editor lines, display ads and column
logos (时评, 简讯, 图片新闻) are set aside whole (tables are recognised here but kept as
content: see tables.py), with their line numbers, so the report
can list them and conservation still holds: every character lands in an article, in the
ledger of layout marks, or in this list.

A folio line is recognised by what it is made of, not by where one paper puts it: two or
more folio signals (a date, a weekday, a page or issue number, an editor's role) on one
short line that does not end a sentence.
"""

from __future__ import annotations

import regex

_SIGNALS = [
    regex.compile(r"\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}|民[國国]\s*\d{2,3}\s*年\s*\d{1,2}\s*月"),
    regex.compile(r"(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}, \d{4})"),
    regex.compile(r"(?i:\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)"),
    regex.compile(r"星期[一二三四五六日天]|[週周][一二三四五六日]"),
    regex.compile(r"第\s*[\d一二三四五六七八九十]+\s*[版期]|(?i:\b(?:vol|no)\.\s*\d{1,5}\b)|(?<![\p{L}\d])[A-H]\d{1,2}(?![\p{L}\d])|(?i:\bpage\s+[A-H]?\d{1,2}\b)"),
    regex.compile(r"[责責][任]?[编編](?:[辑輯])?|(?<![\p{L}])[编編][辑輯]|本版[编編][辑輯]|美[编編]|校[对對]|版式|[组組]版|[审審][校]|(?i:\beditor\b)"),
]
_EDITOR = _SIGNALS[-1]
_PAGE_REF = _SIGNALS[4]
_CLOSED = regex.compile(r"[。！？!?]$")
_PROSE = regex.compile(r"\b\p{Ll}+,? \p{Ll}+,? \p{Ll}+\b")  # three words in lower case: running text, not a folio
_PHONE = regex.compile(r"(?:[热熱]线|[电電]话|咨[询詢]|(?i:\bcall\b|\btel\b|\bphone\b))\D{0,3}\d[\d -]{6,}\d|\d{3,4}-\d{7,8}\b|\b\d{3}-\d{4}\b")
_AD_LABEL = regex.compile(r"^(?:广告|廣告|(?i:advertisement|advertising|sponsored))$")
# a one-line ad that opens with its label, set off by a colon or a gap (ADVERTISEMENT: Ashby Games Shop …);
# a label in capitals only by a gap: `Advertisement  rules tighten` is a headline spaced out (review18b)
_AD_OPENS = regex.compile(r"^(?:(?:广告|廣告|ADVERTISEMENT)(?:[:：][ \u3000]*|[ \u3000]{2,})|Advertisement[:：][ \u3000]*)(?=\S)")
# the label an ad carries at the end of its last line or the start of its first: （广告）, 【廣告】
_AD_MARK = regex.compile(r"[（(【\[〔](?:广告|廣告|(?i:advertisement))[）)】\]〕]")
# Column logos and labels: standing names of a column or of a strip of items, never a headline.
COLUMN_LOGOS = frozenset(
    "时评 時評 社论 社論 短评 短評 快评 快評 评论 評論 简讯 簡訊 快讯 快訊 图片新闻 圖片新聞 图说 圖說 图片报道 圖片報導 "
    "新闻速览 新聞速覽 要闻简报 要聞簡報 一周要闻 一週要聞 本报综合 本報綜合 观点 觀點 声音 聲音 "
    "BRIEFS BRIEFLY NEWS-IN-BRIEF".split()
) | {"IN BRIEF", "NEWS IN BRIEF", "AT A GLANCE"}
# Logos that announce items printed without headlines (a strip of photos).
HEADLESS_STRIPS = frozenset("图片新闻 圖片新聞 图说 圖說 图片报道 圖片報導".split())


def folio(text: str) -> bool:
    """A folio or editor line: two folio signals (two editor roles, two page numbers) on a
    line that is not a sentence. A date with its weekday in brackets and the sentence going
    on right after them (`謹訂於2026年12月27日（星期日）上午十時`) is one date as prose
    writes it, a notice's running line, not two signals."""
    if len(text) > 90 or _CLOSED.search(text) or _PROSE.search(text):
        return False
    text = _DATED_PROSE.sub("", text)
    hits = sum(1 for s in _SIGNALS if s.search(text))
    # two editor roles, or a teaser strip pointing to two pages or more (导读 …A04 | …A06)
    return hits >= 2 or len(_EDITOR.findall(text)) >= 2 or len(_PAGE_REF.findall(text)) >= 2


# a weekday in brackets right after a date, with the sentence running on after it
_DATED_PROSE = regex.compile(r"(?<=\d\s*日\s*)[（(](?:星期[一二三四五六日天]|[週周][一二三四五六日])[）)](?=\p{L})")
_PAGE_MARK = regex.compile(r"第\s*[\d一二三四五六七八九十]+\s*版|(?i:\bpage\s+[A-H]?\d{1,3}\b)")


def page_mark(text: str) -> bool:
    """A short line naming the page (第3版　要闻, Page 3): furniture at a page's top or foot,
    though it carries one folio signal only."""
    return bool(_PAGE_MARK.search(text)) and len(text) <= 24 and not _CLOSED.search(text)


AD_LINE = 50  # characters: a classified or display ad's lines are this short or shorter


def advert(texts: list[str]) -> bool:
    """A display ad: a block labelled as one (a line alone may open with its label), or short
    lines with a phone number and no sentence."""
    if not texts:
        return False
    if (_AD_LABEL.match(texts[0].strip()) or ad_label(texts[0]) or ad_label(texts[-1])
            or len(texts) == 1 and _AD_OPENS.match(texts[0].strip())):
        return True
    return (any(_PHONE.search(t) for t in texts) and not any(_CLOSED.search(t) for t in texts)
            and all(len(t) <= AD_LINE for t in texts))


def ad_label(text: str) -> bool:
    """A line labelled as an ad: the label alone, or bracketed at the line's start or end."""
    text = text.strip()
    return bool(_AD_LABEL.match(text) or (m := _AD_MARK.search(text)) and (m.start() == 0 or m.end() == len(text)))


_CELL_GAP = regex.compile(r"[ ]{2,}|\t")
_TIMED = regex.compile(r"^\d{1,2}[:：]\d{2}\s*\S")
TABLE_ROWS = 3  # a table has at least this many rows
TABLE_CELLS = 3  # of at least this many cells (most rows)
TABLE_CELL = 10  # characters: a table's median cell is this long or shorter


def table(texts: list[str]) -> bool:
    """A table (results, standings, stock prices, a listings grid): rows of several short
    cells set apart by runs of spaces, as `pdftotext -layout` or the PDF reader prints them,
    or rows that mostly open with a clock time (TV and event listings)."""
    if len(texts) < TABLE_ROWS:
        return False
    if sum(1 for t in texts if _TIMED.match(t)) >= 0.6 * len(texts):
        return True  # a listings grid: programmes or events by the clock
    rows = [cells(t) for t in texts]
    sizes = sorted(len(c) for r in rows for c in r)
    wide = sum(1 for r in rows if len(r) >= TABLE_CELLS)
    return wide >= 0.8 * len(rows) and sizes[len(sizes) // 2] <= TABLE_CELL


def timed(text: str) -> bool:
    """A listing's row: it opens with a clock time (19:35 电视剧…)."""
    return bool(_TIMED.match(text))


def cells(text: str) -> list[str]:
    """A table row's cells: the text between runs of two spaces or more, or tabs."""
    return [c for c in _CELL_GAP.split(text.strip()) if c]


def column_logo(text: str) -> bool:
    return regex.sub(r"\s", "", text) in COLUMN_LOGOS or text.strip().upper() in COLUMN_LOGOS
