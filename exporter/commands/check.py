"""`exporter check FILE.epub`: run EPUBCheck and report its findings plainly.

Exit codes: 0 clean, 1 EPUBCheck reported fatals, errors or warnings, 2 bad input.
"""

from __future__ import annotations

import argparse
from pathlib import Path



def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="validate an EPUB with EPUBCheck")
    p.add_argument("file", type=Path, metavar="FILE.epub", help="the EPUB to check")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..writers.epub.epubcheck import check_epub

    report = check_epub(args.file)
    for line in report.messages:
        print(line)
    print(report.summary())
    return 0 if report.clean else 1
