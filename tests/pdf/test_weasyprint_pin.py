"""Every layout extension refuses a WeasyPrint whose internals it was not checked against."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
import weasyprint
from weasyprint.layout import block, column

from exporter.errors import RenderError
from exporter.weasyprint_ext.cjk_justify import cjk_justification
from exporter.weasyprint_ext.column_reuse import column_reuse
from exporter.weasyprint_ext.font_subsets import deferred_font_subsets


@pytest.mark.parametrize(("extension", "name"), [
    (cjk_justification, "CJK justification"),
    (column_reuse, "column reuse"),
    (deferred_font_subsets, "deferred font subsets"),
])
def test_an_unchecked_weasyprint_is_refused_and_nothing_is_patched(
        monkeypatch: pytest.MonkeyPatch, extension: Callable[[], AbstractContextManager[None]], name: str) -> None:
    before = (block.block_box_layout, column.columns_layout)
    monkeypatch.setattr(weasyprint, "__version__", "99.0")
    with pytest.raises(RenderError, match=f"{name} supports WeasyPrint 70.0, found 99.0"), extension():
        pass
    assert (block.block_box_layout, column.columns_layout) == before
