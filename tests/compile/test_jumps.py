"""The one jump-pairing rule print and EPUB share (exporter/jumps.py)."""

from __future__ import annotations

from exporter.jumps import pair_jumps
from exporter.model import Article


def _article(id: str, headline: str, **jump: str) -> Article:
    return Article(id=id, section="要闻", headline=headline, lead=["正文。"], **jump)


def test_a_continuation_pairs_with_the_nearest_waiting_part_of_its_headline_or_link() -> None:
    bridge = _article("bridge", "大桥通车", continued_to="2版")
    park = _article("park", "产业园入驻", continued_to="3版")
    notice = _article("notice", "停水公告")
    bridge_rest = _article("bridge-2", "大桥通车", continued_from="1版")
    linked = _article("park-2", "产业园入驻企业名单", continued_from="1版", continues="park")
    stray = _article("stray", "无头续文", continued_from="5版")
    jumps = pair_jumps([bridge, park, notice, bridge_rest, linked, stray])
    assert jumps
    assert jumps.other(bridge, "to") is bridge_rest and jumps.other(bridge_rest, "from") is bridge
    assert jumps.other(park, "to") is linked and jumps.other(linked, "from") is park
    assert jumps.other(stray, "from") is None and jumps.other(notice, "to") is None
    assert [a.id for a in (bridge, park, notice, bridge_rest, linked, stray) if jumps.listed(a)] == \
        ["bridge", "park", "notice", "stray"]
    assert not pair_jumps([notice, stray])  # nothing to resolve: print may lay out in chunks


def test_both_writers_take_their_pairs_from_the_model_rule() -> None:
    from exporter.writers.epub import writer as epub_writer
    from exporter.writers.pdf import writer as pdf_writer

    assert epub_writer.pair_jumps is pair_jumps is pdf_writer.pair_jumps
