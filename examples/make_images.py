"""Draw the placeholder photos used by the bundled example editions.

Deterministic (fixed shapes, seeded randomness, fixed encoder settings), no downloads:

    .venv/bin/python examples/make_images.py

writes examples/qingchuan-daily/images/*.jpg, examples/week/images/*.jpg and
examples/harbour-gazette-images/*.jpg. New pictures go at the end of PICTURES: each one's
seed is its position, so appending keeps every earlier file byte-identical.
Each picture is a simple flat illustration (gradient sky, a few shapes), 800×500, under 60 KB.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

W, H = 800, 500
HERE = Path(__file__).resolve().parent
Colour = tuple[int, int, int]


def gradient(top: Colour, bottom: Colour, height: int = H) -> Image.Image:
    """A vertical gradient from `top` to `bottom`."""
    im = Image.new("RGB", (W, height))
    draw = ImageDraw.Draw(im)
    for y in range(height):
        t = y / max(height - 1, 1)
        draw.line([(0, y), (W, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom)))
    return im


def sea(im: Image.Image, horizon: int, near: Colour, far: Colour, rng: random.Random) -> None:
    """Water below `horizon`: a gradient plus short light ripples."""
    water = gradient(far, near, H - horizon)
    im.paste(water, (0, horizon))
    draw = ImageDraw.Draw(im)
    for _ in range(140):
        y = rng.randint(horizon + 6, H - 4)
        x = rng.randint(0, W)
        length = 8 + (y - horizon) // 6
        draw.line([(x, y), (x + length, y)], fill=(225, 235, 240), width=1)


def hills(im: Image.Image, base: int, colour: Colour, amplitude: int, phase: float) -> None:
    draw = ImageDraw.Draw(im)
    points = [(x, base - amplitude * (0.6 + 0.4 * math.sin(x / 90 + phase)) * (0.7 + 0.3 * math.sin(x / 37 + phase * 2)))
              for x in range(0, W + 10, 10)]
    draw.polygon([(0, H), *points, (W, H)], fill=colour)


def boat(draw: ImageDraw.ImageDraw, x: int, y: int, scale: float, hull: Colour, sail: Colour | None) -> None:
    s = scale
    draw.polygon([(x - 40 * s, y), (x + 40 * s, y), (x + 28 * s, y + 14 * s), (x - 28 * s, y + 14 * s)], fill=hull)
    if sail:
        draw.line([(x, y), (x, y - 70 * s)], fill=(60, 50, 40), width=max(1, round(2 * s)))
        draw.polygon([(x + 2 * s, y - 66 * s), (x + 2 * s, y - 6 * s), (x + 36 * s, y - 6 * s)], fill=sail)
    else:
        draw.rectangle([x - 14 * s, y - 16 * s, x + 16 * s, y], fill=(235, 235, 228))
        draw.rectangle([x - 8 * s, y - 13 * s, x + 10 * s, y - 7 * s], fill=(90, 120, 150))


# --- 青川日报 -------------------------------------------------------------------------

def bridge(rng: random.Random) -> Image.Image:
    """A cable-stayed bridge over a river at dusk."""
    im = gradient((250, 196, 140), (120, 150, 200))
    hills(im, 300, (96, 112, 140), 50, 0.3)
    sea(im, 300, (50, 80, 110), (110, 130, 160), rng)
    draw = ImageDraw.Draw(im)
    deck = 285
    draw.rectangle([0, deck, W, deck + 12], fill=(70, 70, 80))
    for tower in (250, 550):
        draw.rectangle([tower - 8, 110, tower + 8, deck + 60], fill=(80, 80, 92))
        for k in range(1, 9):
            for side in (-1, 1):
                draw.line([(tower, 120 + k * 6), (tower + side * k * 30, deck)], fill=(200, 200, 210), width=1)
    for x in range(0, W, 16):
        draw.line([(x, deck - 6), (x, deck)], fill=(90, 90, 100))
    draw.line([(0, deck - 6), (W, deck - 6)], fill=(90, 90, 100))
    for _ in range(12):  # car lights
        x = rng.randint(10, W - 10)
        draw.rectangle([x, deck + 3, x + 5, deck + 6], fill=(255, 230, 150))
    return im


def lanterns(rng: random.Random) -> Image.Image:
    """An old street hung with red lanterns at night."""
    im = gradient((20, 24, 60), (60, 40, 70))
    draw = ImageDraw.Draw(im)
    for x0, x1, top in ((0, 240, 170), (560, 800, 160)):  # house fronts
        draw.rectangle([x0, top, x1, H], fill=(45, 38, 42))
        draw.polygon([(x0 - 20, top), (x1 + 20, top), ((x0 + x1) // 2, top - 60)], fill=(30, 26, 30))
        for wx in range(x0 + 30, x1 - 20, 70):
            draw.rectangle([wx, top + 60, wx + 36, top + 110], fill=(240, 190, 110))
    draw.polygon([(240, H), (560, H), (430, 300), (370, 300)], fill=(70, 62, 60))
    for row, y in enumerate((90, 150, 210)):
        draw.line([(0, y - 20), (W, y - 10)], fill=(20, 20, 20), width=2)
        for x in range(40 + row * 25, W, 110):
            r = 18 - row * 3
            draw.line([(x, y - 18), (x, y - r)], fill=(20, 20, 20))
            draw.ellipse([x - r, y - r, x + r, y + r * 1.2], fill=(220, 40, 35))
            draw.rectangle([x - r // 2, y + r, x + r // 2, y + r + 4], fill=(240, 200, 60))
    glow = im.filter(ImageFilter.GaussianBlur(6))
    return Image.blend(im, glow, 0.35)


def orchard(rng: random.Random) -> Image.Image:
    """Terraced tea rows on a hillside in morning mist."""
    im = gradient((210, 225, 230), (236, 240, 230))
    hills(im, 200, (160, 185, 170), 60, 1.2)
    hills(im, 290, (95, 145, 95), 80, 2.1)
    draw = ImageDraw.Draw(im)
    for k in range(14):
        y = 300 + k * 15
        draw.arc([-200, y - 40, W + 200, y + 60], 200, 340, fill=(50, 110, 60), width=6)
    mist = Image.new("RGB", (W, H), (245, 245, 240))
    mask = gradient((140, 140, 140), (0, 0, 0)).convert("L")
    im.paste(mist, (0, 0), mask)
    return im


# --- Harbour Gazette ------------------------------------------------------------------

def harbour(rng: random.Random) -> Image.Image:
    """A harbour wall, a lighthouse and moored boats."""
    im = gradient((150, 190, 225), (230, 220, 200))
    hills(im, 250, (120, 140, 120), 40, 0.7)
    sea(im, 260, (30, 70, 100), (90, 140, 170), rng)
    draw = ImageDraw.Draw(im)
    draw.polygon([(520, 262), (W, 240), (W, 300), (520, 290)], fill=(120, 110, 100))  # harbour wall
    draw.polygon([(690, 240), (730, 240), (722, 120), (698, 120)], fill=(240, 240, 235))
    for y in (150, 190, 225):
        draw.rectangle([692, y, 728, y + 12], fill=(200, 40, 40))
    draw.rectangle([694, 100, 726, 120], fill=(60, 60, 60))
    draw.polygon([(690, 100), (730, 100), (710, 80)], fill=(200, 40, 40))
    for x, y, s, hull, sail in ((120, 330, 1.0, (180, 60, 40), (245, 240, 225)),
                                (300, 360, 1.3, (40, 70, 120), None),
                                (450, 310, 0.8, (230, 200, 60), (250, 250, 245))):
        boat(draw, x, y, s, hull, sail)
    return im


def regatta(rng: random.Random) -> Image.Image:
    """Sailing dinghies racing past bunting."""
    im = gradient((110, 170, 230), (200, 225, 240))
    sea(im, 230, (20, 90, 130), (80, 150, 190), rng)
    draw = ImageDraw.Draw(im)
    colours = [(220, 50, 50), (250, 200, 40), (40, 120, 200), (60, 170, 90), (250, 250, 250)]
    draw.line([(0, 30), (W, 60)], fill=(60, 60, 60), width=2)
    for i, x in enumerate(range(10, W, 40)):
        y = 30 + x * 30 // W
        draw.polygon([(x, y), (x + 28, y + 1), (x + 14, y + 26)], fill=colours[i % len(colours)])
    for i in range(6):
        x = 80 + i * 120 + rng.randint(-20, 20)
        y = 260 + (i % 3) * 60
        boat(draw, x, y, 0.7 + 0.15 * (i % 3), (250, 250, 250), colours[i % len(colours)])
    return im


def lifeboat(rng: random.Random) -> Image.Image:
    """A lifeboat station slipway under a grey sky."""
    im = gradient((120, 130, 140), (200, 205, 205))
    sea(im, 300, (50, 70, 80), (110, 125, 130), rng)
    draw = ImageDraw.Draw(im)
    draw.rectangle([480, 120, 740, 300], fill=(230, 225, 215))  # boathouse
    draw.polygon([(470, 120), (750, 120), (610, 60)], fill=(60, 70, 90))
    draw.rectangle([560, 190, 660, 300], fill=(50, 50, 60))
    draw.polygon([(560, 300), (660, 300), (520, H), (360, H)], fill=(140, 130, 120))  # slipway
    boat(draw, 610, 285, 1.2, (230, 110, 30), None)
    return im


# --- 青川日报，一周 (examples/week) -----------------------------------------------------

def market(rng: random.Random) -> Image.Image:
    """A morning street market: striped awnings over stalls piled with cabbages and radishes."""
    im = gradient((235, 215, 185), (205, 215, 225))
    draw = ImageDraw.Draw(im)
    draw.rectangle([0, 150, W, 300], fill=(150, 140, 130))  # old shop fronts behind the stalls
    for x in range(20, W, 95):
        draw.rectangle([x, 185, x + 45, 260], fill=(110, 95, 85))
    draw.rectangle([0, 300, W, H], fill=(120, 118, 112))  # street
    stripes = [((200, 60, 50), (245, 240, 230)), ((50, 110, 170), (245, 240, 230)), ((60, 140, 90), (240, 235, 210))]
    for i, x0 in enumerate(range(10, W, 200)):
        x1 = x0 + 180
        a, b = stripes[i % len(stripes)]
        for k in range(6):  # awning
            draw.polygon([(x0 + k * 30, 230), (x0 + (k + 1) * 30, 230),
                          (x0 + (k + 1) * 30 + 6, 270), (x0 + k * 30 + 6, 270)], fill=a if k % 2 == 0 else b)
        for post in (x0 + 8, x1 - 4):
            draw.line([(post, 270), (post, 390)], fill=(70, 60, 50), width=4)
        draw.rectangle([x0, 360, x1 + 6, 395], fill=(140, 100, 60))  # table
        for _ in range(16):  # produce on the table
            cx, cy = rng.randint(x0 + 12, x1 - 6), rng.randint(335, 358)
            if rng.random() < 0.6:
                draw.ellipse([cx - 14, cy - 11, cx + 14, cy + 11], fill=(120 + rng.randint(0, 40), 175, 90))
            else:
                draw.ellipse([cx - 6, cy - 14, cx + 6, cy + 14], fill=rng.choice([(235, 235, 225), (200, 50, 60)]))
    for _ in range(9):  # shoppers
        x, y = rng.randint(30, W - 30), rng.randint(420, 470)
        colour = rng.choice([(60, 60, 80), (150, 50, 50), (80, 100, 70), (40, 40, 45)])
        draw.rectangle([x - 9, y - 40, x + 9, y], fill=colour)
        draw.ellipse([x - 8, y - 58, x + 8, y - 42], fill=(225, 190, 160))
    return im


def snow(rng: random.Random) -> Image.Image:
    """Snow-covered hills and pine woods under a pale winter sky."""
    im = gradient((190, 205, 220), (240, 242, 245))
    hills(im, 230, (215, 222, 232), 70, 0.9)
    hills(im, 330, (244, 246, 250), 60, 2.6)
    draw = ImageDraw.Draw(im)
    pines = sorted((rng.randint(300, H + 40), rng.randint(-20, W + 20)) for _ in range(70))
    for y, x in pines:  # far ones first, so nearer trees overlap them
        h = 30 + (y - 300) // 3
        green = (40 + rng.randint(0, 20), 75 + rng.randint(0, 20), 60)
        draw.polygon([(x, y - h), (x - h // 3, y), (x + h // 3, y)], fill=green)
        draw.polygon([(x, y - h), (x - h // 8, y - h * 2 // 3), (x + h // 8, y - h * 2 // 3)], fill=(250, 250, 252))
    for _ in range(220):  # falling snow
        x, y, r = rng.randint(0, W), rng.randint(0, H), rng.choice((1, 1, 2))
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 255))
    return im.filter(ImageFilter.GaussianBlur(0.6))


PICTURES: dict[Path, Callable[[random.Random], Image.Image]] = {
    HERE / "qingchuan-daily" / "images" / "bridge.jpg": bridge,
    HERE / "qingchuan-daily" / "images" / "lanterns.jpg": lanterns,
    HERE / "qingchuan-daily" / "images" / "tea-terraces.jpg": orchard,
    HERE / "harbour-gazette-images" / "harbour.jpg": harbour,
    HERE / "harbour-gazette-images" / "regatta.jpg": regatta,
    HERE / "harbour-gazette-images" / "lifeboat.jpg": lifeboat,
    # appended: a new picture's seed is its position, so earlier ones stay byte-identical
    HERE / "week" / "images" / "market.jpg": market,
    HERE / "week" / "images" / "first-snow.jpg": snow,
}


def main() -> None:
    for n, (path, draw) in enumerate(PICTURES.items()):
        im = draw(random.Random(20261120 + n))
        path.parent.mkdir(parents=True, exist_ok=True)
        im.save(path, "JPEG", quality=82, optimize=True, progressive=False)
        size = path.stat().st_size
        assert size < 60_000, f"{path} is {size} bytes"
        print(f"{path.relative_to(HERE)}  {im.width}×{im.height}  {size // 1024} KB")


if __name__ == "__main__":
    main()
