"""Shared by the readers: model validation with located problems, and unknown-field warnings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import regex
from pydantic import BaseModel, ValidationError

from ..errors import Problem

if TYPE_CHECKING:
    from ..model import Edition

_BLOCK_TAGS = {"paragraph", "heading", "figure", "list", "quote"}
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
# C0/C1 controls other than tab, newline and carriage return: invalid in XML, invisible in HTML.
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def field_path(loc: tuple[int | str, ...]) -> str:
    """('articles', 2, 'blocks', 0, 'figure', 'src') -> 'articles[2].blocks[0].src'."""
    out = ""
    for i, part in enumerate(loc):
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in _BLOCK_TAGS and i > 0 and isinstance(loc[i - 1], int):
            continue  # pydantic puts the discriminator tag in the location
        else:
            out += f".{part}" if out else str(part)
    return out


def scrub(data: Any, file: str, path: str = "") -> tuple[Any, list[Problem], list[Problem]]:
    """Check every string before validation: unpaired surrogates are errors (not text);
    control characters are removed, and each removal is reported as a warning."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    if isinstance(data, str):
        if m := _SURROGATE.search(data):
            problems.append(Problem(file, path, f"contains an unpaired surrogate U+{ord(m[0]):04X}, which is not text"))
            return data, problems, warnings
        found = _CONTROL.findall(data)
        if found:
            codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in found}))
            warnings.append(Problem(file, path, f"removed {len(found)} control character(s) ({codes})"))
            data = _CONTROL.sub("", data)
        return data, problems, warnings
    if isinstance(data, dict):
        out = {}
        for key, value in data.items():
            sub = f"{path}.{key}" if path else str(key)
            out[key], p, w = scrub(value, file, sub)
            problems += p
            warnings += w
        return out, problems, warnings
    if isinstance(data, list):
        items = []
        for i, value in enumerate(data):
            item, p, w = scrub(value, file, f"{path}[{i}]")
            items.append(item)
            problems += p
            warnings += w
        return items, problems, warnings
    return data, problems, warnings


def validate_edition(data: Any, file: str) -> tuple[Edition | None, list[Problem], list[Problem]]:
    """Validate raw data as an Edition: (edition or None, problems, warnings), all with field paths."""
    from ..model import Edition  # not at import: reading a theme needs no model

    data, problems, warnings = scrub(data, file)
    if problems:
        return None, problems, warnings
    try:
        return Edition.model_validate(data), [], warnings
    except ValidationError as exc:
        return None, problems_of(exc, file), warnings


def problems_of(exc: ValidationError, file: str) -> list[Problem]:
    problems = []
    for err in exc.errors(include_url=False):
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            msg = "required field is missing"
        elif err["type"] == "extra_forbidden":
            msg = "unknown key"
        elif err["type"] == "union_tag_invalid":
            tag = err.get("ctx", {}).get("tag")
            msg = f"unknown block type '{tag}' (expected paragraph, heading, figure, list or quote)"
        elif err["type"] == "union_tag_not_found":
            msg = "block has no 'type' (expected paragraph, heading, figure, list or quote)"
        elif err["type"] == "literal_error" and err["loc"][-1] == "kind":
            msg = f"unknown kind '{err['input']}' (expected article, photo or notice)"
        problems.append(Problem(file, field_path(err["loc"]), msg))
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
