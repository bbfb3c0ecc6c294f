"""TOML files (edition.toml, theme.toml, compilation files) with located errors."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, TypeVar

import regex
from pydantic import BaseModel, ValidationError

from ..errors import InputError
from ..limits import MAX_CONFIG_BYTES
from ..safe_files import read_bytes
from .bounded import parse_toml
from .validate import problems_of

M = TypeVar("M", bound=BaseModel)

_AT = regex.compile(r"\s*\(at line (\d+), column (\d+)\)")


def read_toml(path: Path, root: Path | None = None) -> dict[str, Any]:
    """Parse a TOML file read through the file gate (inside `root` when given: a file
    named on the command line may be a link, one inside a folder may not lead out);
    a syntax error names file:line:column."""
    data = read_bytes(path, root or path.resolve().parent, MAX_CONFIG_BYTES, "TOML file")
    try:
        return parse_toml(tomllib.loads, data.decode("utf-8-sig"), str(path))
    except UnicodeDecodeError as exc:
        raise InputError.single(path, f"not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        m = _AT.search(str(exc))
        raise InputError.single(path, f"invalid TOML: {_AT.sub('', str(exc))}", f"{m[1]}:{m[2]}" if m else "") from None


def read_typed_toml(path: Path, model: type[M], root: Path | None = None) -> M:
    """Parse and validate a TOML file against `model`; every problem names its key path."""
    raw = read_toml(path, root)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise InputError(problems_of(exc, str(path))) from None
