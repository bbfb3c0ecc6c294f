"""The short summary `exporter ingest` prints: articles per kind and warnings."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

from .api import IngestResult


def print_report(result: IngestResult, console: Console, verbose: bool = False) -> None:
    """A table of articles per kind and the warnings; with verbose, every decision first."""
    if verbose:
        for line in result.notes.decisions:
            console.print(f"decision: {line}", markup=False, emoji=False, highlight=False)
    kinds = Counter(a.kind for a in result.edition.articles)
    table = Table(title=f"{result.edition.title} {result.edition.date.isoformat()}", show_edge=False)
    table.add_column("kind")
    table.add_column("articles", justify="right")
    for kind in ("article", "photo", "notice"):
        table.add_row(kind, str(kinds.get(kind, 0)))
    table.add_row("warnings", str(len(result.notes.warnings)), style="yellow" if result.notes.warnings else None)
    console.print(table)
    for line in result.notes.warnings:
        console.print(f"warning: {line}", markup=False, emoji=False, highlight=False)
