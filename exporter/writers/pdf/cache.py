"""A folder of laid-out PDF chunks, so a rebuild lays out only what changed.

An entry is keyed by a SHA-256 of everything that can change a chunk's layout: its HTML,
every staged file it links or shows (theme and generated CSS, the chunk, ghost and
targets stylesheets, images), the installed fonts, the versions of WeasyPrint and of this
package, and the source of the code that lays it out (every module of the PDF writer, of
the shared writer modules and of the WeasyPrint extensions, and the built-in templates).
Entries are written atomically, so concurrent builds may share the folder, and the folder
may be deleted at any time (`rm -rf ~/.cache/newsprint-exporter`). After each build the
entries unused for `MAX_AGE_DAYS` go, then the least recently used ones until the folder
is under its size cap.

Beside a chunk laid out with a resume record (resume.py) is `<key>.resume.json`, and an
index entry keyed by the chunk's structure (`previous_key`: its HTML's skeleton, the shared
digest, the files it links) names the last chunk laid out with that structure, so that a
chunk whose text changed finds its earlier version and lays out only the pages the change
touched. A mark per chunk's inputs (its model data, before it is rendered) tells a rebuild
which chunks changed, so that it renders and hands those out first (`unseen_first`): it
decides only the order, never what is taken from the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict
from typing import Any
from pathlib import Path

import regex
import weasyprint

from ... import __version__
from ...atomic import write_bytes
from ...fonts import installed_faces
from ...resources import data_dir
from ...weasyprint_ext.page_info import PageInfo
from .chunks import ChunkLayout
from .resume import Previous, skeleton

_LINKED = regex.compile(r'\b(?:src|href)="([^"#:]+)"')
_PACKAGE = Path(__file__).resolve().parents[2]
# What lays a chunk out besides its HTML: the PDF writer, the modules all writers share
# (autospace, theme CSS), the WeasyPrint extensions; and words.py (headline word spans).
_LAYOUT_CODE = ("writers/pdf", "writers", "weasyprint_ext")
DEFAULT_MAX_BYTES = 1 << 30
_RESUME = ".resume.json"
_BYTES = ".bin"
MAX_AGE_DAYS = 30


def _hash_tree(h: Any, root: Path, pattern: str, recursive: bool = True) -> None:
    for path in sorted(root.rglob(pattern) if recursive else root.glob(pattern)):
        if path.is_file():
            h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")


def code_digest() -> str:
    """The package version and the source of everything that lays a chunk out."""
    h = hashlib.sha256(f"{weasyprint.__version__}\0{__version__}\0".encode())
    for folder in _LAYOUT_CODE:
        _hash_tree(h, _PACKAGE / folder, "*.py", recursive=False)
    _hash_tree(h, _PACKAGE, "words.py", recursive=False)  # word spans of headlines (a template filter)
    _hash_tree(h, data_dir("templates"), "*")
    return h.hexdigest()


def stage_digest(stage: Path) -> str:
    """What every chunk of one build shares: versions, layout code, theme files, fonts."""
    h = hashlib.sha256(code_digest().encode())
    _hash_tree(h, stage / "theme", "*")
    for face in installed_faces():
        stat = face.path.stat()
        h.update(f"{face.path}\0{face.index}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return h.hexdigest()


def chunk_key(shared: str, html: str, stage: Path) -> str:
    """The key of one chunk: the shared digest, its HTML and the staged files it links
    (stylesheets such as chunk.css, ghost.css) or shows (images)."""
    h = hashlib.sha256(shared.encode() + html.encode())
    for name in sorted(set(_LINKED.findall(html))):
        path = (stage / name).resolve()
        if path.is_relative_to(stage.resolve()) and path.is_file():
            h.update(name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def previous_key(shared: str, html: str, stage: Path) -> str:
    """The index key of a chunk's earlier versions: everything in its key but the text of
    its boxes (the same stage, code, fonts, linked files, tags and ids)."""
    return chunk_key(shared, "earlier version\0" + skeleton(html), stage)


class ChunkCache:
    """Laid-out chunks on disk: `<key>.pdf` with its page data in `<key>.json`; a text
    result (a contents fit's rule) is a `<key>.json` alone."""

    def __init__(self, root: Path, max_bytes: int = DEFAULT_MAX_BYTES, max_age_days: float = MAX_AGE_DAYS) -> None:
        self.root = root / "pdf-chunks"
        self.max_bytes, self.max_age = max_bytes, max_age_days * 86400

    def _paths(self, key: str) -> tuple[Path, Path]:
        folder = self.root / key[:2]
        return folder / f"{key}.pdf", folder / f"{key}.json"

    def get(self, key: str) -> ChunkLayout | None:
        pdf, meta = self._paths(key)
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            data = pdf.read_bytes()
            pages, moves = info["pages"], info["moves"]
            os.utime(meta)  # recently used: pruned last
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return ChunkLayout(data, [PageInfo(**{k: [tuple(v) for v in vs] for k, vs in p.items()}) for p in pages],
                           [tuple(m) for m in moves])

    def put(self, key: str, layout: ChunkLayout) -> None:
        pdf, meta = self._paths(key)
        write_bytes(pdf, layout.pdf)
        if layout.record is not None:  # before the entry's page data, which makes it an entry
            write_bytes(meta.with_suffix(_RESUME), layout.record)
        info = {"pages": [asdict(p) for p in layout.pages], "moves": layout.moves}
        write_bytes(meta, json.dumps(info, ensure_ascii=False).encode())

    def previous(self, index: str) -> Previous | None:
        """The chunk last laid out under `index` (previous_key) with its resume record."""
        if (key := self.get_text(index)) is None or (layout := self.get(key)) is None:
            return None
        try:
            record = self._paths(key)[1].with_suffix(_RESUME).read_bytes()
        except OSError:
            return None
        return Previous(layout.pdf, layout.pages, layout.moves, record)

    def get_text(self, key: str) -> str | None:
        """A small result kept beside the chunks (the contents fit's rule): `<key>.json` alone."""
        meta = self._paths(key)[1]
        try:
            text = json.loads(meta.read_text(encoding="utf-8"))["text"]
            os.utime(meta)
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return text if isinstance(text, str) else None

    def put_text(self, key: str, text: str) -> None:
        write_bytes(self._paths(key)[1], json.dumps({"text": text}, ensure_ascii=False).encode())

    def unseen_first(self, shared: str, inputs: list[str], weights: list[int]) -> list[int]:
        """The order weights of a build's chunks (the heaviest is handed out first) with those
        whose `inputs` (their model data, rendered or not) no earlier build of this stage
        had put first: a rebuild renders its changed chunk first and hands it out while it
        renders the others, not after the unchanged ones it renders for their keys. Only the
        order: every chunk is still found or laid out by its key. Remembers `inputs`."""
        keys = [hashlib.sha256(f"{shared}\0chunk inputs\0{text}".encode()).hexdigest() for text in inputs]
        seen = [self.get_text(key) is not None for key in keys]
        for key, known in zip(keys, seen, strict=True):
            if not known:
                self.put_text(key, "")
        lift = sum(weights) + 1 if any(seen) else 0  # a first build: by weight alone
        return [weight + (0 if known else lift) for weight, known in zip(weights, seen, strict=True)]

    def memo(self, shared: str, key: str, make: Callable[[], bytes]) -> bytes:
        """make()'s bytes, kept under `key` and the build's shared digest (stage_digest: code,
        versions, theme, installed fonts): `<key>.bin` with an empty `<key>.json` that dates it."""
        meta = self._paths(hashlib.sha256(f"{shared}\0{key}".encode()).hexdigest())[1]
        try:
            data = meta.with_suffix(_BYTES).read_bytes()
            if json.loads(meta.read_text(encoding="utf-8")) == {"bytes": len(data)}:
                os.utime(meta)
                return data
        except (OSError, ValueError):
            pass
        data = make()
        write_bytes(meta.with_suffix(_BYTES), data)
        write_bytes(meta, json.dumps({"bytes": len(data)}).encode())
        return data

    def prune(self) -> int:
        """Drop entries unused for too long, then the least recently used ones until the
        folder is under its cap; return how many went. Another build may be pruning too:
        a file already gone is not an error."""
        entries = []
        for meta in self.root.glob("*/*.json"):
            if meta.name.endswith(_RESUME):
                continue  # goes with its entry
            files = (meta, meta.with_suffix(".pdf"), meta.with_suffix(_RESUME), meta.with_suffix(_BYTES))
            try:
                used = meta.stat().st_mtime
                size = sum(path.stat().st_size for path in files if path.exists())
            except OSError:
                continue
            entries.append((used, size, files))
        entries.sort(key=lambda entry: entry[0], reverse=True)  # newest first
        total, now, removed = 0, time.time(), 0
        for used, size, files in entries:
            total += size
            if total > self.max_bytes or now - used > self.max_age:
                for path in files:
                    path.unlink(missing_ok=True)
                removed += 1
        return removed
