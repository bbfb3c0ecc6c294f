"""Merge the per-chunk font subsets of an assembled PDF into one embedded font per face.

WeasyPrint 70 subsets with HarfBuzz's RETAIN_GIDS, so a glyph id (a CID: Identity-H,
identity CIDToGIDMap) means the same glyph in every chunk. Per face (the FontName, whose
`ABCDEF+` tag WeasyPrint derives from the font description, not from the glyphs) the
union of the glyph ids the chunks use is subset once from the installed font file, the
`W` widths and `ToUnicode` maps are united, and every resource points at one Type0 font.
A face is left as it is when it cannot be merged safely: a font with glyphs missing from
the face (a custom encoding), a variable or colour font, or a font file fontconfig does
not list. A face whose subset a chunk deferred (weasyprint_ext/font_subsets.py: a stub naming the face
instead of a font program) must be merged, from the installed face the stub names, or the
build fails.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uharfbuzz as hb
from fontTools.ttLib import TTFont
from pypdf import PageObject, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    EncodedStreamObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    StreamObject,
)

from ...errors import RenderError
from ...weasyprint_ext.font_subsets import FontIdentity, faces_by_postscript_name, installed_face, stub_identity

# As weasyprint/pdf/fonts.py `Font._harfbuzz_subset` (with its default `hinting=False`).
_DROP_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ")
_UNSUPPORTED_TABLES = {"fvar", "CBDT", "COLR", "SVG ", "sbix"}
_TAG = re.compile(r"^/[A-Z]{6}\+")
_BFCHAR = re.compile(rb"<([0-9a-fA-F]{4})> <([0-9a-fA-F]*)>")
_CMAP_HEAD = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo
<< /Registry (Adobe)
/Ordering (UCS)
/Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <ffff>
endcodespacerange"""
_CMAP_TAIL = b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"


def _widths(array: PdfObject) -> dict[int, float]:
    """A CIDFont `W` array of `first [w1 w2 ...]` runs as {gid: width}."""
    items, widths = list(array.get_object()), {}
    for first, run in zip(items[::2], items[1::2]):
        for offset, width in enumerate(run.get_object()):
            widths[int(first) + offset] = float(width)
    return widths


def _w_array(widths: dict[int, float]) -> ArrayObject:
    array, run = ArrayObject(), ArrayObject()
    for gid in sorted(widths):
        if gid - 1 not in widths:
            run = ArrayObject()
            array.extend([NumberObject(gid), run])
        run.append(NumberObject(int(widths[gid])) if widths[gid].is_integer() else FloatObject(widths[gid]))
    return array


def _to_unicode(stream: StreamObject) -> dict[int, bytes]:
    """The bfchar entries of a WeasyPrint ToUnicode CMap: {gid: UTF-16BE hex}."""
    body = stream.get_data().split(b"endcodespacerange", 1)[-1]
    return {int(gid, 16): text.lower() for gid, text in _BFCHAR.findall(body)}


def _cmap_stream(to_unicode: dict[int, bytes]) -> StreamObject:
    lines, items = [_CMAP_HEAD], sorted(to_unicode.items())
    for start in range(0, len(items), 100):
        batch = items[start:start + 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        lines += [b"<%04x> <%s>" % (gid, text) for gid, text in batch]
        lines.append(b"endbfchar")
    lines.append(_CMAP_TAIL)
    stream = DecodedStreamObject()
    stream.set_data(b"\n".join(lines))
    return stream.flate_encode()


def _subset(face: hb.Face, gids: set[int]) -> bytes:
    """The face subset to `gids` (retained), in WeasyPrint's two passes: keep the used
    glyphs at their ids, then drop the empty glyphs after the last one."""
    def run(source: hb.Face, keep: set[int], flags: hb.SubsetFlags) -> hb.Face:
        subset_input = hb.SubsetInput()
        subset_input.glyph_set.update(keep)
        subset_input.sets(hb.SubsetInputSets.DROP_TABLE_TAG).update(
            int.from_bytes(tag, "big") for tag in _DROP_TABLES)
        subset_input.flags = flags
        return hb.subset(source, subset_input)

    base = hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED | hb.SubsetFlags.DESUBROUTINIZE
    kept = run(face, gids, base | hb.SubsetFlags.RETAIN_GIDS)
    return run(kept, set(range(max(gids) + 1)), base | hb.SubsetFlags.NO_HINTING).blob.data


def _font_file(descriptor: DictionaryObject) -> tuple[NameObject, StreamObject] | None:
    for key in ("/FontFile2", "/FontFile3"):
        if key in descriptor:
            return NameObject(key), descriptor[key].get_object()
    return None


def _mergeable(font: DictionaryObject) -> bool:
    if font.get("/Encoding") != "/Identity-H" or "/ToUnicode" not in font:
        return False
    cid_font = font["/DescendantFonts"][0].get_object()
    descriptor = cid_font["/FontDescriptor"].get_object()
    return cid_font.get("/CIDToGIDMap", "/Identity") == "/Identity" and "/W" in cid_font \
        and _font_file(descriptor) is not None and "/CIDSet" not in descriptor


def _descriptor(font: DictionaryObject) -> DictionaryObject:
    return font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()


def _source_face(identity: FontIdentity | None, installed: dict[str, list[tuple[Path, int]]],
                 first_file: StreamObject) -> hb.Face | None:
    """The installed face to cut the merged subset from: the deferred face with `identity`,
    else the first installed face with the PostScript name in the first font program."""
    if identity is not None:
        face = installed_face(identity, installed)
        if face is None:
            raise RenderError(f"font {identity.postscript} changed or was removed while the PDF was built "
                              f"(no installed face with its {identity.glyph_count} glyphs and 'head' table); "
                              "build again")
        return face
    postscript = TTFont(io.BytesIO(first_file.get_data()), lazy=True)["name"].getDebugName(6)
    if postscript not in installed:
        return None
    path, index = installed[postscript][0]
    return hb.Face(hb.Blob.from_file_path(str(path)), index)


def _glyph_union(fonts: list[DictionaryObject]) -> tuple[dict[int, float], dict[int, bytes]]:
    """Widths and ToUnicode entries of every glyph the fonts use; later chunks win, as the
    last glyph drawn does in one pass."""
    widths: dict[int, float] = {}
    to_unicode: dict[int, bytes] = {}
    for font in fonts:
        widths.update(_widths(font["/DescendantFonts"][0].get_object()["/W"]))
        to_unicode.update(_to_unicode(font["/ToUnicode"].get_object()))
    return widths, to_unicode


# memo(key, make): make()'s bytes, or those an earlier build made under `key` (a rebuild's
# glyphs are mostly the last build's); parallel.py passes the chunk cache's.
Memo = Callable[[str, Callable[[], bytes]], bytes]


def subset_key(face: hb.Face, gids: set[int]) -> str:
    """What a merged subset is made of: the face (its index, glyph count, tables, and its
    'head', whose checksum covers the whole font file, as font_subsets.FontIdentity tells
    faces apart), the glyphs, and HarfBuzz's version. The memo's own key adds the code and
    the installed fonts' files (cache.stage_digest)."""
    h = hashlib.sha256(f"merged subset\0{hb.__version__}\0{face.index}\0{face.glyph_count}\0".encode())
    h.update(" ".join(sorted(face.table_tags)).encode() + b"\0" + face.reference_table("head").data + b"\0")
    h.update(" ".join(map(str, sorted(gids))).encode())
    return h.hexdigest()


def _program(subset: bytes) -> bytes:
    """A subset as the merged font embeds it, and as Memo keeps it: its length (8 bytes), then
    its bytes compressed (pypdf's FlateDecode)."""
    program = DecodedStreamObject()
    program.set_data(subset)
    return len(subset).to_bytes(8, "big") + program.flate_encode()._data


def _cut(face: hb.Face, gids: set[int], memo: Memo | None = None) -> bytes:
    """`face` cut to `gids` (_subset) and compressed (_program); `memo` keeps it under subset_key.
    Where it runs before the merge (early_subsets, cut_face), neither the cut nor the
    compression nor the memo's write is left for the assembly."""
    def make() -> bytes:
        return _program(_subset(face, gids))

    return memo(subset_key(face, gids), make) if memo is not None else make()


def _subset_file(made: bytes, first_file: StreamObject) -> StreamObject:
    """The font file stream of a compressed program (_program), with the first program's /Subtype."""
    font_file = EncodedStreamObject()
    font_file[NameObject("/Filter")] = NameObject("/FlateDecode")
    font_file._data = made[8:]
    for name in ("/Subtype", "/Length1"):
        if name in first_file:
            font_file[NameObject(name)] = first_file[name]
    if "/Length1" in font_file:
        font_file[NameObject("/Length1")] = NumberObject(int.from_bytes(made[:8], "big"))
    return font_file


def _type0(writer: PdfWriter, first: DictionaryObject, descriptor: DictionaryObject,
           widths: dict[int, float], to_unicode: dict[int, bytes]) -> IndirectObject:
    """The merged Type0 font: the first font's dictionaries with the union's widths,
    bounding box, fixed-pitch flag and ToUnicode."""
    widest = max(widths.values())
    bbox = list(descriptor["/FontBBox"])
    bbox[2] = NumberObject(int(widest)) if widest.is_integer() else FloatObject(widest)
    descriptor[NameObject("/FontBBox")] = ArrayObject(bbox)
    fixed = len(widths) > 1 and len(set(widths.values())) == 1
    descriptor[NameObject("/Flags")] = NumberObject((int(descriptor["/Flags"]) & ~1) | int(fixed))
    cid_font = DictionaryObject(first["/DescendantFonts"][0].get_object())
    cid_font[NameObject("/FontDescriptor")] = writer._add_object(descriptor)
    cid_font[NameObject("/W")] = _w_array(widths)
    type0 = DictionaryObject(first)
    type0[NameObject("/DescendantFonts")] = ArrayObject([writer._add_object(cid_font)])
    type0[NameObject("/ToUnicode")] = writer._add_object(_cmap_stream(to_unicode))
    return writer._add_object(type0)


def _merged(writer: PdfWriter, fonts: list[DictionaryObject], early: EarlySubsets,
            identity: FontIdentity | None, memo: Memo | None = None) -> IndirectObject | None:
    """One Type0 font for `fonts` (same face, in document order), or None if not mergeable.
    A face some chunk deferred is cut from the installed face with its `identity` (its
    first font may be a stub), or taken from `early` when it was cut there from the same
    face to the same glyphs; any other from the first installed face with the PostScript
    name in its first font program."""
    descriptors = [_descriptor(font) for font in fonts]
    files = [_font_file(descriptor) for descriptor in descriptors]
    key, first_file = files[0]  # type: ignore[misc]
    if any(f[0] != key for f in files):  # type: ignore[index]
        return None
    widths, to_unicode = _glyph_union(fonts)
    gids = set(widths) | set(to_unicode)
    cut = early.subsets.get((identity, frozenset(gids))) if identity is not None else None
    if cut is None and (pending := early.pending.get((identity, frozenset(gids)))) is not None:
        try:
            cut = pending.result()  # cut by a worker while the furniture was read (None: not cuttable there)
        except Exception:  # noqa: BLE001 - a worker's failure (a broken pool): cut here instead, as without it
            cut = None
    if cut is None:  # a cut made early was compressed, and kept in the memo, where it was made
        face = _source_face(identity, early.installed, first_file)
        if face is None or not _cuttable(face, gids):
            return None
        cut = _cut(face, gids, memo)
    descriptor = DictionaryObject(descriptors[0])
    descriptor[key] = writer._add_object(_subset_file(cut, first_file))
    return _type0(writer, fonts[0], descriptor, widths, to_unicode)


def _cuttable(face: hb.Face, gids: set[int]) -> bool:
    return bool(gids) and max(gids) < face.glyph_count and not _UNSUPPORTED_TABLES & set(face.table_tags)


def _replace_references(value: PdfObject, new: dict[int, IndirectObject]) -> None:
    """Point every reference to an old font, in `value`'s direct dictionaries and arrays, at its merged font."""
    items = value.items() if isinstance(value, DictionaryObject) else enumerate(value) \
        if isinstance(value, ArrayObject) else ()
    for key, item in list(items):
        if isinstance(item, IndirectObject):
            if item.idnum in new:
                value[key] = new[item.idnum]  # type: ignore[index]
        else:
            _replace_references(item, new)


def _font_objects(font: DictionaryObject) -> list[IndirectObject]:
    """The objects only this Type0 font uses: descendant, descriptor, font file, ToUnicode."""
    cid_ref = font["/DescendantFonts"][0]
    descriptor_ref = cid_ref.get_object().raw_get("/FontDescriptor")
    descriptor = descriptor_ref.get_object()
    return [cid_ref, descriptor_ref, font.raw_get("/ToUnicode"),
            descriptor.raw_get(_font_file(descriptor)[0])]  # type: ignore[index]


def _faces(objects: Iterable[PdfObject | None]) -> tuple[dict[str, list[DictionaryObject]], dict[str, FontIdentity],
                                                       list[DictionaryObject]]:
    """The mergeable Type0 fonts among `objects` by face (FontName without its tag), the
    identity of each face a chunk deferred, and the deferred fonts (stubs)."""
    groups: dict[str, list[DictionaryObject]] = {}
    identities: dict[str, FontIdentity] = {}
    stubs: list[DictionaryObject] = []
    for obj in objects:
        if isinstance(obj, DictionaryObject) and obj.get("/Type") == "/Font" and obj.get("/Subtype") == "/Type0":
            name = _TAG.sub("/", str(obj["/BaseFont"]))
            font_file = _font_file(_descriptor(obj))
            if font_file is not None and (identity := stub_identity(font_file[1].get_data())) is not None:
                stubs.append(obj)
                if identities.setdefault(name, identity) != identity:
                    raise RenderError(f"font {name[1:]} was laid out from two different font files; build again")
            if _mergeable(obj):
                groups.setdefault(name, []).append(obj)
    return groups, identities, stubs


@dataclass
class EarlySubsets:
    """The installed faces, and the deferred faces cut to the chunks' glyphs, made while the
    furniture is laid out (`early_subsets`): a face the furniture adds no glyph to is not
    cut again after it."""

    installed: dict[str, list[tuple[Path, int]]] = field(default_factory=dict)
    subsets: dict[tuple[FontIdentity, frozenset[int]], bytes] = field(default_factory=dict)  # _cut's programs
    glyphs: dict[str, tuple[FontIdentity, set[int]]] = field(default_factory=dict)  # the chunks' by face
    pending: dict[tuple[FontIdentity, frozenset[int]], Future[bytes | None]] = field(default_factory=dict)

    def cut_beside(self, pages: list[PageObject], submit: Callable[..., Future[bytes | None]],
                   memo: Memo | None = None) -> None:
        """Each deferred face whose glyphs the furniture's `pages` add to the chunks' handed
        to `submit` (an idle worker's, cut_face) to be cut to the union, compressed and kept in
        `memo`, while this process reads the furniture and draws the chunks' pages under it
        (merge_font_subsets waits for the cut where it needs it; the same face and glyphs give
        the same bytes)."""
        groups, identities, _ = _faces(_fonts_of(pages))
        for name in sorted(identities.keys() | self.glyphs.keys()):
            identity, gids = self.glyphs.get(name, (identities.get(name), set()))
            widths, to_unicode = _glyph_union(groups.get(name, []))
            union = frozenset(gids | set(widths) | set(to_unicode))
            if identity is not None and (identity, union) not in self.subsets:
                self.pending[identity, union] = submit(cut_face, identity, self.installed.get(identity.postscript, []),
                                                       union, memo)


def cut_face(identity: FontIdentity, files: list[tuple[Path, int]], gids: frozenset[int],
             memo: Memo | None = None) -> bytes | None:
    """The installed face with `identity` (among `files`) cut to `gids` and compressed (_cut,
    kept in `memo`), or None where it is not found or not cuttable (the merge then decides as
    without it)."""
    face = installed_face(identity, {identity.postscript: files})
    return _cut(face, set(gids), memo) if face is not None and _cuttable(face, set(gids)) else None


def _fonts_of(pages: list[PageObject]) -> list[PdfObject]:
    """The fonts of `pages` (each once), from their resources and the forms they draw."""
    return list({id(font): font for page in pages for font in _page_fonts(page.get("/Resources"))}.values())


def _page_fonts(resources: PdfObject | None) -> Iterator[PdfObject]:
    """The fonts of a page's or form's resources, and of the forms they draw, recursively."""
    if resources is None:
        return
    resources = resources.get_object()
    yield from (font.get_object() for font in _entries(resources.get("/Font")).values())
    for xobject in _entries(resources.get("/XObject")).values():
        form = xobject.get_object()
        if isinstance(form, StreamObject) and form.get("/Subtype") == "/Form":
            yield from _page_fonts(form.get("/Resources"))


def _entries(value: PdfObject | None) -> dict[Any, Any]:
    return dict(value.get_object()) if value is not None else {}


def early_subsets(pages: list[PageObject], memo: Memo | None = None) -> EarlySubsets:
    """The installed faces, and each deferred face of the chunks' `pages` cut to the glyphs
    they use, compressed and kept in `memo` (_cut): what merge_font_subsets cuts for a face
    the furniture adds no glyph to (the same face and glyphs give the same bytes)."""
    groups, identities, _ = _faces(_fonts_of(pages))
    early = EarlySubsets(faces_by_postscript_name() if groups else {})
    for name, identity in identities.items():
        widths, to_unicode = _glyph_union(groups.get(name, []))
        gids = set(widths) | set(to_unicode)
        early.glyphs[name] = identity, gids
        face = installed_face(identity, early.installed)
        if face is not None and _cuttable(face, gids):
            early.subsets[identity, frozenset(gids)] = _cut(face, gids, memo)
    return early


def merge_font_subsets(writer: PdfWriter, early: EarlySubsets | None = None, memo: Memo | None = None) -> None:
    """Replace the Type0 fonts of each face in `writer` by one font subset to their union;
    a face with a stub is always merged, and no stub is left. `early`: the installed faces
    and subsets cut while the furniture was laid out, used where they are the same; `memo`:
    see Memo."""
    groups, identities, stubs = _faces(list(writer._objects))
    groups = {name: fonts for name, fonts in groups.items() if len(fonts) > 1 or name in identities}
    if early is None or not early.installed:
        early = EarlySubsets(faces_by_postscript_name() if groups else {}, early.subsets if early else {},
                             pending=early.pending if early else {})
    new: dict[int, IndirectObject] = {}
    for name in sorted(groups):
        merged = _merged(writer, groups[name], early, identities.get(name), memo)
        if merged is not None:
            new.update((font.indirect_reference.idnum, merged) for font in groups[name])
        elif name in identities:
            raise RenderError(f"font {identities[name].postscript} ({name[1:]}) could not be merged from its chunks")
    left = sorted({str(font["/BaseFont"])[1:] for font in stubs if font.indirect_reference.idnum not in new})
    if left:
        raise RenderError(f"deferred font {', '.join(left)} could not be merged from the PDF chunks")
    if not new:
        return
    dropped = {ref.idnum for name in groups for font in groups[name] if font.indirect_reference.idnum in new
               for ref in (font.indirect_reference, *_font_objects(font))}
    for idnum in sorted(dropped):
        writer._objects[idnum - 1] = None
    for obj in writer._objects:
        if obj is not None:
            _replace_references(obj, new)
