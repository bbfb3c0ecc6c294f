"""Recognisers for the printed conventions that become article fields.

Datelines (本报讯, 本报X月X日电, agency copy), bylines with reporter and correspondent
names, photo credits ending in 摄, jump lines （上接1版）/（下转3版）, signature dates
and notice titles. Each returns plain values; the segmenter decides what to do.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from . import english

_DATE_NUM = r"[\d〇零○一二三四五六七八九十]"
# A numbered item's mark: 一、 3. （二） — lists, notices' clauses and Q&A numbers share it.
NUMBERED = r"[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[）)]"
DATE_LINE = regex.compile(
    rf"^(?:(?:佛[历曆])?{_DATE_NUM}{{4}}|(?:中[華华])?民[國国]\s*{_DATE_NUM}{{2,4}})\s*年\s*{_DATE_NUM}{{1,3}}\s*月\s*{_DATE_NUM}{{1,3}}\s*日$"
    rf"|{english.DATE_LINE}"
)
NOTICE_TITLE = regex.compile(
    rf"(?:公告|通告|[启啟]事|[启啟]示|通知|[声聲]明|公示|告知[书書]|倡[议議][书書])$|{english.NOTICE_TITLE}"
)
# The dateline's text is group `dl`; an English one's dash and spaces are layout.
DATELINE = regex.compile(
    r"^(?:【(?P<dl>\p{Han}{0,6}[报報刊]\p{Han}{0,4}?(?:[专專]?[讯訊]|消息))】"  # 【本報訊】, 【本報悉尼訊】, 【本刊訊】
    r"|[（(](?P<dl>\p{Han}{1,8}?\d{1,2}日[讯訊]|本[报報]\p{Han}{0,6}[讯訊]"  # （新山12日讯）, （本报曼谷讯）
    # （曼谷讯）: a place's; not a news word ending in 讯 (（新闻快讯）, （民生资讯）, （电子通讯）)
    r"|\p{Han}{2,4}(?<![简簡快通资資喜视視短电電])[讯訊])[）)]"
    # 【竹東】竹東鎮立圖書館…: a place opening a brief, named again in its first words; a label
    # (【链接】, 【背景】) is not, and one over a short line heads it
    r"|【(?P<dl>\p{Han}{2,3})】(?=(?P=dl))(?=\p{Han}.{24})"
    r"|(?P<dl>本[报報][讯訊]|本[报報](?:\p{Han}{1,8})?\d{1,2}月\d{1,2}日[讯訊电電]"
    r"|\p{Han}{2,6}?(?:\d{1,2}|[一二三四五六七八九十]{1,3})日[讯訊电電](?=[ \u3000（(【])"  # 新山7日讯, 澳門十四日電
    r"|\p{Han}{1,6}[报報刊][专專]?[讯訊](?=[（(【\s\u3000])"  # any paper's own: 东南商报讯（记者…）, 【港聞報專訊】, 本刊讯（通讯员…）
    r"|(?:新[华華]社|中新社|新[华華][网網]|人民[网網]|央[视視][网網]|中新[网網])\p{Han}{0,8}(?:\d{1,2}月\d{1,2}日)?[电電])"
    rf"|{english.DATELINE})"
)
_ROLE = r"(?:全媒[体體])?(?:首席|特[约約]|[见見]習|[见見]习|[实實][习習])?(?:[记記]者|通[讯訊][员員]|[实實][习習]生|[摄攝]影|撰稿|[报報]道[员員])"
ROLES = _ROLES = regex.compile(_ROLE)
# A reporter's name in a Chinese byline: two to four Han glyphs, or a romanised name (Karen Lee, Hong Kong papers).
_PERSON = r"(?:\p{Han}{2,4}|\p{Lu}\p{Ll}+(?:[ \u3000]\p{Lu}\p{Ll}+){1,2})"
_NAME_TOKEN = regex.compile(r"\p{Lu}[\p{Ll}.'-]+(?:[ \u3000]+\p{Lu}[\p{Ll}.'-]+){0,3}|[^\s、，,/／：:]+")
# 記者 Karen Lee 報道： after a dateline, unbracketed (Hong Kong papers); 記者許家豪／台北報導 before a space.
_REPORTED_BY = regex.compile(rf"[ \u3000]*(?P<by>{_ROLE}[ \u3000]*{_PERSON}(?:[ \u3000、]+{_PERSON})*[ \u3000]*"
                             rf"(?:[／/]\p{{Han}}{{0,4}})?[报報][道导導])(?:[：:]|[ \u3000]+)")
# 本报讯 记者 沈逸 从下周…: role and names set off by spaces, no brackets, no 报道.
_SPACED_BY = regex.compile(rf"[ \u3000]+(?P<by>{_ROLE}[ \u3000]*{_PERSON}(?:[ \u3000、]+(?:{_ROLE}[ \u3000]*)?{_PERSON})*)[ \u3000]+")
_BYLINE_BRACKET = regex.compile(r"[ \u3000]*[（(](?P<by>[^（）()]{2,80}?)[）)]")
# A page is 第3版, A3版, or a section letter and number alone: （转B3）, （續見A2）, （接B1）.
_PAGE_NO = r"(?:第?\s*[\d一二三四五六七八九十A-Z]+\s*版|[A-Z]\d{1,2})"
JUMP_FROM = regex.compile(
    rf"^(?:[（(]\s*(?:上接|接上|[续續]|接|[续續]自)\s*(?P<to>{_PAGE_NO})\s*[）)]|{english.JUMP_FROM})"
)
JUMP_TO = regex.compile(
    rf"(?:[（(]\s*(?:下[转轉]|[转轉]下|[转轉]|[续續][见見])\s*(?P<to>{_PAGE_NO})\s*[）)]|{english.JUMP_TO})$"
)
# Caption text, a gap of spaces (three, or two when one is ideographic), then "… 摄" (a
# credit), or a bracketed （… 摄）.
# The credit may close with ／摄 (商报记者 苏曼青/摄) or 摄影报道 (a photo report's credit).
_CREDIT_GAP = regex.compile(r"^(?P<text>.*?\S)?(?:[ \u3000]{3,}|\u3000[ \u3000]|[ \u3000]\u3000)(?P<credit>[^ \u3000].{0,40}?)"
                            r"[ \u3000]*[／/]?[摄攝](?:影[报報]道)?$")
# 圖：記者 張雅婷 攝 / 图：本报记者 王芳 — a credit line that names itself
# (图｜本报记者 秦书言 with a bar), or the same in brackets after the caption: ……客流。（图：陈建华）
_CREDIT_LABEL = regex.compile(r"^(?P<text>)(?:[图圖]|[摄攝]影)\s*[：:/／｜|]\s*(?P<credit>(?!文)[^：:/／｜|]{2,40}?)(?:\s*[摄攝])?$")
_CREDIT_LABEL_BRACKET = regex.compile(r"^(?P<text>.*?)[（(](?:[图圖]|[摄攝]影)\s*[：:/／｜|]\s*(?P<credit>(?!文)[^：:/／｜|（）()]{2,40}?)"
                                      r"(?:\s*[摄攝])?[）)]$")
_CREDIT_BRACKET = regex.compile(r"^(?P<text>.*?)(?:[（(](?P<credit>[^（）()]{2,40}?)\s*[／/]?\s*[摄攝][）)]"
                                r"|〔(?P<credit>[^〔〕]{2,40}?)\s*[／/]?\s*[摄攝]〕|【(?P<credit>[^【】]{2,40}?)\s*[／/]?\s*[摄攝]】)$")
# A credit run into a caption's last sentence, a role and a name after the stop, set off by a
# space or closed by ／摄: …拍照。　記者黃偉明攝, …参观新车。商报记者 苏曼青/摄; or a name alone
# set off by two spaces at least: …交售沙糖桔。  覃丽 摄.
_CREDIT_AFTER_STOP = regex.compile(
    rf"^(?P<text>.*[。！？][”’」』]*)(?:[ \u3000]+(?P<credit>\p{{Han}}{{0,8}}?{_ROLE}[ \u3000]*{_PERSON})[ \u3000]*[／/]?"
    rf"|[ \u3000]{{2,}}(?P<credit>{_PERSON})[ \u3000]+"
    rf"|(?P<credit>\p{{Han}}{{0,8}}?{_ROLE}[ \u3000]*{_PERSON})(?:[ \u3000]+|[ \u3000]*[／/]))[摄攝]$")
# A label inside a bracketed credit: （圖／記者 江佩芸 攝）
_CREDIT_LABEL_HEAD = regex.compile(r"^(?:[图圖]|[摄攝]影)[ \u3000]*[：:/／｜|][ \u3000]*(?=\S)")
_NAME = regex.compile(r"^(?:\p{Han}{2,4}|\p{Han}{1,6}·\p{Han}{1,8}|\p{Lu}[\p{L}.'-]+(?: \p{Lu}[\p{L}.'-]+){0,3})$")
BOX_BYLINE = regex.compile(r"^[□■◎▲△●○◆◇]\s*(?P<by>\S.{1,60})$")
BYLINE_CHARS = 60  # the longest line read as a byline alone on its line (four roles with their names)
# A byline alone on its line: 记者 赵明远 通讯员 蒋雪梅／报道, 本报记者 王芳, 晚报记者 周安然 文/图,
# 文/图 本报记者 潘海燕.
_OWN_LINE = regex.compile(
    rf"^(?:(?:文[/／][图圖]|[图圖][/／]文)[ \u3000]*)?(?:\p{{Han}}{{0,8}}?{_ROLE}(?:[／/]{_ROLE})*[ \u3000]*[：:]?[ \u3000]*{_PERSON}(?:[ \u3000、]+{_PERSON})*[ \u3000]*)+"
    r"(?P<tail>[／/]?[ \u3000]*(?:[报報]道|[报報][导導]|文|[图圖]|文[／/][图圖摄攝]|[摄攝]|手[记記])"
    r"|[／/]\p{Han}{1,4}(?:[报報]道|[报報][导導]))?$"  # 記者鍾宜庭／新竹報導: where it was reported from
)
# A bracketed byline with no dateline before it: 〔記者林志豪／竹山報導〕, 【記者林志豪／台北報導】,
# （中央社記者林志豪台北18日電）.
_BRACKET_ONLY = regex.compile(
    r"^(?:〔(?P<by>[^〔〕]{2,40}?)〕|【(?P<by>[^【】]{2,40}?)】|[（(](?P<by>中央社[^（）()]{2,40}?[電电])[）)])[ \u3000]*"
)
_REPORTED = regex.compile(r"(?:[报報]道|[报報][导導])$")
# What a byline says the writer did, after the name: 整理, 发自东港, 手记, 执笔, 编译, 摄, 文/图.
_ACTIVITY = regex.compile(r"整理|手[记記]|[执執]笔|[编編][译譯]|口述|[发發]自\p{Han}{1,6}|[摄攝]|文(?:[／/·・]?[图圖摄攝])?|[图圖]")
_CABLED = regex.compile(r"\d{1,2}日[電电]$")


@dataclass(frozen=True)
class Opening:
    """What an article's first paragraph opens with, and where its text starts."""

    dateline: str | None
    byline: str | None
    rest: int  # offset of the remaining text
    byline_at: int  # offset of the byline text (for line-break positions)


def jump_page(m: regex.Match[str]) -> str:
    """The page a jump line points to: 3版, or `page 4` however the paper capitalised it."""
    return m["to"] or f"page {m['page']}"


def split_credit(line: str) -> tuple[str, str] | None:
    """Split `caption        记者 X 摄` into (caption, credit without 摄); English credits
    (`Photo: Jo Bloggs`, `JO BLOGGS/STAFF`) lose their `Photo:` and brackets."""
    for pattern in (_CREDIT_GAP, _CREDIT_BRACKET, _CREDIT_LABEL, _CREDIT_LABEL_BRACKET, _CREDIT_AFTER_STOP):
        m = pattern.match(line)
        if m and (_ROLES.search(m["credit"]) or len(m["credit"].split()) <= 2):
            return (m["text"] or "").rstrip(), _CREDIT_LABEL_HEAD.sub("", m["credit"].strip())
    for pattern in (english.CREDIT, english.CAPS_CREDIT, english.AGENCY_CREDIT):
        m = pattern.match(line)
        if m:
            return (m["text"] or "").rstrip(), m["credit"].strip()
    return None


def opening(text: str) -> Opening:
    """Find a dateline and a bracketed byline at the start of a first paragraph."""
    m = DATELINE.match(text)
    if not m:
        b = _BRACKET_ONLY.match(text)
        if b and _ROLES.search(b["by"]):
            return Opening(None, b["by"], b.end(), b.start("by"))
        return Opening(None, None, 0, 0)
    b = _BYLINE_BRACKET.match(text, m.end())
    if b and _ROLES.search(b["by"]):
        rest = b.end()
        while rest < len(text) and text[rest] in " \u3000":
            rest += 1
        return Opening(m["dl"], b["by"], rest, b.start("by"))
    b = _REPORTED_BY.match(text, m.end()) or _SPACED_BY.match(text, m.end())
    if b:
        return Opening(m["dl"], b["by"], b.end(), b.start("by"))
    rest = m.end()
    while rest < len(text) and text[rest] in " \u3000":
        rest += 1
    return Opening(m["dl"], None, rest, rest)


def authors(byline: str, breaks: list[int] = ()) -> tuple[str, list[str]]:
    """The byline with split names rejoined, and the names after each role word.

    A wrap inside a byline either splits one name (陈\\n晓岚) or falls between two names
    whose separating space the extractor dropped (许嘉禾\\n唐清扬): a token longer than a
    name is cut at the wrap, a shorter one is one name.
    """
    pieces, last = [], 0
    for at in sorted(b for b in breaks if 0 < b < len(byline)):
        left = regex.search(r"\S+$", byline[:at])
        right = regex.match(r"\S+", byline[at:])
        if left and right and len(left.group()) >= 2 and len(right.group()) >= 2:
            token = left.group() + right.group()
            if regex.fullmatch(r"\p{Han}{4,}", token) and not _ROLES.search(token):
                pieces.append(byline[last:at] + " ")
                last = at
    text = "".join(pieces) + byline[last:]
    names: list[str] = []
    for part in _ROLES.split(text)[1:]:
        for found in _NAME_TOKEN.finditer(part):
            token, before = found.group(), part[: found.start()].rstrip()
            if _REPORTED.search(token):
                if before and not before.endswith(("、", "，", ",")):
                    continue  # 林志豪／竹山報導: where it was reported from
                token = _REPORTED.sub("", token)  # 記者葉詠欣報道, 記者陳嘉欣、李志強報道: the name, run in
            if regex.fullmatch(r"\p{Han}{2,3}[摄攝]", token) and _NAME.match(token[:-1]):
                token = token[:-1]  # 通讯员吴岚摄: the credit's 摄 run into the name
            if _ACTIVITY.fullmatch(token):  # 吕思思 整理, 严子航 发自东港, 记者手记: what the writer did
                continue
            if _CABLED.search(token):  # 林志豪台北18日電: name (two or three glyphs), place, date
                token = _CABLED.sub("", token)
                token = token[:3] if len(token) >= 5 else token[:2]
            if _NAME.match(token) and token not in names:
                names.append(token)
    return regex.sub(r"\s+", " ", text).strip(), names


def credit_authors(credit: str) -> list[str]:
    """Names in a photo credit: after a role word, or the credit itself when it is a name."""
    _, names = authors(credit)
    if names:
        return names
    if not regex.search(r"\p{Han}", credit):
        return english.credit_names(credit)
    token = credit.split()[-1] if credit.split() else ""
    return [token] if _NAME.match(token) else []


# A credit label and its names, once or more on one line: 作者：蓝溪, 文·图：卜凡, 图／卜凡,
# 报道：黄佩玲　摄影：江志明, 文/珠岸都市报记者 黎思敏 (the label then a byline).
_LABEL = regex.compile(r"(?:^|(?<=[ \u3000]))(?:文|[图圖]|文[/／·・][图圖摄攝]|[图圖][/／·・]文|[报報]道|[摄攝]影|作者|撰文|口述|整理)"
                       r"[ \u3000]*[/／：:｜|]")
_LABELLED = regex.compile(
    rf"^(?:{_LABEL.pattern}[ \u3000]*(?:\p{{Han}}{{0,8}}?{_ROLE}[ \u3000]*)?{_PERSON}"
    rf"(?:[ \u3000、]+(?:{_ROLE}[ \u3000]*)?{_PERSON})*[ \u3000]*)+$")
_NAME_THEN_ROLE = regex.compile(rf"^(?P<names>{_PERSON}(?:[ \u3000、]+{_PERSON})*)[ \u3000]+(?:[报報][道导導]|著|撰文)$")
_WRITTEN_BY = regex.compile(rf"^(?:文|[图圖]|文[/／][图圖])[ \u3000]*[/／：:｜|][ \u3000]*(?P<names>{_PERSON}(?:[ \u3000、]+{_PERSON})*)$")


def is_name(token: str) -> bool:
    """A person's name as papers print it: two to four Han glyphs, or capitalised words."""
    return bool(_NAME.match(token))


def own_line_byline(line: str) -> tuple[str, list[str]] | None:
    """A byline printed alone on its line (记者 赵明远 通讯员 蒋雪梅／报道, 文/ 王芳,
    报道：黄佩玲　摄影：江志明) as (byline, names). A line longer than any byline is none (and the
    byline patterns' nested repeats would backtrack on it for minutes)."""
    if len(line.strip()) > BYLINE_CHARS:
        return None
    w = _WRITTEN_BY.match(_NOTE.sub("", line.strip()))  # 文／梁志德（註冊會計師）: a note on the writer
    if w is not None and not _ROLES.search(line):
        return regex.sub(r"\s+", " ", line.strip()), regex.findall(_PERSON, w["names"])
    named = _NAME_THEN_ROLE.match(line.strip())
    if named and not _ROLES.search(line):  # 欧阳明 报道, 罗一苇 著
        return regex.sub(r"\s+", " ", line.strip()), regex.findall(_PERSON, named["names"])
    if _LABELLED.match(line.strip()):
        parts = _LABEL.split(line.strip())
        names = [n for part in parts for n in (authors(part)[1] if _ROLES.search(part) else regex.findall(_PERSON, part))]
        return regex.sub(r"\s+", " ", line.strip()), names
    m = _OWN_LINE.match(line.strip())
    if m is None:
        return None
    text = line.strip()
    _, names = authors(text[: m.start("tail")] if m["tail"] else text)
    return (regex.sub(r"\s+", " ", text), names) if names else None


def box_authors(byline: str) -> tuple[str, list[str]]:
    """An author box's byline and names: after role words, or the box holds only names
    (□ 林森), perhaps with a note on the writer (◎王文彥（社區志工）); a staff label
    (□本报评论员) names nobody here (the layout's test for an author box)."""
    text, names = authors(byline)
    if not names and not _ROLES.search(text):
        tokens = _NOTE.sub("", text).split()  # ◎王文彥（社區志工）: who the writer is, no name
        if 2 <= len(tokens) <= 3 and all(regex.fullmatch(r"\p{Han}", t) for t in tokens):
            tokens = ["".join(tokens)]  # a name letter-spaced in its box: ○ 秦 川
        names = tokens if tokens and all(_NAME.match(t) and regex.fullmatch(r"\p{Han}{2,3}", t) for t in tokens) else []
        written = own_line_byline(text)
        names = names or (written[1] if written else [])  # ■文：Catarina Lopes
    return text, names


def box_writers(byline: str) -> tuple[str, list[str]]:
    """The authors an author box gives its article: its names (box_authors), but the
    paper's collective writer as printed (□本报评论员), and only the name after what the
    writer is (□ 职业七段 方寒江, ■ 馬評人 勞振邦: no role word, two parts)."""
    text, names = box_authors(byline)
    if _STAFF_WRITER.fullmatch(text):
        return text, [text]
    tokens = _NOTE.sub("", text).split()
    if not _ROLES.search(text) and len(tokens) == 2 and regex.fullmatch(r"\p{Han}{2,3}", tokens[1]) and len(tokens[0]) >= 2:
        return text, [tokens[1]]
    return text, names


# The paper's collective commentator: independent corpora name 本报评论员 as the author.
_STAFF_WRITER = regex.compile(r"本[报報]\p{Han}{0,3}[评評][论論][员員]")
# A signature's trailing note: 马玉珍（72岁）, 林美玉（诗河）, Siti Aminah Yusof (Dr).
_NOTE = regex.compile(r"[ \u3000]*[（(][^（）()]{1,12}[）)]$")
_BRACKETED = regex.compile(r"^[（(](?P<by>[^（）()]{2,40})[）)]$")


def signature(line: str) -> tuple[str, list[str]] | None:
    """A signature set apart on its own line, right-aligned under a story or a letter, as
    (byline, names): a byline (晚报记者 叶澜, （本报记者 莫小兰）), or a name after what
    the writer is (读者 李国平, 外国语学院 邓可, 河东区 马玉珍（72岁）, Margaret Yip, Wo Lok)."""
    text = regex.sub(r"\s+", " ", line.strip())
    own = own_line_byline(text)
    if own is not None and own[1]:
        return own
    b = _BRACKETED.match(text)
    if b and _ROLES.search(b["by"]):
        byline, names = authors(b["by"])
        return (byline, names) if names else None
    if b:  # （县农技推广中心 韦丽萍）, （岭东区法院法官 谢婷）: who the writer is, then the name
        inner = signature(b["by"])
        return (b["by"], inner[1]) if inner and " " in b["by"].strip() else None
    bare = _NOTE.sub("", text)
    if regex.search(r"\p{Han}", bare):
        token = bare.split(" ")[-1]
        return (text, [token]) if regex.fullmatch(r"\p{Han}{2,4}|\p{Han}{1,6}·\p{Han}{1,8}", token) and not _ROLES.search(token) else None
    name = bare.split(",")[0].strip()
    return (text, [english.name_case(name)]) if english.is_name(name) else None  # ALAN FISHER: Alan Fisher


# a run of spaces is tried from its first space only: from every one it is quadratic (0.5 s on 10,000)
_TRAILING_BYLINE = regex.compile(r"(?<![ \u3000])[ \u3000]*[（(](?P<by>[^（）()]{2,40})[）)]$")
# The commonest Chinese surnames (simplified and traditional): a writer's bare name in the
# brackets closing a story (…帮忙。（王丽珠））. Surnames that are also common words (文, 全,
# 时, 明 …) are left out, so （全文完） or （新华） is never a name.
_SURNAMES = frozenset(
    "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何林高罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾"
    "萧蕭蔡潘田董袁余叶葉蒋蔣杜苏蘇魏程吕呂丁沈任姚卢盧傅钟鍾姜崔谭譚陆陸汪范贾賈夏韦韋邹鄒孟熊秦邱"
    "尹薛闫閻段雷侯龙龍史陶黎贺賀顾顧郝龚龔邵钱錢严嚴覃戴莫孔汤湯温溫康施牛樊葛邢齐齊乔喬伍庞龐颜顏"
    "倪庄莊聂聶章鲁魯岳翟殷詹欧歐耿关關焦俞柳甘祝舒阮柯纪紀梅凌毕畢裴霍涂苗翁冉骆駱蓝藍游辛靳柴蒙"
    "鲍鮑喻祁蒲滕屈饶饒艾尤穆卓缪繆简簡麦麥褚娄婁窦竇岑冼邝鄺"
)
_BARE_NAME = regex.compile(r"\p{Han}{2,3}")


def bare_name(text: str) -> bool:
    """Two or three Han glyphs opening with a common surname: a name printed alone."""
    return bool(_BARE_NAME.fullmatch(text)) and text[0] in _SURNAMES


_SPACED_NAME = regex.compile(r"\p{Han}(?:[ \u3000]+\p{Han}){1,2}")  # 林 启 明: a name letter-spaced
# what the writer is, before the name, is a unit or a trade of at least this many glyphs (行政書士,
# 龙泉矿机电队); a two-word deck (夜市 何时开, 高楼 林立) opens with a shorter word (review15)
WHO_CHARS = 4
_WHO = regex.compile(r"[^\s，。、；：！？,.;:!?]{2,16}")  # what the writer is: 龙泉矿机电队, 行政書士


# A field label before what the writer is and the name, under a question's headline: who answers
# it (解答：內科專科醫生 蘇文浩, 答疑：宠物医院主治医师 唐力) (byline17)
FIELD_LABEL = regex.compile(r"^\p{Han}{2,4}[：:][ \u3000]*(?=\S)")


def name_line(text: str) -> tuple[str, list[str]] | None:
    """A writer's name alone on its line with no role word, as a paper prints it under a
    headline: a bare name opening with a common surname (林一苇), letter-spaced (林 启 明),
    or after what the writer is (龙泉矿机电队 郭小川, 行政書士 陳美玲, 城南实验小学五（2）班　林小雨),
    which a field label may open (解答：內科專科醫生 蘇文浩): (byline, names). Whether the line
    stands under a headline is the caller's to know."""
    text = text.strip()
    if len(text) > BYLINE_CHARS or _ROLES.search(text):
        return None
    label = FIELD_LABEL.match(text)
    if label is not None:  # only what the writer is and the name after a label: 地点：黄山 is no writer
        found = name_line(text[label.end() :])
        return (regex.sub(r"\s+", " ", text), found[1]) if found and " " in found[0] else None
    squeezed = regex.sub(r"[ \u3000]+", "", text)
    if (_SPACED_NAME.fullmatch(text) or _BARE_NAME.fullmatch(text)) and bare_name(squeezed):
        return text, [squeezed]
    parts = regex.split(r"[ \u3000]+", text)
    if (len(parts) == 2 and bare_name(parts[1]) and _WHO.fullmatch(parts[0]) and regex.search(r"\p{Han}", parts[0])
            and len(parts[0]) >= WHO_CHARS):
        return regex.sub(r"\s+", " ", text), [parts[1]]
    return None


def trailing_byline(text: str) -> tuple[str, str, list[str]] | None:
    """A byline in brackets closing an article's last paragraph (…發展。（記者 張雅婷））, or
    standing as a paragraph of its own: (text without it, byline, names), or None."""
    m = _TRAILING_BYLINE.search(text)
    before = text[: m.start()] if m else ""
    if m is None or not (closed_before(before) or not before.strip()):
        return None
    if bare_name(m["by"].strip()):  # …帮忙。（王丽珠）
        return text[: m.start()], m["by"].strip(), [m["by"].strip()]
    tokens = m["by"].split()
    if len(tokens) >= 2 and all(bare_name(t) for t in tokens):  # …恢复送电。（韦晓峰 唐佳）
        return text[: m.start()], " ".join(tokens), tokens
    credit = _CREDIT_LABEL_HEAD.match(m["by"].strip()) or regex.search(r"[摄攝]$", m["by"].strip())
    labelled = not credit and _LABELLED.match(m["by"].strip()) and own_line_byline(m["by"])
    if labelled and labelled[1]:  # …运作经费。（报道：许慧心）
        return text[: m.start()], labelled[0], labelled[1]
    if not _ROLES.match(m["by"].strip()):
        return None
    byline, names = authors(m["by"])
    return (text[: m.start()], byline, names) if names else None


def closed_before(text: str) -> bool:
    return bool(regex.search(r"[。！？!?][”’」』]*$", text))


# A notice's closing formula, set apart after its signatory: 谨启, 謹啟, 敬告, 泣告, 仝泣啟,
# 同叩謝, 敬輓, 拜上 (an adverb of respect or grief, then the verb that closes a letter). It
# signs the notice off; it is not who issued it. Set close after the name, only the two-glyph
# 谨启, 謹啟, 敬告 is taken (港島書法研究會謹啟): a name's own last glyphs seldom read so.
_CLOSING = regex.compile(r"(?:(?:^|(?<=[ \u3000]))(?P<f>[仝同]?[谨謹敬泣叩拜]\p{Han}?[启啟告谢謝輓挽上])"
                         r"|(?<=\p{Han}{2})(?P<f>[谨謹敬][启啟告]))$")
# A field label before the issuer's name (采购人：珠岸市第三人民医院, Signed: Brendan and Aoife
# Hogan): the form's, not the name's; in Latin script one word and a colon (byline16).
_ISSUER_LABEL = regex.compile(r"^(?P<f>\p{Han}{2,8}[：:]|\p{Lu}\p{Ll}{2,15}:)[ \u3000]*(?=\S)")


def notice_issuer(issuer: str) -> tuple[str | None, str]:
    """A signature's issuer without its closing formula (槟城慈云寺理事会 谨启) and without a
    field label before it (采购人：…), and what was taken off (counted as layout)."""
    taken = ""
    m = _CLOSING.search(issuer)
    if m:
        taken, issuer = m["f"], issuer[: m.start()]
    label = _ISSUER_LABEL.match(issuer)
    if label and not regex.search(r"[：:\d]", issuer[label.end():]):  # a name follows, not a phone number
        taken, issuer = taken + label["f"], issuer[label.end():]
    return issuer.strip() or None, taken


_RUN_IN_SIGNED = regex.compile(
    r"^(?P<text>(?:.*[。！？!?][”’」』]*)?)[ \u3000]*(?P<issuer>[^\s。！？，、；：:,;（(][^。！？，；：:;]{1,29}?)(?P<gap>[ \u3000]*)"
    rf"(?P<date>(?:{_DATE_NUM}{{4}}|(?:中[華华])?民[國国]{_DATE_NUM}{{2,4}})年{_DATE_NUM}{{1,3}}月{_DATE_NUM}{{1,3}}日)$")


def run_in_signature(text: str, date_apart: bool = False) -> tuple[str, str, str] | None:
    """A notice's issuer and date run into its last paragraph after the last sentence
    (…声明作废。梁晓婷 2026年11月13日, a classified 遗失声明), or standing as its last
    paragraph (岭州市岭东区人民法院 二〇二五年三月十一日): (text, issuer, date). A space sets
    the date off its issuer, or the date is printed on a line of its own (`date_apart`:
    东江市鑫达五金经营部 / 2026年11月13日); a date run into the words before it ends their
    sentence (会议时间定于2026年11月13日) and signs nothing."""
    m = _RUN_IN_SIGNED.match(text)
    if m is None or not (m["gap"] or date_apart):
        return None
    return m["text"], m["issuer"].strip(), m["date"]
