"""The page decoder: Viterbi finds the best label sequence and the regrets it reports are
what the best sequence with a block so labelled loses; the shipped decoder matches the code
and explains the headlines it decided."""

from __future__ import annotations

import datetime as dt
import itertools
import random

from exporter.ingest import ingest_texts, sequence
from exporter.ingest.sequence import INPUTS, STATES, SequenceModel


def _random_model(rng: random.Random, states: tuple[str, ...], width: int) -> SequenceModel:
    return SequenceModel(states, tuple(f"f{i}" for i in range(width)), tuple(tuple(rng.uniform(-2, 2) for _ in range(width + 1)) for _ in states),
                         tuple(tuple(rng.uniform(-2, 2) for _ in states) for _ in states))


def _score(model: SequenceModel, vectors: list[list[float]], path: tuple[int, ...]) -> float:
    em = [model.emissions(v) for v in vectors]
    return sum(em[i][s] for i, s in enumerate(path)) + sum(
        model.transition[a][b] for a, b in zip(path, path[1:]))


def test_viterbi_and_regrets_agree_with_brute_force() -> None:
    rng = random.Random(7)
    for _ in range(20):
        model = _random_model(rng, ("a", "b", "c"), 3)
        vectors = [[rng.uniform(-1, 1) for _ in range(3)] for _ in range(rng.randint(1, 5))]
        paths = list(itertools.product(range(3), repeat=len(vectors)))
        scores = {p: _score(model, vectors, p) for p in paths}
        best = max(scores, key=scores.get)
        decoded = model.decode(vectors)
        assert tuple(model.states.index(d.label) for d in decoded) == best
        for i, d in enumerate(decoded):
            for j, state in enumerate(model.states):
                constrained = max(v for p, v in scores.items() if p[i] == j)
                assert abs(d.regret[state] - (scores[best] - constrained)) < 1e-5
            assert d.regret[d.label] == 0.0


def test_the_shipped_decoder_matches_this_code() -> None:
    model = sequence.shipped()
    assert model is not None, "sequence_model.json is missing or its features changed: run python -m benchmarks.ingest_train"
    assert model.features == INPUTS and model.states == STATES
    assert len(model.emissions([0.0] * len(INPUTS))) == len(STATES) == len(model.transition)


def test_report_says_which_labels_and_transitions_placed_a_headline() -> None:
    page = ("全市部署全年重点工作\n\n"
            "　　本报讯（记者 王芳）3月1日，市里召开会议，部署全年工作。会议要求各部门抓好落实。\n"
            "　　会议还就下一步工作作出安排。\n")
    result = ingest_texts([("page1.txt", page)], "青川日报", dt.date(2025, 3, 1))
    evidence = result.notes.evidence["p1-01"]
    assert result.edition.articles[0].headline == "全市部署全年重点工作"
    assert any("page decoder: " in e and ("→ headline" in e or "headline (first block)" in e) for e in evidence)


def test_an_editor_line_the_models_read_as_furniture_is_set_aside_not_made_an_article() -> None:
    """A short line both models read as no article's text (a label, an editor line) and that
    its neighbours do not restate is set aside; it used to become an unplaced article (or the
    kicker of the headline under it)."""
    page = ("城市书房延时至晚10时\n\n"
            "  本报讯（记者 王芳）记者昨日从市图书馆获悉，全市12家城市书房自下周一起延时开放至晚上10时，方便上班族下班后阅读。\n"
            "  市图书馆负责人介绍，延时期间书房将增配管理员，并开通自助借还服务。\n\n"
            "社区食堂推出“半份菜”\n\n"
            "  本报讯（记者 李明）为减少浪费，河西区8家社区食堂本月起推出“半份菜”，价格为整份的一半。\n"
            "  不少老人表示，半份菜让他们能多点几样菜，营养更均衡。\n\n"
            "图片编辑：邵飞\n")
    result = ingest_texts([("page1.txt", page)], "青川日报", dt.date(2025, 3, 1))
    assert [a.headline for a in result.edition.articles] == ["城市书房延时至晚10时", "社区食堂推出“半份菜”"]
    assert [(aside.text, aside.reason.split(":")[0]) for _, aside in result.furniture] == [
        ("图片编辑：邵飞", "learned furniture")]
