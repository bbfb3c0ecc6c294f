"""`exporter validate SOURCE`: report every problem of an edition, without rendering."""

from __future__ import annotations

import argparse

from ..readers import load
from .common import err_console, warn


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check an edition and list every problem")
    p.add_argument("source", metavar="SOURCE", help="edition JSON file or edition folder")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    loaded = load(args.source)
    warn(loaded.warnings)
    e = loaded.edition
    err_console.print(f"ok: {args.source}: {e.title} {e.date} ({len(e.articles)} articles, {len(loaded.assets.by_src)} images)")
    return 0
