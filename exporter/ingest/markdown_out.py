"""Write an ingested edition as an edition folder a person can correct and then build:
`edition.toml` plus one Markdown file per article with YAML front matter."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import regex
import yaml

from ..errors import InputError
from ..model import Article, Edition, Figure, Heading, ListBlock, Paragraph, Quote

# Characters CommonMark (or the reader's attrs/container plugins) would read as markup.
_INLINE_SPECIAL = regex.compile(r"([\\`*_\[\]<>{}!|~])")
# Line starts that open a block: headings, quotes, lists, fences, thematic breaks, containers.
_BLOCK_START = regex.compile(r"^(#|>|[-+*](?=\s|$)|=|:::|\d+(?=[.)]))")
_SLUG = regex.compile(r"[^\p{L}\p{N}]+")


def escape(text: str) -> str:
    """Escape text so a CommonMark reader gives back exactly these characters."""
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    m = _BLOCK_START.match(text)
    if m:
        marker = m.group()
        # "1." or "1)" opens a list: escape the punctuation; any other marker: escape itself
        text = marker + "\\" + text[len(marker):] if marker[-1].isdigit() else "\\" + text
    return text


def _attr(value: str) -> str:
    quote = "'" if '"' in value else '"'
    return f"{quote}{value.replace(quote, '')}{quote}"


def article_markdown(article: Article) -> str:
    """Front matter (the article fields except blocks) then the body in Markdown."""
    meta = article.model_dump(mode="json", exclude_none=True, exclude={"blocks"})
    meta = {k: v for k, v in meta.items() if v not in ([], {})}
    parts = ["---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---"]
    for block in article.blocks:
        parts.append(_block(block))
    return "\n\n".join(parts) + "\n"


def _block(block: Any) -> str:
    if isinstance(block, Paragraph):
        return escape(block.text)
    if isinstance(block, Heading):
        return "## " + escape(block.text)
    if isinstance(block, Quote):
        return "> " + escape(block.text)
    if isinstance(block, ListBlock):
        return "\n".join(
            (f"{n}. " if block.ordered else "- ") + escape(item) for n, item in enumerate(block.items, start=1)
        )
    assert isinstance(block, Figure)
    credit = f"{{credit={_attr(block.credit)}}}" if block.credit else ""
    if block.src:
        title = f' "{block.caption.replace(chr(34), chr(39))}"' if block.caption else ""
        return f"![{escape(block.alt or '')}]({block.src}{title}){credit}"
    head = "::: figure" + (f" {credit}" if credit else "")
    return f"{head}\n{escape(block.caption or '')}\n:::"


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def file_name(index: int, article: Article) -> str:
    """`01-slug.md`: the reading order, then a readable slug of the headline (or id)."""
    slug = _SLUG.sub("-", (article.headline or article.id or "article")).strip("-")[:24].strip("-")
    return f"{index:02d}-{slug or 'article'}.md"


def write_folder(edition: Edition, folder: Path) -> list[Path]:
    """Write the edition folder; refuses to overwrite a folder that already holds one."""
    if (folder / "edition.toml").exists():
        raise InputError.single(folder, "already holds an edition.toml; choose an empty folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        names = [file_name(i, a) for i, a in enumerate(edition.articles, start=1)]
        written = []
        for name, article in zip(names, edition.articles):
            path = folder / name
            path.write_text(article_markdown(article), encoding="utf-8")
            written.append(path)
        lines = [f"title = {_toml(edition.title)}", f"date = {edition.date.isoformat()}",
                 f"language = {_toml(edition.language)}"]
        if edition.edition:
            lines.append(f"edition = {_toml(edition.edition)}")
        lines.append("articles = [\n" + "".join(f"  {_toml(n)},\n" for n in names) + "]")
        (folder / "edition.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError.single(folder, f"cannot write the edition folder: {exc.strerror or exc}") from exc
    return [folder / "edition.toml", *written]
