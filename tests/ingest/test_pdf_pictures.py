"""Photos and their captions on page PDFs set by other engines: Chromium (cr-), reportlab
(rl-, and pages drawn here with reportlab's inline images, tiles and masks) and PyMuPDF
(mu-) pages of the development corpora; every picture written is the picture printed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from urllib.parse import quote

import pymupdf
import pytest
from PIL import Image, ImageDraw, ImageStat

from exporter.ingest import ingest
from exporter.ingest.api import read_pages
from exporter.ingest.pdf import read_pdf
from exporter.model import Figure, Paragraph
from tests.conftest import run_cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _figures(pdf: Path, out: Path, language: str = "zh-CN") -> list[tuple[str, Figure]]:
    result = ingest([pdf], "P", dt.date(2025, 3, 15), language=language, image_dir=out / "images")
    return [(a.headline or "", b) for a in result.edition.articles for b in a.blocks if isinstance(b, Figure)]


@pytest.mark.parametrize(("page", "caption", "credit"), [
    # Chromium: a bracketed credit that wrapped onto the caption's second line
    ("ingest-blind5/cr-lucheng-a11.pdf", "11月13日，港仔街的老街坊自发来到苏怀远先生家门前，献上白菊花。", "晚报记者 林浩"),
    # Chromium: a credit under its caption just over a ruled box is no label of that box
    ("ingest-blind8/cr-tasman-a1a3.pdf", "Volunteers from the Waimatua Coastguard unit launch their new rescue boat, "
                                         "Te Rama, at Port Hāwea on Saturday.", "MARK ELLERY"),
    # reportlab: a labelled credit printed over the picture closes the caption under it
    ("ingest-blind7/rl-beiling-r1.pdf", "12月2日，检测列车通过松花江特大桥。", "孔思齐"),
    # reportlab: a labelled credit in brackets alone on its line
    ("ingest-blind5/rl-chenguang-b2.pdf", "农历十月初一，诗河大伯公庙一早便挤满前来上香祈福的善信，庙方增派义工维持秩序。", "吴家伟"),
    # PyMuPDF: a credit labelled with a bar
    ("ingest-blind7/mu-binhai-a6.pdf", "巡检机器人在海底隧道管廊内作业。", "本报记者 秦书言"),
    # PyMuPDF: a label inside a bracketed credit after the caption
    ("ingest-blind7/mu-jianan-b5.pdf", "第四代老闆娘蔡秀珠掀開蒸籠，熱騰騰的米糕香氣四溢。", "記者江佩芸"),
    # Chromium: 苏曼青/摄
    ("ingest-blind6/cr-dongao-p9.pdf", "11月15日，购房者在云栖里项目营销中心排队看样板间。", "商报记者 苏曼青"),
])
def test_a_photo_keeps_its_caption_and_credit_apart(page: str, caption: str, credit: str, tmp_path: Path) -> None:
    figures = _figures(FIXTURES / page, tmp_path, "en" if "tasman" in page else "zh-CN")
    hit = [f for _, f in figures if f.caption == caption]
    assert len(hit) == 1 and hit[0].credit == credit
    assert hit[0].src is not None and (tmp_path / hit[0].src).is_file()


@pytest.mark.parametrize(("page", "caption"), [
    # PyMuPDF: a caption in body type two ems and more under its picture, centred or justified
    ("ingest-blind10/mu-radio-r1.pdf", "纪录片《老街烟火》剧照。"),
    ("ingest-blind10/mu-penang-n3.pdf", "The Raja Tun Uda ferry terminal, where a second pontoon will be built."),
    # PyMuPDF: one line wider than its picture, starting inside it
    ("ingest-blind9/mu-qiaosheng-f2.pdf", "圣诞集市上，华人商户售卖的中国结和红灯笼颇受欢迎。"),
    # reportlab: a table's bold title under the caption starts the next item, not more of the caption
    ("ingest-blind9/rl-qiyuan-g3.pdf", "决赛第三局棋谱（1—186），白中盘胜。"),
    # Chromium: the next row's story stands further under the caption than the caption under its picture
    ("ingest-blind10/cr-produce-p1.pdf", "六堡镇茶叶交易市场里，茶农在分拣秋茶。"),
])
def test_a_sentence_in_body_type_alone_under_a_picture_is_its_caption(page: str, caption: str, tmp_path: Path) -> None:
    """No credit and no caption type say so: the nearest text under the picture, a line or
    two ending a sentence, with no running text under it, is its caption, not the story's
    last paragraph."""
    figures = _figures(FIXTURES / page, tmp_path, "en" if "penang" in page else "zh-CN")
    hit = [f for _, f in figures if f.caption == caption]
    assert len(hit) == 1 and hit[0].src is not None and (tmp_path / hit[0].src).is_file()
    result = ingest([FIXTURES / page], "P", dt.date(2025, 3, 15))
    assert not any(caption in b.text for a in result.edition.articles for b in a.blocks if isinstance(b, Paragraph))


def test_a_bracketed_credit_that_wrapped_makes_a_caption_in_body_type(tmp_path: Path) -> None:
    """mu-ciguang: `……供灯祈福。（摄` / `影：林德辉）` under a picture, three lines in body type:
    the credit, read over the wrap, makes it the photo's caption."""
    figures = _figures(FIXTURES / "ingest-blind9" / "mu-ciguang-t2.pdf", tmp_path)
    assert [(f.caption, f.credit) for _, f in figures] == [("12月5日晚，慈云寺大殿前点亮千盏酥油灯，信众排队供灯祈福。", "林德辉")]


def test_a_picture_captioned_under_it_takes_no_caption_beside_it(tmp_path: Path) -> None:
    """cr-menam: a byline in caption type opening the next column's story beside a photo
    stays that story's byline; each picture is one figure's."""
    result = ingest([FIXTURES / "ingest-blind7" / "cr-menam-a1.pdf"], "P", dt.date(2025, 3, 15),
                    image_dir=tmp_path / "images")
    srcs = [b.src for a in result.edition.articles for b in a.blocks if isinstance(b, Figure) and b.src]
    assert len(srcs) == len(set(srcs)) == 2
    story = next(a for a in result.edition.articles if a.headline == "泰铢兑美元升至九个月新高")
    assert story.authors == ["林素贞"] and story.kind == "article"


def test_two_narrow_letters_in_small_type_are_not_fake_bold(tmp_path: Path) -> None:
    """8 pt Millbrook: the second l starts where the first ends, 1.8 pt on, within a
    quarter em but not over the first: it is a letter, not the first one's twin."""
    figures = _figures(FIXTURES / "ingest-blind4" / "cr-millbrook-a1a6.pdf", tmp_path, "en")
    assert any(f.src and f.caption.startswith("Volunteers from the Millbrook Lions Club") for _, f in figures)


def _photo(mode: str = "RGB") -> Image.Image:
    img = Image.new("RGB", (360, 240), (150, 180, 210))
    draw = ImageDraw.Draw(img)
    for x in range(0, 360, 12):
        draw.line([(x, 0), (360 - x, 240)], fill=(40, 90, 60), width=3)
    return img.convert(mode)


def _story(c, lines: int):  # noqa: ANN001, ANN202 - a reportlab Canvas
    """The test pages' headline and `lines` lines of story, drawn on `c`."""
    c.setFont("Helvetica-Bold", 20)
    c.drawString(40, 780, "River festival draws crowds")
    c.setFont("Helvetica", 10)
    for i in range(lines):
        c.drawString(40, 750 - 13 * i, "Thousands of visitors lined the river banks on Saturday")
    return c


def _page(path: Path, kind: str) -> None:
    """A reportlab page: a story, a photo placed as `kind`, its caption and credit, and
    an icon and a rule drawn as images."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = _story(canvas.Canvas(str(path), pagesize=(595, 842)), 12)
    x, top, w, h = 300, 740, 240, 160
    if kind == "inline":
        c.drawInlineImage(_photo(), x, top - h, w, h)
    elif kind == "tiles":
        for j in range(2):
            c.drawImage(ImageReader(_photo().crop((0, 120 * j, 360, 120 * (j + 1)))), x, top - h + (1 - j) * h / 2, w, h / 2)
    elif kind == "mask":
        c.drawImage(ImageReader(_photo("RGBA")), x, top - h, w, h, mask="auto")
    elif kind == "blank":
        c.drawImage(ImageReader(Image.new("RGB", (360, 240), (255, 255, 255))), x, top - h, w, h)
    else:
        c.drawImage(ImageReader(_photo()), x, top - h, w, h)
    c.drawImage(ImageReader(_photo().resize((16, 16))), 40, 800, 12, 12)  # an icon
    c.drawImage(ImageReader(_photo().resize((400, 2))), 40, 570, 500, 1.5)  # a rule drawn as an image
    c.setFont("Helvetica", 8)
    c.drawString(x, top - h - 12, "Dragon boats race past the old pier on Saturday.")
    c.drawString(x + 150, top - h - 23, "Photo: Ann Lee")
    c.save()


@pytest.mark.parametrize("kind", ["xobject", "inline", "tiles", "mask"])
def test_a_photo_however_placed_is_one_figure_with_the_picture(kind: str, tmp_path: Path) -> None:
    """Inline, cut in tiles or with a soft mask, the photo is one figure with its caption
    and credit, and its file is the picture as printed (its size, not blank); the icon and
    the rule drawn as images are no photos."""
    pdf = tmp_path / f"{kind}.pdf"
    _page(pdf, kind)
    figures = _figures(pdf, tmp_path, "en")
    assert [(f.caption, f.credit) for _, f in figures] == [("Dragon boats race past the old pier on Saturday.", "Ann Lee")]
    files = list((tmp_path / "images").iterdir())
    assert [tmp_path / figures[0][1].src] == files
    with Image.open(files[0]) as img:
        assert img.size == (360, 240)  # the picture's own resolution
        assert ImageStat.Stat(img.convert("L")).stddev[0] > 20  # not blank


def test_a_caption_printed_over_the_photo_is_its_caption(tmp_path: Path) -> None:
    """A caption and credit set in white over the photo's foot, inside the picture."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "over.pdf"
    c = _story(canvas.Canvas(str(pdf), pagesize=(595, 842)), 30)
    c.drawImage(ImageReader(_photo()), 300, 580, 240, 160)
    c.setFillColorRGB(1, 1, 1)
    c.setFont("Helvetica", 8)
    c.drawString(306, 598, "Dragon boats race past the old pier on Saturday.")
    c.drawString(450, 587, "Photo: Ann Lee")
    c.save()
    figures = _figures(pdf, tmp_path, "en")
    assert [(f.caption, f.credit) for _, f in figures] == [("Dragon boats race past the old pier on Saturday.", "Ann Lee")]
    assert figures[0][1].src is not None and (tmp_path / figures[0][1].src).is_file()


def test_a_blank_picture_is_no_photo(tmp_path: Path) -> None:
    """A white box drawn as an image where a photo would stand is layout: the caption under
    it stays a caption, with no picture."""
    pdf = tmp_path / "blank.pdf"
    _page(pdf, "blank")
    figures = _figures(pdf, tmp_path, "en")
    assert [(f.src, f.credit) for _, f in figures] == [(None, "Ann Lee")]
    assert not (tmp_path / "images").exists()


def test_pictures_inside_a_form_xobject_are_found(tmp_path: Path) -> None:
    """A page shown inside another page (a form XObject, as imposition tools place pages)
    gives the same figures and the same text."""
    source = FIXTURES / "ingest-blind7" / "rl-beiling-r1.pdf"
    with pymupdf.open(source) as src, pymupdf.open() as out:
        page = out.new_page(width=src[0].rect.width, height=src[0].rect.height)
        page.show_pdf_page(page.rect, src, 0)
        out.save(tmp_path / "form.pdf")
    (direct,) = read_pdf(source, tmp_path / "a")
    (formed,) = read_pdf(tmp_path / "form.pdf", tmp_path / "b")
    assert formed.text == direct.text
    assert sorted(Path(p).name.replace("form", "x") for p in formed.figures.values()) == \
        sorted(Path(p).name.replace("rl-beiling-r1", "x") for p in direct.figures.values())


def test_the_benchmark_matches_photos_to_the_truth(tmp_path: Path) -> None:
    """benchmarks.ingest_blind counts truth photos found with their caption and credit."""
    from benchmarks.ingest_blind import matched_photos

    pdf = FIXTURES / "ingest-blind7" / "rl-beiling-r1.pdf"
    result = ingest([pdf], "P", dt.date(2025, 3, 15), image_dir=tmp_path / "images")
    edition = json.loads(result.edition.model_dump_json())
    truth = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))["articles"]
    assert matched_photos(edition, tmp_path, truth) == (2, 1)


def _damaged(path: Path, which: str) -> None:
    """A reportlab page whose photo (or icon) image says it is 0 pixels wide: MuPDF cannot decode it."""
    _page(path.with_suffix(".whole.pdf"), "xobject")
    with pymupdf.open(path.with_suffix(".whole.pdf")) as doc:
        xrefs = sorted(doc[0].get_images(full=True), key=lambda item: item[2] * item[3])  # by pixel area
        doc.xref_set_key((xrefs[-1] if which == "photo" else xrefs[0])[0], "Width", "0")
        doc.save(path)


@pytest.mark.parametrize("which", ["photo", "icon"])
def test_a_damaged_image_is_left_out_with_a_warning(which: str, tmp_path: Path) -> None:
    """An image MuPDF cannot decode is no internal error: it is left out with a warning
    naming the file and page; the page's text and its other pictures are ingested."""
    pdf = tmp_path / "damaged.pdf"
    _damaged(pdf, which)
    out = tmp_path / "out" / "edition.json"
    res = run_cli("ingest", pdf, "--publication", "P", "--date", "2025-03-15", "--language", "en", "-o", out)
    assert res.code == 0, res.err
    assert "warning: damaged.pdf#p1: image " in res.err and "cannot be decoded" in res.err
    text = out.read_text(encoding="utf-8")
    assert "Thousands of visitors lined the river banks on Saturday" in text
    figures = [b for a in json.loads(text)["articles"] for b in a["blocks"] if b.get("type") == "figure"]
    assert [f.get("caption") for f in figures] == ["Dragon boats race past the old pier on Saturday."]
    pictures = list((out.parent / "images").glob("*")) if which == "icon" else []
    assert [f.get("src") for f in figures] == [f"images/{p.name}" for p in pictures] or [None]


def test_same_named_pages_from_two_folders_keep_their_own_images(tmp_path: Path) -> None:
    """Two folders' page.pdf in one run: each page's photo is its own file, referenced by its page;
    a name with a space and # gives a src that is a safe URL path to the file."""
    pdfs = [tmp_path / "a" / "page.pdf", tmp_path / "b" / "page.pdf", tmp_path / "c" / "my page #1.pdf"]
    for pdf, kind in zip(pdfs, ["xobject", "tiles", "inline"], strict=True):
        pdf.parent.mkdir()
        _page(pdf, kind)
    images = tmp_path / "out" / "images"
    srcs = [src for _, _, pg in read_pages(pdfs, images) for src in set(pg.figures.values())]
    assert len(srcs) == len(set(srcs)) == 3
    assert [src.rsplit("-", 1)[0] for src in srcs] == ["images/page-p1", "images/page-2-p1", "images/my-page-1-p1"]
    assert all(quote(src) == src and (images.parent / src).is_file() for src in srcs)
    assert sorted(p.name for p in images.iterdir()) == sorted(Path(src).name for src in srcs)
    for pdf, src in zip(pdfs, srcs, strict=True):  # each file is its own page's picture
        (alone,) = set(read_pdf(pdf, tmp_path / pdf.parent.name / "images")[0].figures.values())
        assert (tmp_path / pdf.parent.name / alone).read_bytes() == (images.parent / src).read_bytes()


@pytest.mark.parametrize("form", ["json", "md"])
def test_an_ingest_that_fails_on_a_later_page_leaves_no_images(form: str, tmp_path: Path) -> None:
    """Images are staged beside the output and moved in only with the edition."""
    pdf = tmp_path / "page.pdf"
    _page(pdf, "xobject")
    out = tmp_path / "out" / ("edition.json" if form == "json" else "edition")
    res = run_cli("ingest", pdf, tmp_path / "missing-page.txt", "--to", form, "--date", "2025-03-15", "-o", out)
    assert res.code == 2 and len(res.err.strip().splitlines()) == 1, res.err
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def _stretched(path: Path, image: Image.Image, inline: bool = False, side: float = 3000) -> None:
    """A page `side` points square with a headline, a story and `image` stretched over
    most of it, captioned."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(side, side))
    c.setFont("Helvetica-Bold", 20)
    c.drawString(40, side - 60, "River festival draws crowds")
    c.setFont("Helvetica", 10)
    for i in range(6):
        c.drawString(40, side - 90 - 13 * i, "Thousands of visitors lined the river banks on Saturday")
    w = side * 0.8
    if inline:
        c.drawInlineImage(image, 40, side - 200 - w, w, w)
    else:
        c.drawImage(ImageReader(image), 40, side - 200 - w, w, w)
    c.setFont("Helvetica", 8)
    c.drawString(40, side - 212 - w, "Dragon boats race past the old pier on Saturday. Photo: Ann Lee")
    c.save()


def _stripe(width: int, mode: str) -> Image.Image:
    return Image.frombytes(mode, (width, 1), bytes((k * 37) % 256 for k in range(width * len(mode))))


@pytest.mark.parametrize(("mode", "inline"), [("CMYK", False), ("RGB", True)])
def test_a_stretched_image_renders_no_more_pixels_than_it_holds(mode: str, inline: bool, tmp_path: Path) -> None:
    """A 1-pixel-high image stretched over a 3,000 pt page: one CMYK XObject is decoded
    at its own size; an inline one is rendered with no more pixels than it holds (its width
    alone once asked for a 10,000 × 10,000 render, 674 MB)."""
    pdf = tmp_path / "stretch.pdf"
    _stretched(pdf, _stripe(4000, mode), inline)
    (page,) = read_pdf(pdf, tmp_path / "images")
    (src,) = set(page.figures.values())
    with Image.open(tmp_path / src) as img:
        if inline:
            assert img.width * img.height <= 4000
        else:
            assert img.size == (4000, 1) and img.mode == "RGB"


def test_a_render_keeps_within_the_picture_pixel_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """EXPORTER_LIMIT_PICTURE_PIXELS bounds a render whatever the picture holds."""
    monkeypatch.setenv("EXPORTER_LIMIT_PICTURE_PIXELS", "10000")
    pdf = tmp_path / "tiles.pdf"
    _page(pdf, "tiles")
    (page,) = read_pdf(pdf, tmp_path / "images")
    (src,) = set(page.figures.values())
    with Image.open(tmp_path / src) as img:
        assert img.width * img.height <= 10_000 and abs(img.width / img.height - 1.5) < 0.05


def test_joining_tiles_takes_about_one_comparison_a_placement(monkeypatch: pytest.MonkeyPatch) -> None:
    """1,000 icons apart and a picture cut in 1,000 strips: the strips are one picture
    and the icons stay apart, in about as many comparisons as placements (the join that
    started over after every merge made 400 icons and 200 strips take 9.5 s)."""
    from exporter.ingest import pictures

    calls = 0
    abut = pictures._abut

    def counted(a: pictures.Rect, b: pictures.Rect) -> bool:
        nonlocal calls
        calls += 1
        return abut(a, b)

    monkeypatch.setattr(pictures, "_abut", counted)
    apart = [pictures.Picture((i * 30, 1000, i * 30 + 20, 1020), [5], 1.0, 400) for i in range(1000)]
    strips = [pictures.Picture((k * 3, 0, k * 3 + 3, 10), [6], 1.0, 30) for k in range(1000)]
    joined = pictures._joined(apart[:500] + strips + apart[500:])
    assert joined[:500] == apart[:500] and joined[501:] == apart[500:]
    assert joined[500] == pictures.Picture((0, 0, 3000, 10), [6] * 1000, 1.0, 30_000)
    assert calls <= 3 * 2000


def test_tiles_in_a_grid_and_around_a_corner_are_one_picture() -> None:
    """A 3 × 3 grid, and a wide tile under two narrow ones side by side, each join into
    one picture whatever order the page draws them in."""
    from exporter.ingest.pictures import Picture, _joined

    grid = [Picture((x * 10, y * 10, x * 10 + 10, y * 10 + 10), [1 + x + 3 * y], 1.0, 100)
            for y in (2, 0, 1) for x in (1, 2, 0)]
    assert [(p.rect, sorted(p.xrefs)) for p in _joined(grid)] == [((0, 0, 30, 30), list(range(1, 10)))]
    corner = [Picture((0, 10, 20, 20), [3], 1.0, 1), Picture((10, 0, 20, 10), [2], 1.0, 1),
              Picture((0, 0, 10, 10), [1], 1.0, 1)]
    assert [p.rect for p in _joined(corner)] == [(0, 0, 20, 20)]


def test_placements_past_the_page_limit_are_left_out_with_a_warning(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A page placing more images than EXPORTER_LIMIT_PAGE_PICTURES: the rest are left
    out, and a warning names the page; the text is all there."""
    monkeypatch.setenv("EXPORTER_LIMIT_PAGE_PICTURES", "2")
    pdf = tmp_path / "many.pdf"
    _page(pdf, "xobject")  # the photo, an icon and a rule: three placements
    result = ingest([pdf], "P", dt.date(2025, 3, 15), language="en", image_dir=tmp_path / "images")
    assert "many.pdf#p1: 3 images placed on the page; only the first 2 are looked at " \
           "(raise EXPORTER_LIMIT_PAGE_PICTURES)" in result.notes.warnings
    assert any("Thousands of visitors" in b.text for a in result.edition.articles for b in a.blocks
               if isinstance(b, Paragraph))


def test_a_large_uniform_image_is_blank_by_its_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 3000 × 3000 grey box drawn as an image is no photo, judged by comparing bytes:
    PyMuPDF's per-pixel `is_unicolor` (an 8000 × 8000 image took 39 s) is never asked.
    One pixel apart, at the end or in the middle, and it is a picture."""
    asked = 0
    unicolor = pymupdf.Pixmap.is_unicolor

    def counted(pix: pymupdf.Pixmap) -> bool:
        nonlocal asked
        asked += 1
        return unicolor.fget(pix)

    monkeypatch.setattr(pymupdf.Pixmap, "is_unicolor", property(counted))
    pdf = tmp_path / "grey.pdf"
    _stretched(pdf, Image.new("L", (3000, 3000), 200), side=800)
    assert read_pdf(pdf, tmp_path / "images")[0].figures == {} and asked == 0
    from exporter.ingest.pictures import _unicolor

    img = Image.new("RGB", (500, 400), (10, 20, 30))
    for at in [(499, 399), (250, 200)]:
        marked = img.copy()
        marked.putpixel(at, (10, 20, 31))
        assert not _unicolor(pymupdf.Pixmap(pymupdf.csRGB, 500, 400, marked.tobytes(), False))
    assert _unicolor(pymupdf.Pixmap(pymupdf.csRGB, 500, 400, img.tobytes(), False))


def test_an_inline_image_inside_a_form_xobject_is_found(tmp_path: Path) -> None:
    """A page whose photo is an inline image, shown inside another page (a form XObject):
    neither the page's image list nor its own content shows the picture, yet it is found."""
    _stretched(tmp_path / "inline.pdf", _photo(), inline=True, side=800)
    with pymupdf.open(tmp_path / "inline.pdf") as src, pymupdf.open() as out:
        page = out.new_page(width=src[0].rect.width, height=src[0].rect.height)
        page.show_pdf_page(page.rect, src, 0)
        out.save(tmp_path / "form.pdf")
    (direct,) = read_pdf(tmp_path / "inline.pdf", tmp_path / "a")
    (formed,) = read_pdf(tmp_path / "form.pdf", tmp_path / "b")
    assert formed.text == direct.text and formed.images == direct.images == 1
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["form-p1-1.png"]
