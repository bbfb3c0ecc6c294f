"""Readers turn a source (edition JSON, or an edition folder of Markdown) into the model."""

from __future__ import annotations

from pathlib import Path

from ..assets import AssetPolicy
from ..errors import InputError
from .json_edition import read_json
from .loaded import LoadedEdition
from .markdown_folder import read_folder

__all__ = ["LoadedEdition", "load"]


def load(source: str | Path, policy: AssetPolicy = AssetPolicy()) -> LoadedEdition:
    """Read an edition JSON file or an edition folder; raise InputError listing every problem."""
    path = Path(source)
    if path.is_dir():
        return read_folder(path, policy)
    if path.is_file():
        if path.name == "edition.toml":
            return read_folder(path.parent, policy)
        return read_json(path, policy)
    raise InputError.single(path, "no such file or folder")
