"""Custom properties resolved for e-readers that ignore var()."""

from __future__ import annotations

from exporter.writers.epub.css import resolve_vars, theme_values
from exporter.themes import load_theme


def test_known_variables_are_replaced() -> None:
    assert resolve_vars("a { color: var(--ink); }", {"ink": "#111"}) == "a { color: #111; }"


def test_fallbacks_nesting_and_unknowns() -> None:
    values = {"a": "1px", "b": "var(--a)"}
    assert resolve_vars("x: var(--nope, 2px)", values) == "x: 2px"
    assert resolve_vars("x: var(--b)", values) == "x: 1px"
    assert resolve_vars("x: var(--nope, var(--a))", values) == "x: 1px"
    assert resolve_vars("x: var( --a )", values) == "x: 1px"
    assert resolve_vars("x: var(--nope)", values) == "x: var(--nope)"
    assert resolve_vars("x: calc(var(--a) * 2)", values) == "x: calc(1px * 2)"


def test_theme_values_follow_the_chain_and_font_overrides() -> None:
    values = theme_values(load_theme("digest"), {"body": ["Embedded", "serif"]})
    assert values["accent"] == "#2a6f97"  # digest overrides base
    assert values["font-body"] == '"Embedded", serif'
    assert values["font-heading"].startswith('"Noto Sans CJK SC"')
