"""A learned classifier of layout pieces: what each block of a page is (headline, kicker,
subheadline, subhead, byline, body, caption or furniture), from features any paper has.

The rules in layout.py and segment.py were written by people looking at pages; a printed
convention nobody wrote a rule for (a byline line `记者 X 报道`, a stock table, a results
list) is missed. This model is fitted (multinomial logistic regression, scikit-learn) on the
truth files of every development corpus by `python -m benchmarks.ingest_train` and shipped
as data (`block_model.json`): inference here is plain Python, so ingest needs no new
dependency. Its probabilities enter the segmentation as costs (a headline the model
doubts costs more) and re-type the blocks it is sure of (a body line set like a headline,
a table set aside as furniture, a byline line).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from collections.abc import Callable
from typing import TypeVar

import regex

from . import fields, furniture
from .layout import BoxByline, Byline, Caption, Head, Para, Piece, Signature, cells, closed

LABELS = ("headline", "kicker", "subheadline", "subhead", "byline", "body", "caption", "other")
_KINDS = (Para, Head, Caption, BoxByline, Byline, Signature)
_PUNCT = regex.compile(r"[，。、；：！？,.;:!?]")
_DIGIT = regex.compile(r"\p{N}")
_LATIN = regex.compile(r"\p{Latin}")
_HAN = regex.compile(r"\p{Han}")
_SPACE_RUN = regex.compile(r"\S[ \u3000]{2,}\S")
_ROLE = regex.compile(r"[记記]者|通[讯訊][员員]|[报報]道|[报報][导導]|^By\s|撰文|^文[/／：:]|[摄攝]")
_COLON = regex.compile(r"[：:]")
_DASHES = regex.compile(r"^[—―─-]{2,}|[—―─-]{2,}$")
_WORD = regex.compile(r"[\p{L}\p{N}]")
_FOLIO = regex.compile(r"\d{4}\s*年\s*\d{1,2}\s*月|星期|第\s*\d+\s*[版期]|(?i:page\s*[a-z]?\d)")
_ANY_DATELINE = regex.compile(r"^[（(【]?\p{Han}{1,8}(?:\d{1,2}月\d{1,2}日)?[讯訊电電]")

FEATURES = (
    *(f"is_{k.__name__.lower()}" for k in _KINDS),
    "lines", "log_cells", "width_ratio", "bold", "caption_type", "boxed", "indent", "indented",
    "closed", "open_end", "punct", "digits", "latin", "han", "space_runs", "role_word", "colon", "dashes",
    "dateline", "any_dateline", "jump", "credit", "notice_title", "column_logo", "folio", "upper", "position", "first", "last",
    "gap_before",
    "prev_head", "next_head", "prev_para", "next_para", "next_dateline", "next_bold", "prev_bold", "prev_closed",
    "echo_next", "echo_prev", "next_role", "prev_role", "next_digits", "prev_digits",
)


@dataclass
class Part:
    """A candidate block: a piece of the layout, or part of one cut at a blank line the
    layout joined across (`cut == "blank"`) or at a line break in a piece's first lines
    (`cut == "line"`: a headline over its byline line)."""

    piece: Piece
    origin: int  # index of the layout piece it comes from
    cut: str = ""  # how it is cut from the part before it ("" for a piece's first part)


def _short(lines: list) -> bool:
    return len(lines) <= 3 and all(cells(line.text) <= 40 for line in lines) and not closed(lines[-1].text)


def explode(pieces: list[Piece]) -> list[Part]:
    """The candidate blocks of a page: every paragraph cut where the layout joined it across
    a blank line (a column break it read as running on), and every piece of two to four
    lines cut after its first line. The model scores these; `rebuild` keeps only the cuts
    it is sure of."""
    out: list[Part] = []
    for k, piece in enumerate(pieces):
        if not isinstance(piece, Para | Head) or getattr(piece, "credit", None) or len(piece.lines) < 2:
            out.append(Part(piece, k))
            continue
        parts: list[tuple[list, str]] = [([piece.lines[0]], "")]
        lines = piece.lines
        for i, (prev, line) in enumerate(zip(lines, lines[1:]), start=1):
            if line.no > prev.no + 1 and line.box == prev.box and isinstance(piece, Para):
                parts.append(([], "blank"))
            elif i == 1 and len(lines) <= 4 and line.no == prev.no + 1:
                parts.append(([], "line"))
            parts[-1][0].append(line)
        for j, (part, cut) in enumerate(parts):
            if j == 0 and len(parts) == 1:
                out.append(Part(piece, k))
            elif _short(part) and (cut or parts[1][1] == "line"):
                out.append(Part(Head(part), k, cut))
            else:
                out.append(Part(Para(part, gap_before=piece.gap_before if not cut and isinstance(piece, Para)
                                     else True), k, cut))
    return out


def rebuild(pieces: list[Piece], parts: list[Part], keep: list[bool]) -> list[tuple[Piece, list[int], str]]:
    """The page's pieces with the kept cuts made, each with the indices of its parts and
    how it was cut: a layout piece none of whose cuts is kept comes back as it was; a run
    of parts between kept cuts becomes one piece (the part itself when alone, else its
    lines in the layout piece's type)."""
    runs: list[list[int]] = []
    for i, (part, kept) in enumerate(zip(parts, keep)):
        if not runs or part.origin != parts[runs[-1][0]].origin or (part.cut and kept):
            runs.append([i])
        else:
            runs[-1].append(i)
    whole_runs = {o: sum(p.origin == o for p in parts) for o in {p.origin for p in parts}}
    out: list[tuple[Piece, list[int], str]] = []
    for run in runs:
        first = parts[run[0]]
        whole = pieces[first.origin]
        if len(run) == whole_runs[first.origin]:
            out.append((whole, run, ""))
        elif len(run) == 1:
            out.append((first.piece, run, first.cut))
        else:
            lines = [line for i in run for line in parts[i].piece.lines]
            piece = (Para(lines, gap_before=whole.gap_before if not first.cut else True)
                     if isinstance(whole, Para) else Head(lines))
            out.append((piece, run, first.cut))
    return out


def _text(piece: Piece) -> str:
    return piece.text if isinstance(piece, BoxByline) else piece.raw


def _lines(piece: Piece) -> list:
    return [piece.line] if isinstance(piece, BoxByline) else piece.lines


def _share(pattern: regex.Pattern[str], text: str) -> float:
    return len(pattern.findall(text)) / max(len(text), 1)


def _bigrams(text: str) -> set[str]:
    letters = _WORD.findall(text.lower())
    return {a + b for a, b in zip(letters, letters[1:])}


def _echo(head: str, body: str) -> float:
    h = _bigrams(head)
    return len(h & _bigrams(body[:300])) / len(h) if h else 0.0


def _own(piece: Piece, measure: float) -> dict[str, float]:
    """What a piece shows on its own."""
    text = _text(piece)
    lines = _lines(piece)
    widest = max(cells(line.text) + line.indent for line in lines)
    f = {f"is_{k.__name__.lower()}": float(isinstance(piece, k)) for k in _KINDS}
    f |= {
        "lines": min(len(lines), 12) / 12,
        "log_cells": math.log1p(cells(text)) / 7,
        "width_ratio": min(widest / measure, 2.0) if measure else 1.0,
        "bold": float(all(line.bold for line in lines)),
        "caption_type": float(any(line.caption for line in lines)),
        "boxed": float(lines[0].box is not None),
        "indent": min(lines[0].indent, 12) / 12,
        "indented": float(lines[0].indent >= 2),
        "closed": float(closed(text)),
        "open_end": float(bool(regex.search(r"[，、；：,;:]$", text))),
        "punct": _share(_PUNCT, text) * 5,
        "digits": _share(_DIGIT, text) * 2,
        "latin": _share(_LATIN, text),
        "han": _share(_HAN, text),
        "space_runs": min(sum(len(_SPACE_RUN.findall(line.text)) for line in lines) / len(lines), 4) / 4,
        "role_word": float(bool(_ROLE.search(text))),
        "colon": float(bool(_COLON.search(text))),
        "dashes": float(bool(_DASHES.search(text))),
        "dateline": float(bool(fields.DATELINE.match(text))),
        "jump": float(bool(fields.JUMP_FROM.match(text) or fields.JUMP_TO.search(text))),
        "credit": float(any(line.credit for line in lines)),
        "notice_title": float(bool(fields.NOTICE_TITLE.search(text))),
        "column_logo": float(furniture.column_logo(text)),
        "folio": float(bool(_FOLIO.search(text))),
        "any_dateline": float(bool(_ANY_DATELINE.match(text))),
        "upper": float(text.isupper()),
        "gap_before": float(getattr(piece, "gap_before", True)),
    }
    return f


def features(pieces: list[Piece]) -> list[list[float]]:
    """One feature vector per piece (in FEATURES order), its neighbours' included."""
    if not pieces:
        return []
    widths = sorted(cells(line.text) + line.indent for p in pieces for line in _lines(p))
    measure = widths[int(len(widths) * 0.9)] if widths else 1.0
    own = [_own(p, measure) for p in pieces]
    texts = [_text(p) for p in pieces]
    out = []
    n = len(pieces)
    for i, f in enumerate(own):
        prev = own[i - 1] if i else None
        nxt = own[i + 1] if i + 1 < n else None
        g = dict(f)
        g |= {
            "position": i / max(n - 1, 1),
            "first": float(i == 0),
            "last": float(i == n - 1),
            "prev_head": prev["is_head"] if prev else 0.0,
            "next_head": nxt["is_head"] if nxt else 0.0,
            "prev_para": prev["is_para"] if prev else 0.0,
            "next_para": nxt["is_para"] if nxt else 0.0,
            "next_dateline": nxt["dateline"] if nxt else 0.0,
            "next_bold": nxt["bold"] if nxt else 0.0,
            "prev_bold": prev["bold"] if prev else 0.0,
            "prev_closed": prev["closed"] if prev else 1.0,
            "echo_next": _echo(texts[i], texts[i + 1]) if nxt and nxt["is_para"] else 0.0,
            "echo_prev": _echo(texts[i], _body_start(pieces, i)) if prev else 0.0,
            "next_role": nxt["role_word"] if nxt else 0.0,
            "prev_role": prev["role_word"] if prev else 0.0,
            "next_digits": nxt["digits"] if nxt else 0.0,
            "prev_digits": prev["digits"] if prev else 0.0,
        }
        out.append([g[name] for name in FEATURES])
    return out


def _body_start(pieces: list[Piece], i: int) -> str:
    """The opening of the body above piece i (a headline printed after its story echoes it)."""
    k = i - 1
    while k > 0 and isinstance(pieces[k - 1], Para):
        k -= 1
    return _text(pieces[k]) if isinstance(pieces[k], Para) else ""


@dataclass(frozen=True)
class BlockModel:
    """A multinomial logistic regression over standardised features."""

    labels: tuple[str, ...]
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[tuple[float, ...], ...]
    intercept: tuple[float, ...]
    trained_on: int = 0
    accuracy: float = 0.0

    def probabilities(self, vector: list[float]) -> dict[str, float]:
        x = [(v - m) / s for v, m, s in zip(vector, self.mean, self.scale)]
        z = [b + sum(c * v for c, v in zip(row, x)) for row, b in zip(self.coef, self.intercept)]
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return {label: v / total for label, v in zip(self.labels, e)}

    def reasons(self, vector: list[float], label: str, k: int = 3) -> list[str]:
        """The features that pushed most towards `label` (for --report)."""
        row = self.coef[self.labels.index(label)]
        x = [(v - m) / s for v, m, s in zip(vector, self.mean, self.scale)]
        contrib = sorted(zip((c * v for c, v in zip(row, x)), self.features), reverse=True)
        return [name for value, name in contrib[:k] if value > 0]

    def to_json(self) -> str:
        data = {"labels": self.labels, "features": self.features, "mean": self.mean, "scale": self.scale,
                "coef": self.coef, "intercept": self.intercept, "trained_on": self.trained_on,
                "accuracy": self.accuracy}
        return json.dumps(data, indent=0) + "\n"

    @classmethod
    def from_json(cls, text: str) -> BlockModel:
        d = json.loads(text)
        return cls(tuple(d["labels"]), tuple(d["features"]), tuple(d["mean"]), tuple(d["scale"]),
                   tuple(tuple(r) for r in d["coef"]), tuple(d["intercept"]), d["trained_on"], d["accuracy"])


M = TypeVar("M")


def shipped_file(name: str, load: Callable[[str], M]) -> M | None:
    """A fitted model shipped in this package (`name`), read by `load`; None when absent."""
    path = resources.files(__package__).joinpath(name)
    return load(path.read_text(encoding="utf-8")) if path.is_file() else None


@cache
def shipped() -> BlockModel | None:
    """The model fitted on every development corpus (None when its features changed since)."""
    model = shipped_file("block_model.json", BlockModel.from_json)
    return model if model and model.features == FEATURES and model.labels == LABELS else None


def classify(pieces: list[Piece], model: BlockModel | None) -> list[dict[str, float]]:
    """Label probabilities for each piece (empty dicts without a model)."""
    if model is None:
        return [{} for _ in pieces]
    return [model.probabilities(v) for v in features(pieces)]
