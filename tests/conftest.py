"""Shared fixtures: the bundled examples and an in-process CLI runner; how the suite is
spread over xdist workers (module fixtures kept on one worker, slow work first) and the
builds that both workers share (docs/testing.md)."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock

from exporter.cli import main

# Layout caches go to a throw-away folder, never the user's ~/.cache (read at call time).
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="exporter-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
ZH_EXAMPLE = EXAMPLES / "qingchuan-daily"  # edition folder (Markdown), Chinese
EN_EXAMPLE = EXAMPLES / "harbour-gazette.json"  # edition JSON, English
WEEKLY = EXAMPLES / "weekly.toml"  # the example week: a compilation of six editions
ALL_EXAMPLES = [ZH_EXAMPLE, EN_EXAMPLE]
THEMES = ["broadsheet", "digest"]


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def run_cli(*argv: str | Path) -> CliResult:
    """Run `exporter ARGV...` in-process and capture its exit code and output."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exc:  # argparse usage errors and --version
            code = int(exc.code or 0)
    return CliResult(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli():
    return run_cli


# The fast lane (`pytest -m "not slow"`, `make test-fast`) leaves out every test that lays
# out a PDF through these fixtures (seconds each); `make test` runs everything.
SLOW_FIXTURES = {"build_pdf", "volume_source"}


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> Iterator[None]:
    # before every other hook, so xdist (--dist loadgroup) reads these xdist_group marks
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
        if group := _module_fixture_group(item):
            item.add_marker(pytest.mark.xdist_group(group))
    yield
    # after pytest has ordered the tests by their parametrized fixtures, and xdist has read the groups
    items[:] = _slow_units_first(items)
    _check_groups(config, items)


def _module_fixture_group(item: pytest.Item) -> str | None:
    """The xdist group that keeps a module- or class-scoped fixture on one worker: the test
    module, plus the parameter of each such fixture that is parametrized. Without it, xdist
    hands out a module's tests one by one and both workers set the fixture up (an Ace run
    over every book, a Dask cluster, a week's PDF)."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None or item.get_closest_marker("xdist_group"):
        return None
    shared = sorted(name for name, defs in info.name2fixturedefs.items() if defs[-1].scope in ("module", "class"))
    if not shared:
        return None
    indices = getattr(getattr(item, "callspec", None), "indices", {})
    # no "@" or "]" in a group name: xdist splits the node id at the last "@" after any "]"
    return ":".join([item.nodeid.split("::")[0], *(f"{name}={indices[name]}" for name in shared if name in indices)])


def _slow_units_first(items: list[pytest.Item]) -> list[pytest.Item]:
    """Every test of a module with a slow test, then the rest, each in collection order: a
    module's tests stay together (its fixtures are set up once) and xdist (run with
    --no-loadscope-reorder) hands the long work out first, so the quick tests fill the end
    and neither worker waits for the other."""
    slow_modules = {item.nodeid.split("::")[0] for item in items if item.get_closest_marker("slow")}
    return sorted(items, key=lambda item: item.nodeid.split("::")[0] not in slow_modules)


LOST_GROUPS = pytest.StashKey[str]()


def _check_groups(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A worker of `--dist loadgroup` must see each xdist_group in the node ids: pytest 9.2
    with pytest-xdist 3.8 silently drops them (pytest-xdist issue 1386), and the groups, and
    the one-worker module fixtures with them, would do nothing. Every test then fails."""
    if getattr(config.option, "loadgroup", False) and "PYTEST_XDIST_WORKER" in os.environ:
        lost = [item.nodeid for item in items if item.get_closest_marker("xdist_group") and "@" not in item.nodeid]
        if lost:
            config.stash[LOST_GROUPS] = (f"xdist ignored the xdist_group of {lost[0]} and {len(lost) - 1} more: "
                                         "install the pytest and pytest-xdist that pyproject.toml's [test] extra asks for")


@pytest.fixture(autouse=True, scope="session")
def _xdist_groups_hold(request: pytest.FixtureRequest) -> None:
    if message := request.config.stash.get(LOST_GROUPS, ""):
        pytest.fail(message, pytrace=False)


def shared_build(factory: pytest.TempPathFactory, key: str, make: Callable[[Path], Path]) -> Path:
    """The output of make(folder), built once for the whole test run even with xdist: the
    first worker to ask builds it into a folder beside the workers' own temp folders (under a
    file lock), later askers on any worker read that. `key` must name everything the output
    depends on; tests only read what comes back."""
    root = factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in os.environ:
        root = root.parent  # the run's folder, above popen-gw0, popen-gw1 ...
    folder = root / "shared" / hashlib.sha256(key.encode()).hexdigest()[:16]
    done = folder / ".built"
    folder.parent.mkdir(exist_ok=True)
    with FileLock(f"{folder}.lock"):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a half-built folder of a failed attempt
            folder.mkdir()
            output = make(folder)
            done.write_text(str(output.relative_to(folder)), encoding="utf-8")
    return folder / done.read_text(encoding="utf-8")



@pytest.fixture(scope="session")
def weekly_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example week's PDF in its own theme (and its print.html beside it), built once per
    test run: the week's tests (tests/compile) and the make-up tests (tests/pdf) read it."""
    from exporter.api import BuildOptions, build, load_source

    def make(out: Path) -> Path:
        loaded, theme = load_source(WEEKLY)
        [pdf] = build(loaded, "pdf", theme, BuildOptions(outdir=out, emit_print_html=True))
        return pdf

    return shared_build(tmp_path_factory, "pdf weekly.toml, its own theme, emit_print_html", make)
