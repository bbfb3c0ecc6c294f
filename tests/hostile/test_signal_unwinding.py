"""How a command unwinds on SIGTERM and Ctrl-C (exporter/workers.py), each case in a fresh
Python process that signals itself at a chosen point, so the moment is exact, not a race:
held off through a step that must not stop half-way, not lost inside a finalizer, and an
exit code that does not depend on where the signal fell."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ..conftest import ROOT

PRELUDE = """
import os, signal, sys
from exporter.workers import Interrupted, Terminated, held_off, signals_unwind, worker_pool
"""


def run(code: str, tmp_path: Path, module: bool = False) -> subprocess.CompletedProcess[str]:
    """`code` after the prelude, as a script (`-c`) or, `module`, as `python -m` runs exporter."""
    source = PRELUDE + textwrap.dedent(code)
    if module:
        (tmp_path / "signalled.py").write_text(source, encoding="utf-8")
        argv = [sys.executable, "-m", "signalled"]
    else:
        argv = [sys.executable, "-c", source]
    env = {"PYTHONPATH": f"{tmp_path}:{ROOT}", "PATH": "/usr/bin:/bin"}
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, cwd=tmp_path, env=env,
                          preexec_fn=_ctrl_c_as_a_terminal_gives_it)


def _ctrl_c_as_a_terminal_gives_it() -> None:
    """SIGINT at its default in the child, as a shell gives a command it runs in the
    foreground: a suite started in the background (`make test &`, nohup, some CI runners)
    inherits SIGINT ignored, and Python then installs no KeyboardInterrupt handler at all."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_sigterm_inside_a_held_off_step_unwinds_when_the_step_ends(tmp_path):
    result = run("""
        steps = []
        try:
            with signals_unwind(), worker_pool(2) as pool:
                assert pool.submit(pow, 2, 5).result() == 32  # the workers are forked
                with held_off():
                    os.kill(os.getpid(), signal.SIGTERM)
                    steps.append("the step went on")
                steps.append("past the step")
        except Terminated:
            print(steps, len(__import__("multiprocessing").active_children()))
    """, tmp_path)
    assert result.stdout.split("]")[0] == "['the step went on'" and result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_ctrl_c_inside_a_held_off_step_unwinds_when_the_step_ends(tmp_path):
    result = run("""
        steps = []
        try:
            with signals_unwind(), held_off():
                os.kill(os.getpid(), signal.SIGINT)
                steps.append("the step went on")
            steps.append("past the step")
        except KeyboardInterrupt as interrupt:
            print(type(interrupt).__name__, steps)
    """, tmp_path)
    assert result.stdout.strip() == "Interrupted ['the step went on']", result.stderr


def test_a_signal_that_falls_in_a_finalizer_is_not_lost(tmp_path):
    """Python can only print an exception raised in a finalizer (or a weakref callback, which
    WeasyPrint's layout runs all the time): the build went on and wrote its PDF."""
    result = run("""
        class Dropped:
            def __del__(self):
                os.kill(os.getpid(), getattr(signal, sys.argv[1] if len(sys.argv) > 1 else "SIGINT"))
                for _ in range(100):  # the handler raises in here
                    pass

        for kind in ("SIGINT", "SIGTERM"):
            sys.argv[1:] = [kind]
            try:
                with signals_unwind():
                    Dropped()
                    __import__("time").sleep(30)  # the build going on; a signal ends the sleep
                    print(kind, "lost")
            except (KeyboardInterrupt, Terminated) as unwound:
                print(kind, type(unwound).__name__)
    """, tmp_path)
    assert result.stdout.split() == ["SIGINT", "Interrupted", "SIGTERM", "Terminated"], result.stderr
    assert "Exception ignored" not in result.stderr and "Traceback" not in result.stderr


def test_ctrl_c_inside_code_run_by_a_string_exec_exits_130_under_python_m(tmp_path):
    """cssselect2 compiles each CSS selector with a string `eval`: CPython marks a plain
    KeyboardInterrupt raised in there as unhandled even when the command catches it, and
    `python -m` then ends killed by SIGINT (-2) after printing `interrupted`."""
    result = run("""
        try:
            with signals_unwind():
                exec("os.kill(os.getpid(), signal.SIGINT)\\nfor _ in range(100): pass", {"os": os, "signal": signal})
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            sys.exit(130)
    """, tmp_path, module=True)
    assert result.returncode == 130 and result.stderr.strip() == "interrupted", (result.returncode, result.stderr)


@pytest.mark.parametrize("signame", ["SIGTERM", "SIGINT"])
def test_a_signal_right_after_the_segmenters_fork_leaves_no_process_behind(tmp_path, signame):
    """The segmenter's fork (segmenter.beside) is held off like the pool's: a signal that falls
    between the fork and the build's note of the process still stops and reaps it."""
    result = run(f"""
        from exporter import segmenter
        real_fork, forked = os.fork, []

        def fork():
            pid = real_fork()
            if pid:
                forked.append(pid)
                os.kill(os.getpid(), signal.{signame})
            return pid

        os.fork = fork
        try:
            with signals_unwind(), segmenter.beside(True):
                print("the build went on")
        except (Terminated, KeyboardInterrupt) as unwound:
            print(type(unwound).__name__)
        os.fork = real_fork
        try:
            print("left", os.waitpid(-1, os.WNOHANG))
        except ChildProcessError:
            print("none left")
        for pid in forked:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    """, tmp_path)
    unwound = {"SIGTERM": "Terminated", "SIGINT": "Interrupted"}[signame]
    assert result.stdout.split() == [unwound, "none", "left"], (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
