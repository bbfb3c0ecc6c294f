"""Readers turn a source (edition JSON, or an edition folder of Markdown) into the model."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..assets import AssetMap
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
        from ..assets import _UNSAFE_NAME

        name = self.source.stem if self.source.is_file() else self.source.name
        return _UNSAFE_NAME.sub("-", name).strip("-.") or "edition"


def load(source: str | Path) -> LoadedEdition:
    """Read an edition JSON file or an edition folder; raise InputError listing every problem."""
    path = Path(source)
    if path.is_dir():
        from .markdown_folder import read_folder

        return read_folder(path)
    if path.is_file():
        if path.suffix.lower() in (".toml",) and path.name == "edition.toml":
            from .markdown_folder import read_folder

            return read_folder(path.parent)
        from .json_edition import read_json

        return read_json(path)
    raise InputError.single(path, "no such file or folder")
