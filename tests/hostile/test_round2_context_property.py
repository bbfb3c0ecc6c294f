"""Property: nothing a template can reach opens files, imports, or reaches `os`.

For generated editions and theme options, the contexts the HTML, EPUB and print
renderers build are walked the way the sandbox lets a template walk them (attributes the
environment calls safe, items of dicts and lists, results of the callables it lets a
template call, called with a file path as argument). An audit hook, armed only during
the walk, records and blocks every file open, `os`/`shutil`/`subprocess` call and
import; values that are modules, paths, the environment, I/O or classes are findings too.
"""

from __future__ import annotations

import io
import os
import sys
import types
from pathlib import PurePath
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from exporter.assets import AssetMap
from exporter.model import Edition
from exporter.readers import LoadedEdition
from exporter.writers.epub.writer import book_context
from exporter.writers.html.writer import one_page_context
from exporter.writers.pdf.writer import print_context
from exporter.templating import make_environment
from exporter.themes import load_theme

_ARMED: list[list[str]] = []
_WATCHED = ("open", "import", "exec", "subprocess.", "os.", "shutil.", "socket.", "urllib.", "ctypes.")
_PREFIXES = tuple({sys.prefix, sys.base_prefix, sys.exec_prefix})


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not _ARMED or not event.startswith(_WATCHED):
        return
    if event == "open" and args and isinstance(args[0], str) and args[0].startswith(_PREFIXES) \
            and "secret" not in args[0]:
        return  # a library reading its own data (babel's locale files), not a template's choice
    _ARMED[-1].append(f"{event} {args[:1]!r}")
    raise PermissionError(f"blocked by the test: {event}")


sys.addaudithook(_hook)

FORBIDDEN_TYPES = (PurePath, types.ModuleType, io.IOBase, os.DirEntry, type(os.environ))
DANGEROUS_MODULES = ("os", "posix", "nt", "io", "_io", "pathlib", "shutil", "subprocess", "importlib",
                     "sys", "socket", "tempfile", "glob")
DANGEROUS_BUILTINS = {"open", "__import__", "exec", "eval", "compile", "getattr", "setattr", "delattr", "globals",
                      "locals", "vars", "input", "breakpoint", "type", "object", "memoryview"}

texts = st.builds("字{}".format, st.text(alphabet=st.sampled_from("青川港 二期abc-_/.1{}<>&'\"\u3000"), max_size=12))
ids = st.one_of(st.none(), st.sampled_from(["main", "s1", "p1", "a-0123456789", "contents-title", "x-title"]),
                st.text(alphabet=st.sampled_from("青川abc-_/.1{}<>&'\""), min_size=1, max_size=12))
articles = st.fixed_dictionaries({
    "id": ids,
    "headline": texts,
    "section": st.one_of(st.none(), st.sampled_from(["要闻", "Sport", "经济"])),
    "kind": st.sampled_from(["article", "notice"]),
    "blocks": st.lists(st.one_of(
        st.builds(lambda t: {"type": "paragraph", "text": t}, texts),
        st.builds(lambda t: {"type": "figure", "caption": t}, texts),
        st.builds(lambda t: {"type": "list", "items": [t]}, texts),
    ), max_size=3),
})
editions = st.builds(
    lambda arts, lang: {"title": "青川日报", "date": "2026-11-20", "language": lang, "articles": arts},
    st.lists(articles, min_size=1, max_size=4, unique_by=lambda a: a["id"] or id(a)),
    st.sampled_from(["zh-CN", "en", "zh-TW"]),
)
options = st.dictionaries(st.sampled_from(["accent", "contents_summaries", "x"]),
                          st.one_of(st.booleans(), st.integers(-5, 5), texts), max_size=3)


def _forbidden(value: Any) -> str | None:
    if isinstance(value, FORBIDDEN_TYPES):
        return f"{type(value).__name__} value {value!r:.80}"
    if callable(value):
        module = getattr(value, "__module__", None) or getattr(type(getattr(value, "__self__", None)), "__module__", "")
        if (module or "").split(".")[0] in DANGEROUS_MODULES and not isinstance(getattr(value, "__self__", None),
                                                                                 str | int | float | list | dict):
            return f"callable {value!r:.80} from {module}"
        if module == "builtins" and getattr(value, "__name__", "") in DANGEROUS_BUILTINS:
            return f"builtin {value!r:.80}"
    return None


def _guarded(findings: list[str], call: Any) -> Any:
    _ARMED.append(findings)
    try:
        return call()
    except Exception:  # noqa: BLE001 - a refused or failing call reaches nothing
        return None
    finally:
        _ARMED.pop()


def walk(env: Any, roots: dict[str, Any], secret: str, depth: int = 4) -> list[str]:
    """Every finding reachable from `roots` within `depth` steps, as 'path: what'."""
    findings: list[str] = []
    seen: set[int] = set()
    frontier = list(roots.items())
    for _ in range(depth):
        nxt: list[tuple[str, Any]] = []
        for path, value in frontier:
            if id(value) in seen or value is None:
                continue
            seen.add(id(value))
            if (bad := _forbidden(value)) is not None:
                findings.append(f"{path}: {bad}")
                continue
            if isinstance(value, str | bytes | int | float | bool):
                continue
            if isinstance(value, dict):
                nxt += [(f"{path}[{k!r}]", v) for k, v in list(value.items())[:6]]
            elif isinstance(value, list | tuple | set | frozenset):
                nxt += [(f"{path}[{i}]", v) for i, v in enumerate(list(value)[:3])]
            if callable(value) and env.is_safe_callable(value):
                for args in ((), (secret,), (secret, secret)):
                    events: list[str] = []
                    result = _guarded(events, lambda a=args, f=value: f(*a))
                    findings += [f"{path}{args!r}: {e}" for e in events]
                    nxt.append((f"{path}(…)", result))
            for name in dir(value):
                if name.startswith("_"):
                    continue
                events = []
                attr = _guarded(events, lambda n=name, v=value: getattr(v, n))
                findings += [f"{path}.{name}: {e}" for e in events]
                if attr is not None and env.is_safe_attribute(value, name, attr):
                    nxt.append((f"{path}.{name}", attr))
        frontier = nxt
    return findings


@pytest.fixture(scope="module")
def theme() -> Any:
    return load_theme("broadsheet")


@pytest.mark.slow
@settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(data=editions, opts=options)
def test_no_template_value_reaches_files_imports_or_os(tmp_path, theme, data, opts):
    import dataclasses

    config = theme.config.model_copy(update={"options": {**theme.config.options, **opts}})
    themed = dataclasses.replace(theme, config=config)
    edition = Edition.model_validate(data)
    loaded = LoadedEdition(edition, tmp_path / "e.json", tmp_path, AssetMap())
    env = make_environment(themed)
    secret = str(tmp_path / "secret.txt")
    contexts = {
        "html": one_page_context(loaded, themed, "html", ["a.css"]),
        "pdf": print_context(loaded, themed, ["a.css"]),
        "epub": book_context(loaded, themed, {}),
    }
    for name, context in contexts.items():
        roots = {**{f"{name}:{k}": v for k, v in context.items()},
                 **{f"global:{k}": v for k, v in env.globals.items()},
                 **{f"filter:{k}": v for k, v in env.filters.items()}}
        findings = walk(env, roots, secret)
        assert findings == [], "\n".join(findings[:20])
