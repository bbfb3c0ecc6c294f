"""`exporter schema`: print the JSON Schema of an edition file (the public contract)."""

from __future__ import annotations

import argparse
import json



def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("schema", help="print the edition JSON Schema")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..model import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0
