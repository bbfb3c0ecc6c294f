"""Text pages of papers the rules were not shaped on (session 13): a column label printed
on its headline's line, in plain type before the fake-bold headline. The lines are from the
development corpora (ingest-blind8 screen-e1, ingest-blind7 travel-t4, ingest-blind6 exam-e5)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from exporter.ingest import ingest_texts
from exporter.ingest.layout import SHIPPED, Head, lay_out_page, read_lines

DAY = dt.date(2026, 12, 4)


def _articles(page: str) -> list:
    return ingest_texts([("page1.txt", page)], "維港晨報", DAY).edition.articles


def test_a_label_then_a_doubled_headline_on_one_line_is_two_heads() -> None:
    dropped: Counter[str] = Counter()
    lines = read_lines("亲子游  博博物物馆馆奇奇妙妙夜夜1122月月开开放放预预约约\n", dropped, SHIPPED)
    assert [(line.no, line.text, line.bold) for line in lines if line] == [
        (1, "亲子游", False), (1, "博物馆奇妙夜12月开放预约", True)]
    assert dropped == Counter("博物馆奇妙夜12月开放预约")  # the second copies


def test_a_label_and_its_headline_run_into_the_page_top_and_the_story() -> None:
    page = ("娛樂 E1\nENTERTAINMENT\n收視報告  《《海海港港人人家家》》大大結結局局破破三三十十點點\n"
            "　　（娛樂組報道）翡翠\n台長篇劇《海港人家》前\n晚播出大結局，平均收視\n\n"
            "31.4點，最高收視35點，\n是台方近三年來最高收視\n的電視劇。\n")
    heads = [p for p in lay_out_page("e1.txt", page).pieces if isinstance(p, Head)]
    assert [" ".join(line.text for line in h.lines) for h in heads][-2:] == ["收視報告", "《海港人家》大結局破三十點"]
    art = _articles(page)[-1]
    assert art.headline == "《海港人家》大結局破三十點"
    assert "".join(art.lead + [b.text for b in art.blocks if b.type == "paragraph"]).startswith("（娛樂組報道）翡翠台")


def test_a_label_in_front_of_running_text_or_a_doubled_lead_in_is_no_headline() -> None:
    dropped: Counter[str] = Counter()
    text = ("城市足球联赛  本周六晚在东湖体育中心举行。\n"  # the rest is plain
            "遗遗失失声声明明　东江市鑫达贸易有限公司遗失公章一枚\n"  # a notice's doubled lead-in
            "一项调查显示，  高高兴兴的孩子更爱读书。\n")  # a sentence, not a label
    lines = [line for line in read_lines(text, dropped, SHIPPED) if line]
    assert [line.text for line in lines if not line.leadin][0] == "城市足球联赛  本周六晚在东湖体育中心举行。"
    assert not any(line.bold and not line.leadin for line in lines)
