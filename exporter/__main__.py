"""`python -m exporter` is the `exporter` command."""

from .cli import run

run()
