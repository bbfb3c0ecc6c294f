"""Writers, one package per output format, and the one registry of formats.

Each format names its writer (`render(loaded, theme, options) -> Path`, imported only when
that format is built, so an HTML build never loads WeasyPrint) and its own options type.
The CLI's --to, theme loading (a `[stylesheets]` key per format) and the API's
BuildOptions all read `FORMATS`: a new format is one entry here and one package.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..readers import LoadedEdition
    from ..themes import Theme

    Writer = Callable[[LoadedEdition, Theme, Any], Path]


@dataclass(frozen=True)
class Format:
    name: str
    summary: str
    writer: str  # "module:function", imported when the format is built
    options: str  # "module:Class", a light module

    def render_function(self) -> Writer:
        module, func = self.writer.split(":")
        return getattr(import_module(module), func)

    def options_type(self) -> type:
        module, cls = self.options.split(":")
        return getattr(import_module(module), cls)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("html", "a themed web page per edition", "exporter.writers.html.writer:render",
           "exporter.writers.html.options:HtmlOptions"),
    Format("epub", "an EPUB 3 e-book", "exporter.writers.epub.writer:render",
           "exporter.writers.epub.options:EpubOptions"),
    Format("pdf", "a print-ready PDF", "exporter.writers.pdf.writer:render",
           "exporter.writers.pdf.options:PdfOptions"),
)}
