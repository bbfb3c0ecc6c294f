"""One pass or chunks: the predicted wall time of each, from costs measured on this machine.

A chunked build pays for what one pass does not: the worker pool, the furniture documents
(the front and one ghost page per content page, laid out after every chunk) and the
assembly. It wins when the chunks' layout, shared among the workers, saves more than that.
The prediction:

- one pass: `(LAYOUT_S_PER_UNIT + FURNITURE_S_PER_UNIT) · W`, where W is the document's
  weight (chunks.chunk_weight: characters plus 400 per article; layout time follows it) and
  the furniture (the front with its contents, the page-margin boxes) is laid out in the pass;
- chunks: `FIXED_S + CONTENTION · LAYOUT_S_PER_UNIT · makespan + (FURNITURE_S_PER_UNIT +
  ASSEMBLY_S_PER_UNIT) · W`, where makespan is the largest weight one worker gets when the
  chunks are handed out heaviest first (chunks are cut only at forced page breaks, so a volume
  of one big day and small ones gains little), and the furniture document and the assembly
  come after the last chunk.

Chunks are chosen only when they are predicted at least `MIN_GAIN` faster: they cost more CPU
in all (see benchmarks/RESULTS.md), so a marginal gain in wall time is not worth it. With one
job there is nothing to share the layout with: one pass, always.

The constants come from `python -m benchmarks.crossover` and the 1-week benchmark volume on
the 2-vCPU development machine (docs/performance.md): 4.9 s for the one furniture document,
about 1 s for the assembly, two busy processes each about 17 % slower than one alone; the
layout rate was re-measured in session 5 after the make-up, line-composition and
column-balancing changes (`--editions 7,14 --articles 3`, quiet: one pass 10.31 s for the
32-page volume of weight 52,504, so a + f = 0.196 ms per unit; chunks 8.08 s, predicted 8.4 s).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

LAYOUT_S_PER_UNIT = 0.176e-3  # CPU seconds of layout per unit of weight, one process alone
FURNITURE_S_PER_UNIT = 0.02e-3  # the front, the contents and the page-margin boxes
ASSEMBLY_S_PER_UNIT = 0.004e-3  # drawing the chunks' pages under the ghost pages, merging fonts
FIXED_S = 1.0  # the pool's start, rendering and handing out the chunks, collecting the results
CONTENTION = 1.17  # each of several busy workers runs this much slower than one alone
MIN_GAIN = 1.2  # chunks spend more CPU in all: choose them only for a clear gain in wall time


def makespan(weights: list[int], workers: int) -> int:
    """The largest total weight one of `workers` gets, the heaviest chunks handed out first
    to whichever worker is free first (as parallel.ChunkedLayout does)."""
    loads = [0] * max(1, min(workers, len(weights)))
    for weight in sorted(weights, reverse=True):
        heapq.heapreplace(loads, loads[0] + weight)
    return max(loads)


@dataclass(frozen=True)
class Prediction:
    """Predicted wall seconds of both ways, and the choice."""

    one_pass: float
    chunked: float

    @property
    def chunks(self) -> bool:
        return self.chunked * MIN_GAIN <= self.one_pass


def predict(weights: list[int], jobs: int) -> Prediction:
    """The predicted wall time of one pass and of chunks (`weights`: one per chunk) on `jobs`
    workers."""
    total = sum(weights)
    one_pass = (LAYOUT_S_PER_UNIT + FURNITURE_S_PER_UNIT) * total
    if jobs <= 1 or len(weights) <= 1:
        return Prediction(one_pass, float("inf"))
    workers = min(jobs, len(weights))
    chunked = (FIXED_S + CONTENTION * LAYOUT_S_PER_UNIT * makespan(weights, workers)
               + (FURNITURE_S_PER_UNIT + ASSEMBLY_S_PER_UNIT) * total)
    return Prediction(one_pass, chunked)
