"""Tate-chu-yoko for vertical books: a run of one or two ASCII digits in the text (11月,
第6期, 19日) is wrapped in <span class="tcy"> so the theme can set it upright, side by
side (`text-combine-upright: all`); longer numbers (2026, 1,130) stay rotated, as JLREQ
and Traditional-Chinese books set them. Only text is touched: attributes, the <head> and
ids stay as they are.
"""

from __future__ import annotations

import dataclasses

import regex
from lxml import etree

from .pages import BookPage

XHTML = "http://www.w3.org/1999/xhtml"
_SHORT_NUMBER = regex.compile(r"(?<![0-9A-Za-z.,:/])[0-9]{1,2}(?![0-9A-Za-z.,:/%])")
_SKIP = {f"{{{XHTML}}}{t}" for t in ("head", "title", "style", "script", "svg")}


def _split(text: str) -> list[tuple[str, bool]]:
    """(piece, is_short_number) in order."""
    pieces, pos = [], 0
    for m in _SHORT_NUMBER.finditer(text):
        pieces += [(text[pos:m.start()], False), (m[0], True)]
        pos = m.end()
    pieces.append((text[pos:], False))
    return [p for p in pieces if p[0]]


def _span(text: str) -> etree._Element:
    span = etree.Element(f"{{{XHTML}}}span", {"class": "tcy"})
    span.text = text
    return span


def _wrap(el: etree._Element) -> None:
    """Wrap the short numbers of el.text and of each child's tail, children first."""
    for child in list(el):
        if isinstance(child.tag, str) and child.tag not in _SKIP:
            _wrap(child)
        if child.tail and _SHORT_NUMBER.search(child.tail):
            pieces = _split(child.tail)
            child.tail = None
            anchor = child
            for text, short in pieces:
                if short:
                    new = _span(text)
                    anchor.addnext(new)
                    anchor = new
                else:
                    anchor.tail = (anchor.tail or "") + text
    if el.text and _SHORT_NUMBER.search(el.text) and el.tag not in _SKIP:
        pieces = _split(el.text)
        el.text = None
        spans: list[etree._Element] = []
        for text, short in pieces:
            if short:
                spans.append(_span(text))
            elif spans:
                spans[-1].tail = (spans[-1].tail or "") + text
            else:
                el.text = text
        for i, span in enumerate(spans):
            el.insert(i, span)


def tate_chu_yoko(page: BookPage) -> BookPage:
    """The page with its short numbers marked up for upright setting."""
    root = etree.fromstring(page.xhtml.encode("utf-8"))
    body = root.find(f"{{{XHTML}}}body")
    if body is None:
        return page
    _wrap(body)
    xhtml = etree.tostring(root.getroottree(), encoding="unicode", doctype="<!DOCTYPE html>")
    return dataclasses.replace(page, xhtml=xhtml)
