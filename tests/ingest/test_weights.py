"""The fitted numbers of the segmentation: every decisive cost and threshold is a field
of `Weights`, the fit moves one only when a family's pages ask for it, and what ships is
the prior plus the moves the fit on all families made."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

from benchmarks.ingest_families import Scores, fit
from exporter.ingest.weights import PRIOR, SHIPPED, neighbours

FRESH = Path(__file__).resolve().parent.parent / "fixtures" / "ingest-corpus-fresh"


def test_every_field_has_neighbours_and_the_prior_is_kept_where_no_data_ask() -> None:
    near = neighbours(PRIOR)
    moved = {next(f.name for f in fields(PRIOR) if getattr(w, f.name) != getattr(PRIOR, f.name)) for w in near}
    assert moved == {f.name for f in fields(PRIOR)}
    assert SHIPPED == replace(PRIOR, indent=2.0) and SHIPPED.label() == "indent=2"


def test_the_fit_learns_the_indent_from_pages_that_show_it() -> None:
    """The Hong Kong pages with English words start lines with one stray space; only a
    two-cell indent reads them right, and the fit finds that from the prior."""
    pages = sorted(FRESH.glob("hkmix-*.txt"))
    learned = fit(Scores(jobs=1), pages, steps=1)
    assert learned.indent == 2.0 and learned.label() == "indent=2"
