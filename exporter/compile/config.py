"""The compilation file (e.g. weekly.toml): typed, with unknown keys as errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..model import Kind
from ..readers.toml_file import read_typed_toml
from ..themes import PageSettings

class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Selection(_Strict):
    sections: list[str] = Field(default_factory=list)
    kinds: list[Kind] = Field(default_factory=list)


class Dates(_Strict):
    start: dt.date | None = Field(default=None, alias="from")
    end: dt.date | None = Field(default=None, alias="to")


class Cover(_Strict):
    image: str | None = None  # a user cover wins over the generated one
    headlines: int = Field(default=4, ge=0, le=12)


class CompilationConfig(_Strict):
    """What a compilation file may say; everything else is an error."""

    title: str = Field(min_length=1)
    subtitle: str | None = None
    editions: list[str] = Field(min_length=1)
    by: Literal["day", "section"] = "day"
    language: str | None = None
    publisher: str | None = None
    description: str | None = None
    include: Selection = Field(default_factory=Selection)
    exclude: Selection = Field(default_factory=Selection)
    dates: Dates = Field(default_factory=Dates)
    cover: Cover = Field(default_factory=Cover)
    theme: str | None = None
    page: PageSettings = Field(default_factory=PageSettings)

    @field_validator("editions")
    @classmethod
    def _patterns(cls, v: list[str]) -> list[str]:
        for pattern in v:
            if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
                raise ValueError(f"'{pattern}' must be relative to the compilation file, inside its folder")
        return v


def read_config(path: Path) -> CompilationConfig:
    return read_typed_toml(path, CompilationConfig)
