"""Image and cover paths: confined to the edition folder, checked, and mapped to output names.

Every renderer gets its files through an AssetMap, so the rule "read only files inside
the edition folder" is enforced in one place.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import regex
from PIL import Image, UnidentifiedImageError

from .errors import Problem
from .model import Edition, Figure

_UNSAFE_NAME = regex.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Asset:
    """One image file inside the edition folder and the name it gets in an output."""

    source: Path
    name: str  # e.g. "images/03-harbour.png", unique per edition
    media_type: str
    width: int
    height: int


@dataclass
class AssetMap:
    """src string from the model -> checked Asset."""

    by_src: dict[str, Asset] = field(default_factory=dict)

    def get(self, src: str | None) -> Asset | None:
        return self.by_src.get(src) if src else None

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(dict.fromkeys(self.by_src.values()))


def _sources(edition: Edition) -> list[tuple[str, str]]:
    """(field path, src) for every file the edition refers to."""
    out: list[tuple[str, str]] = []
    if edition.cover:
        out.append(("cover", edition.cover))
    for i, art in enumerate(edition.articles):
        for j, block in enumerate(art.blocks):
            if isinstance(block, Figure) and block.src:
                out.append((f"articles[{i}].blocks[{j}].src", block.src))
    return out


def resolve_assets(edition: Edition, root: Path, file: str) -> tuple[AssetMap, list[Problem]]:
    """Check every referenced image and give it a safe output name; collect all problems."""
    problems: list[Problem] = []
    assets = AssetMap()
    real_root = root.resolve()
    for where, src in _sources(edition):
        if src in assets.by_src:
            continue
        reason, path = _locate(src, real_root)
        if reason:
            problems.append(Problem(file, where, reason))
            continue
        assert path is not None
        try:
            with Image.open(path) as im:
                im.verify()
            with Image.open(path) as im:
                size, fmt = im.size, (im.format or "").upper()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
            problems.append(Problem(file, where, f"'{src}' is not a readable image ({exc})"))
            continue
        media_type = Image.MIME.get(fmt)
        if media_type not in ("image/png", "image/jpeg", "image/gif", "image/webp"):
            problems.append(Problem(file, where, f"'{src}' is a {fmt or 'unknown'} image; use PNG, JPEG, GIF or WebP"))
            continue
        n = len(assets.by_src) + 1
        stem = _UNSAFE_NAME.sub("-", path.stem).strip("-.")[:40] or "image"
        digest = hashlib.sha1(str(path.relative_to(real_root)).encode()).hexdigest()[:6]
        name = f"images/{n:02d}-{stem}-{digest}{path.suffix.lower()}"
        assets.by_src[src] = Asset(path, name, media_type, size[0], size[1])
    return assets, problems


def _locate(src: str, real_root: Path) -> tuple[str | None, Path | None]:
    """Resolve `src` inside the edition folder, or say why it may not be read."""
    parts = urlsplit(src)
    if parts.scheme and len(parts.scheme) > 1:
        return f"'{src}' is a URL; images must be files inside the edition folder", None
    pure = PurePosixPath(src.replace("\\", "/"))
    if pure.is_absolute() or (parts.scheme and len(parts.scheme) == 1):
        return f"'{src}' is an absolute path; use a path relative to the edition", None
    if ".." in pure.parts:
        return f"'{src}' leads outside the edition folder ('..' is not allowed)", None
    path = (real_root / pure).resolve()
    if not path.is_relative_to(real_root):
        return f"'{src}' leads outside the edition folder (through a symbolic link)", None
    if not path.exists():
        return f"image '{src}' not found", None
    if not path.is_file():
        return f"'{src}' is not a file", None
    return None, path
