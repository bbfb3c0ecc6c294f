"""Readers turn a source (edition JSON, or an edition folder of Markdown) into the model."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..assets import AssetMap, AssetPolicy, safe_file_name
from ..errors import InputError
from ..model import Edition


@dataclass(frozen=True)
class LoadedEdition:
    """An edition together with where it came from and the checked files it refers to."""

    edition: Edition
    source: Path
    root: Path
    assets: AssetMap
    warnings: list[str] = field(default_factory=list)

    @property
    def stem(self) -> str:
        """A file-name-safe base name for outputs, from the source's own name."""
        name = self.source.stem if self.source.is_file() else self.source.name
        return safe_file_name(name, "edition")


def load(source: str | Path, policy: AssetPolicy = AssetPolicy()) -> LoadedEdition:
    """Read an edition JSON file or an edition folder; raise InputError listing every problem."""
    from .json_edition import read_json
    from .markdown_folder import read_folder

    path = Path(source)
    if path.is_dir():
        return read_folder(path, policy)
    if path.is_file():
        if path.name == "edition.toml":
            return read_folder(path.parent, policy)
        return read_json(path, policy)
    raise InputError.single(path, "no such file or folder")
