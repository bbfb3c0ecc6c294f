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

from . import __version__
from .commands.common import as_flag, show_warnings
from .errors import InputError, user_error_lines
from .workers import Terminated, signals_unwind, terminated

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
        with signals_unwind():
            code = int(args.func(args) or 0)
        return 143 if terminated() else code
    except Terminated:
        print("terminated", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - report, don't crash with a trace
        if terminated():  # e.g. the worker pool that SIGTERM's handler emptied
            print("terminated", file=sys.stderr)
            return 143
        lines = user_error_lines(exc, as_flag)
        if args.debug and not isinstance(exc, InputError):
            traceback.print_exc()
        if lines is not None:
            for line in lines:
                print(f"error: {line}", file=sys.stderr)
            return 2
        if not args.debug:
            print(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 1


def run() -> None:
    sys.exit(main())
