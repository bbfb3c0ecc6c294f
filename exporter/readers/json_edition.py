"""Reader for one edition JSON file; image paths are relative to the file."""

from __future__ import annotations

import json
import json.decoder
import json.scanner
from pathlib import Path
from typing import Any

from ..assets import AssetPolicy, resolve_assets
from ..errors import InputError, Problem, echo
from ..limits import MAX_SOURCE_BYTES, check_articles
from ..safe_files import read_bytes
from .bounded import load_json
from .loaded import LoadedEdition
from .validate import unknown_fields, validate_edition


def read_json(path: Path, policy: AssetPolicy = AssetPolicy(), root: Path | None = None) -> LoadedEdition:
    """Read an edition JSON file through the file gate (inside `root`, e.g. the folder of
    the compilation that found it; a file named on the command line may be a link)."""
    file = str(path)
    data = read_bytes(path, root or path.resolve().parent, MAX_SOURCE_BYTES, "edition file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.single(file, f"not UTF-8 text (byte {exc.start})") from None
    try:
        data = load_json(text, file, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise InputError.single(file, f"invalid JSON: {exc.msg}", f"{exc.lineno}:{exc.colno}") from None
    except DuplicateKey as dup:
        line = _duplicate_line(text)
        raise InputError.single(file, f"duplicate key {echo(repr(dup.key))} in one object (the second value would "
                                      "silently replace the first)", str(line) if line else "") from None
    if not isinstance(data, dict):
        raise InputError.single(file, "an edition file must hold a JSON object")
    if isinstance(articles := data.get("articles"), list):
        check_articles(len(articles), file)
    edition, problems, notes = validate_edition(data, file)
    if edition is None:
        raise InputError(problems)
    assets, asset_problems, asset_notes = resolve_assets(edition, path.parent, file, policy)
    if asset_problems:
        raise InputError(asset_problems)
    notes += asset_notes
    notes += [Problem(file, f, "unknown field (kept, but not used)") for f in unknown_fields(edition)]
    return LoadedEdition(edition, path, path.parent, assets, [str(n) for n in notes])


class DuplicateKey(ValueError):
    def __init__(self, key: str, start: int = -1) -> None:
        super().__init__(key)
        self.key, self.start = key, start


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateKey(key)
        out[key] = value
    return out


def _duplicate_line(text: str) -> int | None:
    """The line of the object holding a duplicate key: a second, slower parse (only on
    this error path) with the pure-Python scanner, which tells where each object starts."""
    decoder = json.JSONDecoder()

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> Any:
        try:
            return json.decoder.JSONObject(s_and_end, *args[:3], _no_duplicates, *args[4:])
        except DuplicateKey as exc:
            raise DuplicateKey(exc.key, s_and_end[1]) if exc.start < 0 else exc from None

    decoder.parse_object = parse_object  # type: ignore[assignment]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)
    try:
        decoder.decode(text)
    except DuplicateKey as exc:
        return text.count("\n", 0, exc.start) + 1
    except (ValueError, RecursionError):
        return None
    return None
