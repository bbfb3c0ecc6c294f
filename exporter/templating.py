"""One Jinja environment per build, shared by every renderer.

Autoescape is on for .html/.xhtml/.xml templates, undefined names fail loudly, and
templates run sandboxed because themes may come from users.
"""

from __future__ import annotations

from typing import Any

import regex
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from . import labels as L
from .model import Article, Edition, Figure, Heading, ListBlock, Paragraph, Quote, Volume, slug_of
from .resources import data_dir
from .themes import Theme


def make_environment(theme: Theme) -> SandboxedEnvironment:
    """Templates are searched in the theme chain (child first), then the built-ins.

    `!base/<name>` always reaches the built-in template, so an override can extend it.
    """
    builtin = FileSystemLoader(str(data_dir("templates")))
    loader = ChoiceLoader([
        FileSystemLoader([str(p) for p in theme.template_dirs()]),
        PrefixLoader({"!base": builtin}, delimiter="/"),
        builtin,
    ])
    env = SandboxedEnvironment(
        loader=loader,
        autoescape=select_autoescape(["html", "xhtml", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        slug=slug_of,
        summary=summary,
        block_kind=block_kind,
        self_numbered=self_numbered,
        long_date=L.long_date,
        masthead_date=L.masthead_date,
        names=L.names,
        jump_text=L.jump_text,
        credit_text=L.credit_text,
        labels_for=L.labels_for,
        figure_shape=figure_shape,
        jump_target=lambda article, way: None,  # print resolves jumps to pages (render/print_jumps.py)
    )
    env.filters["nbsp_join"] = lambda parts: Markup("\u00a0").join(parts)
    return env


_ITEM_NUMBER = regex.compile(r"^\s*(?:\(?\d+[.)、．:：]|（\d+）|[一二三四五六七八九十]+、|[①-⑳])")


def self_numbered(items: list[str]) -> bool:
    """True when every list item carries its own printed number (1. / （2） / 三、), as
    ingested notices do; such lists are shown without a second, generated number."""
    return bool(items) and all(_ITEM_NUMBER.match(i) for i in items)


def figure_shape(image: dict[str, Any]) -> str:
    """A picture's shape class, by aspect ratio, for print rules that size it to the column
    grid: panorama (2:1 and wider), landscape, square, portrait (taller than 8:7)."""
    ratio = image["width"] / max(1, image["height"])
    return "panorama" if ratio >= 1.9 else "landscape" if ratio >= 1.15 else "square" if ratio >= 0.875 else "portrait"


def block_kind(block: object) -> str:
    """The template name of a block, so templates can dispatch without isinstance."""
    kinds = {Paragraph: "paragraph", Heading: "heading", Figure: "figure", ListBlock: "list", Quote: "quote"}
    return kinds[type(block)]


def summary(article: Article, limit: int = 60) -> str:
    """The article's summary, or its first paragraph shortened, for contents pages."""
    text = article.summary or next(
        (t for t in (*article.lead, *(b.text for b in article.blocks if isinstance(b, Paragraph))) if t),
        "",
    )
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def base_context(edition: Edition, theme: Theme, target: str, **extra: Any) -> dict[str, Any]:
    """What every template sees: the model, the labels, and the theme's options."""
    return {
        "edition": edition,
        "sections": edition.sections_in_order(),
        "parts": edition.parts(),
        "is_volume": isinstance(edition, Volume),
        "labels": L.labels_for(edition.language),
        "theme": theme,
        "options": theme.options,
        "target": target,
        **extra,
    }
