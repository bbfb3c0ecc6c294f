"""`exporter doctor [SOURCE]`: check the machine for what builds need, with the fix for each."""

from __future__ import annotations

import argparse
import ctypes.util
import shutil
import sys


from .. import __version__
from ..errors import RenderError
from ..resources import DEFAULT_THEME
from ..tools import run_tool
from .common import plain_console


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("doctor", help="check libraries, fonts and Java; say how to fix what is missing")
    p.add_argument("source", nargs="?", metavar="SOURCE", help="also check that fonts cover this edition's text")
    p.add_argument("--theme", default=DEFAULT_THEME, help="theme whose fonts to check")
    p.set_defaults(func=run)


def _weasyprint() -> tuple[bool, str, str]:
    try:
        import weasyprint

        from ..weasyprint_ext.public import pango_version
    except (ImportError, OSError) as exc:
        return False, f"not importable: {exc}", "apt-get install libpango-1.0-0 libpangoft2-1.0-0; pip install weasyprint"
    version = pango_version()
    ok = version >= (1, 44, 0)
    return ok, f"WeasyPrint {weasyprint.__version__}, Pango {'.'.join(map(str, version))}", "" if ok else "Pango ≥ 1.44 is needed"


def _harfbuzz_subset() -> tuple[bool, str, str]:
    lib = ctypes.util.find_library("harfbuzz-subset")
    if lib:
        return True, lib, ""
    return False, "missing: WeasyPrint falls back to a ~20x slower font subsetter", "apt-get install libharfbuzz-subset0"


def _java() -> tuple[bool, str, str]:
    java = shutil.which("java")
    if not java:
        return False, "missing: EPUBCheck cannot run", "apt-get install default-jre-headless"
    try:
        out = run_tool([java, "-version"], 60)
    except RenderError as exc:
        return False, str(exc), "check the Java installation"
    first = (out.stderr or out.stdout).splitlines()[0] if (out.stderr or out.stdout) else java
    return True, first, ""


def _fonts(theme_name: str, text: str | None) -> list[tuple[str, bool, str, str]]:
    from ..fonts import INSTALL_HINT, describe, faces_for, missing_characters
    from ..themes import load_theme

    theme = load_theme(theme_name)
    rows = []
    for role, stack in theme.fonts.items():
        faces = faces_for(stack)
        named = [f for f in faces if f.family.lower() in {s.lower() for s in stack}]
        detail = ", ".join(f"{f.family} ({f.path.name})" for f in faces[:3]) or "none installed"
        rows.append((f"fonts: {role}", bool(named), detail, "" if named else INSTALL_HINT))
        if text is not None:
            missing = missing_characters(text, faces)
            rows.append((f"coverage: {role}", not missing,
                         "every character covered" if not missing else f"no glyph for {describe(missing)}",
                         "" if not missing else INSTALL_HINT))
    return rows


def run(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from ..readers import load

    text = None
    if args.source:
        loaded = load(args.source)
        text = "".join(t for art in loaded.edition.articles for t in art.texts) + loaded.edition.title
    rows: list[tuple[str, bool, str, str]] = [
        ("exporter", True, f"{__version__} on Python {sys.version.split()[0]}", ""),
        ("weasyprint", *_weasyprint()),
        ("libharfbuzz-subset0", *_harfbuzz_subset()),
        ("java (EPUBCheck)", *_java()),
        *_fonts(args.theme, text),
    ]
    table = Table("check", "", "found", "fix", box=None)
    for name, ok, detail, fix in rows:
        table.add_row(name, Text("ok", "green") if ok else Text("missing", "red"), detail, fix)
    plain_console().print(table)
    return 0 if all(ok for _, ok, _, _ in rows) else 1
