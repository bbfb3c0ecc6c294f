"""Markdown body -> model blocks, with markdown-it-py (CommonMark, raw HTML off).

Conventions: `##` (any level) is a subhead; an image alone in a paragraph is a figure
(`![alt](src "caption"){credit="…"}`); a `::: figure {credit="…"}` container holds a
caption-only photo (or an image plus caption paragraphs); lists and quotes map directly.
Inline emphasis and links are flattened to their text.
"""

from __future__ import annotations

from typing import Any

import regex
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin

from ..text import join_lines

_CREDIT = regex.compile(r"""credit\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+?))\s*\}""")

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
            blocks.append({"type": "heading", "text": _inline_text(tokens[i + 1])})
            i += 3
        elif tok.type == "paragraph_open":
            blocks.append(_paragraph_or_figure(tokens[i + 1]))
            i += 3
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            end = _close(tokens, i)
            items = [_inline_text(t) for t in tokens[i:end] if t.type == "inline"]
            blocks.append({"type": "list", "ordered": tok.type == "ordered_list_open", "items": items})
            i = end + 1
        elif tok.type == "blockquote_open":
            end = _close(tokens, i)
            text = "\n".join(_inline_text(t) for t in tokens[i:end] if t.type == "inline")
            blocks.append({"type": "quote", "text": text})
            i = end + 1
        elif tok.type == "container_figure_open":
            end = _close(tokens, i)
            blocks.append(_container_figure(tok, tokens[i + 1:end]))
            i = end + 1
        elif tok.type in ("fence", "code_block"):
            notes.append(f"{line}: code block kept as a plain paragraph")
            if tok.content.strip():
                blocks.append({"type": "paragraph", "text": tok.content})
            i += 1
        elif tok.type == "html_block":  # unreachable with html off, kept for safety
            blocks.append({"type": "paragraph", "text": tok.content})
            i += 1
        else:
            i += 1
    return [b for b in blocks if b is not None], notes


def _close(tokens: list[Token], start: int) -> int:
    """Index of the token that closes tokens[start] (same nesting level)."""
    level = tokens[start].level
    closing = tokens[start].type.replace("_open", "_close")
    for j in range(start + 1, len(tokens)):
        if tokens[j].type == closing and tokens[j].level == level:
            return j
    return len(tokens) - 1


def _inline_text(inline: Token) -> str:
    """Plain text of an inline token; soft breaks join like wrapped lines (no space in CJK)."""
    lines, cur = [], ""
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            lines.append(cur)
            cur = ""
        elif child.type in ("text", "code_inline"):
            cur += child.content
        elif child.type == "image":
            cur += child.content
    lines.append(cur)
    return join_lines(lines)


def _image(child: Token) -> dict[str, Any]:
    fig: dict[str, Any] = {"type": "figure", "src": child.attrGet("src"), "alt": child.content or None}
    title = child.attrGet("title")
    if title:
        fig["caption"] = title
    credit = child.attrGet("credit")
    if credit:
        fig["credit"] = credit
    return fig


def _paragraph_or_figure(inline: Token) -> dict[str, Any]:
    children = [c for c in inline.children or [] if not (c.type == "text" and not c.content.strip())]
    images = [c for c in children if c.type == "image"]
    if len(images) == 1 and children[0].type == "image":
        fig = _image(images[0])
        rest = join_lines(
            [c.content for c in children[1:] if c.type in ("text", "code_inline")]
        )
        if rest and "caption" not in fig:
            fig["caption"] = rest
        elif rest:
            fig["caption"] = f"{fig['caption']}{rest}"
        return fig
    return {"type": "paragraph", "text": _inline_text(inline)}


def _container_figure(open_tok: Token, inner: list[Token]) -> dict[str, Any]:
    fig: dict[str, Any] = {"type": "figure"}
    m = _CREDIT.search(open_tok.info)
    if m:
        fig["credit"] = next(g for g in m.groups() if g is not None)
    captions = []
    for tok in inner:
        if tok.type != "inline":
            continue
        block = _paragraph_or_figure(tok)
        if block["type"] == "figure":
            fig.update({k: v for k, v in block.items() if k != "caption"})
            if block.get("caption"):
                captions.append(block["caption"])
        else:
            captions.append(block["text"])
    if captions:
        fig["caption"] = join_lines(captions)
    return fig
