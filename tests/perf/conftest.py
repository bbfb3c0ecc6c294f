"""A small volume of three editions (tests/samples.py): several PDF chunks, laid out in seconds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.samples import write_volume


@pytest.fixture
def volume_source(tmp_path: Path) -> Path:
    return write_volume(tmp_path / "volume")
