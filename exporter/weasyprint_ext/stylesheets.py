"""Parse each stylesheet once per process and reuse it across the documents of one build.

A chunked build lays out many documents (chunks, furniture) in each worker with the same
theme stylesheets. Stock WeasyPrint builds a new `FontConfiguration` (fontconfig loads its
configuration and fonts), a new `CounterStyle` and parses every `<link>` stylesheet again
for each document. Inside `reusing(scope)`, documents rendered with `shared.render_options()`
share one font configuration and one counter-style table, and `patched(REUSED_STYLESHEETS)`
hands back the `CSS` object parsed earlier for a linked stylesheet with the same URL and
bytes.

What keeps the cascade identical to a fresh parse:

- a reused sheet has its own page-rule and layer lists (stock WeasyPrint shares one list
  among a document's sheets; each page rule is then applied once per sheet, which ends in
  the same values). A sheet with cascade layers is never reused, since their order is
  counted across sheets;
- the @counter-style rules a sheet defined are set again when it is reused (the document
  sets the user-agent styles first);
- a sheet that defines @color-profile rules, or one fetched through an `@import` or a
  `<style>` element, is parsed as usual.

`scope` (the stage folder) bounds the reuse to one build: a worker that serves another
build (a Dask worker) starts afresh, so one build's @font-face rules never reach another.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import weasyprint
import weasyprint.css
from weasyprint.css.counters import CounterStyle
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import fetch

from .patches import Patch


@dataclass
class _Parsed:
    sheet: Any  # weasyprint.CSS
    counter_styles: dict[str, Any]


@dataclass
class SharedStyles:
    """One build's font configuration, counter styles and parsed stylesheets in this process."""

    scope: str
    font_config: Any = field(default_factory=FontConfiguration)
    counter_style: Any = field(default_factory=CounterStyle)
    sheets: dict[tuple[str, str, str], _Parsed] = field(default_factory=dict)
    parses: int = 0  # linked stylesheets parsed (not reused) in this process for this scope
    reuses: int = 0

    def render_options(self) -> dict[str, Any]:
        """The keyword arguments of `HTML.render` that share this state."""
        return {"font_config": self.font_config, "counter_style": self.counter_style}


_lock = threading.Lock()
_current: SharedStyles | None = None


@contextmanager
def reusing(scope: str) -> Iterator[SharedStyles]:
    """This process's shared state for `scope`, made fresh when the scope changes."""
    global _current
    with _lock:
        if _current is None or _current.scope != scope:
            _current = SharedStyles(scope)
        shared = _current
    yield shared


def _digest(url_fetcher: Any, url: str) -> str | None:
    """The bytes' digest of a stylesheet, fetched as WeasyPrint would; None if it fails."""
    try:
        with fetch(url_fetcher, url) as response:
            data = response.read() if hasattr(response, "read") else b""
    except Exception:  # noqa: BLE001 (WeasyPrint reports it when it fetches again)
        return None
    return hashlib.sha256(data if isinstance(data, bytes) else str(data).encode()).hexdigest()


def _reusing_css(original: Callable[..., Any]) -> Callable[..., Any]:
    def css(*args: Any, **kwargs: Any) -> Any:
        shared = _current
        url, fetcher = kwargs.get("url"), kwargs.get("url_fetcher")
        if (shared is None or args or url is None or fetcher is None
                or kwargs.get("font_config") is not shared.font_config
                or kwargs.get("counter_style") is not shared.counter_style
                or kwargs.get("layer") is not None or kwargs.get("matcher") is not None
                or (digest := _digest(fetcher, url)) is None):
            return original(*args, **kwargs)
        key = (url, str(kwargs.get("media_type")), digest)
        if (parsed := shared.sheets.get(key)) is not None:
            shared.reuses += 1
            shared.counter_style.update(parsed.counter_styles)
            return parsed.sheet
        counter_style = shared.counter_style
        before = dict(counter_style)
        profiles: dict[str, Any] = {}
        sheet = original(**{**kwargs, "page_rules": None, "layers": None, "color_profiles": profiles})
        shared.parses += 1
        if sheet.layers or profiles:  # parse again with the document's own lists
            return original(*args, **kwargs)
        added = {name: style for name, style in counter_style.items() if before.get(name) is not style}
        shared.sheets[key] = _Parsed(sheet, added)
        return sheet

    return css


# Only the `CSS` that find_stylesheets sees (a <link> or <style> of the document) is
# wrapped; `@import`s inside a sheet are parsed with it.
REUSED_STYLESHEETS = Patch("reused-stylesheets", ((weasyprint.css, "CSS", _reusing_css),))
