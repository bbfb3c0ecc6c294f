"""A theme's CSS checked against the resource limits before anything parses it.

tinycss2 and WeasyPrint recurse on nested blocks, functions and selectors (10,000 levels:
RecursionError), follow `@import` cycles for ever, and expand `var()` without bound; the
EPUB writer resolves `var()` itself. So the stylesheets of a theme chain, with what they
import from their own folder and the theme's [options], are scanned once here, with a
flat tokenizer that cannot recurse, and any excess is an InputError naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import regex

from ..errors import InputError
from ..limits import Limits
from ..themes import Theme
from .css import theme_variables

# Comments, strings (possibly unclosed) and the characters that open or close a level.
_TOKEN = regex.compile(r"""/\*.*?(?:\*/|\Z)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|[{}()\[\];]""", regex.S)
_CLOSE = {"}": "{", ")": "(", "]": "["}
_COMBINATOR = regex.compile(r"\s*[>+~]\s*|\s+")
_IMPORT = regex.compile(r"""@import\s+(?:url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)|"([^"]*)"|'([^']*)')""", regex.I)
_PROPERTY = regex.compile(r"(--[A-Za-z0-9_-]+)\s*:\s*([^;{}]*)")
_VAR = regex.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")


@dataclass(frozen=True)
class _Sheet:
    path: Path
    text: str


def check_theme_css(theme: Theme, target: str, limits: Limits) -> None:
    """Raise InputError if the theme's CSS for `target` exceeds a limit."""
    sheets = _sheets(theme, target, limits)
    for sheet in sheets:
        _check_structure(sheet, limits)
    _check_properties(theme, sheets, limits)


def _sheets(theme: Theme, target: str, limits: Limits) -> list[_Sheet]:
    """Every stylesheet of the chain and, depth first, what it imports from its theme
    folder; sizes are checked before a file is read, and an import cycle is an error."""
    out: list[_Sheet] = []
    total = 0
    done: set[Path] = set()

    def visit(path: Path, root: Path, chain: tuple[Path, ...]) -> None:
        nonlocal total
        real = path.resolve()
        if real in chain:
            names = " -> ".join(p.name for p in (*chain, real))
            raise InputError.single(chain[-1], f"@import cycle: {names}")
        if real in done or not real.is_relative_to(root) or not real.is_file():
            return  # the fetcher refuses what leads out; a missing import is skipped by WeasyPrint
        if len(done) >= limits.css_imports + len(theme.stylesheets(target)):
            raise InputError.single(chain[-1] if chain else real,
                                    f"more than {limits.css_imports} stylesheets through @import")
        total += real.stat().st_size
        if total > limits.stylesheet_bytes:
            raise InputError.single(real, f"the theme's CSS is larger than {limits.stylesheet_bytes / 2**20:g} MB "
                                          f"(raise {_env('stylesheet_bytes')} if you need more)")
        done.add(real)
        text = real.read_bytes().decode("utf-8", "replace")
        out.append(_Sheet(real, text))
        for m in _IMPORT.finditer(text):
            url = next(g for g in m.groups() if g is not None).strip()
            parts = urlsplit(url)
            if not parts.scheme and not parts.netloc and parts.path and not parts.path.startswith("/"):
                visit(real.parent / unquote(parts.path), root, (*chain, real))

    for t in reversed(theme.lineage()):
        s = t.config.stylesheets
        for css in (*s.all, *getattr(s, target)):
            visit(t.path / css, t.path.resolve(), ())
    return out


def _check_structure(sheet: _Sheet, limits: Limits) -> None:
    """Nesting depth of blocks, functions and brackets, and compound selectors per selector."""
    text, open_at, start = sheet.text, [], 0
    for m in _TOKEN.finditer(text):
        token = m[0]
        if len(token) != 1:
            continue  # a comment or a string
        if token in "{([":
            if token == "{":
                _check_prelude(sheet, text[start:m.start()], m.start(), limits)
                start = m.end()
            open_at.append(token)
            if len(open_at) > limits.css_nesting:
                raise _located(sheet, m.start(), f"nested more than {limits.css_nesting} levels deep")
        elif token in _CLOSE:
            if open_at and open_at[-1] == _CLOSE[token]:
                open_at.pop()
            if token == "}":
                start = m.end()
        elif token == ";":
            start = m.end()


def _check_prelude(sheet: _Sheet, prelude: str, at: int, limits: Limits) -> None:
    for selector in prelude.split(","):
        parts = len(_COMBINATOR.split(selector.strip()))
        if parts > limits.selector_parts:
            raise _located(sheet, at, f"a selector of {parts} parts (at most {limits.selector_parts})")


def _check_properties(theme: Theme, sheets: list[_Sheet], limits: Limits) -> None:
    """How long each custom property gets once every var() in it is replaced, computed
    without expanding anything; a cycle counts as nothing (CSS makes it invalid)."""
    defined: dict[str, list[tuple[str, str]]] = {}  # name -> [(value, where)]
    toml = f"{theme.path / 'theme.toml'}"
    for m in _PROPERTY.finditer(theme_variables(theme)):
        key = next((k for k in theme.options if "--" + regex.sub(r"[^a-z0-9-]+", "-", k.lower()) == m[1]), m[1][2:])
        defined.setdefault(m[1], []).append((m[2], f"{toml}: options.{key}"))
    for sheet in sheets:
        for m in _PROPERTY.finditer(sheet.text):
            defined.setdefault(m[1], []).append((m[2], str(sheet.path)))
    size: dict[str, tuple[int, int]] = {}  # name -> (characters, depth of var() in var())
    for name in defined:
        _expand(name, defined, size, limits)


def _expand(name: str, defined: dict[str, list[tuple[str, str]]], size: dict[str, tuple[int, int]],
            limits: Limits) -> None:
    """Post-order walk of the var() graph without recursion (a chain of 10,000 must not
    overflow the stack); a cycle is an error, since the EPUB writer would follow it."""
    todo, open_ = [(name, False)], set()
    while todo:
        node, ready = todo.pop()
        if node in size:
            continue
        if node not in defined:
            size[node] = (0, 0)
        elif not ready:
            if node in open_:
                value, where = defined[node][0]
                raise InputError.single(where, f"custom property {node} refers to itself through var()")
            open_.add(node)
            todo.append((node, True))
            todo += [(ref, False) for value, _ in defined[node] for ref in _VAR.findall(value) if ref not in size]
        else:
            open_.discard(node)
            longest = deepest = 0
            for value, where in defined[node]:
                refs = [size[ref] for ref in _VAR.findall(value)]
                n = len(value) + sum(chars for chars, _ in refs)
                depth = 1 + max((d for _, d in refs), default=0)
                if n > limits.custom_property_chars:
                    raise InputError.single(where, f"custom property {node} expands to {n:,} characters through "
                                                   f"var() (at most {limits.custom_property_chars:,})")
                if depth > limits.css_nesting:
                    raise InputError.single(where, f"custom property {node} goes through var() more than "
                                                   f"{limits.css_nesting} levels deep")
                longest, deepest = max(longest, n), max(deepest, depth)
            size[node] = (longest, deepest)


def _located(sheet: _Sheet, pos: int, message: str) -> InputError:
    line = sheet.text.count("\n", 0, pos) + 1
    col = pos - (sheet.text.rfind("\n", 0, pos) + 1) + 1
    return InputError.single(sheet.path, message, f"{line}:{col}")


def _env(field: str) -> str:
    return f"EXPORTER_LIMIT_{field.upper()}"
