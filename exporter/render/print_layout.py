"""The WeasyPrint extensions every print layout of this project runs inside.

Single pass, parallel chunks and the furniture pass all lay out within `print_layout()`,
so they agree to the point; `python -m exporter.render.print_layout print.html out.pdf` is the
weasyprint command line inside them, to reproduce an --emit-print-html build exactly.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .cjk_justify import cjk_justification
from .column_reuse import column_reuse
from .line_endings import line_endings


@contextmanager
def print_layout() -> Iterator[None]:
    """CJK inter-character justification, balanced headlines and paragraph endings, and
    columns laid out once per trial height."""
    with cjk_justification(), line_endings(), column_reuse():
        yield


if __name__ == "__main__":
    from weasyprint.__main__ import main

    with print_layout():
        main()
