"""TOML files (edition.toml, theme.toml, compilation files) with located errors."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any, TypeVar

import regex
from pydantic import BaseModel, ValidationError

from ..errors import InputError
from .bounded import parse_toml
from .validate import problems_of

M = TypeVar("M", bound=BaseModel)

_AT = regex.compile(r"\s*\(at line (\d+), column (\d+)\)")


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; a syntax error names file:line:column."""
    try:
        return parse_toml(tomllib.loads, path.read_bytes().decode("utf-8-sig"), str(path))
    except OSError as exc:
        raise InputError.single(path, f"cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise InputError.single(path, f"not UTF-8 text (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        m = _AT.search(str(exc))
        raise InputError.single(path, f"invalid TOML: {_AT.sub('', str(exc))}", f"{m[1]}:{m[2]}" if m else "") from None


def read_typed_toml(path: Path, model: type[M]) -> M:
    """Parse and validate a TOML file against `model`; every problem names its key path."""
    raw = read_toml(path)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise InputError(problems_of(exc, str(path))) from None
