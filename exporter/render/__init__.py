"""Renderers: each takes a loaded edition, a theme and build options, and writes one output."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..build import BuildOptions
    from ..readers import LoadedEdition
    from ..themes import Theme

    Renderer = Callable[[LoadedEdition, Theme, BuildOptions], Path]

# target -> "module:function"; imported lazily so an HTML build never loads WeasyPrint.
RENDERERS: dict[str, str] = {
    "html": "exporter.render.html:render",
    "epub": "exporter.render.epub:render",
    "pdf": "exporter.render.pdf:render",
}


def renderer(target: str) -> Renderer:
    module, func = RENDERERS[target].split(":")
    return getattr(import_module(module), func)
