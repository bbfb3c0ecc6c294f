"""Images as they go into the book: huge ones are downscaled to at most 4 megapixels
(reading systems run out of memory on them), keeping their format and aspect ratio."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from PIL import Image, ImageSequence

from ...assets import Asset
from ...readers import LoadedEdition

MAX_PIXELS = 4_000_000
LOG = logging.getLogger("exporter.epub")


@dataclass(frozen=True)
class BookImage:
    """One image file of the package: its name, media type, bytes and pixel size."""

    name: str
    media_type: str
    data: bytes
    width: int
    height: int


def fitted_size(width: int, height: int, limit: int = MAX_PIXELS) -> tuple[int, int]:
    """The largest size with the same aspect ratio and at most `limit` pixels."""
    if width * height <= limit:
        return width, height
    scale = math.sqrt(limit / (width * height))
    return max(1, math.floor(width * scale)), max(1, math.floor(height * scale))


def _downscaled(asset: Asset, size: tuple[int, int]) -> bytes:
    """Re-encode the image at `size` in its own format (every frame of an animation)."""
    with Image.open(asset.source) as im:
        fmt = im.format
        frames = []
        for frame in ImageSequence.Iterator(im):
            frame = frame.convert("RGBA") if frame.mode in ("P", "1", "LA", "PA") else frame.copy()
            frames.append(frame.resize(size, Image.Resampling.LANCZOS))
        options: dict[str, Any] = {"quality": 88} if fmt in ("JPEG", "WEBP") else {}
        if len(frames) > 1:
            options |= {"save_all": True, "append_images": frames[1:], "loop": im.info.get("loop", 0),
                        "duration": im.info.get("duration", 100)}
    if fmt == "JPEG" and frames[0].mode not in ("RGB", "L", "CMYK"):
        frames[0] = frames[0].convert("RGB")
    buf = BytesIO()
    frames[0].save(buf, fmt, **options)
    return buf.getvalue()


def book_image(asset: Asset) -> BookImage:
    """The asset as it goes into the book; a downscale is reported as a warning."""
    size = fitted_size(asset.width, asset.height)
    if size == (asset.width, asset.height):
        return BookImage(asset.name, asset.media_type, asset.source.read_bytes(), asset.width, asset.height)
    LOG.warning("%s is %d×%d pixels (%.1f megapixels); downscaled to %d×%d for the EPUB (at most %d megapixels)",
                asset.source.name, asset.width, asset.height, asset.width * asset.height / 1e6,
                *size, MAX_PIXELS // 1_000_000)
    return BookImage(asset.name, asset.media_type, _downscaled(asset, size), *size)


def book_images(loaded: LoadedEdition) -> dict[str, BookImage]:
    """Every image of the edition by its name in the book."""
    return {asset.name: book_image(asset) for asset in loaded.assets}


def image_lookup(loaded: LoadedEdition, images: dict[str, BookImage]) -> Callable[[str | None], dict[str, Any] | None]:
    """A template function: figure src -> {href, width, height} of the image in the book."""

    def image(src: str | None) -> dict[str, Any] | None:
        asset = loaded.assets.get(src)
        if asset is None:
            return None
        packed = images[asset.name]
        return {"href": packed.name, "width": packed.width, "height": packed.height}

    return image
