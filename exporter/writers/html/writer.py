"""Themed HTML: one self-contained folder per edition (index.html, theme CSS, images)."""

from __future__ import annotations

import shutil
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ...atomic import atomic_dir
from ...model import slug_of
from ...readers import LoadedEdition
from ...templating import base_context, make_environment
from ...themes import Theme
from ..css import theme_variables

if TYPE_CHECKING:
    from .options import HtmlOptions


def theme_copy_filter(root: Path) -> Callable[[str, list[str]], set[str]]:
    """A copytree ignore function: theme data and code stay behind, and so does anything
    whose symbolic link leads outside the theme folder (never copy /etc/passwd along)."""
    real = root.resolve()
    data = shutil.ignore_patterns("theme.toml", "templates", "__pycache__", "*.py")

    def ignore(folder: str, names: list[str]) -> set[str]:
        outside = {n for n in names if not (Path(folder) / n).resolve().is_relative_to(real)}
        return set(data(folder, names)) | outside

    return ignore


def copy_theme_files(theme: Theme, dest: Path) -> list[str]:
    """Copy each theme of the chain to dest/theme/<name>/ (CSS plus what it references)
    and return the stylesheet hrefs for HTML, ancestors first."""
    hrefs = []
    for t in reversed(theme.lineage()):
        target = dest / "theme" / t.name
        shutil.copytree(t.path, target, dirs_exist_ok=True, ignore=theme_copy_filter(t.path))
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


def one_page_context(loaded: LoadedEdition, theme: Theme, target: str, stylesheets: list[str]) -> dict[str, Any]:
    """What a one-document template sees (HTML page, print HTML): links are in-page anchors."""
    return base_context(
        loaded.edition, theme, target,
        xhtml=False,
        stylesheets=stylesheets,
        image=image_lookup(loaded),
        link_article=lambda a: f"#{slug_of(a)}",
        link_section=lambda s: f"#{s.slug}",
        link_part=lambda p: f"#{p.slug}",
        contents_summaries=bool(theme.options.get("contents_summaries", False)),
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

