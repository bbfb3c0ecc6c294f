"""Themed HTML: one self-contained folder per edition (index.html, theme CSS, images)."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...atomic import atomic_dir
from ...limits import MAX_THEME_BYTES
from ...safe_files import copy_theme
from ...model import slug_of
from ...readers import LoadedEdition
from ...templating import base_context, make_environment
from ...themes import Theme
from ..css import theme_variables

if TYPE_CHECKING:
    from .options import HtmlOptions

LOG = logging.getLogger("exporter.html")


def theme_data_only(name: str) -> bool:
    """Theme files that stay behind when a theme is copied into an output: its
    configuration, templates and any code."""
    return name in ("theme.toml", "templates", "__pycache__") or name.endswith(".py")


def copy_theme_chain(theme: Theme, dest: Path) -> None:
    """Copy each theme of the chain to dest/theme/<name>/ through the file gate: links out
    of the theme folder and special files are skipped with a warning, and the chain's
    files together stay under the size limit (exporter/limits.py)."""
    budget = [MAX_THEME_BYTES]
    for t in reversed(theme.lineage()):
        copy_theme(t.path, dest / "theme" / t.name, theme_data_only, LOG.warning, budget)


def copy_theme_files(theme: Theme, dest: Path) -> list[str]:
    """Copy the theme chain (CSS plus what it references) and return the stylesheet hrefs
    for HTML, ancestors first."""
    hrefs = []
    copy_theme_chain(theme, dest)
    for t in reversed(theme.lineage()):
        s = t.config.stylesheets
        hrefs += [f"theme/{t.name}/{css}" for css in (*s.all, *s.html)]
    (dest / "theme" / "variables.css").write_text(theme_variables(theme), encoding="utf-8")
    return ["theme/variables.css", *hrefs]


def copy_images(loaded: LoadedEdition, dest: Path) -> None:
    for asset in loaded.assets:
        target = dest / asset.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(asset.source, target)


def image_lookup(loaded: LoadedEdition, prefix: str = "") -> Any:
    """A template function: figure src -> {href, width, height}, or None for caption-only."""

    def image(src: str | None) -> dict[str, Any] | None:
        asset = loaded.assets.get(src)
        if asset is None:
            return None
        return {"href": prefix + asset.name, "width": asset.width, "height": asset.height}

    return image


def one_page_context(loaded: LoadedEdition, theme: Theme, target: str, stylesheets: list[str],
                     **extra: Any) -> dict[str, Any]:
    """What a one-document template sees (HTML page, print HTML): links are in-page anchors;
    `extra` (print's own functions) goes through the same plain-data check."""
    return base_context(
        loaded.edition, theme, target,
        xhtml=False,
        stylesheets=stylesheets,
        image=image_lookup(loaded),
        link_article=lambda a: f"#{slug_of(a)}",
        link_section=lambda s: f"#{s.slug}",
        link_part=lambda p: f"#{p.slug}",
        contents_summaries=bool(theme.options.get("contents_summaries", False)),
        **extra,
    )


def render(loaded: LoadedEdition, theme: Theme, options: HtmlOptions) -> Path:
    """Write OUTDIR/<stem>/index.html with its CSS and images beside it (works from file://)."""
    env = make_environment(theme)
    final = options.outdir / loaded.stem
    with atomic_dir(final) as tmp:
        stylesheets = copy_theme_files(theme, tmp)
        copy_images(loaded, tmp)
        html = env.get_template("edition.html").render(one_page_context(loaded, theme, "html", stylesheets))
        (tmp / "index.html").write_text(html, encoding="utf-8")
    return final / "index.html"

