"""The few names this project needs from WeasyPrint modules other than its top level,
so that nothing outside this package imports `weasyprint.<module>`."""

from __future__ import annotations

from weasyprint.pdf import VARIANTS as PDF_VARIANTS
from weasyprint.text.ffi import pango
from weasyprint.urls import URLFetcherResponse

__all__ = ["PDF_VARIANTS", "URLFetcherResponse", "pango_version"]


def pango_version() -> tuple[int, int, int]:
    """The Pango library WeasyPrint loaded, e.g. (1, 50, 12)."""
    version = pango.pango_version()
    return version // 10000, version // 100 % 100, version % 100
