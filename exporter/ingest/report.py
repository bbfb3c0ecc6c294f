"""The summary `exporter ingest` prints: articles per kind and warnings; with --report,
per article the evidence for its headline, kind and authors, and what was set aside."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

from .api import IngestResult


def print_report(result: IngestResult, console: Console, verbose: bool = False, report: bool = False) -> None:
    """A table of articles per kind and the warnings; with verbose, every decision first;
    with report, per article its evidence and the furniture set aside."""

    def say(text: str) -> None:
        console.print(text, markup=False, emoji=False, highlight=False)

    if verbose:
        for line in result.notes.decisions:
            say(f"decision: {line}")
    if report:
        for article in result.edition.articles:
            where, *why = result.notes.evidence.get(article.id or "", ["?"])
            caption = next((b.caption for b in article.blocks if getattr(b, "caption", None)), "")
            title = article.headline or (caption if article.kind == "photo" else "") or ""  # text may come first
            say(f"{article.id} {article.kind} '{title}' at {where}")
            for line in why:
                say(f"    {line}")
        for name, item in result.furniture:
            say(f"set aside ({item.reason}) at {result.notes.at(name, item.no)}: '{item.text}'")
    kinds = Counter(a.kind for a in result.edition.articles)
    table = Table(title=f"{result.edition.title} {result.edition.date.isoformat()}", show_edge=False)
    table.add_column("kind")
    table.add_column("articles", justify="right")
    for kind in ("article", "photo", "notice"):
        table.add_row(kind, str(kinds.get(kind, 0)))
    table.add_row("set aside", str(len(result.furniture)))
    table.add_row("warnings", str(len(result.notes.warnings)), style="yellow" if result.notes.warnings else None)
    console.print(table)
    for line in result.notes.warnings:
        say(f"warning: {line}")
