"""Reader for an edition folder: `edition.toml` plus one Markdown file per article.

Each article file has YAML front matter (the article fields except `blocks`) and a
Markdown body that becomes blocks. Raw HTML is off: it shows as text, never as markup.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import regex
import yaml

from ..assets import AssetPolicy, resolve_assets
from ..errors import InputError, Problem
from ..limits import check_articles
from .bounded import load_front_matter
from .loaded import LoadedEdition
from .markdown_body import body_to_blocks
from ..limits import MAX_SOURCE_BYTES
from ..safe_files import GateError, read_bytes
from .toml_file import read_toml
from .validate import unknown_fields, validate_edition

_FRONT = regex.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", regex.S)
EDITION_KEYS = {"title", "date", "language", "edition", "publisher", "description", "cover", "sections", "articles"}


def read_folder(folder: Path, policy: AssetPolicy = AssetPolicy()) -> LoadedEdition:
    meta_path = folder / "edition.toml"
    if not meta_path.is_file():
        raise InputError.single(folder, "not an edition folder: edition.toml is missing")
    meta = read_toml(meta_path, folder)
    problems: list[Problem] = []
    warnings: list[str] = []
    for key in meta:
        if key not in EDITION_KEYS:
            problems.append(Problem(str(meta_path), key, f"unknown key (expected one of {', '.join(sorted(EDITION_KEYS))})"))

    files = _article_files(folder, meta, meta_path, problems, warnings)
    check_articles(len(files), meta_path)
    articles: list[Any] = []
    origins: list[str] = []
    for md in files:
        art = _read_article(md, folder, problems, warnings)
        if art is not None:
            articles.append(art)
            origins.append(str(md))
    if problems:
        raise InputError(problems)

    data = {k: v for k, v in meta.items() if k != "articles"} | {"articles": articles}
    edition, problems, notes = validate_edition(data, str(meta_path))
    warnings += [str(_blame_article_file(n, origins)) for n in notes]
    if edition is None:
        raise InputError([_blame_article_file(p, origins) for p in problems])
    assets, asset_problems, asset_notes = resolve_assets(edition, folder, str(meta_path), policy)
    if asset_problems:
        raise InputError([_blame_article_file(p, origins) for p in asset_problems])
    warnings += [str(_blame_article_file(n, origins)) for n in asset_notes]
    for f in unknown_fields(edition):
        warnings.append(str(_blame_article_file(Problem(str(meta_path), f, "unknown field (kept, but not used)"), origins)))
    return LoadedEdition(edition, folder, folder, assets, warnings)


def _article_files(folder: Path, meta: dict[str, Any], meta_path: Path,
                   problems: list[Problem], warnings: list[str]) -> list[Path]:
    """The article files in reading order: the `articles` list, else sorted by file name."""
    present = sorted(p for p in folder.glob("*.md") if p.name.lower() != "readme.md")
    listed = meta.get("articles")
    if listed is None:
        return present
    if not isinstance(listed, list) or not all(isinstance(x, str) for x in listed):
        problems.append(Problem(str(meta_path), "articles", "must be a list of Markdown file names"))
        return []
    files = []
    for i, name in enumerate(listed):
        path = folder / name
        if "/" in name or "\\" in name or name.startswith(".") or not path.is_file():
            problems.append(Problem(str(meta_path), f"articles[{i}]", f"'{name}' is not a Markdown file in this folder"))
        else:
            files.append(path)
    for extra in set(present) - set(files):
        warnings.append(f"{extra}: not listed in edition.toml 'articles'; skipped")
    return files


def _read_article(md: Path, folder: Path, problems: list[Problem], warnings: list[str]) -> dict[str, Any] | None:
    file = str(md)
    try:
        text = read_bytes(md, folder, MAX_SOURCE_BYTES, "article file").decode("utf-8-sig")
    except GateError as exc:
        problems += exc.problems
        return None
    except UnicodeDecodeError as exc:
        problems.append(Problem(file, "", f"not UTF-8 text (byte {exc.start})"))
        return None
    front: dict[str, Any] = {}
    body, body_line = text, 1
    m = _FRONT.match(text)
    if m:
        try:
            loaded = load_front_matter(m[1])
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{mark.line + 2}:{mark.column + 1}" if mark else ""
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            problems.append(Problem(file, where, f"invalid YAML front matter: {problem}"))
            return None
        if loaded is not None and not isinstance(loaded, dict):
            problems.append(Problem(file, "2:1", "front matter must be a mapping of article fields"))
            return None
        front = loaded or {}
        body = text[m.end():]
        body_line = text[: m.end()].count("\n") + 1
    elif text.startswith("---"):
        problems.append(Problem(file, "1:1", "front matter is not closed by a '---' line"))
        return None
    if "blocks" in front:
        problems.append(Problem(file, "blocks", "write the body as Markdown below the front matter, not as 'blocks'"))
        return None
    blocks, notes = body_to_blocks(body, body_line)
    warnings += [f"{file}:{n}" for n in notes]
    front.setdefault("id", md.stem)
    return _text_scalars(front) | {"blocks": blocks}


TEXT_FIELDS = {"id", "section", "kicker", "headline", "subheadline", "dateline", "byline",
               "continued_from", "continued_to", "summary", "issuer", "date"}


def _text_scalars(front: dict[str, Any]) -> dict[str, Any]:
    """YAML reads `headline: 2026`, `continued_to: 3` or a date as numbers and dates; the
    model wants the text the user wrote, so scalars in text fields become strings."""
    def fix(key: str, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: fix(k, v) for k, v in value.items()}
        if key in ("authors", "lead") and isinstance(value, list):
            return [str(v) if isinstance(v, int | float | dt.date) else v for v in value]
        if key in TEXT_FIELDS and isinstance(value, int | float | dt.date) and not isinstance(value, bool):
            return str(value)
        return value

    return {k: fix(k, v) for k, v in front.items()}


def _blame_article_file(problem: Problem, origins: list[str]) -> Problem:
    """Turn 'edition.toml: articles[3].headline' into '03-x.md: headline'."""
    m = regex.match(r"articles\[(\d+)\]\.?(.*)", problem.where)
    if not m or int(m[1]) >= len(origins):
        return problem
    return Problem(origins[int(m[1])], m[2], problem.message)
