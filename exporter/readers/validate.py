"""Shared by the readers: model validation with located problems, and unknown-field warnings."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from ..model import Edition

_BLOCK_TAGS = {"paragraph", "heading", "figure", "list", "quote"}


def field_path(loc: tuple[int | str, ...], prefix: str = "") -> str:
    """('articles', 2, 'blocks', 0, 'figure', 'src') -> 'articles[2].blocks[0].src'."""
    out = prefix
    for i, part in enumerate(loc):
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in _BLOCK_TAGS and i > 0 and isinstance(loc[i - 1], int):
            continue  # pydantic puts the discriminator tag in the location
        else:
            out += f".{part}" if out else str(part)
    return out


def validate_edition(data: Any, file: str, prefix: str = "") -> tuple[Edition | None, list[Problem]]:
    """Validate raw data as an Edition; every problem comes back with its field path."""
    try:
        return Edition.model_validate(data), []
    except ValidationError as exc:
        return None, problems_of(exc, file, prefix)


def problems_of(exc: ValidationError, file: str, prefix: str = "") -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            msg = "required field is missing"
        elif err["type"] == "union_tag_invalid":
            tag = err.get("ctx", {}).get("tag")
            msg = f"unknown block type '{tag}' (expected paragraph, heading, figure, list or quote)"
        elif err["type"] == "union_tag_not_found":
            msg = "block has no 'type' (expected paragraph, heading, figure, list or quote)"
        elif err["type"] == "literal_error" and err["loc"][-1] == "kind":
            msg = f"unknown kind '{err['input']}' (expected article, photo or notice)"
        problems.append(Problem(file, field_path(err["loc"], prefix), msg))
    return problems


def unknown_fields(node: BaseModel, path: str = "") -> list[str]:
    """Field paths of keys the model does not know (kept, but probably a typo)."""
    found = [f"{path}.{k}" if path else k for k in (node.model_extra or {})]
    for name in type(node).model_fields:
        value = getattr(node, name)
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            if isinstance(item, BaseModel):
                sub = f"{path}.{name}" if path else name
                if isinstance(value, list):
                    sub += f"[{i}]"
                found += unknown_fields(item, sub)
    return found
