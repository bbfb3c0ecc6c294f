"""newsprint-exporter: newspaper articles to themed HTML, EPUB 3 and print-ready PDF.

The Python API mirrors the CLI: `load()` reads a source into the model, `build()` renders it.
Its names are imported on first use, so `exporter --version` does not load the model.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_API = {
    "Article": "exporter.model", "Edition": "exporter.model", "BuildOptions": "exporter.api",
    "build": "exporter.api", "InputError": "exporter.errors", "Problem": "exporter.errors",
    "LoadedEdition": "exporter.readers", "load": "exporter.readers", "load_theme": "exporter.themes",
}
__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'exporter' has no attribute {name!r}")
