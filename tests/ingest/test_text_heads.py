"""Head groups, notices and the stories they separate on text pages (session 12): a whole
line letter-spaced is display type, a notice's title and its signature end and start
notices that run on with no blank line. The lines are from the development corpora
(ingest-blind3 notices-a18, ingest-blind6 courts-f3, ingest-blind4 literary-p8)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from exporter.ingest import ingest_texts
from exporter.ingest.frames import unframe
from exporter.ingest.layout import Head, Para, Signature, lay_out_page, visible
from exporter.ingest.repair import spaced_line

DAY = dt.date(2025, 4, 17)
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _articles(page: str) -> list:
    result = ingest_texts([("page1.txt", page)], "珠岸都市报", DAY)
    return result.edition.articles


def test_a_whole_line_of_spaced_glyphs_is_display_type() -> None:
    assert spaced_line("酒 驾 撞 上 护 栏 驾 驶 人 被 判 拘 役") == "酒驾撞上护栏驾驶人被判拘役"
    assert spaced_line("开   庭   公   告") == "开庭公告"
    assert spaced_line("健  康  快  讯") == "健康快讯"
    # the narrowest gaps are the letter-spacing; a wider one is a phrase space and stays
    assert spaced_line("冬 季 施 工 不 停 步  建 设 质 量 不 放 松") == "冬季施工不停步  建设质量不放松"
    assert spaced_line("“ 非 遗 进 校 园 ” 走 进 溪 口 中 学") == "“非遗进校园”走进溪口中学"


def test_running_text_spaced_out_and_short_names_are_not_display_type() -> None:
    assert spaced_line("帮 助 缺 劳 力 的 农 户 耕 种 。") is None  # a sentence keeps its stop
    assert spaced_line("道 路 段 應 減 速 慢 行 ， 避 免 輪 胎 打") is None
    assert spaced_line("萧 然") is None  # a name spaced out: too short to tell
    assert spaced_line("记者 张明 李华") is None  # words, not single glyphs
    assert spaced_line("a b c d e") is None


def test_a_letter_spaced_headline_run_into_its_story_heads_it() -> None:
    """courts-f3: the second story's headline is letter-spaced and printed with no blank
    line over its text; it was read as part of the first story."""
    arts = _articles(COURTS)
    assert [a.headline for a in arts] == ["网购“代拍”定金被骗 法院判令退还", "酒驾撞上护栏驾驶人被判拘役"]
    assert arts[1].blocks[0].text.startswith("今年8月的一天深夜")


COURTS = ("网网购购““代代拍拍””定定金金被被骗骗 法法院院判判令令退退还还\n\n"
          "  本报讯（记者顾铮 通讯员邵萌）\n"
          "市民陈某在二手平台上看中一款限量\n球鞋，卖家张某称可以“代拍”。\n"
          "  承办法官钟晓岚提醒，网购时应通\n过平台担保交易，不要轻信私下转\n账。\n\n"
          "酒 驾 撞 上 护 栏 驾 驶 人 被 判 拘 役\n"
          "  今年8月的一天深夜，王某酒后驾\n驶小型轿车行至滨海大道时撞上道路\n护栏。\n"
          "  海平市港北区人民法院以危险驾驶\n罪判处王某拘役三个月。\n"
          "（法治报记者 姚晴）\n")


NOTICES = ("遗失声明\n"
           "广州市越华区晴川餐饮店遗失营业执照正\n"
           "本，统一社会信用代码：\n"
           "92440104MA5XXXXX1K，声明作废。广州市\n"
           "越华区晴川餐饮店 2025年4月17日\n"
           "\n"
           "\n"
           "减资公告\n"
           "  珠岸鸿图建材有限公司（统一社会信用\n"
           "代码：91440101MA9XXXXX3R）经股东会决\n"
           "议，注册资本由人民币1000万元减少至人\n"
           "民币200万元。请债权人自本公告见报之\n"
           "日起45日内向本公司申报债权，要求清偿\n"
           "债务或者提供相应担保。\n"
           "联系人：何先生 电话：020-8765 4321\n"
           "                              珠岸鸿图建材有限公司\n"
           "                                   2025年4月17日\n"
           "\n"
           "\n"
           "拍 卖 公 告\n"
           "  受委托，我司定于2025年4月28日上午\n"
           "10时在本公司拍卖厅（珠岸大道中99号12\n"
           "楼）公开拍卖下列标的：\n"
           "  1.越华区东湖路18号首层商铺，建筑面\n"
           "    积86.5平方米，参考价人民币320万元；\n"
           "  2.二手小型普通客车3辆（车况以现场\n"
           "    为准），参考价合计人民币18万元。\n"
           "  标的展示时间：4月24日至25日。有意\n"
           "竞买者请于4月27日17时前携有效证件到\n"
           "本公司办理竞买登记手续，并交纳竞买保\n"
           "证金。\n"
           "  报名地址：珠岸大道中99号12楼 电话：\n"
           "020-3722 0099\n"
           "                    珠岸恒信拍卖有限公司  2025年4月17日\n"
           "\n"
           "珠岸市第三人民医院医用耗材采购项目\n"
           "招标公告\n"
           "项目编号：ZAZB-2025-0416\n"
           "采购内容：一次性医用耗材（共6个包组），\n"
           "预算金额：人民币485万元。\n"
           "投标人资格要求：具有独立承担民事责任\n"
           "的能力，具备有效的医疗器械经营许可证\n"
           "或备案凭证。\n"
           "获取招标文件时间：2025年4月18日至4月\n"
           "24日（法定节假日除外），每天9:00—\n"
           "12:00、14:30—17:00。\n"
           "投标截止时间：2025年5月9日9时30分。\n"
           "联系人：吴女士 联系电话：020-8601 \n"
           "2233\n"
           "                              采购人：珠岸市第三人民医院\n"
           "                              2025年4月17日\n")


def test_a_notice_title_after_an_unfinished_line_is_not_run_into_it() -> None:
    """notices-a18: the notice above ends in its issuer and date with no stop; the next
    notice's title is not the text's continuation across a column."""
    pieces = lay_out_page("a18.txt", NOTICES).pieces
    heads = [p.raw for p in pieces if isinstance(p, Head)]
    assert heads[:2] == ["遗失声明", "减资公告"]
    assert not any("减资公告" in p.raw for p in pieces if isinstance(p, Para))


def test_a_signature_set_right_ends_a_notice_the_next_one_runs_on_under() -> None:
    pieces = lay_out_page("a18.txt", NOTICES).pieces
    signed = [p for p in pieces if isinstance(p, Signature)]
    assert [(s.issuer, s.date) for s in signed][1] == ("珠岸恒信拍卖有限公司", "2025年4月17日")
    titles = [p.raw for p in pieces if isinstance(p, Head)]
    assert "珠岸市第三人民医院医用耗材采购项目招标公告" in titles
    arts = _articles(NOTICES)
    assert [a.headline for a in arts] == ["遗失声明", "减资公告", "拍卖公告", "珠岸市第三人民医院医用耗材采购项目招标公告"]
    assert arts[2].notice is not None and arts[2].notice.issuer == "珠岸恒信拍卖有限公司"


def test_a_date_over_its_signer_stays_one_signature() -> None:
    page = ("高雄市政府環境保護局公告\n\n  主旨：公告本市登革熱防治孳生源清除日程，請市民配合辦理。\n"
            "                    中華民國114年6月17日\n                          局長 蔡明哲\n")
    arts = _articles(page)
    assert [a.kind for a in arts] == ["notice"]
    assert arts[0].notice.issuer == "局長 蔡明哲"


def test_nothing_is_lost() -> None:
    for page in (NOTICES, COURTS, INTERVIEW, FARM):
        result = ingest_texts([("page1.txt", page)], "珠岸都市报", DAY)
        kept = Counter(c for a in result.edition.articles for text in a.texts for c in visible(text).elements())
        kept.update(visible("".join(item.text for _, item in result.furniture)))
        assert visible(page) - kept - result.dropped == Counter()


INTERVIEW = ("““馆馆里里的的每每件件文文物物都都会会说说话话””\n"
             "对话城西博物馆馆长范一鸣\n"
             "■本报记者 温言 实习生 乔木\n\n"
             "问问：：博博物物馆馆去去年年\n"
             "接接待待观观众众多多少少人人\n"
             "次次？？\n"
             "答：全年接待观众82万人次，比\n"
             "前年增长了近一倍，其中青少年\n"
             "观众占四成。\n"
             "问问：：今今年年有有什什么么\n"
             "新新计计划划？？\n"
             "答：我们准备把库房里的3000多\n"
             "件藏品做数字化，让观众在网上\n"
             "也能“看”到它们。\n")


def test_an_interview_s_bold_questions_are_its_text_not_heads() -> None:
    """interview-2 (ingest-blind2): questions in fake bold, each answered by 答：, are turns
    of one interview; the author box run on under the head group is its byline."""
    pieces = lay_out_page("interview-2.txt", INTERVIEW).pieces
    assert [p.raw for p in pieces if isinstance(p, Head)][0] == "“馆里的每件文物都会说话”对话城西博物馆馆长范一鸣"
    arts = _articles(INTERVIEW)
    assert len(arts) == 1
    assert arts[0].authors == ["温言", "乔木"]
    assert [b.text for b in arts[0].blocks][:2] == ["问：博物馆去年接待观众多少人次？", "答：全年接待观众82万人次，比前年增长了近一倍，其中青少年观众占四成。"]


def test_a_bold_headline_with_a_colon_is_still_a_headline() -> None:
    """A headline in bold with a colon (石门区：夜间经济…) over a story is no interview turn:
    no other speaker answers it."""
    page = ("石石门门区区：：夜夜间间经经济济街街区区惠惠及及88户户\n\n  本报讯（记者 王芳）石门区夜间经济街区\n开街以来，周边8户商户受益。\n")
    assert [a.headline for a in _articles(page)] == ["石门区：夜间经济街区惠及8户"]


FARM = ("柑柑橘橘春春梢梢期期管管理理要要点点\n\n"
        "  春梢是柑橘当年的主要结果母枝，春\n"
        "梢期管理好坏直接影响全年产量。\n\n"
        "┏━━━━━━━━━━━━━┓\n"
        "近 期 农 业 气 象\n"
        "  预计3月15日至20日，我县以多云\n"
        "到阴天为主，有分散性小雨，日平均\n"
        "气温14℃至18℃，18日前后有一次弱冷\n"
        "空气过程。\n"
        "  建议：早稻集中育秧的要选择冷尾\n"
        "暖头抢晴播种；已播种的秧田要注意\n"
        "防寒保温。\n"
        "                    县气象局供稿\n"
        "┗━━━━━━━━━━━━━┛\n\n"
        "  本报讯 春季气温变化大，是非洲\n"
        "猪瘟等疫病的高发期。县畜牧兽医站\n"
        "提醒养殖户：发现生猪异常死亡要立\n"
        "即报告，不得随意丢弃。\n"
        "生生猪猪养养殖殖户户注注意意防防范范非非洲洲猪猪瘟瘟\n")


def test_a_drawn_box_is_taken_out_and_marks_its_lines() -> None:
    framed = unframe("┌─店家資訊─┐\n│店名：阿珠米糕\n│電話：(06)652-1234\n└────────┘\n\n正文。\n")
    assert framed.text.split("\n")[:4] == ["  店家資訊  ", "  店名：阿珠米糕", "  電話：(06)652-1234", ""]
    assert framed.boxes == {1: 1, 2: 1, 3: 1}
    assert framed.dropped["│"] == 2 and framed.dropped["─"] == 10
    assert unframe("┌──┐ 没有底边\n正文。\n").boxes == {}  # a top without a bottom marks no box


def test_a_top_border_never_closed_takes_no_bars_from_the_lines_after_it() -> None:
    """Bars go only between a top and its bottom: a stray top (a rule at the page's foot, a
    second top before the first one closed) leaves every later line as it was."""
    page = "┌──┐ 没有底边\n│甲方：某公司│\n┃乙方：某个人\n正文。\n"
    framed = unframe(page)
    assert framed.text.split("\n")[1:] == page.split("\n")[1:]
    assert framed.boxes == {} and not {"│", "┃"} & set(framed.dropped)
    framed = unframe("┌──┐\n│甲│\n┌──┐\n│乙│\n└──┘\n")
    assert framed.text.split("\n") == ["", "│甲│", "", "  乙", "", ""]
    assert framed.boxes == {4: 1} and framed.dropped["│"] == 2


def test_a_boxed_text_is_an_article_of_its_own() -> None:
    """farm-p2 (ingest-blind4): a boxed weather note between two stories, its last line
    unfinished (县气象局供稿), was run on into the story under the box."""
    arts = _articles(FARM)
    assert [a.headline for a in arts] == ["柑橘春梢期管理要点", "近期农业气象", "生猪养殖户注意防范非洲猪瘟"]
    assert arts[2].blocks[0].text.startswith("春季气温变化大")
    assert not any("┏" in text or "━" in text for a in arts for text in a.texts)


def _lines(corpus: str, page: str, first: int, last: int) -> str:
    """Lines first..last (counted from 1) of a development page."""
    return "\n".join((FIXTURES / corpus / page).read_text(encoding="utf-8").split("\n")[first - 1 : last]) + "\n"


def test_a_title_over_its_author_box_starts_another_writer_s_piece() -> None:
    """literary-p7 (ingest-blind4) and fukan-1 (ingest-blind2): a poem's short title over
    its author box (燕 子 / ◎ 林默) was run into the essay above, or read as its subhead;
    春春分分 is two glyphs printed twice, too short to undouble on its own."""
    arts = _articles(_lines("ingest-blind4", "literary-p7.txt", 5, 45))
    assert [(a.headline, a.authors) for a in arts] == [
        ("外婆的腌菜坛", ["柳青禾"]), ("燕 子", ["林默"]), ("江 边", ["周若水"])]
    arts = _articles(_lines("ingest-blind2", "fukan-1.txt", 7, 40))
    assert [(a.headline, a.authors) for a in arts] == [("外婆的腌菜坛", ["许晴川"]), ("春分", ["向晚"])]


def test_letters_each_titled_over_an_author_box_with_a_note_are_letters_of_their_own() -> None:
    """letters-2 (ingest-blind): each letter's title stands over the writer's box with a
    note on who the writer is (◎王文彥（社區志工）); the second title was run into the first
    letter's last paragraph."""
    arts = _articles(_lines("ingest-blind", "letters-2.txt", 1, 18))
    assert [(a.headline, a.authors) for a in arts][-2:] == [
        ("偏鄉長照人力才是關鍵", ["王文彥"]), ("居住正義不能只是口號", ["何詠詩"])]


def test_a_display_line_under_a_list_s_last_line_is_cut_off_as_a_head() -> None:
    """manila-m5 (ingest-blind6) with its blank line gone: the officers' list of one story,
    then the next story's letter-spaced headline over its indented text."""
    page = ("  新屆主要職員如下：\n理事長：蔡國華\n秘書長：施家輝\n財政：陳麗珠\n"
            "菲 華 義 診 團 深 入 描 戈 律\n"
            "  菲華醫師協會義診團上週末到描\n戈律省偏遠山區義診，共為一千\n一百多名村民看病。\n")
    pieces = lay_out_page("manila-m5.txt", page).pieces
    assert [p.raw for p in pieces if isinstance(p, Head)] == ["菲華義診團深入描戈律"]


def test_a_bold_subhead_under_a_finished_sentence_stays_in_its_story() -> None:
    """sportsdaily-a6 (ingest-blind5): a feature's subheads in fake bold under a finished
    sentence are no headlines of other stories; the block is not cut there."""
    pieces = lay_out_page("sportsdaily-a6.txt", _lines("ingest-blind5", "sportsdaily-a6.txt", 46, 58)).pieces
    assert not any(isinstance(p, Head) for p in pieces)


def test_a_page_of_thousands_of_cuts_is_read_whole() -> None:
    """review 12: each block cutter recursed once per cut, so a valid page of 3,000 lines of
    headlines run into their stories (or notices signed and run on) ended in a
    RecursionError (exit 1). Every character is still on the page afterwards."""
    n = 1500
    pages = ("市民公园河水新路桥\n" + "招招引引聚聚势势\n　　市民公园河水新路桥春风\n" * n,
             "　　市民公园河水新路桥春风，山城光明学校\n                        某某公司     2024年5月6日\n" * n,
             "招标公告\n　　市民公园河水新路桥春风项目现公开招标。\n" * n,
             "市民公园新桥通车\n本报讯（记者 周一帆）市民公园河水新路桥春风。\n" * n)
    for page in pages:
        result = ingest_texts([("page1.txt", page)], "珠岸都市报", DAY)
        kept = Counter(c for a in result.edition.articles for text in a.texts for c in visible(text).elements())
        kept.update(visible("".join(item.text for _, item in result.furniture)))
        assert result.edition.articles
        assert visible(page) - kept - result.dropped == Counter()


def test_a_doubled_word_as_a_title_over_its_author_box_is_kept_whole() -> None:
    """review 12: a short title over an author box was undoubled whenever every glyph came
    twice, so 妈妈 became 妈 and 谢谢 became 谢. A word keeps both copies; a title of
    two glyphs printed twice (春春分分) is fake bold only on a page that has fake bold elsewhere."""
    p7 = _lines("ingest-blind4", "literary-p7.txt", 5, 45)
    arts = _articles(p7.replace("燕 子", "妈妈"))
    assert [(a.headline, a.authors) for a in arts] == [
        ("外婆的腌菜坛", ["柳青禾"]), ("妈妈", ["林默"]), ("江 边", ["周若水"])]
    arts = _articles(_lines("ingest-blind2", "fukan-1.txt", 7, 40).replace("春春分分", "谢谢"))
    assert [(a.headline, a.authors) for a in arts] == [("外婆的腌菜坛", ["许晴川"]), ("谢谢", ["向晚"])]
    arts = _articles(p7.replace("燕 子", "星星点点").replace("外外婆婆的的腌腌菜菜坛坛", "外婆的腌菜坛"))
    assert [(a.headline, a.authors) for a in arts][1] == ("星星点点", ["林默"])
