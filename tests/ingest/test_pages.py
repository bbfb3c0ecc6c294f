"""Whole pages written for these tests, one damage class (or none) at a time."""

from __future__ import annotations

import datetime as dt

from exporter.ingest import blocks, ingest_texts
from exporter.ingest.fields import DATELINE, NOTICE_TITLE
from exporter.model import Article, Figure, Heading, ListBlock, Paragraph


def _ingest(page: str) -> tuple[list[Article], list[str]]:
    result = ingest_texts([("page5.txt", page)], "江宁晚报", dt.date(2025, 3, 1))
    return result.edition.articles, result.notes.warnings


def _paras(article: Article) -> list[str]:
    return [b.text for b in article.blocks if isinstance(b, Paragraph)]


CLEAN_ZH = """\
江宁新建三座口袋公园

  本报讯 （江宁晚报记者 周安然）3月1日，河西区三座口袋公园同时开放。
  公园利用街角闲置地块建设，配有步道、座椅和儿童游乐设施。

春季植树活动启动

  今年春季，全市计划新增绿地120公顷，栽植乔木5万株。
  市园林局表示，将优先在老旧小区周边补种行道树。
"""


def test_clean_chinese_page_comes_out_unchanged() -> None:
    arts, warnings = _ingest(CLEAN_ZH)
    assert [a.headline for a in arts] == ["江宁新建三座口袋公园", "春季植树活动启动"]
    assert _paras(arts[0]) == ["3月1日，河西区三座口袋公园同时开放。", "公园利用街角闲置地块建设，配有步道、座椅和儿童游乐设施。"]
    assert (arts[0].dateline, arts[0].authors) == ("本报讯", ["周安然"])
    assert _paras(arts[1]) == ["今年春季，全市计划新增绿地120公顷，栽植乔木5万株。", "市园林局表示，将优先在老旧小区周边补种行道树。"]
    assert warnings == []


CLEAN_EN = """\
Harbour Ferry Adds Night Sailings

  The harbour ferry will run two extra sailings every evening from next week, the transport office said.
  Tickets cost the same as daytime fares.
"""


def test_clean_english_page_comes_out_unchanged() -> None:
    arts, warnings = _ingest(CLEAN_EN)
    assert len(arts) == 1 and arts[0].headline == "Harbour Ferry Adds Night Sailings"
    assert _paras(arts[0]) == [
        "The harbour ferry will run two extra sailings every evening from next week, the transport office said.",
        "Tickets cost the same as daytime fares.",
    ]
    assert warnings == []


WRAPPED_EN = """\
  Volunteers planted more than four hun-
dred trees along the
river on Saturday, the

parks department said. The vol-
unteers came from twelve schools.
  A second planting day is planned
for April.

Volunteers Plant Riverside Trees
"""


def test_english_wrap_hyphenation_and_column_break_with_headline_after() -> None:
    arts, _ = _ingest(WRAPPED_EN)
    assert len(arts) == 1 and arts[0].headline == "Volunteers Plant Riverside Trees"
    assert _paras(arts[0]) == [
        "Volunteers planted more than four hundred trees along the river on Saturday, the parks department said. "
        "The volunteers came from twelve schools.",
        "A second planting day is planned for April.",
    ]


DAMAGED_ZH = """\
  本报讯 （江宁晚报社记者 许嘉宁 唐
清远 通讯员 方立)2月28日，全市
首条智慧公交专线开通运营，沿线
设 置 电 子 站 牌 十 二 块 ，

乘客可实时查询到站时间。。
  据介绍，专线全长18.6公里。
  市交通局表示，将视客流情况

增加班次。

城城市市交交通通再再提提速速
暨暨智智慧慧公公交交专专线线开开通通
"""


def test_damaged_news_item_is_repaired() -> None:
    arts, _ = _ingest(DAMAGED_ZH)
    assert len(arts) == 1
    art = arts[0]
    assert art.headline == "城市交通再提速暨智慧公交专线开通"
    assert art.authors == ["许嘉宁", "唐清远", "方立"]
    assert art.byline == "江宁晚报社记者 许嘉宁 唐清远 通讯员 方立"
    assert _paras(art) == [
        "2月28日，全市首条智慧公交专线开通运营，沿线设置电子站牌十二块，乘客可实时查询到站时间。",
        "据介绍，专线全长18.6公里。",
        "市交通局表示，将视客流情况增加班次。",
    ]


GROUPS = """\
  本报讯 （江宁晚报记者 林一鸣）全市
春耕备耕工作全面展开。

保障粮食安全———

全市春耕备耕有序推进

——已落实种子化肥储备

老城区改造项目动工

  本报讯 （江宁晚报记者 高远）老城
区改造项目本月动工。（下转3版）

  图书馆周末延长开放时间，市民可
在线预约座位。
"""


def test_headline_groups_match_bodies_before_and_after() -> None:
    arts, warnings = _ingest(GROUPS)
    heads = [(a.kicker, a.headline, a.subheadline) for a in arts]
    assert heads == [
        ("保障粮食安全", "全市春耕备耕有序推进", "已落实种子化肥储备"),
        (None, "老城区改造项目动工", None),
        (None, "未归类", None),
    ]
    assert _paras(arts[2]) == ["图书馆周末延长开放时间，市民可在线预约座位。"]
    assert any("no headline" in w for w in warnings)


FEATURE = """\
老街里的新生活

——江宁老城更新见闻

  春日的老街，青石板路干净整洁。
几年前，这里还是一片破旧的平房。
□江宁晚报记者 孟夏 方远

  走进老街，首先看到的是修缮一新
的院落。

      旧旧院院落落换换新新颜颜

  居民刘大爷说，以前下雨天屋里漏
水，现在住得舒心多了。
  改造中保留了老街的门楼和古树。

  街区引进了十多家特色小店。
  店主小王说，周末客流翻了一番。

  老街还开设了社区食堂。
  每天中午，老人们在这里吃饭聊天。

小小店店带带火火老老街街

邻邻里里有有了了新新去去处处
"""


def test_feature_lead_byline_and_subheads() -> None:
    arts, warnings = _ingest(FEATURE)
    assert len(arts) == 1
    art = arts[0]
    assert (art.headline, art.subheadline, art.authors) == ("老街里的新生活", "江宁老城更新见闻", ["孟夏", "方远"])
    assert art.lead == ["春日的老街，青石板路干净整洁。几年前，这里还是一片破旧的平房。"]
    kinds = [(type(b).__name__, getattr(b, "text", "")[:4]) for b in art.blocks]
    assert kinds == [
        ("Paragraph", "走进老街"), ("Heading", "旧院落换"), ("Paragraph", "居民刘大"), ("Paragraph", "改造中保"),
        ("Heading", "小店带火"), ("Paragraph", "街区引进"), ("Paragraph", "店主小王"),
        ("Heading", "邻里有了"), ("Paragraph", "老街还开"), ("Paragraph", "每天中午"),
    ]
    assert warnings == []


PHOTOS = """\
              春春雨雨过过后后，，河河西西湿湿地地公公园园
    绿绿意意盎盎然然。。

樱花开了

   3月1日，市民在滨江公园赏樱拍
照。        江宁晚报记者 孙一 摄
"""


def test_standalone_caption_and_photo_story() -> None:
    arts, _ = _ingest(PHOTOS)
    assert [a.kind for a in arts] == ["photo", "photo"]
    caption = arts[0].blocks[0]
    assert isinstance(caption, Figure) and caption.caption == "春雨过后，河西湿地公园绿意盎然。" and not caption.credit
    story = arts[1]
    assert story.headline == "樱花开了" and story.authors == ["孙一"]
    assert story.blocks == [Figure(caption="3月1日，市民在滨江公园赏樱拍照。", credit="江宁晚报记者 孙一")]


NOTICE = """\
  为做好供水管网改造工作，现将停
水事项通告如下：
  停水时间
  3月5日8:00至20:00。
  1.请用户提前做好储水准备。
  2.恢复供水初期水质可能浑浊，
请放水片刻后使用。
  特此通告。
          江宁市自来水公司
            2025年3月1日

江宁市自来水公司
停水通告
"""


def test_notice_with_items_and_signature() -> None:
    arts, _ = _ingest(NOTICE)
    assert len(arts) == 1
    art = arts[0]
    assert (art.kind, art.headline) == ("notice", "江宁市自来水公司停水通告")
    assert art.notice is not None and (art.notice.issuer, art.notice.date) == ("江宁市自来水公司", "2025年3月1日")
    lists = [b for b in art.blocks if isinstance(b, ListBlock)]
    assert lists == [ListBlock(ordered=True, items=["1.请用户提前做好储水准备。", "2.恢复供水初期水质可能浑浊，请放水片刻后使用。"])]
    assert _paras(art)[-1] == "特此通告。"


JUMPS = """\
地铁二号线南延段开工

　 （上接1版）项目建成后将串联三个新
城片区。
  工程计划于2027年完工。（下转6版）
"""


def test_jump_lines_become_continuation_fields() -> None:
    arts, _ = _ingest(JUMPS)
    art = arts[0]
    assert (art.continued_from, art.continued_to) == ("1版", "6版")
    assert _paras(art) == ["项目建成后将串联三个新城片区。", "工程计划于2027年完工。"]


def test_displaced_subhead_without_a_gap_goes_to_the_end_of_the_intro() -> None:
    page = "走进山村\n\n  山村的清晨。\n□江宁晚报记者 孟夏\n\n  村口有棵老槐树。\n\n茶茶香香飘飘出出山山外外\n"
    arts, warnings = _ingest(page)
    assert [type(b) for b in arts[0].blocks] == [Heading, Paragraph]
    assert any("end of the intro" in w for w in warnings)


def test_a_centred_plain_headline_is_still_a_headline() -> None:
    page = "          江宁新建三座口袋公园\n\n  本报讯 （江宁晚报记者 周安然）河西区三座口袋公园开放。\n"
    arts, warnings = _ingest(page)
    assert [(a.headline, _paras(a)) for a in arts] == [("江宁新建三座口袋公园", ["河西区三座口袋公园开放。"])]
    assert warnings == []


TRADITIONAL = """\
青川市推動老街更新

——百年騎樓重現風貌

  本報訊 （青川日報記者 陳曉嵐 林
志遠 通訊員 王立）昨日，青川市
老街更新工程完成第一期，二十棟
騎樓修繕一新，沿街商家陸續開業。
  市府表示，第二期工程將於明年啟
動。（下轉3版）

青川市自來水公司
停水公告

  因管線汰換工程，現將停水事項公
告如下：
  1.停水時間：3月5日8時至20時。
  2.請用戶提前儲水。
  特此公告。
              青川市自來水公司
            中華民國114年3月1日

   春雨過後，河濱公園杜鵑花盛開，
市民駐足拍照。        青川日報記者 周安 攝

杜鵑花開滿河濱

青川市推動老街更新

   （上接1版）沿街騎樓的修繕保留
了原有的木構門窗。
"""


def test_traditional_chinese_page() -> None:
    arts, warnings = _ingest(TRADITIONAL)
    assert [(a.kind, a.headline) for a in arts] == [
        ("article", "青川市推動老街更新"), ("notice", "青川市自來水公司停水公告"), ("photo", "杜鵑花開滿河濱"),
        ("article", "青川市推動老街更新")]
    news, notice, photo, cont = arts
    assert (news.dateline, news.subheadline, news.continued_to) == ("本報訊", "百年騎樓重現風貌", "3版")
    assert news.authors == ["陳曉嵐", "林志遠", "王立"]
    assert news.byline == "青川日報記者 陳曉嵐 林志遠 通訊員 王立"
    assert _paras(news) == ["昨日，青川市老街更新工程完成第一期，二十棟騎樓修繕一新，沿街商家陸續開業。", "市府表示，第二期工程將於明年啟動。"]
    assert notice.notice is not None and (notice.notice.issuer, notice.notice.date) == ("青川市自來水公司", "中華民國114年3月1日")
    assert [b for b in notice.blocks if isinstance(b, ListBlock)] == [
        ListBlock(ordered=True, items=["1.停水時間：3月5日8時至20時。", "2.請用戶提前儲水。"])]
    assert photo.authors == ["周安"] and photo.blocks == [
        Figure(caption="春雨過後，河濱公園杜鵑花盛開，市民駐足拍照。", credit="青川日報記者 周安")]
    assert (cont.continued_from, _paras(cont)) == ("1版", ["沿街騎樓的修繕保留了原有的木構門窗。"])
    assert warnings == []
    assert all(NOTICE_TITLE.search(t) for t in ("尋人啟事", "鄭重聲明", "招生簡章公告", "遷移通告"))


def test_unplaced_title_follows_the_script_of_the_text():
    from exporter.ingest.articles import unplaced_title

    assert unplaced_title(["这是一段无法归类的文字，记者说。"]) == "未归类"
    assert unplaced_title(["這是一段無法歸類的文字，記者說。"]) == "未歸類"
    assert unplaced_title(["Some text that fits nowhere."]) == "Unplaced"


class _ReadsSubheads:
    """A stand-in block model that reads every block as a subhead more than as anything else."""

    def probabilities(self, vector: list[float]) -> dict[str, float]:
        return {label: 0.6 if label == "subhead" else 0.4 / (len(blocks.LABELS) - 1) for label in blocks.LABELS}

    def reasons(self, vector: list[float], label: str, k: int = 3) -> list[str]:
        return []


STORY = """\
港口集团一季度吞吐量创新高

  江城商报讯（记者 林晓 通讯员 周平）
今年一季度，港口集团完成货物吞吐量
1.2亿吨，同比增长12%。

◆ 新航线带来新货源

  集团负责人介绍，一季度新开通外贸航
线6条，其中4条通往东南亚。

城区新增公共充电桩两千个

  江城商报讯（记者 王敏）记者从市发改
委获悉，今年以来全市新增公共充电桩两
千个，覆盖所有街道。
"""


def test_a_line_the_model_reads_as_a_subhead_stays_in_a_story_that_opened_as_an_article() -> None:
    """No author box: a one-line display line between a body that opened with a dateline
    (any paper's 某某报讯) and one that did not is the story's subhead; a body that opens
    with a dateline starts its own article."""
    result = ingest_texts([("p.txt", STORY)], "x", dt.date(2025, 4, 2), model=_ReadsSubheads())
    arts = result.edition.articles
    assert [a.headline for a in arts] == ["港口集团一季度吞吐量创新高", "城区新增公共充电桩两千个"]
    assert [b.text for b in arts[0].blocks if isinstance(b, Heading)] == ["新航线带来新货源"]  # the bullet is dropped as a headline's is (session 19, text19para)


def test_any_papers_own_dateline_opens_an_article() -> None:
    """X报讯 followed by its byline bracket or a space is a dateline whatever the paper's name;
    the same glyphs running on into a sentence are not."""
    assert DATELINE.match("东南商报讯（记者 庞俊）归属于")["dl"] == "东南商报讯"
    assert DATELINE.match("江城晚報訊 記者王敏")["dl"] == "江城晚報訊"
    assert DATELINE.match("据晚报讯息显示") is None


def test_a_date_over_its_signer_signs_a_notice() -> None:
    """Some notices print the date over the signer (中華民國114年6月17日 / 局長 蔡明哲),
    both pushed right: the signer is the issuer."""
    page = "高雄市政府環境保護局公告\n\n  主旨：公告本市登革熱防治孳生源清除日程，請市民配合辦理。\n\n" \
           "                    中華民國114年6月17日\n                          局長 蔡明哲\n"
    arts, _ = _ingest(page)
    assert [a.kind for a in arts] == ["notice"]
    assert arts[0].notice is not None and (arts[0].notice.issuer, arts[0].notice.date) == ("局長 蔡明哲", "中華民國114年6月17日")


def test_a_caption_opening_with_a_title_gives_the_photo_its_headline() -> None:
    """图片新闻 print the photo's title at the head of its caption, set off by an
    ideographic space: 荷塘消夏　7月1日，……"""
    arts, _ = _ingest("荷塘消夏　7月1日，游客在东湖磨山荷园赏荷拍照。   记者 杜晓光 摄\n")
    assert [(a.kind, a.headline) for a in arts] == [("photo", "荷塘消夏")]
    figure = arts[0].blocks[0]
    assert isinstance(figure, Figure) and figure.caption == "7月1日，游客在东湖磨山荷园赏荷拍照。" and figure.credit == "记者 杜晓光"
