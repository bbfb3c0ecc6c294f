"""Round two, runaway inputs: each must end with exit 2 and one line naming the file (and
the line or field), or be bounded (exporter/limits.py, docs/security.md "Limits").

Cases that ran for minutes or ate gigabytes before the limits existed run the real CLI in
a child process with a wall-clock bound and an address-space cap, so a regression fails
the test instead of hanging the suite; the bounds are generous (they prove "ends", not
"is fast").
"""

from __future__ import annotations

import http.server
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from exporter.ingest.repair import join_wrapped
from exporter.limits import Limits, capped_jobs, cores

from ..conftest import CliResult, run_cli
from .conftest import BASE, make_theme, png, write

GiB = 2**30
ARTICLE = {"headline": "标题", "blocks": [{"type": "paragraph", "text": "正文。"}]}


def run_bounded(*args: str | Path, timeout: float = 90, memory: int = 4 * GiB, file_size: int | None = None,
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`exporter ARGS` in a child with a wall-clock bound and an address-space cap (and, to
    play a full disk, a file-size cap); the whole process group is killed at the bound and
    the test fails."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    proc = subprocess.Popen([sys.executable, "-m", "exporter", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True, preexec_fn=cap,
                            env={**os.environ, **(env or {})})
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail(f"exporter {' '.join(map(str, args))} still running after {timeout} s")
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def one_line_error(result: subprocess.CompletedProcess[str] | CliResult, *names: str) -> str:
    """The error output of an exit-2 run, checked to name each of `names` and to hold no traceback."""
    if isinstance(result, CliResult):
        code, err = result.code, result.err
    else:
        code, err = result.returncode, result.stderr
    assert code == 2, err
    assert "Traceback" not in err and "internal error" not in err, err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, err
    assert all(name in errors[0] for name in names), errors[0]
    return errors[0]


@pytest.fixture
def edition(tmp_path: Path) -> Path:
    return write(tmp_path / "src", BASE | {"articles": [ARTICLE]})


# --- item 6: stylesheets ---------------------------------------------------------------

def test_css_import_loop_is_refused(tmp_path, edition):
    """Each file imports the other twice: WeasyPrint followed it for ever (past 120 s)."""
    theme = make_theme(tmp_path / "themes", "loop", 'extends = "base"\n[stylesheets]\npdf = ["a.css"]\n',
                       {"a.css": '@import "b.css";\n@import "b.css";\nbody { color: red }\n',
                        "b.css": '@import url(a.css);\n@import "a.css?again";\n'})
    line = one_line_error(run_bounded("build", edition, "--to", "pdf", "--theme", theme, "-o", tmp_path / "out"),
                          "@import cycle")
    assert "a.css -> b.css -> a.css" in line


def test_stylesheet_over_the_size_limit_is_refused_before_it_is_read(tmp_path, edition):
    """A stylesheet a little over the 4 MB limit (50 MB took 90 s and 3 GB)."""
    rule = ".x { color: red }\n"
    theme = make_theme(tmp_path / "themes", "big", 'extends = "base"\n[stylesheets]\nall = ["big.css"]\n',
                       {"big.css": rule * (Limits().stylesheet_bytes // len(rule) + 1000)})
    one_line_error(run_bounded("build", edition, "--to", "pdf", "--theme", theme, "-o", tmp_path / "out"),
                   "big.css", "larger than 4 MB")


@pytest.mark.parametrize("css, where", [
    ("a " * 10_000 + "{ color: red }\n", "a selector of 10000 parts"),
    ("a { " * 10_000 + "color: red" + " }" * 10_000 + "\n", "nested more than 64 levels"),
    ("p { width: " + "calc(" * 10_000 + "1px" + ")" * 10_000 + " }\n", "nested more than 64 levels"),
    ("p:not(" * 5_000 + "a" + ")" * 5_000 + " { color: red }\n", "nested more than 64 levels"),
], ids=["selector", "nesting", "calc", "not"])
def test_deep_css_is_a_located_error(tmp_path, edition, css, where):
    """10,000-deep selectors, nesting and calc(): RecursionError, exit 1, before."""
    theme = make_theme(tmp_path / "themes", "deep", 'extends = "base"\n[stylesheets]\npdf = ["deep.css"]\n',
                       {"deep.css": css})
    line = one_line_error(run_cli("build", edition, "--to", "pdf", "--theme", theme, "-o", tmp_path / "out"),
                          "deep.css:1:", where)
    assert len(line) < 300


def doubling_theme(folder: Path, levels: int) -> Path:
    options = '[options]\nv0 = "1px"\n' + "".join(f'v{i} = "var(--v{i - 1}) var(--v{i - 1})"\n'
                                                   for i in range(1, levels + 1))
    return make_theme(folder, "doubling", f'extends = "base"\n[stylesheets]\nall = ["v.css"]\n{options}',
                      {"v.css": f"p {{ margin-left: var(--v{levels}); }}\n"})


@pytest.mark.parametrize("target", ["epub", "pdf"])
def test_var_doubling_in_theme_options_is_refused(tmp_path, edition, target):
    """22 doublings: 4 million characters for one property (30 ran past 60 s)."""
    theme = doubling_theme(tmp_path / "themes", 22)
    one_line_error(run_bounded("build", edition, "--to", target, "--theme", theme, "-o", tmp_path / "out"),
                   "theme.toml", "options.v", "expands to")


def test_var_cycle_is_refused(tmp_path, edition):
    """--a: var(--b); --b: var(--a): the EPUB writer's resolver recursed until RecursionError."""
    theme = make_theme(tmp_path / "themes", "cycle",
                       'extends = "base"\n[stylesheets]\nall = ["c.css"]\n[options]\na = "var(--b)"\nb = "var(--a)"\n',
                       {"c.css": "p { color: var(--a); }\n"})
    one_line_error(run_cli("build", edition, "--to", "epub", "--theme", theme, "-o", tmp_path / "out"),
                   "theme.toml", "refers to itself")


# --- item 7: edition files ---------------------------------------------------------------

def markdown_edition(folder: Path, front: str, toml: str = "") -> Path:
    folder.mkdir(parents=True)
    (folder / "edition.toml").write_text(f'title = "青川日报"\ndate = 2026-11-20\n{toml}', encoding="utf-8")
    (folder / "01.md").write_text(f"---\n{front}\n---\n正文。\n", encoding="utf-8")
    return folder


ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{x}: &{x} [{','.join([f'*{p}'] * 9)}]" for p, x in zip("abcdefgh", "bcdefghi", strict=True)]
    + ["headline: 标题"])


def test_yaml_alias_bomb_in_front_matter_is_refused(tmp_path):
    """536 bytes that expand to 9^9 strings: over 60 s and about 1 GB before."""
    folder = markdown_edition(tmp_path / "bomb", ALIAS_BOMB)
    line = one_line_error(run_bounded("build", folder, "--to", "html", "-o", tmp_path / "out", memory=2 * GiB),
                          "01.md:3:", "aliases of lists and mappings are not allowed")
    assert len(ALIAS_BOMB.encode()) < 600 and len(line) < 300


def test_aliases_of_plain_values_still_work(tmp_path):
    folder = markdown_edition(tmp_path / "ok", "section: &s 要闻\nheadline: 标题\nkicker: *s")
    result = run_cli("build", folder, "--to", "html", "-o", tmp_path / "out")
    assert result.code == 0, result.err


def test_deep_json_is_a_located_error(tmp_path):
    text = json.dumps(BASE | {"articles": [ARTICLE]})[:-1] + ', "x": ' + "[" * 2500 + "]" * 2500 + "}"
    (tmp_path / "deep.json").write_text(text, encoding="utf-8")
    one_line_error(run_cli("validate", tmp_path / "deep.json"), "deep.json:1:", "nested more than 64 levels")
    one_line_error(run_cli("build", tmp_path / "deep.json", "-o", tmp_path / "out"), "nested more than")


def test_json_nested_within_python_but_past_the_limit_names_the_field(tmp_path):
    text = json.dumps(BASE | {"articles": [ARTICLE | {"x": json.loads("[" * 100 + "]" * 100)}]})
    (tmp_path / "deep.json").write_text(text, encoding="utf-8")
    one_line_error(run_cli("build", tmp_path / "deep.json", "-o", tmp_path / "out"), "deep.json:1:", "nested")


def test_deep_yaml_front_matter_is_a_located_error(tmp_path):
    folder = markdown_edition(tmp_path / "deep", "headline: 标题\nx: " + "[" * 10_000 + "]" * 10_000)
    one_line_error(run_cli("build", folder, "-o", tmp_path / "out"), "01.md:3:", "nested more than 64 levels")


def test_deep_toml_is_a_located_error(tmp_path):
    folder = markdown_edition(tmp_path / "deep", "headline: 标题", "x = " + "[" * 10_000 + "]" * 10_000 + "\n")
    one_line_error(run_cli("build", folder, "-o", tmp_path / "out"), "edition.toml:3:", "nested more than 64")


@pytest.mark.parametrize("kind", ["json", "yaml", "toml"])
def test_five_thousand_digit_integer_is_a_located_error(tmp_path, kind):
    digits = "7" * 5000
    if kind == "json":
        source = tmp_path / "big.json"
        source.write_text(json.dumps(BASE | {"articles": [ARTICLE]})[:-1] + f', "x": {digits}}}', encoding="utf-8")
        name = "big.json:1:"
    elif kind == "yaml":
        source = markdown_edition(tmp_path / "big", f"headline: 标题\nx: {digits}")
        name = "01.md:3:"
    else:
        source = markdown_edition(tmp_path / "big", "headline: 标题", f"x = {digits}\n")
        name = "edition.toml:3:"
    one_line_error(run_cli("build", source, "-o", tmp_path / "out"), name, "an integer of 5,000 digits")


# --- item 8: images, articles, jobs, page size, ingest ----------------------------------

@pytest.mark.slow
def test_animation_over_the_pixel_frame_limit_is_refused(tmp_path):
    """91 frames of 2100×2100 (401 million pixels): the EPUB writer decoded and kept every
    frame (360 frames of 4000×4000 took over 120 s and 5.1 GB)."""
    folder = tmp_path / "src"
    folder.mkdir()
    frames = (Image.new("P", (2100, 2100), i) for i in range(91))
    first = next(frames)
    first.save(folder / "anim.gif", save_all=True, append_images=frames, duration=40, loop=0)
    source = write(folder, BASE | {"articles": [ARTICLE | {"blocks": [{"type": "figure", "src": "anim.gif"}]}]})
    one_line_error(run_bounded("build", source, "--to", "epub", "-o", tmp_path / "out", memory=3 * GiB),
                   "articles[0].blocks[0].src", "91 frames of 2100×2100", "at most 400 million")


def test_articles_per_build_is_limited_and_can_be_raised(tmp_path, edition, monkeypatch):
    source = write(tmp_path / "many", BASE | {"articles": [ARTICLE] * 30})
    monkeypatch.setenv("EXPORTER_LIMIT_ARTICLES", "20")
    one_line_error(run_cli("build", source, "--to", "epub", "-o", tmp_path / "out"),
                   "edition.json:articles", "30 articles in one build (at most 20")
    monkeypatch.setenv("EXPORTER_LIMIT_ARTICLES", "30")
    assert run_cli("build", source, "--to", "html", "-o", tmp_path / "out").code == 0
    monkeypatch.setenv("EXPORTER_LIMIT_ARTICLES", "many")
    one_line_error(run_cli("build", source, "-o", tmp_path / "out"), "EXPORTER_LIMIT_ARTICLES", "positive int")
    assert Limits().articles == 20_000


def test_jobs_are_capped_at_the_cores_with_a_warning(tmp_path, edition):
    result = run_cli("build", edition, "--to", "html", "--jobs", "64", "-o", tmp_path / "out")
    assert result.code == 0, result.err
    assert f"--jobs 64: this machine lets the build use {cores()} cores; using {cores()} processes" in result.err
    assert capped_jobs(64) == cores() and capped_jobs(1) == 1


@pytest.mark.parametrize("size", ["100000mmx100000mm", "0mmx0mm", "1mmx297mm", "300inx10in"])
def test_page_size_out_of_range_is_refused(tmp_path, edition, size):
    """100,000 mm square took 111 s and 2.8 GB; 0 mm made 1,223 empty pages."""
    one_line_error(run_bounded("build", edition, "--to", "pdf", "--page-size", size, "-o", tmp_path / "out"),
                   "--page-size", "out of range", "from 50 mm to 1200 mm")


def test_page_size_from_a_theme_is_checked_too(tmp_path, edition):
    theme = make_theme(tmp_path / "themes", "tiny", 'extends = "base"\n[page]\nsize = "10mmx10mm"\n', {})
    one_line_error(run_bounded("build", edition, "--to", "pdf", "--theme", theme, "-o", tmp_path / "out"),
                   "theme.toml", "out of range")


def test_joining_wrapped_lines_is_linear():
    """600,000 one-character lines: the hyphen test searched the whole joined text for each
    line (100 k lines of ingest took 4.9 s, 300 k 32 s); now it looks at a short tail.
    Run in a child with a generous bound: quadratic joining took minutes here."""
    code = ("from collections import Counter\nfrom exporter.ingest.repair import join_wrapped\n"
            "text, starts = join_wrapped(['字'] * 600_000, Counter())\nassert len(text) == 600_000\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("lines, text, dropped", [
    (["state-", "owned firms"], "state-owned firms", 0),
    (["vis-", "itors came"], "visitors came", 1),
    (["青川", "日报"], "青川日报", 0),
    (["Harbour", "Gazette"], "Harbour Gazette", 0),
    (["a" * 100 + "-", "tion"], "a" * 100 + "tion", 1),
    (["x", "", "-", "y"], "x - y", 0),
])
def test_joining_keeps_its_rules(lines, text, dropped):
    from collections import Counter

    counter: Counter[str] = Counter()
    joined, starts = join_wrapped(lines, counter)
    assert joined == text and counter["-"] == dropped
    assert starts[0] == 0 and len(starts) == len([line for line in lines if line])


def test_a_page_of_too_many_lines_is_refused(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("字\n" * (Limits().page_lines + 1), encoding="utf-8")
    one_line_error(run_bounded("ingest", page, "--publication", "P", "--date", "2026-11-20",
                               "-o", tmp_path / "e.json"), "page.txt", "50,001 lines on one page")


# --- item 9: remote images ---------------------------------------------------------------

@pytest.fixture
def trickle() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 that promises a PNG and sends one byte every 0.5 s;
    it gives up by itself after 120 bytes (a minute), so the test always ends."""
    body = png()
    stop = threading.Event()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body) + 200))
            self.end_headers()
            for byte in (body + b"\0" * 200)[:120]:
                if stop.wait(0.5):
                    return
                try:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                except OSError:
                    return

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/slow.png"
    stop.set()
    server.shutdown()
    server.server_close()


def test_a_trickling_server_is_cut_off_at_the_deadline(tmp_path, trickle):
    """Before, the build ran as long as the server kept sending (past 90 s, despite the
    documented 20 s). With the limit lowered to 3 s the download ends within it."""
    source = write(tmp_path / "src", BASE | {"articles": [ARTICLE | {"blocks": [{"type": "figure", "src": trickle}]}]})
    start = time.monotonic()
    result = run_bounded("build", source, "--allow-remote", "-o", tmp_path / "out", timeout=45,
                         env={"EXPORTER_LIMIT_REMOTE_SECONDS": "3", "TMPDIR": str(tmp_path)})
    one_line_error(result, "articles[0].blocks[0].src", "could not download", "within 3 s")
    assert time.monotonic() - start < 45


def test_downloads_are_removed_when_the_build_ends(tmp_path, loopback):
    url, _ = loopback
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    source = write(tmp_path / "src", BASE | {"articles": [ARTICLE | {"blocks": [{"type": "figure", "src": f"{url}/a.png"}]}]})
    result = run_bounded("build", source, "--allow-remote", "--to", "html,epub", "-o", tmp_path / "out",
                         env={"TMPDIR": str(scratch)})
    assert result.returncode == 0, result.stderr
    assert list(scratch.iterdir()) == []
    with zipfile.ZipFile(tmp_path / "out" / "edition.epub") as book:
        assert any(n.startswith("EPUB/images/") and n.endswith(".png") for n in book.namelist())
