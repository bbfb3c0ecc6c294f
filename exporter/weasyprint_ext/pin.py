"""The one table of what the WeasyPrint extensions were checked against.

`VERSIONS` are the WeasyPrint releases whose internals were read; `SOURCE_HASHES` pins
each internal function an extension patches or relies on by a hash of its source (the
tests compare them, so a new release is re-checked before it is added); `REQUIREMENTS`
are the dependency specifiers pyproject.toml must carry (a test compares them too).
On any other WeasyPrint version `patched()` leaves WeasyPrint as it is: stock layout.
"""

from __future__ import annotations

import hashlib
import importlib
import inspect

import weasyprint

VERSIONS = ("70.0",)

REQUIREMENTS = {
    "weasyprint": "weasyprint>=70,<71",  # other 70.x releases build with stock layout
    "pypdf": "pypdf>=4,<8",  # writers/pdf/assemble.py and fonts_merge.py use pypdf 7's private API
}

# "module:qualified.name": first 16 hex digits of the SHA-256 of its source.
SOURCE_HASHES = {
    # cjk_justify.py
    "weasyprint.layout.inline:text_align": "e953d41b87ccfc30",
    "weasyprint.layout.inline:justify_line": "f83b21ff8793ba6b",
    "weasyprint.layout.inline:count_expandable_spaces": "175fe6f42576ed38",
    "weasyprint.layout.inline:add_word_spacing": "879516e71f1b80fa",
    "weasyprint.layout.leader:leader_index": "933aaa813a2bed4c",  # a contents entry's leader path (trim_line)
    "weasyprint.text.line_break:Layout.set_text": "fe23ca9937dbf520",
    "weasyprint.text.line_break:Layout.reactivate": "0b89ee097104b713",
    # add_word_spacing's layout, made as create_layout() and deactivate() leave it (the
    # attributes setup() sets; draw_text reads a decorated box's metrics before reactivating)
    "weasyprint.text.line_break:Layout.setup": "fb227a55094f41d4",
    "weasyprint.text.line_break:Layout.deactivate": "bfec3ec8406e1c82",
    "weasyprint.text.line_break:create_layout": "6587192cc0ab3ffa",
    "weasyprint.draw.text:draw_text": "ebaf96239c6ca363",
    "weasyprint.draw.text:draw_first_line": "1bb8eae6d88e71b1",
    # column_reuse.py
    "weasyprint.layout.column:columns_layout": "7a05cce3272fc581",
    "weasyprint.layout.block:remove_placeholders": "ce16d97a1caacea0",
    "weasyprint.layout.block:block_box_layout": "a6279066e3d9ff7d",
    # column_balance.py (with columns_layout's balancing loop, remove_placeholders above;
    # block_container_layout stretches a broken box to the column's bottom)
    "weasyprint.layout.block:block_container_layout": "65842ca53a8391eb",
    "weasyprint.formatting_structure.boxes:Box.all_children": "369e6a16584746f6",
    "weasyprint.formatting_structure.boxes:ParentBox.all_children": "369e6a16584746f6",
    # line_endings.py
    "weasyprint.layout.inline:iter_line_boxes": "04aec48abfcad809",
    "weasyprint.layout.block:_linebox_layout": "e07bbe000974787e",
    # line_memo.py: a line's layout reads only its key (no floats, plain inline text: the
    # space below reaches atomic inline boxes only); a kept line is handed out as a deep copy
    "weasyprint.layout.inline:get_next_linebox": "67af458c2545e74f",
    "weasyprint.layout.inline:split_inline_box": "3a0cb7ca7e34c7ef",
    "weasyprint.layout.inline:split_inline_level": "d98c008c8fc00582",
    "weasyprint.formatting_structure.boxes:Box.copy": "22622e6493869089",
    "weasyprint.formatting_structure.boxes:Box.deepcopy": "622fdbb399b7b534",
    "weasyprint.formatting_structure.boxes:ParentBox.deepcopy": "c6335cf2fcc16f31",
    # page_holes.py (hole filling) and page_info.py (parallel furniture) read laid-out pages:
    # Page._page_box, its first child the root box (margin boxes after it), and the boxes'
    # element, element_tag, style, position and heights
    "weasyprint.document:Page.__init__": "56afceec729bf2c1",
    "weasyprint.layout:layout_document": "a5cbf437e99caf72",
    "weasyprint.formatting_structure.boxes:Box.__init__": "1b2ea2ec45b9fca4",
    "weasyprint.formatting_structure.boxes:Box.descendants": "c15a877f61361343",
    "weasyprint.formatting_structure.boxes:Box.content_box_x": "d264fc466c66eb09",
    "weasyprint.formatting_structure.boxes:Box.content_box_y": "60e8cc23c960d5c0",
    "weasyprint.formatting_structure.boxes:Box.margin_height": "2c8587a461512480",
    "weasyprint.formatting_structure.boxes:Box.is_in_normal_flow": "5f49d6ab23da7e51",
    "weasyprint.formatting_structure.boxes:LineBox": "1a068a4d0ed800f8",
    "weasyprint.formatting_structure.boxes:ReplacedBox": "6c9405f6cce6026e",
    "weasyprint.formatting_structure.build:compute_string_set": "a554154b72340933",
    # page_resume.py: the page maker's per-page state (resume_at, next page, right page,
    # page state with its page groups) and how layout_document loops over it; Document._render
    # calls layout_document as a generator
    "weasyprint.layout.page:make_all_pages": "b5e4034894841caa",
    "weasyprint.layout.page:remake_page": "1ff09b2dffa17839",
    "weasyprint.layout:initialize_page_maker": "5bb3c878d722af53",
    "weasyprint.document:Document._render": "ebaceeb0fa8e79aa",
    # page_totals.py: make_page parses a lookup's content again when its page counters differ
    # from the cached ones ("local counters"), with parse_again from content_to_boxes
    "weasyprint.layout.page:make_page": "656f183328e8b1b5",
    "weasyprint.formatting_structure.build:content_to_boxes": "a4b18a5a0b5083d6",
    "weasyprint.css.targets:TargetCollector.collect_missing_counters": "24ea43be86560c9d",
    # known_pages.py: the targets' cached page counters, how a target-counter of an attr()
    # records its missing page counter (compute_content_list) and how make_page remakes a page
    # for it; lookup_target's resolution of the anchor is repeated there
    "weasyprint.css.targets:TargetCollector.check_pending_targets": "5c82f96b84a102e8",
    "weasyprint.css.targets:TargetCollector.lookup_target": "cc606c47e1954d3b",
    "weasyprint.css.targets:TargetCollector.cache_target_page_counters": "545eb30bb50f0e49",
    "weasyprint.css.targets:anchor_name_from_token": "c690ab4e5d0e7687",
    "weasyprint.formatting_structure.build:compute_content_list": "3a5674cabd84f48a",
    # (and make_page, pinned above for page_totals.py: one key, not two)
    # margin_boxes.py: make_margin_boxes measures a side's boxes and lays each out through the
    # module's two functions; a margin box's style is computed from its and its page's
    # cascaded declarations (the @page rules' own value objects) and the root style; content
    # boxes take their parent's anonymous style; a laid-out box is handed out deep-copied
    "weasyprint.layout.page:make_margin_boxes": "4a2d2e301eb3bc47",
    "weasyprint.layout.page:compute_variable_dimension": "94eaf626c7cc932c",
    "weasyprint.layout.page:margin_box_content_layout": "9ebcc7de57732126",
    "weasyprint.formatting_structure.boxes:Box.anonymous_from": "a0319cc2252da088",
    "weasyprint.css:ComputedStyle.__init__": "ffbc48647d0d85e2",
    "weasyprint.css:StyleFor.add_page_declarations": "78e388ade2325011",
    "weasyprint.css:StyleFor.set_computed_styles": "b5b15856b8beff3f",
    # font_subsets.py
    "weasyprint.pdf.fonts:Font.__init__": "1f281166b10302a4",
    "weasyprint.pdf.fonts:Font.clean": "794f0211f18453f1",
    "weasyprint.pdf.fonts:Font.subset": "61ed6bc2e9a7e43a",
    "weasyprint.pdf.fonts:Font._harfbuzz_subset": "f80805663ede8080",
    "weasyprint.pdf.fonts:Font.type": "31376bf9b326ac58",
    "weasyprint.pdf.fonts:build_fonts_dictionary": "fc551bef35d0d6c3",
    "weasyprint.pdf.fonts:_build_vector_font_dictionary": "aa6eea312c6e3375",
    # subsets_side_by_side.py: generate_pdf calls the module's build_fonts_dictionary (pinned
    # above), which cleans one face per font file with the fonts' merged to_unicode
    "weasyprint.pdf:generate_pdf": "626343ef25c396e8",
    # font_files.py: Font.__init__ (pinned above) sets file_content from a whole-face
    # get_hb_object_data and reads it no more; the readers (clean, type, the dictionaries) above
    "weasyprint.text.fonts:get_hb_object_data": "03040a623df04c2b",
    # stylesheets.py: find_stylesheets builds each sheet with the module's `CSS`, keyword
    # arguments only; the cascade sets the user-agent counter styles before the sheets.
    "weasyprint.css:find_stylesheets": "ac92dbb80c3fd936",
    "weasyprint.css:get_all_computed_styles": "e4063ec7d60e70be",
    "weasyprint:CSS.__init__": "8263e6979a389242",
}


def supported() -> bool:
    """Whether the installed WeasyPrint is one the extensions were checked on."""
    return weasyprint.__version__ in VERSIONS


def _source(name: str) -> str:
    module, _, path = name.partition(":")
    obj = importlib.import_module(module)
    for part in path.split("."):
        obj = getattr(obj, part)
    return inspect.getsource(obj.fget if isinstance(obj, property) else obj)


def changed_internals() -> list[str]:
    """The pinned internals whose source no longer matches its hash."""
    return [name for name, digest in SOURCE_HASHES.items()
            if hashlib.sha256(_source(name).encode()).hexdigest()[:16] != digest]
