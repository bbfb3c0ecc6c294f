"""One Jinja environment per build, shared by every renderer, and the one builder of what
templates see.

Autoescape is on for .html/.xhtml/.xml templates, undefined names fail loudly, and
templates run sandboxed because themes may come from users. The sandbox is the theme
boundary (docs/security.md):

- a template sees plain data only: `template_context` passes strings, numbers, lists,
  dicts, the frozen model and template functions, never the Theme with its folder;
- `ThemeSandbox` refuses any value that is a path, module, file, environment or class,
  and every pydantic method (`parse_file`, `model_construct` …) on model objects;
- templates are read through the file gate (exporter/safe_files.py);
- sizes are bounded: values a template computes, `range`, loop steps and exponents
  (exporter/limits.py), and any failure ends in one line naming the template.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import string
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, is_dataclass
from pathlib import Path, PurePath
from typing import Any

import regex
from jinja2 import BaseLoader, BytecodeCache, ChoiceLoader, PrefixLoader, StrictUndefined, Template, TemplateNotFound, nodes, \
    select_autoescape
from jinja2.loaders import split_template_path
from jinja2.utils import Cycler, Joiner, Namespace
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from markupsafe import Markup, escape
from pydantic import BaseModel

from . import labels as L
from .errors import InputError, RenderError, echo
from .limits import MAX_TEMPLATE_BYTES, MAX_TEMPLATE_EXPONENT, MAX_TEMPLATE_LOOP_STEPS, MAX_TEMPLATE_STRING
from .model import Article, Edition, Figure, Heading, ListBlock, Paragraph, Quote, Volume, slug_of
from .resources import data_dir
from .safe_files import read_bytes
from .themes import Theme
from .words import word_spans

# Values no template may hold: they reach the file system, the process or code.
_FORBIDDEN = (PurePath, types.ModuleType, io.IOBase, type, os.DirEntry, type(os.environ), Template)
_MODEL_API = frozenset(dir(BaseModel))  # pydantic's own methods: parse_file reads any file
_DANGEROUS_MODULES = frozenset({"os", "posix", "nt", "io", "_io", "pathlib", "shutil", "subprocess",
                                "importlib", "sys", "socket", "tempfile", "glob", "pickle", "marshal"})
_SIZED = (str, bytes, list, tuple, dict, set, frozenset)
_SAFE_CLASSES = (dict, Cycler, Joiner, Namespace)  # Jinja's own globals dict(), cycler(), namespace() …
_PERCENT_WIDTH = regex.compile(r"%[-#0 +]*(\d+|\*)")


class TemplateLimitError(SecurityError):
    """A template asked for more than exporter/limits.py allows."""


def _too_big(value: Any) -> bool:
    return isinstance(value, _SIZED) and len(value) > MAX_TEMPLATE_STRING


def _check_size(value: Any) -> Any:
    if _too_big(value):
        raise TemplateLimitError(f"a value of {len(value):,} characters or items; the limit is {MAX_TEMPLATE_STRING:,}")
    return value


def _check_numbers(args: Iterable[Any]) -> None:
    """A width, count or repeat this large would only build a runaway value."""
    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_TEMPLATE_STRING:
            raise TemplateLimitError(f"the number {arg:.3g} is larger than the limit of {MAX_TEMPLATE_STRING:,}")


def _check_format_widths(fmt: Any) -> None:
    """Field widths and precisions in a str.format or %-format string, e.g. '{:>300000000}'."""
    if not isinstance(fmt, str):
        return
    specs = [spec for _, _, spec, _ in string.Formatter().parse(fmt) if spec] if "{" in fmt else []
    widths = [int(n) for spec in specs for n in regex.findall(r"\d+", spec)]
    widths += [int(w) for w in _PERCENT_WIDTH.findall(fmt) if w != "*"]
    _check_numbers(widths)


def _forbidden(value: Any) -> bool:
    if any(value is c for c in _SAFE_CLASSES):
        return False
    if isinstance(value, _FORBIDDEN):
        return True
    owner = getattr(value, "__self__", None)
    if owner is not None and not isinstance(owner, types.ModuleType) and _forbidden(owner):
        return True
    module = getattr(value, "__module__", None) if callable(value) else None
    return isinstance(module, str) and module.split(".")[0] in _DANGEROUS_MODULES


class ThemeSandbox(SandboxedEnvironment):
    """The sandbox, with the project's policy on top of Jinja's (see the module docstring)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.template_class = BoundedTemplate
        self.loop_steps_left = MAX_TEMPLATE_LOOP_STEPS
        self.globals.pop("lipsum", None)  # lipsum(10**8) builds gigabytes
        self.globals["_loop_steps"] = self.loop_steps
        self.filters = {name: _bounded_filter(f) for name, f in self.filters.items()}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, BaseModel) and attr in _MODEL_API:
            return False
        return not _forbidden(value) and super().is_safe_attribute(obj, attr, value)

    def is_safe_callable(self, obj: Any) -> bool:
        return not _forbidden(obj) and super().is_safe_callable(obj)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        _check_numbers((*args, *kwargs.values()))
        return _check_size(SandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs))

    def format_string(self, s: str, args: tuple[Any, ...], kwargs: dict[str, Any], format_func: Any = None) -> str:
        _check_format_widths(s)
        return _check_size(super().format_string(s, args, kwargs, format_func))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*" and (isinstance(left, _SIZED) or isinstance(right, _SIZED)):
            count, value = (right, left) if isinstance(left, _SIZED) else (left, right)
            if isinstance(count, int) and count > 0 and len(value) * count > MAX_TEMPLATE_STRING:
                raise TemplateLimitError(f"a value of {len(value) * count:,} characters or items; "
                                         f"the limit is {MAX_TEMPLATE_STRING:,}")
        if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_TEMPLATE_EXPONENT:
            raise TemplateLimitError(f"an exponent of {right:.3g}; the limit is {MAX_TEMPLATE_EXPONENT:,}")
        if operator == "%":
            _check_format_widths(left)
        return _check_size(super().call_binop(context, operator, left, right))

    def loop_steps(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """Every `for` loop runs through this (see `_parse`): all loops of one render share
        MAX_TEMPLATE_LOOP_STEPS, so nested loops cannot multiply into hours."""
        for item in iterable:
            self.loop_steps_left -= 1
            if self.loop_steps_left < 0:
                raise TemplateLimitError(f"the template's loops ran more than {MAX_TEMPLATE_LOOP_STEPS:,} steps")
            yield item

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(nodes.Name("_loop_steps", "load", lineno=loop.lineno), [loop.iter], [], None, None,
                                   lineno=loop.lineno)
        tree.set_environment(self)
        return tree


def _bounded_filter(f: Callable[..., Any]) -> Callable[..., Any]:
    """A built-in filter with the sandbox's size checks (center(10**9), batch(10**9) …)."""
    def bounded(*args: Any, **kwargs: Any) -> Any:
        _check_numbers((*args[1:], *kwargs.values()))
        for a in args[:2]:
            _check_format_widths(a)
        return _check_size(f(*args, **kwargs))
    for attr in ("jinja_pass_arg",):  # pass_context / pass_environment markers
        if hasattr(f, attr):
            setattr(bounded, attr, getattr(f, attr))
    return bounded


class BoundedTemplate(Template):
    """A template whose render starts a fresh loop budget and reports any failure as one
    line naming the template file and line."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        env = self.environment
        assert isinstance(env, ThemeSandbox)
        env.loop_steps_left = MAX_TEMPLATE_LOOP_STEPS
        try:
            return super().render(*args, **kwargs)
        except (RenderError, InputError, KeyboardInterrupt):  # already one line naming its file
            raise
        except (Exception, RecursionError, MemoryError) as exc:  # noqa: BLE001 - a theme's bug or attack
            raise RenderError(f"theme template: {type(exc).__name__}: {echo(str(exc))} (in {_where(exc, self)})") \
                from exc


def _where(exc: BaseException, template: Template) -> str:
    """file:line of the innermost template frame of the error (Jinja rewrites its traceback
    so that template code shows as the template's file and line)."""
    place = f"{template.filename or template.name}"
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.endswith((".html", ".xhtml", ".xml")) and code.co_name in ("template", "top-level template code") \
                or "__jinja_template__" in tb.tb_frame.f_globals:
            name = tb.tb_frame.f_globals.get("__jinja_template__")
            filename = getattr(name, "filename", None) or code.co_filename
            place = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return place


class GatedLoader(BaseLoader):
    """Templates from folders, each read through the file gate: a template that is a
    symbolic link out of its folder, a FIFO or a huge file is refused."""

    def __init__(self, roots: list[Path]) -> None:
        self.roots = roots

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for root in self.roots:
            path = root.joinpath(*pieces)
            if os.path.lexists(path):
                data = read_bytes(path, root, MAX_TEMPLATE_BYTES, "theme template")
                try:
                    source = data.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise RenderError(f"{path}: theme template is not UTF-8 text (byte {exc.start})") from None
                mtime = os.stat(path).st_mtime
                return source, str(path), lambda p=path, m=mtime: os.path.exists(p) and os.stat(p).st_mtime == m
        raise TemplateNotFound(template)


def compiled_templates(folder: Path | None) -> BytecodeCache | None:
    """Jinja's compiled templates kept in `folder` (a build's cache folder), so a later build
    loads them instead of compiling 17 templates and partials again (about 0.06 s). Jinja
    finds a template's code by its name and file and uses it only for the same source and
    Python; the folder is named for this module (the sandbox that compiles them and its
    settings) and Jinja's version, so code compiled otherwise is never loaded. None without a
    folder, or when it cannot be made."""
    if folder is None:
        return None
    from jinja2 import FileSystemBytecodeCache, __version__ as jinja_version

    key = hashlib.sha256(Path(__file__).read_bytes() + jinja_version.encode()).hexdigest()[:16]
    try:
        (kept := folder / f"templates-{key}").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(kept))


def make_environment(theme: Theme, compiled: Path | None = None) -> SandboxedEnvironment:
    """Templates are searched in the theme chain (child first), then the built-ins; compiled
    templates are kept in `compiled` (`compiled_templates`).

    `!base/<name>` always reaches the built-in template, so an override can extend it.
    """
    builtin = GatedLoader([data_dir("templates")])
    loader = ChoiceLoader([
        GatedLoader(theme.template_dirs()),
        PrefixLoader({"!base": builtin}, delimiter="/"),
        builtin,
    ])
    env = ThemeSandbox(
        loader=loader,
        autoescape=select_autoescape(["html", "xhtml", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=compiled_templates(compiled),
    )
    env.globals.update(
        slug=slug_of,
        summary=summary,
        block_kind=block_kind,
        self_numbered=self_numbered,
        long_date=L.long_date,
        masthead_date=L.masthead_date,
        names=L.names,
        jump_text=L.jump_text,
        dateline_sep=L.dateline_sep,
        credit_text=L.credit_text,
        labels_for=L.labels_for,
        figure_shape=figure_shape,
        jump_target=lambda article, way: None,  # print resolves jumps to pages (writers/pdf/jumps.py)
    )
    env.filters["nbsp_join"] = lambda parts: Markup("\u00a0").join(parts)
    env.filters["words"] = word_spans
    env.filters["item_label"] = item_label
    return env


_ITEM_NUMBER = regex.compile(r"^\s*(?:\(?\d+[.)、．:：]|（\d+）|[一二三四五六七八九十]+、|[①-⑳])")


def self_numbered(items: list[str]) -> bool:
    """True when every list item carries its own printed number (1. / （2） / 三、), as
    ingested notices do; such lists are shown without a second, generated number."""
    return bool(items) and all(_ITEM_NUMBER.match(i) for i in items)


# A list item that opens with a short label and a colon (时间：…, 地点：…, Venue: …), after
# its own number if it has one.
_ITEM_LABEL = regex.compile(rf"((?:{_ITEM_NUMBER.pattern.removeprefix('^')})?\s*)(\p{{L}}{{1,6}}[：:])(?=\S)")


def item_label(item: str) -> Markup:
    """`item`, escaped, with its opening label in `<span class="item-label">`: print sets the
    label as one unit, so a justified line that has to open up does not letter-space the
    label (时 间 ：) but the text after it."""
    m = _ITEM_LABEL.match(item)
    if not m:
        return escape(item)
    return escape(m[1]) + Markup('<span class="item-label">%s</span>') % m[2] + escape(item[m.end():])


def figure_shape(image: dict[str, Any]) -> str:
    """A picture's shape class, by aspect ratio, for print rules that size it to the column
    grid: panorama (2:1 and wider), landscape, square, portrait (taller than 8:7)."""
    ratio = image["width"] / max(1, image["height"])
    return "panorama" if ratio >= 1.9 else "landscape" if ratio >= 1.15 else "square" if ratio >= 0.875 else "portrait"


def block_kind(block: object) -> str:
    """The template name of a block, so templates can dispatch without isinstance."""
    kinds = {Paragraph: "paragraph", Heading: "heading", Figure: "figure", ListBlock: "list", Quote: "quote"}
    return kinds[type(block)]


def summary(article: Article, limit: int = 60) -> str:
    """The article's summary, or its first paragraph shortened, for contents pages."""
    text = article.summary or next(
        (t for t in (*article.lead, *(b.text for b in article.blocks if isinstance(b, Paragraph))) if t),
        "",
    )
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class ThemeData:
    """What a template knows of its theme: names and settings, never its folder."""

    name: str
    description: str
    options: dict[str, Any] = field(default_factory=dict)
    fonts: dict[str, list[str]] = field(default_factory=dict)
    page: dict[str, Any] = field(default_factory=dict)


def theme_data(theme: Theme) -> ThemeData:
    return ThemeData(theme.name, theme.config.description, dict(theme.options),
                     {k: list(v) for k, v in theme.fonts.items()}, dict(theme.page))


_PLAIN = (str, int, float, bool, type(None), dt.date, Markup, BaseModel, ThemeData, L.Labels)


def _check_plain(name: str, value: Any) -> None:
    """Only data and the renderers' own template functions enter a template context."""
    if isinstance(value, dict):
        for k, v in value.items():
            _check_plain(f"{name}[{k!r}]", v)
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value[:50]):
            _check_plain(f"{name}[{i}]", v)
    elif isinstance(value, types.FunctionType):
        if not value.__module__.startswith("exporter."):
            raise TypeError(f"template context {name}: {value!r} is not an exporter template function")
    elif not (isinstance(value, _PLAIN) or (is_dataclass(value) and not isinstance(value, type))):
        raise TypeError(f"template context {name}: {type(value).__name__} is not plain data")
    if _forbidden(value):
        raise TypeError(f"template context {name}: {type(value).__name__} may not reach a template")


def base_context(edition: Edition, theme: Theme, target: str, **extra: Any) -> dict[str, Any]:
    """What every template sees: the model, the labels, and the theme's name and options.

    This is the one builder of template contexts: every value is checked to be plain
    data or a template function of this package, so no renderer can hand a template a
    path, a file or the Theme object by mistake.
    """
    context = {
        "edition": edition,
        "sections": edition.sections_in_order(),
        "parts": edition.parts(),
        "is_volume": isinstance(edition, Volume),
        "labels": L.labels_for(edition.language),
        "theme": theme_data(theme),
        "options": dict(theme.options),
        "target": target,
        **extra,
    }
    for name, value in context.items():
        _check_plain(name, value)
    return context
