"""Turn drafts into model articles: fields from datelines, bylines, jump lines,
credits and signatures; blocks from paragraphs, subheads and numbered items."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import regex

from ..model import Article, Block, Figure, Heading, ListBlock, Notice, Paragraph
from . import captions, fields
from .layout import BoxByline, Byline, Head, Signature, visible
from .notes import Notes
from .repair import collapse_punctuation, fix_brackets, join_wrapped
from .segment import Body, Draft

_NUMBERED = regex.compile(r"^\d{1,2}[.．、](?!\d)")
_BULLET = regex.compile(r"^[•●▪◦]\s*")
_DASHES = regex.compile(r"^[—―─-]{2,}\s*|\s*[—―─-]{2,}$")
_FRAMED = regex.compile(r"^【(?P<text>[^【】]+)】$")  # a head set off whole in lenticular brackets
_MARK = regex.compile(r"^[●◎■□◆◇▲△○★☆▶►][ \u3000]*(?=\S)")  # a brief's bullet before its headline
_LATIN = regex.compile(r"\p{Latin}")
# a serial's instalment ends on `（未完待续）`: a jump mark with no page, layout like a jump line
_TO_BE_CONTINUED = regex.compile(r"[（(]\s*(?:未完待[续續]|待[续續]|to be continued)\s*[）)]$", regex.I)
# a photo's title opening its caption, set off by an ideographic space: 荷塘消夏　7月1日，……
_CAPTION_TITLE = regex.compile(r"^(?P<title>[^\s，。、；：！？,.;:!?（）()“”\[\]【】]{2,16})\u3000+(?P<rest>\S.*)$", regex.S)
_HAN = regex.compile(r"\p{scx=Han}")


# Frequent characters that differ between the scripts, pairwise (這/这, 們/们 …).
_TRADITIONAL = regex.compile("[這們來說時會對於與為過還發進經點開關國學書長門車東見讀報導記訊轉攝區產業們聯]")
_SIMPLIFIED = regex.compile("[这们来说时会对于与为过还发进经点开关国学书长门车东见读报导记讯转摄区产业们联]")


def unplaced_title(texts: list[str]) -> str:
    """未归类 (or 未歸類 in traditional script) for Chinese text, Unplaced for Latin script."""
    sample = "".join(texts)
    if len(_LATIN.findall(sample)) > len(_HAN.findall(sample)):
        return "Unplaced"
    return "未歸類" if len(_TRADITIONAL.findall(sample)) > len(_SIMPLIFIED.findall(sample)) else "未归类"


@dataclass
class _Parts:
    """What an article's body yields as it is read: model fields, authors, blocks,
    the lead-box text and the article kind."""

    fields: dict[str, object]
    authors: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    kind: str = "article"
    dated: set[int] = field(default_factory=set)  # ids of paragraphs whose last printed line is a date alone


class ArticleBuilder:
    """Builds the articles of one page, counting the marker characters it removes."""

    def __init__(self, name: str, page: int | str, notes: Notes, dropped: Counter[str],
                 figures: dict[int, str] | None = None) -> None:
        self.name, self.page, self.notes, self.dropped = name, page, notes, dropped
        self.figures = figures or {}  # a caption's first line → the image printed over it

    def article(self, draft: Draft, index: int) -> Article:
        ident = f"p{self.page}-{index:02d}"
        if draft.caption is not None:
            text = self._clean(join_wrapped([line.text for line in draft.caption.lines], self.dropped)[0])
            self.notes.decide(self.name, draft.at, "standalone caption → photo with a caption-only figure")
            src = self.figures.get(draft.caption.no)
            why = ("caption type (smaller or italic) next to a picture, with no credit" if draft.caption.lines[0].caption
                   else "a display-type block ending a sentence, with no body: a standalone caption")
            self.notes.evidence[ident] = [self.notes.at(self.name, draft.at), why]
            title, text = _caption_title(text) if draft.title is None else (self._head_text(draft.title), text)
            if draft.title is not None:
                self.notes.evidence[ident].append(f"headline over its picture at {self.notes.at(self.name, draft.title.no)}")
            figure = captions.figure(src, text, None, self.dropped)
            return Article(id=ident, kind="photo", page=self.page, headline=title, blocks=[figure],
                           authors=fields.credit_authors(figure.credit) if figure.credit else [])
        if draft.unplaced:
            texts = [self._head_text(h) for h in draft.unplaced]
            self.notes.evidence[ident] = [self.notes.at(self.name, draft.at),
                                          "headline-like blocks no article could take (see the warnings)"]
            parts = _Parts({"id": ident, "page": self.page}, blocks=[Paragraph(text=t) for t in texts])
            self._trailing_byline(parts)  # text the layout took for heads may still close on its writer: …112张。（梁韵仪）
            return Article(kind="article", headline=unplaced_title(texts), authors=parts.authors, blocks=parts.blocks,
                           **parts.fields)
        assert draft.body is not None
        return self._body(draft.body, ident)

    def _head_text(self, head: Head) -> str:
        """A head's lines joined; lenticular brackets round the whole head (【职工书屋新增图书2000册】,
        【實驗原理】) are how the page sets it off, as a brief's bullet is, and are dropped."""
        text = join_wrapped([line.text for line in head.lines], self.dropped)[0]
        if (m := _FRAMED.match(text)) is not None and m["text"].strip():  # `【 】` frames nothing: kept as printed
            self.dropped.update("【】")
            return m["text"]
        return text

    def _clean(self, text: str) -> str:
        return collapse_punctuation(fix_brackets(text), self.dropped)

    def _strip(self, text: str, pattern: regex.Pattern[str]) -> str:
        """Remove a layout marker (jump line, kicker dashes) and count its characters."""
        for m in pattern.finditer(text):
            self.dropped.update(regex.sub(r"\s", "", m.group()))
        return pattern.sub("", text)

    def _body(self, body: Body, ident: str) -> Article:
        parts = _Parts({"id": ident, "page": self.page})
        self._heads(body, parts.fields)
        self._items(body, parts)
        self._trailing_byline(parts)
        headline = parts.fields.get("headline")
        if parts.kind == "photo" and not headline and parts.blocks and isinstance(figure := parts.blocks[0], Figure):
            headline, caption = _caption_title(figure.caption or "")
            if headline:
                parts.fields["headline"] = headline
                parts.blocks[0] = figure.model_copy(update={"caption": caption})
        if isinstance(headline, str) and fields.NOTICE_TITLE.search(headline):
            parts.kind = "notice"
        if parts.kind == "notice" and "notice" not in parts.fields:
            _run_in_signature(parts)
        if parts.kind != "photo" and not (headline or "").strip():
            texts = [b.text for b in parts.blocks if isinstance(b, Paragraph)] + parts.lead
            parts.fields["headline"] = unplaced_title(texts)
            self.notes.warn(self.name, body.no, "no headline found for this article; marked as unplaced")
        self._explain(body, ident, parts)
        authors = list(dict.fromkeys(parts.authors))  # a writer named in the byline and again in a credit
        return Article(kind=parts.kind, lead=parts.lead, authors=authors, blocks=_lists(parts.blocks),
                       **parts.fields)

    def _heads(self, body: Body, out: dict[str, object]) -> None:
        """Kicker, headline and subheadline from the head group, if the body has one."""
        group = body.group
        if group is None:
            return
        if group.kicker is not None:
            out["kicker"] = self._strip(self._head_text(group.kicker), _DASHES)
        out["headline"] = self._strip(self._head_text(group.headline), _MARK)
        if group.sub is not None:
            out["subheadline"] = self._strip(self._head_text(group.sub), _DASHES)

    def _items(self, body: Body, parts: _Parts) -> None:
        """Bylines, subheads, signatures, paragraphs, lead-box text and captioned photos."""
        lead_end = next((i for i, it in enumerate(body.items) if isinstance(it, BoxByline)), -1)
        paras_seen = 0
        for i, item in enumerate(body.items):
            if isinstance(item, BoxByline):
                self.dropped[item.line.text[0]] += 1  # the box that marks the byline
                byline, names = fields.box_writers(item.text)
                _add_byline(parts.fields, byline)
                parts.authors += names
                continue
            if isinstance(item, Byline) and item.signs and parts.authors and not set(item.names) & set(parts.authors):
                parts.blocks.append(Paragraph(text=item.text))  # a note on someone the byline does not name
                continue
            if isinstance(item, Byline):
                self.dropped.update(visible(item.raw) - visible(item.text))  # By
                _add_byline(parts.fields, item.text)
                parts.authors += item.names
                continue
            if isinstance(item, Head):
                parts.blocks.append(Heading(text=self._strip(self._head_text(item), _MARK)))  # a bullet, as a headline sheds it
                continue
            if isinstance(item, Signature):
                issuer, formula = fields.notice_issuer(item.issuer) if item.issuer else (None, "")
                self.dropped.update(visible(formula))  # 谨启, 采购人：
                parts.fields["notice"] = Notice(issuer=issuer, date=item.date)
                parts.kind = "notice"
                continue
            text, starts = join_wrapped([line.text for line in item.lines], self.dropped)
            if paras_seen == 0:
                text, starts = self._opening(text, starts, parts.fields, parts.authors)
            paras_seen += 1
            m = fields.JUMP_TO.search(text)
            if m:
                parts.fields["continued_to"] = fields.jump_page(m)
                text = self._strip(text, fields.JUMP_TO)
            text = self._strip(text, _TO_BE_CONTINUED)
            text = self._clean(text)
            if not text.strip():
                if item.credit is not None:
                    parts.blocks.append(Paragraph(text=item.credit))
                    self.notes.warn(self.name, item.no, "a photo credit with no caption; kept as a paragraph")
                continue
            if item.credit is not None:
                parts.blocks.append(captions.figure(self.figures.get(item.no) or None, text, item.credit, self.dropped))
                parts.authors += fields.credit_authors(item.credit)
                parts.kind = "photo"
            elif i < lead_end:
                parts.lead.append(text)
            else:
                parts.blocks.append(Paragraph(text=text))
                if fields.DATE_LINE.match(item.lines[-1].text.strip()):
                    parts.dated.add(id(parts.blocks[-1]))

    def _trailing_byline(self, parts: _Parts) -> None:
        """A byline closing the last paragraph, such as （記者 張雅婷）. (A last paragraph that is a
        note on the writer, Pieter van Zyl is a horticulturist in Hillcrest, is read as a byline
        by `segment._taglines` where it stands right under the text.)"""
        blocks = parts.blocks
        last = next((k for k in range(len(blocks) - 1, -1, -1) if isinstance(blocks[k], Paragraph)), None)
        trailing = fields.trailing_byline(blocks[last].text) if last is not None and parts.kind == "article" else None
        if trailing is None:
            return
        text, byline, names = trailing
        self.dropped.update(visible(blocks[last].text) - visible(text) - visible(byline))  # its brackets
        if text.strip():
            blocks[last] = Paragraph(text=text)
        else:  # the byline was a paragraph of its own
            del blocks[last]
        _add_byline(parts.fields, byline)
        parts.authors += [n for n in names if n not in parts.authors]

    def _explain(self, body: Body, ident: str, parts: _Parts) -> None:
        """The evidence `--report` shows for this article, and the decision line."""
        out, authors, kind = parts.fields, parts.authors, parts.kind
        why = [self.notes.at(self.name, body.no), *body.evidence]
        if "dateline" in out:
            why.append(f"dateline '{out['dateline']}' opens the first paragraph")
        if "byline" in out:
            why.append(f"byline '{out['byline']}'" + (f" → authors {', '.join(authors)}" if authors else ""))
        if kind == "photo":
            why.append("a caption with a photo credit")
        if kind == "notice":
            why.append("a signature block (issuer and date)" if "notice" in out else "a notice title")
        self.notes.evidence[ident] = why
        self.notes.decide(self.name, body.no, f"{kind} '{out.get('headline', '')}'" + (
            f" by {', '.join(authors)}" if authors else ""))

    def _opening(
        self, text: str, starts: list[int], out: dict[str, object], authors: list[str]
    ) -> tuple[str, list[int]]:
        """Take a jump line, dateline and bracketed byline off an article's first paragraph."""
        m = fields.JUMP_FROM.match(text)
        if m:
            out["continued_from"] = fields.jump_page(m)
            self.dropped.update(regex.sub(r"\s", "", m.group()))
            starts = [s - m.end() for s in starts]
            text = text[m.end() :].lstrip(" \u3000")
        o = fields.opening(text)
        if o.dateline is None and o.byline is None:
            return text, starts
        if o.dateline is not None:
            out["dateline"] = o.dateline
        if o.byline is not None:
            breaks = [s - o.byline_at for s in starts]
            byline, names = fields.authors(o.byline, breaks)
            _add_byline(out, byline)
            authors += names
        # what the opening held besides dateline and byline is layout: brackets, a dash
        self.dropped.update(visible(text[: o.rest]) - visible(o.dateline or "") - visible(o.byline or ""))
        return text[o.rest :], [s - o.rest for s in starts]


def _run_in_signature(parts: _Parts) -> None:
    """A notice signed in its last paragraph's last words (…声明作废。梁晓婷 2026年11月13日),
    the date set off by a space or printed on the paragraph's last line alone."""
    last = next((k for k in range(len(parts.blocks) - 1, -1, -1) if isinstance(parts.blocks[k], Paragraph)), None)
    signed = fields.run_in_signature(parts.blocks[last].text, id(parts.blocks[last]) in parts.dated) if last is not None else None
    if signed is None:
        return
    if signed[0]:
        parts.blocks[last] = Paragraph(text=signed[0])
    else:  # the signature was a paragraph of its own
        del parts.blocks[last]
    parts.fields["notice"] = Notice(issuer=signed[1], date=signed[2])


def _caption_title(caption: str) -> tuple[str | None, str]:
    """A photo's title printed at the head of its caption, and the caption without it."""
    m = _CAPTION_TITLE.match(caption)
    return (m["title"], m["rest"]) if m else (None, caption)


def _add_byline(out: dict[str, object], byline: str) -> None:
    """A second byline (a box byline after a dateline's) is added, never lost."""
    out["byline"] = f"{out['byline']} {byline}" if out.get("byline") else byline


def _lists(blocks: list[Block]) -> list[Block]:
    """Turn runs of two or more numbered (or bulleted) paragraphs into one list block.

    Items keep their printed numbers: the text is the source's, never rewritten.
    """
    out: list[Block] = []
    run: list[Paragraph] = []
    ordered = False

    def flush() -> None:
        if len(run) >= 2:
            out.append(ListBlock(ordered=ordered, items=[p.text for p in run]))
        else:
            out.extend(run)
        run.clear()

    for block in blocks:
        if isinstance(block, Paragraph) and (_NUMBERED.match(block.text) or _BULLET.match(block.text)):
            kind = bool(_NUMBERED.match(block.text))
            if run and kind != ordered:
                flush()
            ordered = kind
            run.append(block)
        else:
            flush()
            out.append(block)
    flush()
    return out
