"""Round two of outputs: one run never overwrites its own outputs, an article id never
takes another element's anchor or page, builds of one name at the same time both
succeed, output folders are readable, and user text quoted back is bounded."""

from __future__ import annotations

import hashlib
import stat
import threading
import zipfile
from collections import Counter

import lxml.html
import pytest

from exporter.atomic import atomic_dir
from exporter.errors import echo

from ..conftest import run_cli
from .conftest import BASE, write


def article(headline: str, **extra: object) -> dict[str, object]:
    return {"headline": headline, "blocks": [{"type": "paragraph", "text": f"{headline}的正文。"}], **extra}


def test_two_sources_with_one_output_name_are_refused(tmp_path):
    a = write(tmp_path / "a", BASE | {"articles": [article("甲")]}, "paper.json")
    b = write(tmp_path / "b", BASE | {"articles": [article("乙")]}, "paper.json")
    result = run_cli("build", a, b, "--to", "html,epub", "-o", tmp_path / "out")
    assert result.code == 2, result.err
    assert str(a) in result.err and str(b) in result.err
    assert not (tmp_path / "out").exists()


def test_a_source_named_twice_is_built_once(tmp_path):
    a = write(tmp_path / "a", BASE | {"articles": [article("甲")]}, "paper.json")
    result = run_cli("build", a, a, "--to", "html", "-o", tmp_path / "out", "-j", "1")
    assert result.code == 0, result.err
    assert result.err.count("wrote") == 1


def hashed(text: str) -> str:
    return "a-" + hashlib.sha1(text.encode()).hexdigest()[:10]


@pytest.mark.parametrize("ids", [
    ["头条", hashed("头条")],  # an id equal to another's generated slug
    ["main", "s1"],  # ids the templates use for <main> and the first section
    ["lead", "lead-title"],  # an id equal to another's headline anchor
    ["contents-title", "p1"],
])
def test_article_ids_never_take_another_anchor_or_page(tmp_path, ids):
    arts = [article(f"标题{i}", id=x, section="要闻") for i, x in enumerate(ids)]
    src = write(tmp_path / "src", BASE | {"articles": arts})
    result = run_cli("build", src, "--to", "html,epub", "-o", tmp_path / "out", "-j", "1")
    assert result.code == 0, result.err
    page = lxml.html.parse(str(tmp_path / "out" / "edition" / "index.html")).getroot()
    counts = Counter(e.get("id") for e in page.iter() if e.get("id"))
    assert [i for i, n in counts.items() if n > 1] == []
    with zipfile.ZipFile(tmp_path / "out" / "edition.epub") as book:
        names = [n for n in book.namelist() if n.startswith("EPUB/article-")]
        texts = [book.read(n).decode() for n in names]
    assert len(names) == len(ids)
    for i in range(len(ids)):
        assert sum(f"标题{i}" in t for t in texts) == 1


def test_concurrent_builds_of_one_name_both_succeed(tmp_path):
    target = tmp_path / "out" / "edition"
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def build(n: int) -> None:
        try:
            for _ in range(20):
                with atomic_dir(target) as tmp:
                    (tmp / "index.html").write_text(str(n), encoding="utf-8")
                    barrier.wait(timeout=10) if _ == 0 else None
        except BaseException as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=build, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert (target / "index.html").read_text(encoding="utf-8") in {str(n) for n in range(8)}
    assert [p.name for p in target.parent.iterdir()] == ["edition"]


def test_html_output_folder_is_readable_by_others(tmp_path):
    src = write(tmp_path / "src", BASE | {"articles": [article("甲")]})
    assert run_cli("build", src, "--to", "html", "-o", tmp_path / "out").code == 0
    mode = (tmp_path / "out" / "edition").stat().st_mode
    assert mode & stat.S_IROTH and mode & stat.S_IXOTH, oct(mode)


def test_duplicate_json_keys_are_an_error_with_a_line(tmp_path):
    src = tmp_path / "dup.json"
    src.write_text('{"title": "青川日报", "date": "2026-11-20",\n"articles": [\n'
                   '{"headline": "第一", "headline": "第二"}]}', encoding="utf-8")
    result = run_cli("validate", src)
    assert result.code == 2, result.err
    assert f"{src}:3" in result.err and "duplicate key 'headline'" in result.err


def test_echo_cuts_long_user_text():
    assert echo("x" * 5_000_000).endswith("(5,000,000 characters)")
    assert len(echo("x" * 5_000_000)) < 300
    assert echo("short") == "short"


def test_a_huge_line_is_not_echoed_whole_into_a_warning(tmp_path):
    long = "字" * 5_000_000
    src = write(tmp_path / "src", BASE | {"articles": [article("甲", **{long: "x"})]})
    result = run_cli("build", src, "--to", "html", "-o", tmp_path / "out")
    assert result.code == 0, result.err[:300]
    assert len(result.err) < 5_000, len(result.err)



def test_ingest_drops_nul_characters_and_warns_about_an_empty_page(tmp_path):
    (tmp_path / "p1.txt").write_text("青川港二期码头投产\n\n本报讯\x00 青川港二期码头昨日正式投产。\x00\n", encoding="utf-8")
    (tmp_path / "p2.txt").write_text("\n  \n", encoding="utf-8")
    out = tmp_path / "edition.json"
    result = run_cli("ingest", tmp_path / "p1.txt", tmp_path / "p2.txt", "--date", "2026-11-20", "-o", out)
    assert result.code == 0, result.err
    assert "\\u0000" not in out.read_text(encoding="utf-8") and "\x00" not in out.read_text(encoding="utf-8")
    assert "p1.txt" in result.err and "control character" in result.err
    assert "p2.txt" in result.err and "no text" in result.err
