"""The few numbers of the segmentation that are fitted on a corpus rather than argued
from how pages are made: what it costs to leave a body without a headline, to leave text
unplaced, and to split a body in two. `benchmarks/ingest_families.py` fits them leaving
each layout family out and reports the held-out scores."""

from __future__ import annotations

import itertools
from dataclasses import dataclass


@dataclass(frozen=True)
class Weights:
    """Costs of the headline assignment (lower is better)."""

    no_headline: float = 8.0  # a body with no headline group
    leftover_text: float = 6.0  # a headline-like block no body takes
    split: float = 2.0  # each extra article cut out of a body

    def label(self) -> str:
        return f"no_headline={self.no_headline:g} leftover={self.leftover_text:g} split={self.split:g}"


def candidates() -> list[Weights]:
    """The grid the fit searches: each weight at half, once and twice its default."""
    base = Weights()
    grid = [(base.no_headline * k, base.leftover_text * j, base.split * s)
            for k, j, s in itertools.product((0.5, 1, 2), repeat=3)]
    return [Weights(*g) for g in grid]
