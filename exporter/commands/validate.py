"""`exporter validate SOURCE`: report every problem of an edition, without rendering."""

from __future__ import annotations

import argparse

from .build import add_input_flags, policy_of
from .common import err_console, warn


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check an edition and list every problem")
    p.add_argument("source", metavar="SOURCE", help="edition JSON file or edition folder")
    add_input_flags(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..readers import load

    loaded = load(args.source, policy_of(args))
    warn(loaded.warnings)
    e = loaded.edition
    err_console().print(f"ok: {args.source}: {e.title} {e.date} ({len(e.articles)} articles, {len(loaded.assets.by_src)} images)")
    return 0
