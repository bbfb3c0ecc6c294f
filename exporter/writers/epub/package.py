"""Corrections to the package files ebooklib writes, applied to the finished bytes.

ebooklib 0.20 puts no `xml:lang` on <package> (DAISY Ace: "epub-lang", serious) and
always writes `dtb:depth` 0 in the NCX, which EPUB 2 reading systems use to size the
table of contents.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

OPF = "EPUB/content.opf"
NCX = "EPUB/toc.ncx"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NCX_NS = "{http://www.daisy.org/z3986/2005/ncx/}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def with_package_language(opf: bytes, language: str) -> bytes:
    """The package document with `xml:lang` (the book's language) on its root."""
    root = etree.fromstring(opf, _PARSER)
    root.set(_XML_LANG, language)
    return _serialise(root)


def with_ncx_depth(ncx: bytes) -> bytes:
    """The NCX with `dtb:depth` set to how deep its navMap actually nests."""
    root = etree.fromstring(ncx, _PARSER)
    depth = max((sum(1 for _ in p.iterancestors(f"{_NCX_NS}navPoint")) + 1
                 for p in root.iter(f"{_NCX_NS}navPoint")), default=1)
    for meta in root.iter(f"{_NCX_NS}meta"):
        if meta.get("name") == "dtb:depth":
            meta.set("content", str(depth))
    return _serialise(root)


def package_edits(language: str) -> dict[str, Callable[[bytes], bytes]]:
    """What `epub_zip.normalise` rewrites in the package, by entry name."""
    return {OPF: lambda data: with_package_language(data, language), NCX: with_ncx_depth}
