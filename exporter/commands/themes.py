"""`exporter themes`: list the themes that --theme accepts by name."""

from __future__ import annotations

import argparse


from .common import plain_console


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("themes", help="list available themes")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rich.table import Table

    from ..themes import available_themes, load_theme

    table = Table("name", "extends", "origin", "description", box=None)
    for name, (path, origin) in available_themes().items():
        theme = load_theme(path)
        table.add_row(name, theme.config.extends or "", origin, theme.config.description)
    plain_console().print(table)
    return 0
