"""The WeasyPrint extensions every print layout of this project runs inside.

Single pass, parallel chunks and the furniture pass all lay out within `patched()` (CJK
justification, balanced headlines and paragraph endings, column reuse, pages with page numbers
laid out once with them, equal page-margin boxes laid out once), so they agree to the point;
`python -m exporter.weasyprint_ext.layout print.html out.pdf` is the weasyprint command
line inside them, to reproduce an --emit-print-html build exactly.
"""

from __future__ import annotations

from .cjk_justify import CJK_JUSTIFY
from .column_reuse import COLUMN_REUSE
from .line_endings import LINE_ENDINGS
from .line_memo import LINE_MEMO
from .margin_boxes import MARGIN_BOXES
from .page_totals import PAGE_TOTALS

LAYOUT = (CJK_JUSTIFY, LINE_ENDINGS, COLUMN_REUSE, PAGE_TOTALS, MARGIN_BOXES, LINE_MEMO)


if __name__ == "__main__":
    from weasyprint.__main__ import main

    from .patches import patched

    with patched(*LAYOUT):
        main()
