"""A folder of laid-out PDF chunks, so a rebuild lays out only what changed.

An entry is keyed by a SHA-256 of everything that can change a chunk's layout: its HTML,
the staged theme files (CSS, generated page CSS, fonts shipped with a theme), the images
it references, the installed fonts, and the versions of WeasyPrint, this package and its
layout code. Entries are written atomically, so concurrent builds may share the folder,
and the folder may be deleted at any time (`rm -rf ~/.cache/newsprint-exporter`).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

import regex
import weasyprint

from . import __version__
from .atomic import write_bytes
from .fonts import installed_faces
from .render.pdf_chunks import ChunkLayout, PageInfo

_SRC = regex.compile(r'\bsrc="([^"]+)"')
_LAYOUT_CODE = ("render/pdf_chunks.py", "render/cjk_justify.py", "render/column_reuse.py",
                "render/print_layout.py", "render/autospace.py", "render/pdf_fonts_defer.py",
                "render/print_fill.py")


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/newsprint-exporter, else ~/.cache/newsprint-exporter."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsprint-exporter"


def stage_digest(stage: Path) -> str:
    """What every chunk of one build shares: versions, layout code, theme files, fonts."""
    h = hashlib.sha256(f"{weasyprint.__version__}\0{__version__}\0".encode())
    package = Path(__file__).parent
    for name in _LAYOUT_CODE:
        h.update((package / name).read_bytes())
    for path in sorted((stage / "theme").rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(stage)).encode() + b"\0" + path.read_bytes())
    for face in installed_faces():
        stat = face.path.stat()
        h.update(f"{face.path}\0{face.index}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return h.hexdigest()


def chunk_key(shared: str, html: str, stage: Path) -> str:
    """The key of one chunk: the shared digest, its HTML and the images it references."""
    h = hashlib.sha256(shared.encode() + html.encode())
    for src in sorted(set(_SRC.findall(html))):
        path = stage / src
        if path.is_file():
            h.update(src.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


class ChunkCache:
    """Laid-out chunks on disk: `<key>.pdf` with its page data in `<key>.json`."""

    def __init__(self, root: Path) -> None:
        self.root = root / "pdf-chunks"

    def _paths(self, key: str) -> tuple[Path, Path]:
        folder = self.root / key[:2]
        return folder / f"{key}.pdf", folder / f"{key}.json"

    def get(self, key: str) -> ChunkLayout | None:
        pdf, meta = self._paths(key)
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            data = pdf.read_bytes()
            pages, moves = info["pages"], info["moves"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return ChunkLayout(data, [PageInfo(**{k: [tuple(v) for v in vs] for k, vs in p.items()}) for p in pages],
                           [tuple(m) for m in moves])

    def put(self, key: str, layout: ChunkLayout) -> None:
        pdf, meta = self._paths(key)
        write_bytes(pdf, layout.pdf)
        info = {"pages": [asdict(p) for p in layout.pages], "moves": layout.moves}
        write_bytes(meta, json.dumps(info, ensure_ascii=False).encode())
