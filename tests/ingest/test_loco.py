"""Leave one corpus out (`python -m benchmarks.ingest_loco`): a corpus is scored with models
trained without any of its pages, and the shipped model files are left as they were."""

from __future__ import annotations

import pytest

from benchmarks.ingest_families import score_page
from benchmarks.ingest_loco import UNITS, run, unit_pages
from benchmarks.ingest_train import PDF_CORPORA, SHIPPED, SHIPPED_SEQUENCE, TEXT_CORPORA, all_pages, dataset, read_page


@pytest.mark.slow
@pytest.mark.xdist_group("ingest-retrain")  # one worker reads the training pages once for both retrains
def test_a_corpus_held_out_is_scored_with_models_trained_without_its_pages() -> None:
    pytest.importorskip("sklearn")
    pytest.importorskip("pycrfsuite")
    shipped = (SHIPPED.read_bytes(), SHIPPED_SEQUENCE.read_bytes())
    pages = unit_pages("ingest-corpus")  # the three original pages
    report = run(["ingest-corpus"], {}, jobs=1)
    unit = report["units"]["ingest-corpus"]
    held_blocks = sum(len(pg.pieces) for path in pages for pg in read_page(path))
    assert len(pages) == 3 and held_blocks > 0
    assert unit["model"]["pages"] == len(all_pages()) - 3
    assert unit["model"]["blocks"] == len(dataset(all_pages())[1]) - held_blocks
    assert unit["weights"] == "shipped"  # nothing refitted
    assert [unit["pages"][p.name]["in-sample"] for p in pages] == [score_page(p) for p in pages]
    assert unit["text held out"]["pages"] == 3 and unit["PDF held out"]["pages"] == 0
    assert all(0 <= s["held out"]["segmented"] <= s["held out"]["articles"] for s in unit["pages"].values())
    assert (SHIPPED.read_bytes(), SHIPPED_SEQUENCE.read_bytes()) == shipped


def test_every_training_corpus_is_a_unit_held_out() -> None:
    """A blind corpus that joins training (session 16: blind11, session 17: blind12, session 18:
    blind13, session 19: blind14) is held out in its turn: the units are read from
    `ingest_train`'s lists, not written out again; the corpora still held out from everything
    (blind15, blind16) are never units."""
    held = {folder for folders in UNITS.values() for folder in folders}
    assert set(TEXT_CORPORA) | set(PDF_CORPORA) <= held
    assert {"ingest-blind11", "ingest-blind12", "ingest-blind13", "ingest-blind14"} <= set(UNITS)
    assert not any(u in UNITS for u in ("ingest-blind15", "ingest-blind16"))
