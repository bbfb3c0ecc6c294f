"""Words the templates print around article text, per language (dates and lists via Babel)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton
from babel.lists import format_list

from .model import Edition, Volume


@dataclass(frozen=True)
class Labels:
    contents: str
    continued_from: str  # "{}" is the page reference, e.g. 1版
    continued_to: str
    photo_credit: str  # "{}" is the credit
    byline: str  # "{}" is the list of authors
    notice: str
    section_fallback: str
    cover: str
    title_page: str
    unplaced: str
    missing_image: str = "Image missing"
    word_sep: str = " "  # between dateline and byline: none in CJK (本报讯（记者…）), a space in English
    editions_count: str = "{} editions"  # a volume's masthead and cover
    landmarks: str = "Landmarks"  # heading of the EPUB navigation document's landmarks
    colon: str = ": "  # punctuation of generated text (cover alt text)
    comma: str = ", "
    semicolon: str = "; "
    stop: str = ". "
    jump_to_page: str = "Continued on page {}"  # a jump resolved to a page of the PDF
    jump_from_page: str = "Continued from page {}"
    # a volume's jump whose other part is not in it: the newspaper's page and edition, in words
    jump_elsewhere: str = "{ref} of the {date} edition, not in this volume"


_CJK_PUNCT = ("：", "，", "；", "。")
ZH_HANS = Labels("目录", "（上接{}）", "（下转{}）", "{} 摄", "{}", "公告", "本期", "封面", "扉页", "未归类", "图片缺失", "", "共{}期", "导览", *_CJK_PUNCT,
                 jump_to_page="（下转第{}页）", jump_from_page="（上接第{}页）", jump_elsewhere="{date}{ref}，本书未收录")
ZH_HANT = Labels("目錄", "（上接{}）", "（下轉{}）", "{} 攝", "{}", "公告", "本期", "封面", "扉頁", "未歸類", "圖片缺失", "", "共{}期", "導覽", *_CJK_PUNCT,
                 jump_to_page="（下轉第{}頁）", jump_from_page="（上接第{}頁）", jump_elsewhere="{date}{ref}，本書未收錄")
JA = Labels("目次", "（{}から続く）", "（{}へ続く）", "撮影：{}", "{}", "お知らせ", "本号", "表紙", "扉", "未分類", "画像がありません", "", "{}号", "ランドマーク", "：", "、", "／", "。",
            jump_to_page="（{}ページへ続く）", jump_from_page="（{}ページから続く）", jump_elsewhere="{date}{ref}、本書未収録")
EN = Labels("Contents", "Continued from {}", "Continued on {}", "Photo: {}", "By {}", "Notice", "This issue", "Cover", "Title page", "Unplaced")


def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language, sep="-")
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def labels_for(language: str) -> Labels:
    loc = _locale(language)
    if loc.language == "zh":
        return ZH_HANT if loc.script == "Hant" or loc.territory in ("TW", "HK", "MO") else ZH_HANS
    if loc.language == "ja":
        return JA
    return EN


def long_date(date: dt.date, language: str) -> str:
    """A masthead date in the edition's language: 2026年11月20日星期五 / Friday, November 20, 2026."""
    return format_date(date, "full", locale=_locale(language))


def date_range(start: dt.date, end: dt.date, language: str) -> str:
    """A span of days as the language writes it: 2026年11月16日 – 21日 / Nov 16 – 21, 2026."""
    if start == end:
        return long_date(start, language)
    return format_interval(start, end, "yMMMd", locale=_locale(language))


def masthead_date(edition: Edition) -> str:
    """Under the masthead: the issue's date, or for a volume how many editions it holds
    (its date range is the edition label)."""
    if isinstance(edition, Volume):
        return labels_for(edition.language).editions_count.format(edition.edition_count)
    return long_date(edition.date, edition.language)


def names(authors: list[str], language: str) -> str:
    """A list of names as the language writes it (张三、李四 / A, B and C)."""
    loc = _locale(language)
    if loc.language in ("zh", "ja"):
        return "、".join(authors)
    return format_list(authors, locale=loc)


_OPENING = "（([【〔「『《〈"
_CJK_CLOSING = "：，、。）】〕」』》〉"


def dateline_sep(dateline: str, byline: str, word_sep: str) -> str:
    """What goes between dateline and byline: nothing when the byline opens a bracket
    (本报讯（记者 张三）) or the dateline ends in CJK punctuation, else the language's word
    space, and a space where the language has none (本报讯 潍坊日报社全媒体记者 邵光耀)."""
    if byline[:1] in _OPENING or dateline[-1:] in _CJK_CLOSING or dateline[-1:].isspace():
        return ""
    return word_sep or " "


def jump_text(template: str, ref: str, language: str) -> str:
    """Format a jump line: `1版` -> （上接1版）; English refs that are bare numbers get 'page'."""
    return template.format(_page_ref(ref, language))


def _page_ref(ref: str, language: str) -> str:
    return f"page {ref}" if _locale(language).language not in ("zh", "ja") and ref.isdigit() else ref


def jump_elsewhere(ref: str, date: dt.date, language: str) -> str:
    """The reference of a jump whose other part is not in the volume, in plain words: the
    newspaper's page in the edition of `date` (11月17日1版，本书未收 / page 1 of the Nov 17
    edition, not in this volume). Bare "1版" would send the reader to page 1 of the book."""
    when = format_skeleton("MMMd", date, locale=_locale(language))
    return labels_for(language).jump_elsewhere.format(ref=_page_ref(ref, language), date=when)


_LABELLED_CREDIT = re.compile(r"(摄|攝|撮影)$|^(photo(graph)?s?|picture|image)(\s+by)?\s*[:：]|^(photo(graph)?s?|pictures?)\s+by\s", re.I)


def credit_text(template: str, credit: str) -> str:
    """Photo credit with its marker, unless the credit already carries one (…摄, Photo: …)."""
    if _LABELLED_CREDIT.search(credit):
        return credit
    return template.format(credit)
