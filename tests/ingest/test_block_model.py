"""The shipped block classifier (and page decoder): it is what the training script rebuilds from the corpora,
it reproduces its stated training accuracy in plain Python, and it explains its decisions."""

from __future__ import annotations

import pytest

from benchmarks.ingest_train import SHIPPED, SHIPPED_SEQUENCE, all_pages, dataset, train, train_sequence
from exporter.ingest import sequence
from exporter.ingest.blocks import FEATURES, LABELS, BlockModel, shipped


def test_the_shipped_model_matches_this_code() -> None:
    model = shipped()
    assert model is not None, "block_model.json is missing or its features changed: run python -m benchmarks.ingest_train"
    assert model.features == FEATURES and model.labels == LABELS


@pytest.mark.slow
@pytest.mark.xdist_group("ingest-retrain")  # one worker reads the training pages once for both retrains
def test_the_shipped_model_reproduces_its_accuracy_and_a_retrain() -> None:
    model = shipped()
    xs, ys = dataset(all_pages())
    assert len(ys) == model.trained_on
    right = sum(max(model.probabilities(v).items(), key=lambda t: t[1])[0] == y for v, y in zip(xs, ys))
    assert round(right / len(ys), 4) == model.accuracy
    pytest.importorskip("sklearn")
    fresh = train(all_pages())
    assert fresh.to_json() == SHIPPED.read_text(encoding="utf-8") or _close(fresh, model)
    pytest.importorskip("pycrfsuite")
    decoder = train_sequence(all_pages())  # the page decoder too (python -m benchmarks.ingest_train --check)
    shipped_decoder = sequence.shipped()
    assert decoder.to_json() == SHIPPED_SEQUENCE.read_text(encoding="utf-8") or (
        decoder.accuracy == shipped_decoder.accuracy and all(
            abs(x - y) <= 1e-4 * max(1.0, abs(y)) for a, b in zip(decoder.emission + decoder.transition,
                                                                 shipped_decoder.emission + shipped_decoder.transition)
            for x, y in zip(a, b)))


def _close(a: BlockModel, b: BlockModel) -> bool:
    """Equal up to the last digits a different BLAS may change."""
    pairs = zip([*a.mean, *a.scale, *a.intercept, *(c for r in a.coef for c in r)],
                [*b.mean, *b.scale, *b.intercept, *(c for r in b.coef for c in r)])
    return a.accuracy == b.accuracy and all(abs(x - y) <= 1e-4 * max(1.0, abs(y)) for x, y in pairs)


def test_reasons_name_the_features_that_pushed_a_decision() -> None:
    model = shipped()
    vector = [0.0] * len(FEATURES)
    probs = model.probabilities(vector)
    assert abs(sum(probs.values()) - 1.0) < 1e-9
    top = max(probs, key=probs.get)
    assert all(name in FEATURES for name in model.reasons(vector, top))
