"""Encodings a page arrives in, the command's exit codes, and the Markdown round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exporter.errors import InputError
from exporter.ingest import ingest
from exporter.ingest.decode import decode_bytes
from exporter.readers.markdown_folder import read_folder
from tests.conftest import run_cli

SIMPLIFIED = "江宁新建三座口袋公园\n\n  本报讯 （江宁晚报记者 周安然）3月1日，河西区三座口袋公园同时开放。\n"
TRADITIONAL = "江寧新建三座口袋公園\n\n  本報訊 （江寧晚報記者 周安然）3月1日，河西區三座口袋公園同時開放，市民紛紛前往遊覽。\n"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [(SIMPLIFIED, "utf-8"), (SIMPLIFIED, "utf-8-sig"), (SIMPLIFIED, "gb18030"), (SIMPLIFIED, "gbk"),
     (TRADITIONAL, "big5"), (TRADITIONAL, "utf-16")],
)
def test_encodings_are_detected(tmp_path: Path, text: str, encoding: str) -> None:
    page = tmp_path / "page1.txt"
    page.write_bytes(text.encode(encoding))
    article = ingest([page], "江宁晚报").edition.articles[0]
    assert article.headline == text.split("\n")[0]
    assert article.authors == ["周安然"]


_SHORT_BIG5 = ["本報訊", "公告", "啟事", "臺灣", "高雄市", "記者 王大明 攝", "（上接1版）市民紛紛前往。", "颱風來襲，停班停課。",
               "新北市政府環境保護局\n  2025年3月1日\n"]
_SHORT_GBK = ["本报讯", "公告", "上海", "高雄市", "停水通告", "记者 王大明 摄", "（下转3版）", "市民纷纷前往。",
              "江宁市自来水公司\n  2025年3月1日\n"]


@pytest.mark.parametrize(
    ("text", "encoding"), [(t, "big5") for t in _SHORT_BIG5] + [(t, "gbk") for t in _SHORT_GBK],
)
def test_short_big5_and_gbk_snippets_decode_in_their_own_encoding(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding), "p.txt") == text


def test_undecodable_file_is_a_clear_error(tmp_path: Path) -> None:
    page = tmp_path / "scan.txt"
    page.write_bytes(bytes([0x80, 0xFF, 0xFE, 0x81, 0x00, 0xFF]) * 50)
    with pytest.raises(InputError) as info:
        ingest([page], "x")
    assert str(info.value).startswith(f"{page}: cannot decode")


def test_cli_writes_json_and_reports(tmp_path: Path) -> None:
    page = tmp_path / "page2.txt"
    page.write_text(SIMPLIFIED, encoding="utf-8")
    out = tmp_path / "edition.json"
    res = run_cli("ingest", page, "--publication", "江宁晚报", "--date", "2025-03-01", "-o", out, "-v")
    assert res.code == 0, res.err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["title"] == "江宁晚报" and data["articles"][0]["page"] == 2
    assert "decision:" in res.err and "article" in res.err


@pytest.mark.parametrize(
    "argv",
    [
        ["ingest", "missing-page.txt"],
        ["ingest", "{page}", "--date", "2025-13-40"],
        ["ingest", "{page}", "--language", "not a tag", "--date", "2025-03-01"],
        ["ingest", "{page}", "--to", "md"],
        ["ingest", "{bad}"],
    ],
)
def test_cli_bad_input_exits_2_with_one_line(tmp_path: Path, argv: list[str]) -> None:
    page = tmp_path / "page1.txt"
    page.write_text(SIMPLIFIED, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\x80\x81\x00\xfe" * 40)
    res = run_cli(*[a.format(page=page, bad=bad) for a in argv])
    assert res.code == 2
    assert len(res.err.strip().splitlines()) == 1 and res.err.startswith("error: ")


def test_markdown_folder_round_trips_through_the_reader(tmp_path: Path) -> None:
    corpus = Path(__file__).resolve().parent.parent / "fixtures" / "ingest-corpus"
    folder = tmp_path / "edition"
    res = run_cli("ingest", *sorted(corpus.glob("page*.txt")), "--publication", "青川日报", "--date", "2024-05-08",
                  "--to", "md", "-o", folder)
    assert res.code == 0, res.err
    direct = ingest(sorted(corpus.glob("page*.txt")), "青川日报", None).edition
    loaded = read_folder(folder)
    assert loaded.warnings == []
    strip = {"date"}
    assert loaded.edition.model_dump(mode="json", exclude_none=True, exclude=strip) == direct.model_dump(
        mode="json", exclude_none=True, exclude=strip)
    again = run_cli("ingest", corpus / "page1.txt", "--to", "md", "-o", folder)
    assert again.code == 2 and "already holds an edition.toml" in again.err
