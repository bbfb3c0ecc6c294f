"""Zip normalisation, so that the same book always gives the same bytes.

ebooklib stamps every entry with the current time and writes entries in insertion order;
EPUB readers also require `mimetype` to be the first entry, stored uncompressed.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from io import BytesIO

MIMETYPE = "mimetype"
_DOS_MIN = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
_DOS_MAX = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.UTC)


def zip_time(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """A zip (DOS) timestamp for `when` in UTC, clamped to the range zip can store."""
    when = min(max(when.astimezone(dt.UTC), _DOS_MIN), _DOS_MAX)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def normalise(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite an EPUB: `mimetype` first and stored, then the other entries in name order,
    all with the same timestamp, permissions and compression level."""
    stamp = zip_time(when)
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = src.namelist()
        if MIMETYPE not in names:
            raise ValueError("not an EPUB: no mimetype entry")
        for name in [MIMETYPE, *sorted(n for n in set(names) if n != MIMETYPE)]:
            info = zipfile.ZipInfo(name, stamp)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if name == MIMETYPE else zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(name), compresslevel=9)
    return out.getvalue()
