"""The EPUB side of the rendering sandbox: a theme's CSS may reference data: URIs and
files inside its own theme folder (packaged into the book); every other `url()` and
every `@import` is removed, so no file from outside the theme ever ends up in a book."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import regex

from ...limits import MAX_THEME_FILE_BYTES
from ...safe_files import read_bytes

_URL = regex.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)""", regex.I)
_IMPORT = regex.compile(r"""@import\s+(?:url\([^)]*\)|"[^"]*"|'[^']*')[^;{}]*;""", regex.I)
_UNSAFE = regex.compile(r"[^A-Za-z0-9._-]+")
MEDIA_TYPES = {
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".svg": "image/svg+xml",
    ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf",
}
FILES_DIR = "files"


@dataclass(frozen=True)
class Resource:
    """A theme file a stylesheet needs, under its name in the book."""

    name: str
    media_type: str
    data: bytes


@dataclass(frozen=True)
class ConfinedCss:
    """Stylesheet text with only allowed references, the files they need, and what was refused."""

    text: str
    resources: tuple[Resource, ...]
    refused: tuple[str, ...]


def confine_css(css: str, book_dir: str, source: Path | None = None, root: Path | None = None) -> ConfinedCss:
    """Rewrite `css` (which lives at `book_dir` in the book and was read from `source`
    inside the theme folder `root`): theme files are packaged beside it, data: URIs stay,
    anything else becomes `none`. Without a source only data: URIs are allowed."""
    refused: list[str] = []
    resources: dict[str, Resource] = {}

    def drop_import(m: regex.Match[str]) -> str:
        refused.append(m[0])
        return ""

    def replace(m: regex.Match[str]) -> str:
        url = next(g for g in m.groups() if g is not None)
        if urlsplit(url.strip()).scheme.lower() == "data":
            return m[0]
        resource = _theme_file(url, source, root, book_dir)
        if resource is None:
            refused.append(url)
            return "none"
        resources[resource.name] = resource
        return f'url("{resource.name.removeprefix(book_dir + "/")}")'

    text = _URL.sub(replace, _IMPORT.sub(drop_import, css))
    return ConfinedCss(text, tuple(resources.values()), tuple(refused))


def _theme_file(url: str, source: Path | None, root: Path | None, book_dir: str) -> Resource | None:
    """The packaged file for a relative reference to a regular image or font file inside
    the theme folder (symbolic links resolved), else None."""
    parts = urlsplit(url.strip())
    if source is None or root is None or parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = (source.parent / unquote(parts.path)).resolve()
    real_root = root.resolve()
    media_type = MEDIA_TYPES.get(path.suffix.lower())
    if media_type is None or not path.is_relative_to(real_root) or not path.is_file():
        return None
    flat = _UNSAFE.sub("-", path.relative_to(real_root).as_posix())
    return Resource(f"{book_dir}/{FILES_DIR}/{flat}", media_type,
                    read_bytes(path, real_root, MAX_THEME_FILE_BYTES, "theme file"))
