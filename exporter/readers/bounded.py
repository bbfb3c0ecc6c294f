"""JSON, TOML and YAML front matter parsed within the input limits (exporter/limits.py).

The parsers recurse once per open array or object (JSON 2,500 levels deep: RecursionError),
Python refuses to convert an integer of more than 4,300 digits (ValueError), and a YAML
alias of a list that holds aliases of lists doubles with every line (536 bytes: a
gigabyte). Each of these becomes an InputError located at the line, or the field path,
where the input goes past the limit.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import regex
import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError

from ..errors import InputError
from ..limits import Limits

# Strings (single- or double-quoted) are skipped; brackets and braces count.
_BRACKET = regex.compile(r""""(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[\[\]{}]""")
_DIGITS = regex.compile(r"[-+]?\d[\d_]*")


class _LongInteger(ValueError):
    pass


def load_json(text: str, file: str, object_pairs_hook: Callable[[list[tuple[str, Any]]], Any] | None = None) -> Any:
    """`json.loads` with the nesting and integer limits; raises InputError."""
    limits = Limits.current()

    def parse_int(digits: str) -> int:
        if len(digits.lstrip("-")) > limits.integer_digits:
            raise _LongInteger(digits)
        return int(digits)

    try:
        data = json.loads(text, parse_int=parse_int, object_pairs_hook=object_pairs_hook)
    except _LongInteger as exc:
        raise _long_integer(text, file, exc.args[0], limits) from None
    except RecursionError:
        raise _too_deep(text, file, limits, "") from None
    check_tree(data, file, limits, text)
    return data


def parse_toml(loads: Callable[[str], Any], text: str, file: str) -> Any:
    """`tomllib.loads` with the same limits (it has no hook for integers)."""
    limits = Limits.current()
    try:
        data = loads(text)
    except RecursionError:
        raise _too_deep(text, file, limits, "") from None
    except ValueError as exc:
        if "digits" not in str(exc) or not (m := _longest_digits(text)):
            raise
        raise _long_integer(text, file, m, limits) from None
    check_tree(data, file, limits, text)
    return data


def check_tree(data: Any, file: str, limits: Limits, text: str = "") -> None:
    """Walk parsed data level by level, without recursion and without building a path for
    every value (an edition of 100,000 articles is walked in a fraction of a second): too
    deep, or an integer too long, is an error at its field path (and, for depth, at the
    line where the text goes too deep)."""
    big = 10**limits.integer_digits
    level, depth = [data] if isinstance(data, dict | list) else [], 0
    while level:
        depth += 1
        if depth > limits.input_nesting:
            raise _too_deep(text, file, limits, _path_of(data, level[0]))
        deeper = []
        for container in level:
            for value in container.values() if type(container) is dict else container:
                kind = type(value)
                if kind is dict or kind is list:
                    deeper.append(value)
                elif kind is int and not -big < value < big:
                    raise InputError.single(file, f"an integer of more than {limits.integer_digits} digits",
                                            _path_of(data, value))
        level = deeper


def _path_of(data: Any, target: Any) -> str:
    """The field path of `target` (found by identity) in `data`, such as `articles[0].x`."""
    todo: list[tuple[Any, str]] = [(data, "")]
    while todo:
        value, where = todo.pop()
        if value is target:
            return where
        if isinstance(value, dict | list):
            items = value.items() if isinstance(value, dict) else enumerate(value)
            todo += [(item, f"{where}[{key}]" if isinstance(key, int) else f"{where}.{key}" if where else str(key))
                     for key, item in items]
    return ""


def _too_deep(text: str, file: str, limits: Limits, where: str) -> InputError:
    message = f"nested more than {limits.input_nesting} levels deep"
    depth = 0
    for m in _BRACKET.finditer(text):
        if m[0] in "[{":
            depth += 1
            if depth > limits.input_nesting:
                return InputError.single(file, message, _line_col(text, m.start()))
        elif m[0] in "]}":
            depth -= 1
    return InputError.single(file, message, where)


def _longest_digits(text: str) -> str | None:
    return max((m[0] for m in _DIGITS.finditer(text)), key=len, default=None)


def _long_integer(text: str, file: str, digits: str, limits: Limits) -> InputError:
    at = text.find(digits)
    return InputError.single(file, f"an integer of {len(digits.lstrip('+-')):,} digits "
                                   f"(at most {limits.integer_digits})", _line_col(text, at) if at >= 0 else "")


def _line_col(text: str, pos: int) -> str:
    return f"{text.count(chr(10), 0, pos) + 1}:{pos - (text.rfind(chr(10), 0, pos) + 1) + 1}"


class FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader, bounded: no alias of a list or mapping (the alias bomb), no
    nesting past the limit, no integer past the digit limit. Errors carry YAML's marks, so
    they are reported at file:line:col like syntax errors."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.limits = Limits.current()
        self.depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            anchored = self.anchors.get(event.anchor)
            if anchored is not None and not isinstance(anchored, yaml.ScalarNode):
                raise ComposerError(None, None, f"*{event.anchor} repeats a list or mapping; write it out "
                                                "(aliases of lists and mappings are not allowed)", event.start_mark)
            return super().compose_node(parent, index)
        self.depth += 1
        try:
            if self.depth > self.limits.input_nesting:
                raise ComposerError(None, None, f"nested more than {self.limits.input_nesting} levels deep",
                                    self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        digits = regex.sub(r"[^0-9a-fA-F]", "", str(node.value))
        if len(digits) > self.limits.integer_digits:
            raise ConstructorError(None, None, f"an integer of {len(digits):,} digits (at most "
                                               f"{self.limits.integer_digits})", node.start_mark)
        return super().construct_yaml_int(node)


FrontMatterLoader.add_constructor("tag:yaml.org,2002:int", FrontMatterLoader.construct_yaml_int)


def load_front_matter(text: str) -> Any:
    """Parse front matter with FrontMatterLoader; raises yaml.YAMLError."""
    loader = FrontMatterLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()

