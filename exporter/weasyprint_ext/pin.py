"""The WeasyPrint versions whose internals the layout extensions (cjk_justify,
column_reuse, pdf_fonts_defer) were checked against; each test file pins the functions it
patches by hash, so a new version is re-checked before it is added here."""

from __future__ import annotations

import weasyprint

from ..errors import RenderError

SUPPORTED_VERSIONS = ("70.0",)


def check_supported(extension: str) -> None:
    """Refuse to patch a WeasyPrint whose internals `extension` has not been checked on."""
    if weasyprint.__version__ not in SUPPORTED_VERSIONS:
        raise RenderError(
            f"{extension} supports WeasyPrint {', '.join(SUPPORTED_VERSIONS)}, "
            f"found {weasyprint.__version__}; install a supported version (pip install 'weasyprint==70.0')"
        )
