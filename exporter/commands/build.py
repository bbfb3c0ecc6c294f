"""`exporter build SOURCE... --to html,epub,pdf`: render editions with a theme."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..assets import AssetPolicy
from ..build import DEFAULT_THEME, BuildOptions, build, parse_targets
from ..errors import InputError
from ..readers import load
from ..themes import load_theme
from .common import err_console, warn


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="render an edition to HTML, EPUB and/or PDF")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="edition JSON file or edition folder")
    p.add_argument("--to", default="html", help="comma-separated formats: html, epub, pdf (default: html)")
    p.add_argument("--theme", default=DEFAULT_THEME, help=f"theme name or folder (default: {DEFAULT_THEME})")
    p.add_argument("-o", "--output", default="out", type=Path, help="output folder (default: out)")
    add_input_flags(p)
    p.add_argument("--embed-fonts", action="store_true", help="EPUB: embed the theme's fonts, subset to the text")
    p.add_argument("--check", action="store_true", help="EPUB: run EPUBCheck on the result")
    p.add_argument("--profile", choices=("print", "screen"), default="screen",
                   help="PDF: print adds bleed and crop marks (default: screen)")
    p.add_argument("--page-size", help="PDF: A4, A3, B5, Letter, Tabloid or WxH such as 210mmx297mm")
    p.add_argument("--pdf-variant", help="PDF: e.g. pdf/a-3b or pdf/ua-1")
    p.add_argument("--emit-print-html", action="store_true", help="PDF: also write the HTML given to WeasyPrint")
    p.set_defaults(func=run)


def add_input_flags(p: argparse.ArgumentParser) -> None:
    """Flags that loosen how images are read; shared with `validate`."""
    p.add_argument("--allow-remote", action="store_true", help="download http(s) images named by articles")
    p.add_argument("--missing-images", choices=("error", "placeholder"), default="error",
                   help="a missing or unreadable image is an error (default) or a visible placeholder")


def policy_of(args: argparse.Namespace) -> AssetPolicy:
    return AssetPolicy(allow_remote=args.allow_remote, missing_images=args.missing_images)


def run(args: argparse.Namespace) -> int:
    targets = parse_targets(args.to)
    theme = load_theme(args.theme)
    options = BuildOptions(
        outdir=args.output, embed_fonts=args.embed_fonts, check=args.check, profile=args.profile,
        page_size=args.page_size, pdf_variant=args.pdf_variant, emit_print_html=args.emit_print_html,
    )
    failed = 0
    for source in args.sources:
        try:
            loaded = load(source, policy_of(args))
            warn(loaded.warnings)
            build(loaded, targets, theme, options,
                  on_output=lambda target, path: err_console.print(f"[green]wrote[/] {target}: {path}"))
        except InputError as exc:
            if len(args.sources) == 1:
                raise
            for problem in exc.problems:
                err_console.print(f"[red]error:[/] {problem}", markup=True)
            failed += 1
    return 2 if failed else 0
