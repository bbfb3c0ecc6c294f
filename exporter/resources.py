"""Where the built-in templates and themes live: inside the wheel, or in the checkout."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

DEFAULT_THEME = "broadsheet"  # the theme of a build that names none


@cache
def data_dir(name: str) -> Path:
    """The directory of built-in `templates` or `themes`.

    A wheel carries them as `exporter/_data/<name>` (hatch force-include); an editable
    install or a plain checkout has them at the top level beside the package.
    """
    packaged = Path(str(files("exporter"))) / "_data" / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"built-in {name} not found (looked in {packaged} and {checkout})")
