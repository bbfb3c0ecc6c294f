"""`python -m benchmarks.crossover`: where chunked layout starts to pay, on this machine.

Volumes of 1, 2, 3, … generated editions (benchmarks/corpus.py, `--articles` each) are built
as one pass (`--jobs 1`) and in chunks (`--jobs N`, chunking forced), interleaved, each in a
fresh process; wall and CPU seconds (the process and its workers) are printed per size. The
constants of `writers/pdf/chunk_rule.py` come from these figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .corpus import characters, volume

ROOT = Path(__file__).resolve().parent.parent


BUILD = """
import sys, time
from pathlib import Path
from exporter.api import BuildOptions, build
source, out, jobs, chunking = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
force = {"always": 0, "never": 10**12}.get(chunking)
build(source, "pdf", options=BuildOptions(outdir=out, jobs=jobs, parallel_min_characters=force))
"""


def timed(source: Path, out: Path, jobs: int, chunking: str) -> dict[str, float]:
    """Wall and CPU seconds of one build in a fresh process (CPU includes its workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", BUILD, str(source), str(out), str(jobs), chunking], cwd=ROOT, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {"wall": wall, "cpu": cpu}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.crossover", description=__doc__)
    p.add_argument("--editions", default="1,2,3,4,6", help="volume sizes in editions")
    p.add_argument("--articles", type=int, default=16, help="articles per edition (16: about 28,000 characters)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    p.add_argument("--runs", type=int, default=1)
    p.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results-crossover.json")
    args = p.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsprint-crossover-") as tmp:
        for n in map(int, args.editions.split(",")):
            source = volume(Path(tmp) / f"v{n}", 0, days=n, articles=args.articles)
            row: dict[str, object] = {"editions": n, "characters": characters(source.parent),
                                      "load_average": os.getloadavg()[0]}
            for run in range(args.runs):
                for name, jobs, chunking in (("one pass", 1, "never"), ("chunks", args.jobs, "always")):
                    row.setdefault(name, []).append(timed(source, Path(tmp) / f"out{n}-{run}-{jobs}", jobs, chunking))  # type: ignore[union-attr]
            rows.append(row)
            one, chunks = (min(r["wall"] for r in row[k]) for k in ("one pass", "chunks"))  # type: ignore[union-attr]
            print(f"{n} editions, {row['characters']} characters: one pass {one:.2f} s, chunks {chunks:.2f} s "
                  f"({one / chunks:.2f}×), load {row['load_average']:.1f}", flush=True)
    args.json.write_text(json.dumps({"jobs": args.jobs, "rows": rows}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
