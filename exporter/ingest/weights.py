"""The few numbers of the segmentation that are fitted on a corpus rather than argued
from how pages are made: what it costs to leave a body without a headline, to leave text
unplaced, to split a body in two, and to hang a headline under a photo story.

`PRIOR` holds the values chosen before the varied corpus existed (the fit falls back to
them on a tie); `Weights()` holds the values fitted on every family of the corpus.
`benchmarks/ingest_families.py` refits them leaving each layout family out and reports
the held-out scores beside the in-sample ones.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Weights:
    """Costs of the headline assignment (lower is better)."""

    no_headline: float = 8.0  # a body with no headline group
    leftover_text: float = 6.0  # a headline-like block no body takes
    split: float = 2.0  # each extra article cut out of a body
    photo_head_after: float = 0.2  # a headline taken from below a photo story (its credit closed it)

    def label(self) -> str:
        return (f"no_headline={self.no_headline:g} leftover={self.leftover_text:g} split={self.split:g} "
                f"photo_head_after={self.photo_head_after:g}")


PRIOR = Weights(photo_head_after=0.0)


def candidates() -> list[Weights]:
    """The grid the fit searches, nearest the prior first (so a tie keeps the fewest
    changes): each cost at half, once and twice its prior value, the photo cost at 0, 0.2
    and 0.5."""
    grid = [Weights(PRIOR.no_headline * k, PRIOR.leftover_text * j, PRIOR.split * s, ph)
            for k, j, s, ph in itertools.product((1, 0.5, 2), (1, 0.5, 2), (1, 0.5, 2), (0.0, 0.2, 0.5))]
    return sorted(grid, key=_changes)


def _changes(w: Weights) -> int:
    return sum(getattr(w, f.name) != getattr(PRIOR, f.name) for f in fields(Weights))
