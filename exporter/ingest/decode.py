"""Turn page bytes into text: extracted pages arrive as UTF-8, GB18030/GBK or Big5."""

from __future__ import annotations

from pathlib import Path

import charset_normalizer

from ..errors import InputError

_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# Each script's common characters as code ranges of its own standard: GB2312 punctuation,
# full-width ASCII and level-1 hanzi; Big5 punctuation, symbols, full-width ASCII and
# level-1 hanzi. Text decoded with the wrong one of the two lands mostly outside them.
_COMMON = {
    "gb18030": ("gb2312", ((0xA1A1, 0xA1FE), (0xA3A1, 0xA3FE), (0xB0A1, 0xD7FE))),
    "big5": ("big5", ((0xA140, 0xA343), (0xA440, 0xC67E))),
}
_TIE = 0.05  # shares closer than this do not decide
_SHORT = 16  # fewer non-ASCII characters than this: too little for a statistical guess


def decode_bytes(data: bytes, name: str) -> str:
    """Decode one page, or raise InputError naming the file when no encoding fits.

    UTF-8 is tried first because it almost never decodes other encodings by accident.
    GB18030 and Big5 both accept many byte pairs; when both decode, the decode with more
    of its script's common characters wins (this works on a few characters, where
    statistics cannot). A tie goes to charset-normalizer (limited to those two: an open
    guess picks exotic code pages) on longer text and to GB18030 on short text, since
    about two Big5 characters in five have a trail byte GB2312 never uses.
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
        return _checked(fits[_choose(data, fits)], name)
    return _checked(next(iter(fits.values())), name)


def _choose(data: bytes, fits: dict[str, str]) -> str:
    """GB18030 or Big5 for bytes both decode: common characters first, then a guess."""
    gb, big5 = _common_share(fits["gb18030"], "gb18030"), _common_share(fits["big5"], "big5")
    if abs(gb - big5) >= _TIE:
        return "gb18030" if gb > big5 else "big5"
    if sum(1 for c in fits["gb18030"] if ord(c) > 127) < _SHORT:
        return "gb18030"
    best = charset_normalizer.from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    return "big5" if best is not None and best.encoding == "big5" else "gb18030"


def _common_share(text: str, encoding: str) -> float:
    """The share of non-ASCII characters that are common ones in that encoding's script."""
    codec, ranges = _COMMON[encoding]
    chars = [c for c in text if ord(c) > 127 and not c.isspace()]
    good = 0
    for ch in chars:
        try:
            code = int.from_bytes(ch.encode(codec), "big")
        except UnicodeEncodeError:
            continue
        good += any(lo <= code <= hi for lo, hi in ranges)
    return good / len(chars) if chars else 1.0


def read_text_file(path: Path) -> str:
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
