"""Reader for one edition JSON file; image paths are relative to the file."""

from __future__ import annotations

import json
from pathlib import Path

from ..assets import AssetPolicy, resolve_assets
from ..errors import InputError, Problem
from ..limits import check_articles
from .bounded import load_json
from .loaded import LoadedEdition
from .validate import unknown_fields, validate_edition


def read_json(path: Path, policy: AssetPolicy = AssetPolicy()) -> LoadedEdition:
    file = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError.single(file, f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputError.single(file, f"cannot read: {exc.strerror}") from None
    try:
        data = load_json(text, file)
    except json.JSONDecodeError as exc:
        raise InputError.single(file, f"invalid JSON: {exc.msg}", f"{exc.lineno}:{exc.colno}") from None
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
