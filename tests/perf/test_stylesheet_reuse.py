"""Stylesheets parsed once per process and reused (weasyprint_ext/stylesheets.py): counted,
and the documents laid out with a reused sheet are the documents a fresh parse gives."""

from __future__ import annotations

from pathlib import Path

from weasyprint import HTML

from exporter.weasyprint_ext.patches import patched
from exporter.weasyprint_ext.stylesheets import REUSED_STYLESHEETS, reusing

CSS_TEXT = """
@counter-style thumbs { system: cyclic; symbols: "☞"; suffix: " "; }
@page { size: 80mm 60mm; margin: 5mm; @bottom-center { content: counter(page); } }
ol { list-style: thumbs inside; }
p { font-size: 20px; color: rgb(10, 20, 30); }
"""
DOC = '<html><head><link rel="stylesheet" href="s.css"></head><body><ol><li>一</li><li>二</li></ol>{}</body></html>'


def _texts(document) -> list[str]:  # noqa: ANN001
    """Each page's text, markers and page-margin boxes included, in box order."""
    return ["".join(box.text for box in page._page_box.descendants() if hasattr(box, "text"))
            for page in document.pages]


def _render(folder: Path, body: str, shared=None):  # noqa: ANN001, ANN202
    options = shared.render_options() if shared is not None else {}
    return HTML(string=DOC.format(body), base_url=str(folder / "d.html")).render(**options)


def test_a_linked_stylesheet_is_parsed_once_and_gives_the_same_layout(tmp_path: Path) -> None:
    (tmp_path / "s.css").write_text(CSS_TEXT, encoding="utf-8")
    bodies = ["<p>甲</p>" * 5, "<p>乙</p>" * 12]
    fresh = [_texts(_render(tmp_path, body)) for body in bodies]
    with reusing(str(tmp_path)) as shared, patched(REUSED_STYLESHEETS):
        reused = [_texts(_render(tmp_path, body, shared)) for body in bodies]
        assert (shared.parses, shared.reuses) == (1, 1)
    assert reused == fresh
    assert "☞" in "".join(reused[1])  # the counter style defined by the sheet, on its reuse too


def test_changed_bytes_a_new_scope_or_layers_parse_again(tmp_path: Path) -> None:
    css = tmp_path / "s.css"
    css.write_text(CSS_TEXT, encoding="utf-8")
    with reusing(str(tmp_path)) as shared, patched(REUSED_STYLESHEETS):
        _render(tmp_path, "<p>甲</p>", shared)
        css.write_text(CSS_TEXT.replace("20px", "22px"), encoding="utf-8")
        _render(tmp_path, "<p>甲</p>", shared)
        assert (shared.parses, shared.reuses) == (2, 0)
    with reusing(str(tmp_path / "other")) as other, patched(REUSED_STYLESHEETS):
        assert other is not shared and other.parses == 0
        css.write_text("@layer base { p { color: red; } }\n" + CSS_TEXT, encoding="utf-8")
        _render(tmp_path, "<p>甲</p>", other)
        _render(tmp_path, "<p>甲</p>", other)
        assert other.reuses == 0 and other.sheets == {}
