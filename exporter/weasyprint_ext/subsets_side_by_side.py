"""A one-pass PDF's fonts subset on both cores: `write_pdf` cleans each embedded face in turn
(`build_fonts_dictionary` → `Font.clean` → HarfBuzz's subsetter, about 0.2 s for the 8-page
volume's six faces, most of it in the C library, which WeasyPrint calls through cffi with the
GIL released). Inside `patched(SUBSETS_SIDE_BY_SIDE)` the faces are cleaned first in two
threads, each with exactly the arguments `build_fonts_dictionary` would pass, and the
original then finds them cleaned; the PDF is byte for byte the same, the CPU the same, the
wait shorter.

A chunk's faces are not subset here (`font_subsets.DEFERRED_FONT_SUBSETS` leaves them to the
assembly, and a patch is seen only by the thread that enters it), so within that patch the
original runs alone. pin.py pins `generate_pdf` (it calls the module's
`build_fonts_dictionary`) and the Font internals read here.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import weasyprint.pdf

from .font_subsets import DEFERRED_FONT_SUBSETS
from .patches import Patch, active

THREADS = 2


def _to_clean(fonts: dict[Any, Any], subset: bool) -> list[tuple[Any, dict[int, str]]]:
    """Each font file's face with the code points `build_fonts_dictionary` cleans it with."""
    by_file: dict[Any, list[Any]] = {}
    for font in fonts.values():
        by_file.setdefault(font.hash, []).append(font)
    out = []
    for file_fonts in by_file.values():
        font, to_unicode = file_fonts[0], {}
        if font.bitmap:
            continue
        if subset and not font.used_in_forms:
            for file_font in file_fonts:
                to_unicode = {**to_unicode, **file_font.to_unicode}
        out.append((font, to_unicode))
    return out


def _side_by_side(original: Callable[..., Any]) -> Callable[..., Any]:
    def build_fonts_dictionary(pdf: Any, fonts: dict[Any, Any], compress: bool, subset: bool,
                               options: dict[str, Any]) -> Any:
        work = _to_clean(fonts, subset)
        if active(DEFERRED_FONT_SUBSETS) or len(work) < 2:
            return original(pdf, fonts, compress, subset, options)
        with ThreadPoolExecutor(THREADS, thread_name_prefix="font-subset") as pool:
            # the threads are outside patched(): Font.clean is WeasyPrint's own there, as here
            list(pool.map(lambda item: item[0].clean(item[1], options["hinting"]), work))
        for font, _ in work:
            font.clean = _cleaned
        try:
            return original(pdf, fonts, compress, subset, options)
        finally:
            for font, _ in work:
                del font.clean

    return build_fonts_dictionary


def _cleaned(to_unicode: dict[int, str], hinting: bool) -> None:
    """A face already cleaned by a thread: `build_fonts_dictionary` then only embeds it."""


SUBSETS_SIDE_BY_SIDE = Patch("font subsets side by side", ((weasyprint.pdf, "build_fonts_dictionary", _side_by_side),))
