"""Reading a built EPUB back for assertions: the zip, the package document, the nav."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lxml import etree

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}
ROOT = "EPUB/"


@dataclass
class Book:
    path: Path

    @cached_property
    def files(self) -> dict[str, bytes]:
        with zipfile.ZipFile(self.path) as z:
            return {n: z.read(n) for n in z.namelist()}

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.files[ROOT + name])

    @cached_property
    def opf(self) -> etree._Element:
        return self.xml("content.opf")

    def meta(self, prop: str) -> list[str]:
        return [m.text for m in self.opf.iterfind(f"opf:metadata/opf:meta[@property='{prop}']", NS)]

    def dc(self, name: str) -> list[str]:
        return [e.text for e in self.opf.iterfind(f"opf:metadata/dc:{name}", NS)]

    @cached_property
    def manifest(self) -> dict[str, etree._Element]:
        return {i.get("id"): i for i in self.opf.iterfind("opf:manifest/opf:item", NS)}

    @cached_property
    def spine(self) -> list[str]:
        """Spine document hrefs in reading order."""
        return [self.manifest[r.get("idref")].get("href") for r in self.opf.iterfind("opf:spine/opf:itemref", NS)]

    def documents(self) -> dict[str, etree._Element]:
        return {n[len(ROOT):]: etree.fromstring(d) for n, d in self.files.items() if n.endswith(".xhtml")}

    def nav_toc(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """(href, label, [(href, label), ...]) per top-level entry of the toc nav."""
        nav = self.xml("nav.xhtml").find(".//x:nav[@epub:type='toc']", NS)
        out = []
        for li in nav.iterfind("x:ol/x:li", NS):
            a = li.find("x:a", NS)
            kids = [(k.get("href"), k.text) for k in li.iterfind("x:ol/x:li/x:a", NS)]
            out.append((a.get("href"), a.text, kids))
        return out

    def landmarks(self) -> dict[str, str]:
        nav = self.xml("nav.xhtml").find(".//x:nav[@epub:type='landmarks']", NS)
        return {a.get(f"{{{NS['epub']}}}type"): a.get("href") for a in nav.iterfind(".//x:a", NS)}
