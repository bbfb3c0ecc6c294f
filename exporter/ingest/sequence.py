"""Decode a page as a labelled sequence: the best label for every block, decided together.

A block's role depends on its neighbours: a headline is followed by its body, or printed
after it (a tail headline, `tail`); a kicker stands over a headline; a credit closes a
caption; furniture may stand anywhere. A linear-chain CRF (python-crfsuite, fitted by
`python -m benchmarks.ingest_train` on every development corpus) scores each block by the
block classifier's log-probabilities and a few context features (`INPUTS`: the emissions)
and every pair of consecutive labels (the transitions). It is trained on the classifier's
probabilities for pages it was not trained on (cross-fitted by family), so it learns how far
to trust them on a page of an unseen paper. It is shipped as data (`sequence_model.json`)
and decoded here in plain Python by Viterbi, so ingest needs no new dependency.

Besides the best sequence, the decoder gives each block's *regret* for every label: how
much lower the best sequence that gives the block that label scores than the best one
overall (0 for the label the best sequence gives it). The segmentation assembles articles
from the labels by charging these regrets: a headline group given to the body after it
costs the regret of its blocks as heads, given to the body before it their regret as a
tail headline, left over their regret as anything else.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache

from .blocks import FEATURES, LABELS, shipped_file

STATES = (*LABELS, "tail")  # tail: a kicker, headline or subheadline printed after its body
HEADS = ("kicker", "headline", "subheadline")
LEFT = ("subhead", "body", "caption", "byline", "other")  # what a head-like block no group takes may be
# what tells a headline over its story from one under it, beyond what the block is
CONTEXT = ("echo_prev", "echo_next", "next_dateline", "next_role", "prev_closed", "next_head", "prev_head",
           "first", "last", "position", "gap_before")
INPUTS = (*(f"log_{label}" for label in LABELS), *CONTEXT)
_FLOOR = -10.0  # the lowest log-probability an input takes


def inputs(probs: dict[str, float], vector: list[float]) -> list[float]:
    """A block's decoder inputs: the classifier's log-probabilities (raised by -_FLOOR:
    CRFsuite drops negative attribute values) and its context features."""
    return ([max(math.log(probs[label]), _FLOOR) - _FLOOR if probs[label] > 0 else 0.0 for label in LABELS]
            + [vector[FEATURES.index(name)] for name in CONTEXT])


@dataclass(frozen=True)
class Decoded:
    """One block's decoded label, its regret for every label and the transition into it."""

    label: str
    regret: dict[str, float]
    into: float  # the transition score from the block before it (0 for the first)
    prev: str = ""  # the label of the block before it ("" for the first)

    def cost(self, labels: tuple[str, ...]) -> float:
        """The regret of the cheapest of these labels."""
        return min(self.regret[s] for s in labels)

    def explain(self) -> str:
        """What --report says of it: the label, the transition into it and the nearest rivals."""
        rivals = sorted((r, s) for s, r in self.regret.items() if s != self.label)[:2]
        into = f"{self.prev} → {self.label} (transition {self.into:+.2f})" if self.prev else f"{self.label} (first block)"
        return f"page decoder: {into}; next best " + ", ".join(f"{s} −{r:.2f}" for r, s in rivals)


@dataclass(frozen=True)
class SequenceModel:
    """A linear-chain CRF over the block classifier's log-probabilities and context features."""

    states: tuple[str, ...]
    features: tuple[str, ...]
    emission: tuple[tuple[float, ...], ...]  # per state: a weight per feature, then a bias
    transition: tuple[tuple[float, ...], ...]  # [from][to]
    trained_on: int = 0
    accuracy: float = 0.0

    def emissions(self, x: list[float]) -> list[float]:
        return [row[-1] + sum(w * v for w, v in zip(row, x)) for row in self.emission]

    def decode(self, vectors: list[list[float]]) -> list[Decoded]:
        """Viterbi over the page (one `inputs` row per block), with each block's max-marginal
        regret per label."""
        n, k = len(vectors), len(self.states)
        if not n:
            return []
        em = [self.emissions(v) for v in vectors]
        tr = self.transition
        fwd = [em[0][:]]
        back: list[list[int]] = [[0] * k]
        for i in range(1, n):
            row, ptr = [], []
            for t in range(k):
                s = max(range(k), key=lambda s: fwd[-1][s] + tr[s][t])
                row.append(fwd[-1][s] + tr[s][t] + em[i][t])
                ptr.append(s)
            fwd.append(row)
            back.append(ptr)
        bwd = [[0.0] * k for _ in range(n)]  # best continuation after block i in state s
        for i in range(n - 2, -1, -1):
            bwd[i] = [max(tr[s][t] + em[i + 1][t] + bwd[i + 1][t] for t in range(k)) for s in range(k)]
        best = max(fwd[-1])
        path = [max(range(k), key=lambda s: fwd[-1][s])]
        for i in range(n - 1, 0, -1):
            path.append(back[i][path[-1]])
        path.reverse()
        return [Decoded(self.states[path[i]],
                        {s: round(best - fwd[i][j] - bwd[i][j], 6) for j, s in enumerate(self.states)},
                        tr[path[i - 1]][path[i]] if i else 0.0, self.states[path[i - 1]] if i else "")
                for i in range(n)]

    def to_json(self) -> str:
        data = {"states": self.states, "features": self.features, "emission": self.emission, "transition": self.transition, "trained_on": self.trained_on,
                "accuracy": self.accuracy}
        return json.dumps(data, indent=0) + "\n"

    @classmethod
    def from_json(cls, text: str) -> SequenceModel:
        d = json.loads(text)
        return cls(tuple(d["states"]), tuple(d["features"]), tuple(tuple(r) for r in d["emission"]), tuple(tuple(r) for r in d["transition"]),
                   d["trained_on"], d["accuracy"])


@cache
def shipped() -> SequenceModel | None:
    """The decoder fitted on every development corpus (None when its features changed since)."""
    model = shipped_file("sequence_model.json", SequenceModel.from_json)
    return model if model and model.features == INPUTS and model.states == STATES else None
