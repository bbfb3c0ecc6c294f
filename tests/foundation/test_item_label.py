"""A list item's opening label (时间：, 地点：) is marked so print sets it as one unit."""

from exporter.templating import item_label


def test_a_short_label_and_colon_is_marked_after_the_items_own_number() -> None:
    assert item_label("时间：11月28日9:00至15:00；") == '<span class="item-label">时间：</span>11月28日9:00至15:00；'
    assert item_label("1. 地点：会展中心") == '1. <span class="item-label">地点：</span>会展中心'


def test_text_without_a_short_opening_label_is_only_escaped() -> None:
    assert item_label("现场设政策咨询台，解答：购房补贴") == "现场设政策咨询台，解答：购房补贴"
    assert item_label("<b>注意：</b>携带证件") == "&lt;b&gt;注意：&lt;/b&gt;携带证件"
