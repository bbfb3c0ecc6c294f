"""Readers turn a source (edition JSON, or an edition folder of Markdown) into the model.

The model and the readers load on first use, so reading a theme's TOML (toml_file.py)
does not load them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..assets import AssetPolicy
    from .loaded import LoadedEdition

__all__ = ["LoadedEdition", "load"]


def load(source: str | Path, policy: AssetPolicy | None = None) -> LoadedEdition:
    """Read an edition JSON file or an edition folder; raise InputError listing every problem."""
    from ..assets import AssetPolicy
    from ..errors import InputError
    policy = policy or AssetPolicy()
    path = Path(source)
    if path.is_dir() or path.is_file() and path.name == "edition.toml":
        from .markdown_folder import read_folder  # markdown-it and YAML: only for a folder

        return read_folder(path if path.is_dir() else path.parent, policy)
    if path.is_file():
        from .json_edition import read_json

        return read_json(path, policy)
    raise InputError.single(path, "no such file or folder")


def __getattr__(name: str) -> Any:
    if name == "LoadedEdition":
        from .loaded import LoadedEdition

        return LoadedEdition
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
