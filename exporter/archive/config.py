"""The archive file (ARCHIVE.toml): typed, with unknown keys as errors, like weekly.toml."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..compile.config import Cover, Dates
from ..readers.toml_file import read_typed_toml
from ..themes import PageSettings

Format = Literal["html", "epub", "pdf"]
# {year}, {month} and {day} (or {date}, YYYY-MM-DD) in an `editions` pattern give an edition's date.
PLACEHOLDER = regex.compile(r"\{(year|month|day|date)\}")
_ANY_PLACEHOLDER = regex.compile(r"\{[^{}]*\}")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Daily(_Strict):
    """One output per edition, in each format."""

    formats: list[Format] = Field(min_length=1)
    theme: str | None = None


class Volumes(_Strict):
    """One volume per week (ISO weeks, Monday to Sunday) or per month, in each format."""

    formats: list[Format] = Field(min_length=1)
    title: str | None = None  # a template: {title} {year} {month} {week} {first} {last}
    subtitle: str | None = None  # the same placeholders; default: the date range
    by: Literal["day", "section"] = "day"
    theme: str | None = None
    description: str | None = None
    cover: Cover = Field(default_factory=Cover)
    page: PageSettings = Field(default_factory=PageSettings)

    @field_validator("title", "subtitle")
    @classmethod
    def _template(cls, v: str | None) -> str | None:
        if v is not None:
            try:
                v.format(title="", year=2000, month=1, week=1, first="", last="")
            except (KeyError, IndexError, ValueError) as exc:
                raise ValueError(f"'{v}': unknown or malformed placeholder {exc} "
                                 "(use {title}, {year}, {month}, {week}, {first}, {last})") from None
        return v


class ArchiveConfig(_Strict):
    """What an archive file may say; everything else is an error."""

    title: str = Field(min_length=1)
    editions: list[str] = Field(min_length=1)
    theme: str | None = None
    dates: Dates = Field(default_factory=Dates)
    profile: Literal["print", "screen"] = "screen"
    embed_fonts: bool = False
    daily: Daily | None = None
    weekly: Volumes | None = None
    monthly: Volumes | None = None

    @field_validator("editions")
    @classmethod
    def _patterns(cls, v: list[str]) -> list[str]:
        for pattern in v:
            if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
                raise ValueError(f"'{pattern}' must be relative to the archive file, inside its folder")
            names = set(PLACEHOLDER.findall(pattern))
            if unknown := [p for p in _ANY_PLACEHOLDER.findall(pattern) if not PLACEHOLDER.fullmatch(p)]:
                raise ValueError(f"'{pattern}': unknown placeholder {unknown[0]} (use {{year}}, {{month}}, {{day}} or {{date}})")
            if "date" not in names and not {"year", "month", "day"} <= names:
                raise ValueError(f"'{pattern}' must give the date: {{year}}, {{month}} and {{day}}, or {{date}}")
        return v

    @model_validator(mode="after")
    def _something_to_make(self) -> ArchiveConfig:
        if self.daily is None and self.weekly is None and self.monthly is None:
            raise ValueError("nothing to make: add a [daily], [weekly] or [monthly] table")
        return self


def read_archive(path: Path) -> ArchiveConfig:
    return read_typed_toml(path, ArchiveConfig)
