"""rjieba loaded in a process beside the build (exporter/segmenter.py): the same words, this
process never loads the dictionary, the process is reaped, and a forked child or a dead
segmenter falls back to rjieba here. Each check runs in a fresh interpreter, where rjieba is
not loaded yet."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.samples import write_edition, write_volume

TEXTS = ["港口新航线今日开通", "青川江大桥亮起景观灯", "夜间施工22:00开始，途经车辆请绕行", "市场LED价格总体平稳"]


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_same_words_without_loading_the_dictionary_here() -> None:
    out = _run(f"""
import os, sys
from exporter import segmenter
texts = {TEXTS!r}
with segmenter.beside(True):
    server = segmenter._current
    beside = [segmenter.cut(t) for t in texts]
    print("loaded here:", "rjieba" in sys.modules)
print("reaped:", server.requests == -1)
import rjieba
print("same:", beside == [rjieba.cut(t) for t in texts])
""")
    assert out.splitlines() == ["loaded here: False", "reaped: True", "same: True"]


def test_a_forked_child_and_a_dead_segmenter_fall_back_to_rjieba_here() -> None:
    out = _run(f"""
import os, signal, sys
from exporter import segmenter
texts = {TEXTS!r}
with segmenter.beside(True):
    pid = os.fork()
    if pid == 0:  # a layout worker: its copies of the pipes are closed, it cuts by itself
        os._exit(0 if segmenter._current is None and segmenter.cut(texts[0]) and "rjieba" in sys.modules else 1)
    print("child:", os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
    print("beside:", segmenter.cut(texts[1]) is not None and "rjieba" not in sys.modules)
    os.kill(segmenter._current.pid, signal.SIGKILL)
    words = segmenter.cut(texts[2])
    print("after a kill:", "rjieba" in sys.modules)
import rjieba
print("same:", words == rjieba.cut(texts[2]))
""")
    assert out.splitlines() == ["child: 0", "beside: True", "after a kill: True", "same: True"]


def test_a_stopped_segmenter_is_retired_and_reaped_not_waited_for() -> None:
    """A segmenter that stops answering (stopped, or stuck in its import) does not hang the
    build: after REPLY_SECONDS the process is killed, the text is cut here, later texts too, and
    the end of the block reaps it."""
    out = _run(f"""
import os, signal, sys, time
from exporter import segmenter
texts = {TEXTS!r}
segmenter.REPLY_SECONDS = 0.5
with segmenter.beside(True):
    server = segmenter._current
    segmenter.cut(texts[0])
    os.kill(server.pid, signal.SIGSTOP)
    started = time.monotonic()
    words = segmenter.cut(texts[1])
    print("fell back:", "rjieba" in sys.modules, "retired:", server.requests == -1)
    print("next here:", segmenter.cut(texts[2]) is not None)
try:
    os.kill(server.pid, 0)
    print("reaped: False")
except ProcessLookupError:
    print("reaped: True")
import rjieba
print("same:", words == rjieba.cut(texts[1]))
""")
    assert out.splitlines() == ["fell back: True retired: True", "next here: True", "reaped: True", "same: True"]


def test_no_process_without_han_or_once_rjieba_is_loaded() -> None:
    out = _run("""
from exporter import segmenter
with segmenter.beside(False):
    print(segmenter._current is None)
segmenter.cut("港口")
with segmenter.beside(True):
    print(segmenter._current is None)
""")
    assert out.splitlines() == ["True", "True"]


def test_a_one_pass_pdf_cuts_its_headings_beside(tmp_path: Path) -> None:
    """A one-pass PDF build starts the segmenter for a Chinese edition: the build process never
    loads rjieba, and the segmenter is gone when the build returns."""
    source = write_edition(tmp_path)
    out = _run(f"""
import sys
from pathlib import Path
from exporter import segmenter
from exporter.api import BuildOptions, build
[pdf] = build({str(source)!r}, "pdf", options=BuildOptions(outdir=Path({str(tmp_path / "out")!r})))
print("pdf:", pdf.stat().st_size > 0, "loaded here:", "rjieba" in sys.modules, "left:", segmenter._current)
""")
    assert out.splitlines() == ["pdf: True loaded here: False left: None"]


def test_a_chunked_pdf_cuts_its_headings_beside_and_its_workers_drop_the_pipes(tmp_path: Path) -> None:
    """A chunked build starts the segmenter too (its heaviest chunk, the head of the build, does
    not wait for rjieba's dictionary): the workers forked while it lives lay out every chunk
    and the furniture, the build process never loads rjieba, every heading print.html shows is
    cut beside before the segmenter stops, and it is gone when the build returns."""
    source = write_volume(tmp_path / "volume")
    out = _run(f"""
import sys
from pathlib import Path
from exporter import segmenter
from exporter.api import BuildOptions, build
asked = []
cut = segmenter._Beside.cut
def counted(self, text):
    asked.append(text)
    return cut(self, text)
segmenter._Beside.cut = counted
passes = []
options = BuildOptions(outdir=Path({str(tmp_path / "out")!r}), jobs=2, parallel_min_characters=0, on_layout=passes.append)
[pdf] = build({str(source)!r}, "pdf", options=options)
chunks = [p for p in passes if p.what == "PDF chunks"][0]
print("pdf:", pdf.stat().st_size > 0, "chunks:", chunks.laid_out, "in workers:", len(chunks.workers) == chunks.laid_out,
      "cut beside:", len(asked) > 0, "loaded here:", "rjieba" in sys.modules, "left:", segmenter._current)
""")
    assert out.splitlines() == ["pdf: True chunks: 3 in workers: True cut beside: True loaded here: False left: None"]


def test_the_stylesheets_are_parsed_while_the_segmenter_loads(tmp_path: Path) -> None:
    """While rjieba loads beside, the one pass's build parses the theme's stylesheets
    (chunks.warm_up into stylesheets.reusing): all of them are parsed before the first heading
    is cut, and the pass parses none again."""
    source = write_edition(tmp_path)
    out = _run(f"""
from pathlib import Path
from exporter import segmenter
from exporter.api import BuildOptions, build
from exporter.weasyprint_ext import stylesheets
at_first_cut = []
cut = segmenter._Beside.cut
def counted(self, text):
    if not at_first_cut:
        at_first_cut.append(stylesheets._current.parses)
    return cut(self, text)
segmenter._Beside.cut = counted
build({str(source)!r}, "pdf", options=BuildOptions(outdir=Path({str(tmp_path / "out")!r})))
print(at_first_cut[0] > 0, at_first_cut[0] == stylesheets._current.parses, stylesheets._current.reuses > 0)
""")
    assert out.splitlines() == ["True True True"]


def test_a_second_build_whose_headings_are_cut_starts_no_segmenter(tmp_path: Path) -> None:
    """A rebuild in the cold build's process (the API, the benchmark's rebuild) finds every
    heading's words known: no process beside is forked for it (it would load a dictionary it
    never uses), rjieba is not loaded here either, and the words are the first build's. A
    heading not cut yet starts it again."""
    source = write_volume(tmp_path / "volume")
    out = _run(f"""
import sys
from pathlib import Path
from exporter import segmenter, words
from exporter.api import BuildOptions, build
started = []
make = segmenter._Beside.__init__
def counted(self):
    started.append(1)
    make(self)
segmenter._Beside.__init__ = counted
options = BuildOptions(outdir=Path({str(tmp_path / "out")!r}), jobs=2, parallel_min_characters=0)
build({str(source)!r}, "pdf", options=options)
first = dict(words._WORDS)
build({str(source)!r}, "pdf", options=options)
print("forked:", len(started), "loaded here:", "rjieba" in sys.modules, "same words:", words._WORDS == first)
print("a new heading:", words.segmented(["港口新航线今日开通"]), "known:", words.segmented(list(first)))
""")
    assert out.splitlines() == ["forked: 1 loaded here: False same words: True",
                                "a new heading: True known: False"]
