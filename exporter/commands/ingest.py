"""`exporter ingest`: raw page text extracted from a newspaper PDF → an edition."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import write_text
from ..errors import InputError
from ..leftovers import part_prefix, sweep
from .common import plain_console

if TYPE_CHECKING:
    from ..model import Edition


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ingest",
        help="segment page text or page PDFs into articles (edition JSON or a Markdown folder)",
        description="Repair extraction damage in raw page text, or read page PDFs, and segment them into articles.",
    )
    p.add_argument("pages", nargs="+", type=Path, metavar="PAGE",
                   help="page text files or page PDFs (every page of a PDF), in page order")
    p.add_argument("--publication", help="the publication's name (default: the first file's name)")
    p.add_argument("--date", help="the issue date, YYYY-MM-DD (default: today)")
    p.add_argument("--language", default="zh-CN", help="BCP 47 language tag (default: zh-CN)")
    p.add_argument("--edition", help="edition label, e.g. 第1234期")
    p.add_argument("--to", choices=("json", "md"), default="json", help="output form (default: json)")
    p.add_argument("-o", "--output", type=Path, help="edition.json to write (default: stdout), or the folder for --to md")
    p.add_argument("-v", "--verbose", action="store_true", help="explain each segmentation decision")
    p.add_argument("--report", action="store_true",
                   help="print per article the evidence for its headline, kind and authors, and what was set aside")
    p.set_defaults(func=run)


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError.single("--date", f"'{value}' is not a date in YYYY-MM-DD form") from None


def write_md(edition: Edition, folder: Path, images: Path | None = None) -> None:
    """Write the Markdown folder in a temporary folder beside `folder`, then move the files
    in (the staged `images` first, edition.toml last): an interrupted ingest never leaves a
    half-written edition."""
    from ..ingest.markdown_out import write_folder

    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=f".{folder.name}.", suffix=".part", dir=folder.parent) as tmp:
            written = write_folder(edition, Path(tmp) / folder.name)
            folder.mkdir(exist_ok=True)
            moved = _move_images(images, folder / "images")
            try:
                for path in [*written[1:], written[0]]:
                    os.replace(path, folder / path.name)
            except OSError:
                _remove(moved)
                raise
    except OSError as exc:
        raise InputError.single(folder, f"cannot write the edition folder: {exc.strerror or exc}") from exc


def write_json(text: str, target: Path, images: Path | None = None) -> None:
    """Move the staged `images` beside `target`, then write `text` to it whole (see atomic)."""
    try:
        moved = _move_images(images, target.parent / "images")
    except OSError as exc:
        raise InputError.single(target, f"cannot write the images beside it: {exc.strerror or exc}") from exc
    try:
        write_text(target, text + "\n")
    except OSError as exc:
        _remove(moved)
        raise InputError.single(target, f"cannot write: {exc.strerror or exc}") from exc
    except InputError:
        _remove(moved)
        raise


def _move_images(staged: Path | None, folder: Path) -> list[Path]:
    """Move the images staged during the ingest into `folder`; the files new there."""
    if staged is None or not staged.is_dir():
        return []
    folder.mkdir(parents=True, exist_ok=True)
    moved: list[Path] = []
    try:
        for path in sorted(staged.iterdir()):
            target = folder / path.name
            if not target.exists():
                moved.append(target)
            os.replace(path, target)
    except OSError:
        _remove(moved)
        raise
    return moved


def _remove(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


@contextmanager
def _staging(output: Path | None) -> Iterator[Path | None]:
    """A temporary folder beside the output for the PDF images the ingest extracts: they
    move into place only with the edition, and a failed ingest leaves none behind."""
    if output is None:
        yield None
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        stage = tempfile.TemporaryDirectory(prefix=part_prefix(output.name), suffix=".part", dir=output.parent)
    except OSError as exc:
        raise InputError.single(output, f"cannot write beside it: {exc.strerror or exc}") from exc
    with stage as tmp:
        yield Path(tmp) / "images"


def run(args: argparse.Namespace) -> int:
    from ..ingest import ingest
    from ..ingest.report import print_report

    if args.to == "md" and args.output is None:
        raise InputError.single("-o", "--to md needs -o DIR, the folder to write")
    if args.to == "md" and (args.output / "edition.toml").exists():
        raise InputError.single(args.output, "already holds an edition.toml; choose an empty folder")
    if args.output is not None:
        sweep(args.output.parent)  # the partial output of an ingest that was killed
    # a PDF's images go beside the edition (DIR/images, or images/ next to edition.json), staged till the end
    with _staging(args.output) as images:
        result = ingest(args.pages, args.publication, _date(args.date), args.language, args.edition, image_dir=images)
        if args.to == "md":
            write_md(result.edition, args.output, images)
        else:
            text = json.dumps(result.edition.model_dump(mode="json", exclude_none=True), ensure_ascii=False, indent=2)
            if args.output is None:
                print(text)
            else:
                write_json(text, args.output, images)
    print_report(result, plain_console(stderr=True), args.verbose, args.report)
    return 0
