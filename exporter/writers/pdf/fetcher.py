"""WeasyPrint may read only what the build staged: the edition's images, the theme's
files and data: URIs. Everything else (other local files, devices, the network) is
refused and logged, because `file://`, SVG and stylesheets could otherwise read any file."""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint import HTML, URLFetcher

from ...weasyprint_ext.public import URLFetcherResponse

LOG = logging.getLogger("exporter.pdf")


class RefusedURL(ValueError):
    """A URL outside the allow-list; WeasyPrint logs it and renders without the resource."""


class StagedFetcher(URLFetcher):
    """Serve regular files under `root` (after resolving symbolic links) and data: URIs."""

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False, fail_on_errors=False)
        self.root = root.resolve()
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
            if path.is_relative_to(self.root) and path.is_file():
                media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": media_type})
        self.refused.append(url)
        LOG.warning("refused to fetch %s (only the edition's images and the theme's files)", url)
        raise RefusedURL(f"refused: {url}")


def staged_layout(stage: Path, variant: str | None = None, **render_options: Any) -> Callable[[str], Any]:
    """A function that lays markup out as a page of the stage (its images, its theme) and
    returns the WeasyPrint document; `render_options` such as a shared font configuration."""
    fetcher = StagedFetcher(stage)

    def lay_out(markup: str) -> Any:
        return HTML(string=markup, base_url=str(stage / "print.html"), url_fetcher=fetcher).render(
            pdf_variant=variant, presentational_hints=False, **render_options)

    return lay_out
