"""The `exporter` command: parse arguments, call the API, map errors to exit codes.

Exit codes: 0 ok, 2 bad input or usage (one line per problem, no traceback), 1 internal
error (traceback only with --debug), 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from importlib import import_module

from jinja2 import TemplateError

from . import __version__
from .commands.common import show_warnings
from .errors import InputError, RenderError
from .workers import Terminated, sigterm_unwinds, terminated

# Each module in exporter/commands/ adds one subcommand through register(subparsers).
COMMANDS = ("build", "archive", "validate", "themes", "schema", "doctor", "ingest", "check")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="exporter",
        description="Turn newspaper editions into themed HTML, EPUB 3 and print-ready PDF.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        import_module(f"exporter.commands.{name}").register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    show_warnings()
    try:
        with sigterm_unwinds():
            code = int(args.func(args) or 0)
        return 143 if terminated() else code
    except Terminated:
        print("terminated", file=sys.stderr)
        return 143
    except InputError as exc:
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 2
    except RenderError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except TemplateError as exc:  # includes the sandbox refusing unsafe code in a theme
        if args.debug:
            traceback.print_exc()
        print(f"error: theme template: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - last resort: report, don't crash with a trace
        if terminated():  # e.g. the worker pool that SIGTERM's handler emptied
            print("terminated", file=sys.stderr)
            return 143
        if args.debug:
            traceback.print_exc()
        else:
            print(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 1


def run() -> None:
    sys.exit(main())
