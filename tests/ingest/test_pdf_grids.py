"""Tables, columns of running text and uncredited captions on page PDFs of other engines
(session 16, pdf16body), each on a real page of a development corpus."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pymupdf
import pytest

from exporter.ingest import ingest
from exporter.ingest.pdf import _Box, _note, _unwrapped, read_pdf
from exporter.model import Figure, Paragraph

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _lines(corpus: str, name: str) -> list[str]:
    return [t.strip() for t in read_pdf(FIXTURES / corpus / name)[0].text.split("\n") if t.strip()]


def _paragraphs(corpus: str, name: str) -> list[str]:
    result = ingest([FIXTURES / corpus / name], "P", dt.date(2025, 3, 15))
    return [b.text for a in result.edition.articles for b in a.blocks if isinstance(b, Paragraph)]


def test_columns_of_running_text_with_wide_gutters_are_no_table() -> None:
    """mu-xiangjiang sets four columns of CJK text 11 ems wide with gutters of 3.5 ems, wider
    than the gap that tells a wide grid's cells apart; every cell of such a row is a full line
    of a column, so the columns are read one after another, not a row at a time."""
    lines = _lines("ingest-blind11", "mu-xiangjiang-s1.pdf")
    assert "年發行、面值一毫的錯體" in lines and "升，但品相一般的普通郵" in lines
    assert not any("錯體" in line and "錯位" in line for line in lines)
    assert "業內人士指出，近年本地早期郵品價格穩步上升，但品相一般的普通郵票仍乏人問津，新入行藏家宜量力而為。" \
        in _paragraphs("ingest-blind11", "mu-xiangjiang-s1.pdf")


@pytest.mark.parametrize(("corpus", "page", "rows"), [
    # a cell wrapped onto a second line (`12月15` / `日`) and a row with a cell of 8 ems
    ("ingest-blind11", "mu-xiangjiang-s1.pdf", ["日期  名稱  枚數", "12月15日  香港郊野公園  4",
                                                 "1月8日  歲次丁未（羊年）  2", "2月5日  傳統手工藝  6"]),
    # rows with a title of 7 ems set closer to the next cell than a wide grid's gap, and the
    # source note under the table wrapped onto a second line
    ("ingest-blind11", "mu-shulin-r7.pdf", ["排名  书名  作者", "1  河湾纪事  沈默", "2  星空下的博物馆  林雨桐",
                                            "3  给孩子的植物课  裴青", "4  慢慢走  贺知秋", "（数据来源：城南书店联合体）"]),
    # the last row's cell wrapped (`湘江IMAX影` / `城`): measured against the row pitch over it
    ("ingest-blind6", "mu-xingcheng-t3.pdf", ["片名  影院  场次", "《归航》  星城万达影城  10:20 13:40 19:10",
                                              "《小城之春2026》  光明电影院  14:00 20:30",
                                              "《猫咪侦探》  星城万达影城  09:30 11:50", "《雪线》  湘江IMAX影城  15:20 21:00"]),
])
def test_a_tables_rows_read_whole_with_wrapped_and_longer_cells(corpus: str, page: str, rows: list[str]) -> None:
    lines = _lines(corpus, page)
    at = lines.index(rows[0])
    assert lines[at:at + len(rows)] == rows
    paragraphs = _paragraphs(corpus, page)
    assert all(any("".join(p.split()) == "".join(row.split()) for p in paragraphs) for row in rows[1:])  # a paragraph a row


def _cell(text: str, x0: float, base: float) -> _Box:
    return _Box(x0, base - 8, x0 + 8 * len(text), base + 2, text, 8.0, base=base)


def test_lines_at_an_even_pitch_join_no_cell() -> None:
    """A table's rows, one with an empty cell, stand at the rows' pitch: nothing joins. A line
    under a cell at a tighter pitch than the rows' is that cell's next line."""
    rows = [[_cell("a1", 0, 100), _cell("b1", 40, 100), _cell("c1", 80, 100)],
            [_cell("a2", 0, 116)],
            [_cell("a3", 0, 132), _cell("b3", 40, 132), _cell("c3", 80, 132)]]
    assert [[b.text for b in row] for row in _unwrapped(rows)] == [["a1", "b1", "c1"], ["a2"], ["a3", "b3", "c3"]]
    rows[1] = [_cell("x", 40, 110)]
    rows[2] = [_cell("a3", 0, 124), _cell("b3", 40, 124), _cell("c3", 80, 124)]
    out = _unwrapped(rows)
    assert [[b.text for b in row] for row in out] == [["a1", "b1 x", "c1"], ["a3", "b3", "c3"]]
    assert [b.text for b in out[0][1].parts] == ["b1", "x"]


@pytest.mark.parametrize("caption", ["新任理事在就職典禮上宣誓。", "青年組表演潮州大鑼鼓。"])
def test_a_caption_in_caption_type_with_no_credit_two_lines_down_is_the_pictures(caption: str, tmp_path: Path) -> None:
    """mu-chaozhou: MuPDF sets an uncredited caption in caption type 2.3 body ems under its
    picture; a credited one may stand `Weights.caption_gap` (3) ems down, and so may this."""
    result = ingest([FIXTURES / "ingest-blind11" / "mu-chaozhou-m1.pdf"], "P", dt.date(2025, 3, 15),
                    image_dir=tmp_path / "images")
    hit = [b for a in result.edition.articles for b in a.blocks if isinstance(b, Figure) and b.caption == caption]
    assert len(hit) == 1 and hit[0].src is not None and (tmp_path / hit[0].src).is_file()
    assert not any(caption in b.text for a in result.edition.articles for b in a.blocks if isinstance(b, Paragraph))


def test_a_tables_note_wraps_only_onto_lines_under_it() -> None:
    """review16: a note line whose box is flatter than a fifth of the table's em was its own
    next line, and the note doubled without end. A wrapped line stands lower than the last."""
    table = [[_Box(x, y, x + 30, y + 12, f"{x}", 10.0, base=y + 10) for x in (0, 50, 100)] for y in (0, 15, 30)]
    note = _Box(0, 45, 120, 46.5, "Source: x", 1.2, base=46.5)
    assert [b.text for b in _note(table, [note])] == ["Source: x"]


def test_a_tables_source_note_ends_where_its_line_stops_short(tmp_path: Path) -> None:
    """review16: a table's note short of the table's width wrapped onto nothing; the story
    that goes on under it in the same type is no part of the note."""
    doc = pymupdf.open()
    page = doc.new_page(width=400, height=500)
    page.insert_text((40, 40), "Harbour prices rise again", fontsize=18, fontname="hebo")
    y = 70
    for line in ("The harbour board said on Monday that the price of a berth",
                 "will rise for the third year running, citing repairs to",
                 "the north wall and higher costs of dredging the channel."):
        page.insert_text((40, y), line, fontsize=10, fontname="helv")
        y += 13
    y += 20
    for row in (["Berth", "2024", "2025"], ["A1", "120", "135"], ["B2", "90", "101"], ["C3", "75", "88"]):
        for c, cell in enumerate(row):
            page.insert_text((40 + 90 * c, y), cell, fontsize=10, fontname="helv")
        y += 14
    page.insert_text((40, y), "Source: harbour board", fontsize=9, fontname="helv")
    for line in ("Fishermen said the rise would hurt small boats most, and",
                 "asked the board to phase it in over two years. The board",
                 "will meet again in March to hear their case."):
        y += 11
        page.insert_text((40, y), line, fontsize=9, fontname="helv")
    doc.save(tmp_path / "harbour.pdf")
    text = read_pdf(tmp_path / "harbour.pdf")[0].text
    assert any(line.rstrip().endswith("Source: harbour board") for line in text.split("\n"))
    assert "harbour board Fishermen" not in text
