"""What every reader returns: the edition plus where it came from and its checked files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..assets import AssetMap, safe_file_name
from ..model import Edition


@dataclass(frozen=True)
class LoadedEdition:
    """An edition together with where it came from and the checked files it refers to."""

    edition: Edition
    source: Path
    root: Path
    assets: AssetMap
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was done on the way, for the record

    @property
    def stem(self) -> str:
        """A file-name-safe base name for outputs, from the source's own name."""
        return output_stem(self.source)


def output_stem(source: Path) -> str:
    """The base name of a source's outputs (paper.json, paper/ and paper/edition.toml are
    all 'paper'), known before the source is read, so that colliding outputs of one run
    can be refused up front."""
    if source.name == "edition.toml" and source.is_file():
        source = source.parent
    name = source.stem if source.is_file() else source.name
    return safe_file_name(name, "edition")
