"""Turn page bytes into text: extracted pages arrive as UTF-8, GB18030/GBK or Big5."""

from __future__ import annotations

from pathlib import Path

import charset_normalizer

from ..errors import InputError

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode_bytes(data: bytes, name: str) -> str:
    """Decode one page, or raise InputError naming the file when no encoding fits.

    UTF-8 is tried first because it almost never decodes other encodings by accident;
    GB18030 and Big5 both accept many byte pairs, so when both decode, charset-normalizer
    (limited to those two: on short CJK text an open guess picks exotic code pages) decides.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding, name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    fits = {}
    for encoding in ("gb18030", "big5"):
        try:
            fits[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if not fits:
        raise InputError.single(name, "cannot decode the page: it is not UTF-8, GB18030/GBK or Big5 text")
    if len(fits) == 2:
        best = charset_normalizer.from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
        choice = "big5" if best is not None and best.encoding == "big5" else "gb18030"
        return _checked(fits[choice], name)
    return _checked(next(iter(fits.values())), name)


def read_page(path: Path) -> str:
    """Read and decode a page file, mapping OS errors to a user-facing InputError."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError.single(path, f"cannot read the file: {exc.strerror or exc}") from exc
    return decode_bytes(data, str(path)).replace("\r\n", "\n").replace("\r", "\n")


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return _checked(data.decode(encoding), name)
    except UnicodeDecodeError as exc:
        raise InputError.single(name, f"not valid {encoding} after its byte-order mark (byte {exc.start})") from exc


def _checked(text: str, name: str) -> str:
    """Reject text full of control characters: a sign that the guess decoded binary data."""
    bad = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
    if bad > max(2, len(text) // 100):
        raise InputError.single(name, "cannot decode the page: it looks like binary data, not text")
    return text
