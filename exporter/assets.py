"""Image and cover paths: confined to the edition folder, checked, and mapped to output names.

Every renderer gets its files through an AssetMap, so the rule "read only files inside
the edition folder" is enforced in one place.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import regex
from PIL import Image, UnidentifiedImageError

from .errors import Problem
from .limits import MAX_IMAGE_BYTES, Limits
from .remote import deadline_for_edition, download
from .safe_files import GateError, checked
from .model import Edition, Figure

_UNSAFE_NAME = regex.compile(r"[^A-Za-z0-9._-]+")
REMOTE_SCHEMES = ("http", "https")


def safe_file_name(name: str, fallback: str = "file") -> str:
    """A name safe in any file system and URL; non-ASCII names (青川日报) get a short hash
    so that two Chinese names never collide."""
    safe = _UNSAFE_NAME.sub("-", name).strip("-.")[:60] or fallback
    if not name.isascii():
        safe += "-" + hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return safe


@dataclass(frozen=True)
class AssetPolicy:
    """What the user allowed: fetching http(s) images, and placeholders for missing ones."""

    allow_remote: bool = False
    missing_images: str = "error"  # or "placeholder"


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
    missing: dict[str, str] = field(default_factory=dict)  # src -> why, shown as a placeholder

    def get(self, src: str | None) -> Asset | None:
        return self.by_src.get(src) if src else None

    def missing_reason(self, src: str | None) -> str | None:
        return self.missing.get(src) if src else None

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


def resolve_assets(
    edition: Edition, root: Path, file: str, policy: AssetPolicy = AssetPolicy(),
) -> tuple[AssetMap, list[Problem], list[Problem]]:
    """Check every referenced image and give it a safe output name.

    Returns (assets, problems, warnings); with the placeholder policy a missing or broken
    image is a warning and the figure shows a visible placeholder instead.
    """
    problems: list[Problem] = []
    notes: list[Problem] = []
    assets = AssetMap()
    real_root = root.resolve()
    deadline = deadline_for_edition()
    for where, src in _sources(edition):
        if src in assets.by_src or src in assets.missing:
            continue
        asset, reason, replaceable = check_image(src, real_root, policy, len(assets.by_src) + 1, deadline)
        if asset is not None:
            assets.by_src[src] = asset
        elif replaceable and policy.missing_images == "placeholder" and where != "cover":
            notes.append(Problem(file, where, f"{reason}; a placeholder is shown instead"))
            assets.missing[src] = str(reason)
        else:
            problems.append(Problem(file, where, str(reason)))
    return assets, problems, notes


def check_image(src: str, real_root: Path, policy: AssetPolicy, number: int,
                deadline: float | None = None) -> tuple[Asset | None, str | None, bool]:
    """(asset, None, False) for a readable image inside `real_root`; else (None, why, whether
    a placeholder may stand in for it: missing or broken, but not refused). Downloads end by
    `deadline` (monotonic; default: the per-edition limit from now)."""
    reason, path = _locate(src, real_root, policy, deadline)
    if reason:
        return None, reason, reason.endswith("not found")
    assert path is not None
    reason, (media_type, width, height) = _inspect(src, path)
    if reason:
        return None, reason, True
    stem = _UNSAFE_NAME.sub("-", path.stem).strip("-.")[:40] or "image"
    digest = hashlib.sha1(src.encode()).hexdigest()[:6]
    suffix = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/webp": ".webp"}[media_type]
    return Asset(path, f"images/{number:02d}-{stem}-{digest}{suffix}", media_type, width, height), None, False


def _inspect(src: str, path: Path) -> tuple[str | None, tuple[str, int, int]]:
    """Open the image far enough to know it is one; decompression bombs are refused."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as im:
                im.verify()
            with Image.open(path) as im:
                size, fmt, frames = im.size, (im.format or "").upper(), getattr(im, "n_frames", 1)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        return f"'{src}' is too large to decode safely ({exc})", ("", 0, 0)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        return f"'{src}' is not a readable image ({exc})", ("", 0, 0)
    limit = Limits.current().image_frame_pixels
    if size[0] * size[1] * frames > limit:
        return (f"'{src}' has {frames} frames of {size[0]}×{size[1]} pixels, {size[0] * size[1] * frames / 1e6:,.0f} "
                f"million pixels in all (at most {limit / 1e6:,.0f} million); use fewer or smaller frames"), ("", 0, 0)
    media_type = Image.MIME.get(fmt)
    if media_type not in ("image/png", "image/jpeg", "image/gif", "image/webp"):
        return f"'{src}' is a {fmt or 'unknown'} image; use PNG, JPEG, GIF or WebP", ("", 0, 0)
    return None, (media_type, size[0], size[1])


def _locate(src: str, real_root: Path, policy: AssetPolicy,
            deadline: float | None) -> tuple[str | None, Path | None]:
    """Resolve `src` inside the edition folder, or say why it may not be read."""
    parts = urlsplit(src)
    if parts.scheme and len(parts.scheme) > 1:
        if policy.allow_remote and parts.scheme.lower() in REMOTE_SCHEMES:
            return download(src, deadline if deadline is not None else deadline_for_edition())
        if parts.scheme.lower() in REMOTE_SCHEMES:
            return f"'{src}' is a remote URL; images must be files inside the edition folder (or pass --allow-remote)", None
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
    try:
        checked(path, real_root, MAX_IMAGE_BYTES, "image")
    except GateError as exc:
        return f"'{src}': {exc.problems[0].message}", None
    return None, path
