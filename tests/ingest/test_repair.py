"""Line-level repairs, one damage class at a time."""

from __future__ import annotations

from collections import Counter

import pytest

from exporter.ingest.fields import authors, opening, split_credit
from exporter.ingest.repair import collapse_punctuation, fix_brackets, join_wrapped, undouble, unspace


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("招招引引聚聚势势", "招引聚势"),
        ("5555万万吨吨", "55万吨"),
        ("““新新村村””来来了了。。", "“新村”来了。"),
        ("聚聚焦焦 发发展展", "聚焦 发展"),
        ("TThhee BBrriiddggee", "The Bridge"),
    ],
)
def test_fake_bold_lines_are_undoubled(line: str, expected: str) -> None:
    assert undouble(line) == expected


@pytest.mark.parametrize("line", ["高高兴兴", "大家高高兴兴地回家了。", "认认真真学习", "————", "。。", "Hello"])
def test_genuine_reduplication_is_not_fake_bold(line: str) -> None:
    assert undouble(line) is None


def test_letter_spacing_is_removed_only_from_runs_of_single_glyphs() -> None:
    assert unspace("进 一 步 提 振 消 费") == "进一步提振消费"
    assert unspace("完 成 主 体 施 工 ， 白 鹭") == "完成主体施工，白鹭"
    assert unspace("聚焦项目建设 激发发展动能") == "聚焦项目建设 激发发展动能"
    assert unspace("记者 张明 李华") == "记者 张明 李华"
    assert unspace("a b c d e") == "a b c d e"


def test_bracket_width_follows_the_han_text() -> None:
    assert fix_brackets("（记者 刘伟)5月") == "（记者 刘伟）5月"
    assert fix_brackets("刘伟)") == "刘伟）"
    assert fix_brackets("(以下简称《办法》)") == "(以下简称《办法》)"  # a matched pair is the author's
    assert fix_brackets("see (page 3)") == "see (page 3)"


def test_doubled_punctuation_collapses_but_dashes_and_ellipses_stay() -> None:
    dropped: Counter[str] = Counter()
    assert collapse_punctuation("好。。他说，，“走——走……”", dropped) == "好。他说，“走——走……”"
    assert dropped == Counter("。，")


def test_wrapped_lines_join_without_spaces_in_cjk_and_with_one_in_latin() -> None:
    dropped: Counter[str] = Counter()
    text, starts = join_wrapped(["  今年以来，我市坚持", "“项目为王”，投资", "186.4亿元。"], dropped)
    assert text == "今年以来，我市坚持“项目为王”，投资186.4亿元。"
    assert starts == [0, 9, 18]
    text, _ = join_wrapped(["  Foreign residents and vis-", "itors can now get", "help in English."], dropped)
    assert text == "Foreign residents and visitors can now get help in English."
    assert dropped == Counter("-")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["the vis-", "itors said"], "the visitors said"),
        (["a pro-", "posal to re-", "build the self-", "less work"], "a proposal to rebuild the selfless work"),
        (["a state-", "owned firm"], "a state-owned firm"),
        (["a well-", "known and long-", "term plan"], "a well-known and long-term plan"),
        (["a Porthaven-", "based charity"], "a Porthaven-based charity"),
        (["a five-", "year-old boy, 54-", "year-old man"], "a five-year-old boy, 54-year-old man"),
        (["a two-", "day visit on Sun-", "day"], "a two-day visit on Sunday"),
        (["the Anglo-", "Saxon era in mid-", "November"], "the Anglo-Saxon era in mid-November"),
        (["a self-", "driving bus and a cross-", "ing"], "a self-driving bus and a crossing"),
        (["from 2019-", "2024 and LONDON (Reuters) -", "The"], "from 2019-2024 and LONDON (Reuters) - The"),
    ],
)
def test_line_final_hyphen_is_dropped_only_inside_a_word(lines: list[str], expected: str) -> None:
    dropped: Counter[str] = Counter()
    text, _ = join_wrapped(lines, dropped)
    assert text == expected
    assert dropped["-"] == sum(line.count("-") for line in lines) - expected.count("-")


def test_full_width_punctuation_is_never_normalised() -> None:
    text, _ = join_wrapped(["　　全角，标点：“引号”！", "１２３"], Counter())
    assert text == "全角，标点：“引号”！１２３"


def test_byline_names_split_or_merged_by_a_wrap() -> None:
    byline = "江宁日报记者 许嘉宁唐清远 通讯员 方立"
    at = byline.index("唐")
    text, names = authors(byline, [at])
    assert names == ["许嘉宁", "唐清远", "方立"]
    assert text == "江宁日报记者 许嘉宁 唐清远 通讯员 方立"
    text, names = authors("江宁日报记者 陈晓山", [len("江宁日报记者 陈")])
    assert names == ["陈晓山"]


def test_dateline_and_bracketed_byline() -> None:
    text = "本报讯 （江宁日报记者 陈晓山） 5月7日，会议召开。"
    o = opening(text)
    assert (o.dateline, o.byline, text[o.rest:]) == ("本报讯", "江宁日报记者 陈晓山", "5月7日，会议召开。")
    assert opening("新华社北京5月7日电（记者 王明）正文").dateline == "新华社北京5月7日电"
    assert opening("本报记者近日从市电力公司获悉").dateline is None


def test_photo_credit_split_from_caption() -> None:
    assert split_credit("增至146种。        江宁日报记者 邵一 摄") == ("增至146种。", "江宁日报记者 邵一")
    assert split_credit("市民用手机拍摄") is None
