"""Property tests for the ingest: random bytes in a page file and random page text never
give anything but a valid edition or a clean InputError."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exporter.errors import InputError
from exporter.ingest import ingest
from exporter.ingest.api import ingest_texts
from exporter.model import Edition

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DATE = dt.date(2026, 11, 20)
# Page-like text: Han, full-width punctuation, digits, Latin, spaces, form feeds and line breaks.
page_chars = st.sampled_from(list("青川日报港口建设本报讯记者（）。，：“”1234 \n\n\n\x0c\tABCabc-—…·"))
page_text = st.lists(page_chars, max_size=400).map("".join) | st.text(max_size=300)


def clean(run) -> None:  # type: ignore[no-untyped-def]
    """The call gives a valid edition or an InputError with located, non-empty problems."""
    try:
        result = run()
    except InputError as exc:
        assert exc.problems and all(str(p).strip() for p in exc.problems)
        return
    Edition.model_validate(result.edition.model_dump())


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_in_a_page_file(data):
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page1.txt"
        page.write_bytes(data)
        clean(lambda: ingest([page], "青川日报", DATE))


@FUZZ
@given(st.lists(page_text, min_size=1, max_size=3))
def test_random_page_text(pages):
    clean(lambda: ingest_texts([(f"page{i}.txt", t) for i, t in enumerate(pages, 1)], "青川日报", DATE))
