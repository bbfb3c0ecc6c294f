"""The edition model: contract field names, validation, normalisation, ids, sections."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from exporter.model import Edition, Figure, ListBlock, Paragraph, json_schema, slug_of

BASE = {"title": "青川日报", "date": "2026-11-20", "language": "zh-CN"}


def edition(**kw):
    return Edition.model_validate(BASE | kw)


def test_every_contract_field_is_accepted():
    e = edition(
        edition="第1期", sections=["要闻"],
        articles=[{
            "id": "lead-story", "kind": "article", "section": "要闻", "page": 1,
            "kicker": "引题", "headline": "主题", "subheadline": "副题", "dateline": "本报讯",
            "byline": "（记者 张三）", "authors": ["张三"], "lead": ["导语。"],
            "blocks": [
                {"type": "paragraph", "text": "正文。"},
                {"type": "heading", "text": "小标题"},
                {"type": "figure", "src": None, "alt": "图", "caption": "说明。", "credit": "记者 张三"},
                {"type": "list", "ordered": True, "items": ["一", "二"]},
                {"type": "quote", "text": "引语。"},
            ],
            "notice": {"issuer": "某单位", "date": "2026年11月19日"},
            "continued_from": "1版", "continued_to": "3版", "summary": "摘要",
        }],
    )
    art = e.articles[0]
    assert art.kicker == "引题" and art.subheadline == "副题" and art.notice.issuer == "某单位"
    assert [type(b).__name__ for b in art.blocks] == ["Paragraph", "Heading", "Figure", "ListBlock", "Quote"]
    schema_props = json_schema()["$defs"]["Article"]["properties"]
    for name in ("id", "kind", "section", "page", "kicker", "headline", "subheadline", "dateline", "byline",
                 "authors", "lead", "blocks", "notice", "continued_from", "continued_to", "summary"):
        assert name in schema_props


def test_chinese_text_loses_stray_spaces_but_keeps_punctuation_and_latin_spacing():
    e = edition(articles=[{"headline": "标题", "blocks": [
        {"type": "paragraph", "text": "　　青川港 新码头\n投产，年吞吐 能力“提升”三成。Use the 5G network here."}]}])
    assert e.articles[0].blocks[0].text == "青川港新码头投产，年吞吐能力“提升”三成。Use the 5G network here."


def test_headline_keeps_deliberate_phrase_space_but_joins_wrapped_lines():
    e = edition(articles=[{"headline": "奋进新征程 建功\n新时代"}])
    assert e.articles[0].headline == "奋进新征程 建功新时代"


@pytest.mark.parametrize("kind", ["article", "notice"])
def test_article_and_notice_need_a_headline(kind):
    with pytest.raises(ValidationError, match="needs a headline"):
        edition(articles=[{"kind": kind, "headline": "  "}])


def test_photo_may_have_no_headline_and_gets_a_title_from_its_caption():
    e = edition(articles=[{"kind": "photo", "blocks": [{"type": "figure", "caption": "晨光中的青川大桥。"}]}])
    assert e.articles[0].title == "晨光中的青川大桥"  # its first sentence, as a title: no stop


@pytest.mark.parametrize("caption, title", [
    # the opening date goes, then the first sentence if it fits a contents line (24 em)
    ("11月18日，青川市第一实验小学开展冬季消防安全演练。警报响起后，全校1600余名师生撤离。", "青川市第一实验小学开展冬季消防安全演练"),
    # else its first clauses
    ("11月19日傍晚，即将通车的青川江大桥亮起景观灯，168米高的两座主塔倒映在江面上。", "即将通车的青川江大桥亮起景观灯"),
    ("More than 90 volunteers, including pupils from Porthaven Primary School, collected 310 kg of litter.",
     "More than 90 volunteers"),
    # a first clause longer than a line is cut between words, never inside one
    ("The Porthaven lifeboat is winched back up the slipway after a training launch on Sunday.",
     "The Porthaven lifeboat is winched back up…"),
    # ... and never ends on a function word (an article, a preposition, a conjunction)
    ("Crews from three stations and the coastguard searched for the missing kayaker off the headland at dawn.",
     "Crews from three stations and the coastguard…"),
])
def test_a_caption_title_is_a_line_never_cut_inside_a_word(caption, title):
    e = edition(articles=[{"kind": "photo", "blocks": [{"type": "figure", "caption": caption}]}])
    assert e.articles[0].title == title


def test_figure_needs_src_or_caption():
    with pytest.raises(ValidationError, match="src, a caption"):
        edition(articles=[{"kind": "photo", "blocks": [{"type": "figure", "alt": "x"}]}])


@pytest.mark.parametrize("bad, message", [
    ({"articles": [{"kind": "video", "headline": "x"}]}, "kind"),
    ({"articles": [{"headline": "x", "blocks": [{"type": "table"}]}]}, "table"),
    ({"date": "2026-02-30"}, "date"),
    ({"language": "not a tag"}, "BCP 47"),
    ({"articles": [{"id": "a", "headline": "x"}, {"id": "a", "headline": "y"}]}, "duplicate article id"),
    ({"articles": [{"headline": "x", "blocks": [{"type": "list", "items": []}]}]}, "items"),
])
def test_invalid_input_is_rejected(bad, message):
    with pytest.raises(ValidationError, match=message):
        edition(**bad)


def test_generated_ids_are_unique_stable_and_safe():
    arts = [{"headline": "Harbour opens"}, {"headline": "Harbour opens"}, {"headline": "港口开放"}]
    ids1 = [a.id for a in edition(articles=arts).articles]
    ids2 = [a.id for a in edition(articles=arts).articles]
    assert ids1 == ids2
    assert ids1[0] == "harbour-opens" and ids1[1] == "harbour-opens-2"
    assert ids1[2].startswith("a-") and ids1[2].isascii()


def test_slug_is_xml_safe_even_for_ids_starting_with_a_digit_or_in_chinese():
    e = edition(articles=[{"id": "01-lead", "headline": "x"}, {"id": "头条", "headline": "y"}])
    slugs = [slug_of(a) for a in e.articles]
    assert all(s[0].isalpha() and s.isascii() for s in slugs)
    assert len(set(slugs)) == 2


def test_sections_follow_the_declared_order_then_first_appearance():
    e = edition(sections=["经济", "要闻"], articles=[
        {"headline": "a", "section": "要闻"}, {"headline": "b", "section": "文化"},
        {"headline": "c", "section": "经济"}, {"headline": "d", "section": "要闻"},
    ])
    assert [(s.name, [a.headline for a in s.articles]) for s in e.sections_in_order()] == [
        ("经济", ["c"]), ("要闻", ["a", "d"]), ("文化", ["b"]),
    ]


def test_unknown_fields_are_kept_not_dropped():
    e = edition(articles=[{"headline": "x", "photographer": "张三"}])
    assert e.articles[0].model_extra == {"photographer": "张三"}


def test_language_tag_is_normalised():
    assert edition(language="zh-cn").language == "zh-CN"
    assert edition(language="en-gb").language == "en-GB"


def test_texts_walks_every_visible_string():
    e = edition(articles=[{"headline": "h", "lead": ["l"], "blocks": [
        {"type": "paragraph", "text": "p"}, {"type": "list", "items": ["i"]},
        {"type": "figure", "caption": "c", "credit": "cr"}], "notice": {"issuer": "is", "date": "d"}}])
    assert list(e.articles[0].texts) == ["h", "l", "p", "i", "c", "cr", "is", "d"]
    assert isinstance(e.articles[0].blocks[0], Paragraph)
    assert isinstance(e.articles[0].blocks[1], ListBlock) and isinstance(e.articles[0].blocks[2], Figure)
