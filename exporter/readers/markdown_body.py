"""Markdown body -> model blocks, with markdown-it-py (CommonMark, raw HTML off).

Conventions: `##` (any level) is a subhead; an image alone at the start of a paragraph is
a figure (`![alt](src "caption"){credit="…"}`, text after the image adds to the caption);
a `::: figure {credit="…"}` container holds a caption-only photo (or an image plus caption
paragraphs); a blockquote's last paragraph starting with a dash is its attribution.
Inline emphasis and links are flattened to their text. Whatever changes form on the way
(nested lists, code blocks, inline images) is reported as a note, never dropped.
"""

from __future__ import annotations

from typing import Any

import regex
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin

from ..text import join_lines

_CREDIT = regex.compile(r"""credit\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s}"']+))""")
_ATTRIBUTION = regex.compile(r"^\s*(?:——|—|--|―)\s*(.+)$")

_md = (
    MarkdownIt("commonmark", {"html": False, "linkify": False})
    .use(attrs_plugin)
    .use(container_plugin, name="figure")
)


def body_to_blocks(body: str, first_line: int = 1) -> tuple[list[dict[str, Any]], list[str]]:
    """Return (blocks as contract dicts, notes 'line: message' about text kept in another form)."""
    tokens = _md.parse(body)
    blocks: list[dict[str, Any]] = []
    notes: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        line = first_line + (tok.map[0] if tok.map else 0)
        if tok.type == "heading_open":
            blocks.append({"type": "heading", "text": _inline_text(tokens[i + 1], notes, line)})
            i += 3
        elif tok.type == "paragraph_open":
            blocks.append(_paragraph_or_figure(tokens[i + 1], notes, line))
            i += 3
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            end = _close(tokens, i)
            blocks.append(_list(tokens[i:end + 1], notes, line))
            i = end + 1
        elif tok.type == "blockquote_open":
            end = _close(tokens, i)
            blocks += _quotes([_inline_text(t, notes, line) for t in tokens[i:end] if t.type == "inline"])
            i = end + 1
        elif tok.type == "container_figure_open":
            end = _close(tokens, i)
            blocks.append(_container_figure(tok, tokens[i + 1:end], notes, line))
            i = end + 1
        elif tok.type in ("fence", "code_block"):
            notes.append(f"{line}: code block kept as a plain paragraph")
            if tok.content.strip():
                blocks.append({"type": "paragraph", "text": tok.content})
            i += 1
        else:  # hr and closing tokens carry no text
            i += 1
    return blocks, notes


def _close(tokens: list[Token], start: int) -> int:
    """Index of the token that closes tokens[start] (same nesting level)."""
    level = tokens[start].level
    closing = tokens[start].type.replace("_open", "_close")
    for j in range(start + 1, len(tokens)):
        if tokens[j].type == closing and tokens[j].level == level:
            return j
    return len(tokens) - 1


def _inline_text(inline: Token, notes: list[str], line: int) -> str:
    """Plain text of an inline token; soft breaks join like wrapped lines (no space in CJK)."""
    lines, cur = [], ""
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            lines.append(cur)
            cur = ""
        elif child.type in ("text", "code_inline"):
            cur += child.content
        elif child.type == "image":
            notes.append(f"{line}: image inside a sentence kept as its alt text ('{child.content}')")
            cur += child.content
    lines.append(cur)
    return join_lines(lines)


def _list(tokens: list[Token], notes: list[str], line: int) -> dict[str, Any]:
    """One list block; items of nested lists follow their parent (reported), and an item of
    several paragraphs stays one item."""
    top = tokens[0].level + 1
    items: list[str] = []
    nested = False
    for j, tok in enumerate(tokens):
        if tok.type == "list_item_open":
            nested |= tok.level > top
            end = _close(tokens, j)
            own = [t for t in tokens[j:end] if t.type == "inline" and t.level == tok.level + 2]
            items.append(join_lines([_inline_text(t, notes, line) for t in own]))
    if nested:
        notes.append(f"{line}: nested list flattened into one list")
    return {"type": "list", "ordered": tokens[0].type == "ordered_list_open", "items": [i for i in items if i]}


def _quotes(paragraphs: list[str]) -> list[dict[str, Any]]:
    """A blockquote: one quote block per paragraph; a final '——某某' is the attribution."""
    attribution = None
    if len(paragraphs) > 1 and (m := _ATTRIBUTION.match(paragraphs[-1])):
        attribution = m[1]
        paragraphs = paragraphs[:-1]
    quotes: list[dict[str, Any]] = [{"type": "quote", "text": p} for p in paragraphs if p]
    if quotes and attribution:
        quotes[-1]["attribution"] = attribution
    return quotes


def _image(child: Token) -> dict[str, Any]:
    fig: dict[str, Any] = {"type": "figure", "src": child.attrGet("src"), "alt": child.content or None}
    for attr, key in (("title", "caption"), ("credit", "credit")):
        if child.attrGet(attr):
            fig[key] = child.attrGet(attr)
    return fig


def _paragraph_or_figure(inline: Token, notes: list[str], line: int) -> dict[str, Any]:
    children = [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]
    if not children or children[0].type != "image":
        return {"type": "paragraph", "text": _inline_text(inline, notes, line)}
    fig = _image(children[0])
    rest = Token("inline", "", 0, children=inline.children[inline.children.index(children[0]) + 1:])
    caption = join_lines([fig.get("caption") or "", _inline_text(rest, notes, line)])
    if caption:
        fig["caption"] = caption
    return fig


def _container_figure(open_tok: Token, inner: list[Token], notes: list[str], line: int) -> dict[str, Any]:
    fig: dict[str, Any] = {"type": "figure"}
    if m := _CREDIT.search(open_tok.info):
        fig["credit"] = next(g for g in m.groups() if g is not None)
    elif "credit" in open_tok.info:
        notes.append(f"{line}: could not read the credit in '::: {open_tok.info.strip()}'")
    captions = []
    for tok in (t for t in inner if t.type == "inline"):
        block = _paragraph_or_figure(tok, notes, line)
        if block["type"] == "figure":
            fig.update({k: v for k, v in block.items() if k != "caption"})
            captions.append(block.get("caption", ""))
        else:
            captions.append(block["text"])
    if join_lines(captions):
        fig["caption"] = join_lines(captions)
    return fig
