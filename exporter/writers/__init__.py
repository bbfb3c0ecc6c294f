"""Renderers: each takes a loaded edition, a theme and build options, and writes one output."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..api import BuildOptions
    from ..readers import LoadedEdition
    from ..themes import Theme

    Renderer = Callable[[LoadedEdition, Theme, BuildOptions], Path]

# target -> "module:function"; imported lazily so an HTML build never loads WeasyPrint.
RENDERERS: dict[str, str] = {
    "html": "exporter.writers.html.writer:render",
    "epub": "exporter.writers.epub.writer:render",
    "pdf": "exporter.writers.pdf.writer:render",
}


def renderer(target: str) -> Renderer:
    module, func = RENDERERS[target].split(":")
    return getattr(import_module(module), func)
