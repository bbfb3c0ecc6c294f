"""Property tests: random bytes, random JSON and random Markdown never give anything but
a loaded edition or a clean InputError (never another exception)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporter import load
from exporter.errors import InputError

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=20,
)
article = st.fixed_dictionaries({}, optional={
    "kind": st.sampled_from(["article", "photo", "notice", "poem", 3]),
    "headline": st.text(max_size=20) | st.none(),
    "id": st.text(max_size=8),
    "blocks": st.lists(st.fixed_dictionaries({"type": st.sampled_from(["paragraph", "figure", "list", "x"])},
                                             optional={"text": st.text(max_size=20), "src": st.text(max_size=10),
                                                       "items": st.lists(st.text(max_size=5), max_size=3)}), max_size=3),
    "authors": st.lists(st.text(max_size=5), max_size=2) | st.text(max_size=5),
})
editions = st.fixed_dictionaries(
    {"title": st.text(max_size=10), "date": st.sampled_from(["2026-11-20", "2026-02-30", "yesterday", 5])},
    optional={"language": st.sampled_from(["zh-CN", "en", "xx-!!", ""]), "articles": st.lists(article, max_size=4)},
)


def outcome(path: Path) -> str:
    try:
        load(path)
        return "ok"
    except InputError as exc:
        assert exc.problems and all(str(p).strip() for p in exc.problems)
        return "error"


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "e.json"
        path.write_bytes(data)
        assert outcome(path) == "error"


@FUZZ
@given(json_values | editions)
def test_random_json(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "e.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        outcome(path)


@FUZZ
@given(st.text(max_size=200), st.text(max_size=60))
def test_random_markdown_article(body, front):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "edition.toml").write_text('title = "x"\ndate = 2026-11-20\n', encoding="utf-8")
        (folder / "a.md").write_text(f"---\n{front}\n---\n{body}", encoding="utf-8", errors="surrogatepass")
        outcome(folder)
