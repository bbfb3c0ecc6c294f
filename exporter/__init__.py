"""newsprint-exporter: newspaper articles to themed HTML, EPUB 3 and print-ready PDF.

The Python API mirrors the CLI: `load()` reads a source into the model, `build()` renders it.
"""

__version__ = "0.1.0"

from .api import BuildOptions, build  # noqa: E402
from .errors import InputError, Problem  # noqa: E402
from .model import Article, Edition  # noqa: E402
from .readers import LoadedEdition, load  # noqa: E402
from .themes import load_theme  # noqa: E402

__all__ = ["Article", "BuildOptions", "Edition", "InputError", "LoadedEdition", "Problem", "build", "load", "load_theme"]
