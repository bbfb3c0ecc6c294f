"""The chunk cache is keyed on everything that can change a layout, and is pruned.

Counted from the build's layout passes (BuildOptions.on_layout), never from log text."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from exporter.api import BuildOptions, build
from exporter.writers.pdf.cache import ChunkCache
from exporter.writers.pdf.chunks import ChunkLayout
from exporter.weasyprint_ext.page_info import PageInfo

ROOT = Path(__file__).resolve().parents[2]
# Builds the volume twice with one cache and prints the layout passes of each build.
BUILD_TWICE = """
import json, sys
from pathlib import Path
import exporter
from exporter.api import BuildOptions, build
assert Path(exporter.__file__).is_relative_to(Path.cwd()), exporter.__file__  # the copy, not the checkout
source, out, cache = map(Path, sys.argv[1:4])
passes = []
for run in ("first", "second"):
    options = BuildOptions(outdir=out / run, jobs=1, cache_dir=cache, parallel_min_characters=0,
                           on_layout=lambda p: passes.append((run, p.what, p.documents, p.cached)))
    build(source, "pdf", options=options)
print(json.dumps(passes))
"""


def _build_in_copy(copy: Path, source: Path, out: Path, cache: Path) -> list[list[object]]:
    env = {**os.environ, "PYTHONPATH": str(copy)}
    done = subprocess.run([sys.executable, "-c", BUILD_TWICE, str(source), str(out), str(cache)], cwd=copy, env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.slow
def test_an_edited_pdf_writer_file_is_not_served_from_a_warm_cache(volume_source: Path, tmp_path: Path) -> None:
    """The furniture CSS lives in writers/pdf/furniture.py; once, editing it was served stale."""
    copy = tmp_path / "src"
    for name in ("exporter", "templates", "themes"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    cache = tmp_path / "cache"
    before = _build_in_copy(copy, volume_source, tmp_path / "before", cache)
    assert [p for p in before if p[0] == "second"] == [["second", "contents fits", 1, 1],
                                                      ["second", "PDF chunks", 3, 3],
                                                      ["second", "furniture documents", 1, 1]]
    furniture = copy / "exporter" / "writers" / "pdf" / "furniture.py"
    furniture.write_text(furniture.read_text(encoding="utf-8").replace(
        'GHOST_CSS = """', 'GHOST_CSS = """/* edited */\n', 1), encoding="utf-8")
    after = _build_in_copy(copy, volume_source, tmp_path / "after", cache)
    assert [p for p in after if p[0] == "first"] == [["first", "contents fits", 1, 0],
                                                    ["first", "PDF chunks", 3, 0],
                                                    ["first", "furniture documents", 1, 0]]


def test_a_changed_theme_stylesheet_invalidates_the_chunks(volume_source: Path, tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "themes" / "digest", theme)
    passes: list[tuple[str, int, int]] = []
    options = BuildOptions(jobs=1, cache_dir=tmp_path / "cache", parallel_min_characters=0,
                           on_layout=lambda p: passes.append((p.what, p.documents, p.cached)))
    for run in ("cold", "warm", "edited"):
        if run == "edited":
            css = next(theme.glob("*.css"))
            css.write_text(css.read_text(encoding="utf-8") + "\n/* a user's edit */\n", encoding="utf-8")
        build(volume_source, "pdf", theme, BuildOptions(**{**options.__dict__, "outdir": tmp_path / run}))
    assert passes == [("contents fits", 1, 0), ("PDF chunks", 3, 0), ("furniture documents", 1, 0),
                      ("contents fits", 1, 1), ("PDF chunks", 3, 3), ("furniture documents", 1, 1),
                      ("contents fits", 1, 0), ("PDF chunks", 3, 0), ("furniture documents", 1, 0)]


def test_prune_drops_old_entries_then_the_least_recently_used(tmp_path: Path) -> None:
    cache = ChunkCache(tmp_path, max_bytes=3 * 1120, max_age_days=30)  # three entries: 1004-byte PDF + page data
    layout = ChunkLayout(b"%PDF" + b"x" * 1000, [PageInfo()])
    now = time.time()
    for i, age_days in enumerate([0, 1, 2, 3, 40]):
        key = f"{i:02d}" + "0" * 62
        cache.put(key, layout)
        meta = cache.root / key[:2] / f"{key}.json"
        os.utime(meta, (now - age_days * 86400, now - age_days * 86400))
    assert cache.get("01" + "0" * 62) is not None  # used now: kept before older ones
    assert cache.prune() == 2
    kept = sorted(p.stem[:2] for p in cache.root.glob("*/*.json"))
    assert kept == ["00", "01", "02"]
    assert sorted(p.stem[:2] for p in cache.root.glob("*/*.pdf")) == kept


def test_a_text_entry_is_read_back_and_pruned_by_age(tmp_path: Path) -> None:
    """The contents fit's rule is kept as `<key>.json` alone (no PDF), and ages like a chunk."""
    cache = ChunkCache(tmp_path, max_age_days=30)
    fresh, old = "aa" + "0" * 62, "bb" + "0" * 62
    cache.put_text(fresh, "body.volume .contents { --contents-columns: 3; }\n")
    cache.put_text(old, "x")
    assert cache.get_text(fresh) == "body.volume .contents { --contents-columns: 3; }\n"
    assert cache.get_text("cc" + "0" * 62) is None and cache.get(fresh) is None
    long_ago = time.time() - 40 * 86400
    os.utime(cache.root / "bb" / f"{old}.json", (long_ago, long_ago))
    assert cache.prune() == 1
    assert cache.get_text(old) is None and cache.get_text(fresh) is not None
