#!/usr/bin/env python3
"""Draws the map's pictures: assets/tiles/terrain.png and assets/tiles/places.png.

terrain.png: one pointy-top hex tile per terrain type, in the order of assets/rules/terrain.ron,
side by side. The water of streams and of the Yellow River is not in the tiles: the game draws
rivers as continuous ribbons over them (map_view.rs), so their tiles are the valley floor.

terrain-winter.png: the same tiles under snow (the map shows it in winter), the rivers' ice
drawn by the game.

places.png: three pictures of places, side by side: an open town (no walls), a fort (walls 1)
and a walled city (walls 2 or more), in stone; the game sets the owner's colour beneath them.

Deterministic (fixed seed). Needs Pillow: `pip install pillow`, then `python3 tools/make_tiles.py`.
"""
import math
import random
from PIL import Image, ImageDraw

W, H = 64, 74  # pointy hex: width = sqrt(3) * r, height = 2r
R = H / 2
ORDER = ["steppe", "desert", "loess-hills", "mountains", "river-valley", "irrigated-plain",
         "marsh", "forest", "stream", "yellow-river"]
BASE = {
    "steppe": (196, 190, 128), "desert": (231, 208, 150), "loess-hills": (205, 163, 107),
    "mountains": (139, 124, 108), "river-valley": (150, 182, 98), "irrigated-plain": (118, 176, 92),
    "marsh": (122, 158, 134), "forest": (72, 116, 70), "stream": (150, 182, 98),
    "yellow-river": (176, 142, 82),
}


def hexagon(cx, cy, r):
    return [(cx + r * math.cos(math.radians(60 * i - 30)), cy + r * math.sin(math.radians(60 * i - 30))) for i in range(6)]


def shade(c, d):
    return tuple(max(0, min(255, v + d)) for v in c)


def snowed(img, rng):
    """The tile under a thin snow: its colours drawn towards white, with drifts."""
    px = img.load()
    for y in range(img.size[1]):
        for x in range(img.size[0]):
            r, g, b, a = px[x, y]
            if a:
                px[x, y] = (int(r + (236 - r) * 0.55), int(g + (240 - g) * 0.55), int(b + (248 - b) * 0.6), a)
    d = ImageDraw.Draw(img)
    for _ in range(14):
        x, y = rng.uniform(6, W - 6), rng.uniform(8, H - 8)
        r = rng.uniform(0.7, 1.6)
        if img.getpixel((int(x), int(y)))[3]:
            d.ellipse([x - r * 2, y - r, x + r * 2, y + r], fill=(246, 248, 252, 255))
    return img


def tile(kind, rng):
    img = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    cx, cy = W / 2, H / 2
    # A pixel of bleed past the hexagon's edge, so neighbouring tiles overlap rather than
    # leave a hairline of background between them.
    poly = hexagon(cx, cy, R + 1.5)
    base = BASE[kind]
    d.polygon(poly, fill=base)
    # Mottling so large areas do not look flat.
    for _ in range(90):
        x, y = rng.uniform(4, W - 4), rng.uniform(4, H - 4)
        r = rng.uniform(1.5, 4)
        d.ellipse([x - r, y - r, x + r, y + r], fill=shade(base, rng.randint(-12, 12)))
    ink = shade(base, -60)
    if kind == "steppe":
        for _ in range(26):
            x, y = rng.uniform(10, W - 10), rng.uniform(12, H - 12)
            d.line([(x, y), (x - 2, y - 4)], fill=shade(base, -40), width=1)
            d.line([(x + 2, y), (x + 3, y - 4)], fill=shade(base, -40), width=1)
    elif kind == "desert":
        for i in range(5):
            y = 16 + i * 11 + rng.uniform(-2, 2)
            x = rng.uniform(8, 22)
            d.arc([x, y, x + 26, y + 10], 200, 340, fill=shade(base, -45), width=2)
    elif kind == "loess-hills":
        for i in range(4):
            y = 18 + i * 12
            pts = [(8 + t * 6, y + 3 * math.sin(t * 1.3 + i)) for t in range(9)]
            d.line(pts, fill=shade(base, -45), width=2)
        for _ in range(3):
            x = rng.uniform(18, 46)
            d.line([(x, 24), (x + rng.uniform(-6, 6), 50)], fill=shade(base, -70), width=1)
    elif kind == "mountains":
        for (x, y, s) in [(20, 44, 14), (40, 40, 17), (30, 56, 11)]:
            d.polygon([(x - s, y + s * 0.6), (x, y - s), (x + s, y + s * 0.6)], fill=shade(base, -25), outline=ink)
            d.polygon([(x - s * 0.3, y - s * 0.4), (x, y - s), (x + s * 0.3, y - s * 0.4)], fill=(236, 232, 226))
    elif kind in ("river-valley", "stream"):
        for i in range(5):
            y = 14 + i * 11
            d.line([(10, y), (W - 10, y + 4)], fill=shade(base, -30), width=1)
    elif kind == "irrigated-plain":
        for i in range(6):
            d.line([(8, 10 + i * 10), (W - 8, 10 + i * 10)], fill=(84, 142, 190), width=1)
        for i in range(5):
            d.line([(12 + i * 10, 8), (12 + i * 10, H - 8)], fill=shade(base, -35), width=1)
    elif kind == "marsh":
        for _ in range(6):
            x, y = rng.uniform(12, W - 12), rng.uniform(16, H - 16)
            d.line([(x - 6, y), (x + 6, y)], fill=(80, 120, 170), width=2)
        for _ in range(14):
            x, y = rng.uniform(10, W - 10), rng.uniform(14, H - 14)
            d.line([(x, y), (x, y - 6)], fill=shade(base, -55), width=1)
    elif kind == "forest":
        for _ in range(16):
            x, y = rng.uniform(12, W - 12), rng.uniform(14, H - 14)
            d.ellipse([x - 5, y - 5, x + 5, y + 5], fill=shade(base, rng.randint(-25, 15)), outline=shade(base, -45))
    elif kind == "yellow-river":
        for i in range(6):
            y = 12 + i * 10
            pts = [(6 + t * 7, y + 2 * math.sin(t * 1.4 + i)) for t in range(9)]
            d.line(pts, fill=shade(base, 28), width=2)
    # No drawn edge: neighbouring tiles meet without a grid line (the hex grid shows only
    # where the cursor is).
    # Clip everything to the hexagon.
    mask = Image.new("L", (W, H), 0)
    ImageDraw.Draw(mask).polygon(poly, fill=255)
    img.putalpha(mask)
    return img


P = 64  # a place picture's side, in pixels
STONE = (196, 186, 164)
STONE_DARK = (120, 110, 96)
ROOF = (146, 64, 48)
INK = (52, 44, 36)


def crenellated(d, x0, y0, x1, y1, merlon=4):
    """A wall's top from x0 to x1 at y0, with merlons, down to y1."""
    d.rectangle([x0, y0, x1, y1], fill=STONE, outline=INK)
    x = x0
    while x + merlon <= x1:
        d.rectangle([x, y0 - merlon, x + merlon, y0], fill=STONE, outline=INK)
        x += 2 * merlon


def tower(d, cx, base, w, h):
    d.rectangle([cx - w / 2, base - h, cx + w / 2, base], fill=STONE, outline=INK)
    d.polygon([(cx - w / 2 - 2, base - h), (cx, base - h - w * 0.8), (cx + w / 2 + 2, base - h)],
              fill=ROOF, outline=INK)


def house(d, x, y, w, h):
    d.rectangle([x, y, x + w, y + h], fill=(222, 206, 170), outline=INK)
    d.polygon([(x - 2, y), (x + w / 2, y - h * 0.7), (x + w + 2, y)], fill=ROOF, outline=INK)


def picture(draw):
    """One place's picture: `draw` on a clear square canvas."""
    img = Image.new("RGBA", (P, P), (0, 0, 0, 0))
    draw(ImageDraw.Draw(img))
    return img


def town(d):
    house(d, 10, 36, 16, 12)
    house(d, 34, 38, 18, 11)
    house(d, 22, 24, 16, 12)


def fort(d):
    crenellated(d, 12, 30, 52, 52)
    d.rectangle([27, 40, 37, 52], fill=INK)  # the gate
    tower(d, 14, 52, 10, 28)
    tower(d, 50, 52, 10, 28)


def walled_city(d):
    # Roofs of the city over the wall, then the wall, its gate tower and corner towers.
    house(d, 14, 20, 12, 9)
    house(d, 38, 18, 12, 9)
    d.polygon([(20, 16), (32, 6), (44, 16)], fill=ROOF, outline=INK)  # the drum tower
    d.rectangle([24, 16, 40, 26], fill=(222, 206, 170), outline=INK)
    crenellated(d, 4, 32, 60, 56)
    d.rectangle([4, 46, 60, 56], fill=STONE_DARK, outline=INK)
    tower(d, 32, 56, 14, 30)
    d.rectangle([28, 46, 36, 56], fill=INK)  # the gate
    tower(d, 6, 56, 9, 28)
    tower(d, 58, 56, 9, 28)


def main():
    rng = random.Random(1041)
    atlas = Image.new("RGBA", (W * len(ORDER), H), (0, 0, 0, 0))
    for i, kind in enumerate(ORDER):
        atlas.paste(tile(kind, rng), (i * W, 0))
    atlas.save("assets/tiles/terrain.png")
    print("wrote assets/tiles/terrain.png", atlas.size)
    winter = Image.new("RGBA", (W * len(ORDER), H), (0, 0, 0, 0))
    for i in range(len(ORDER)):
        winter.paste(snowed(atlas.crop((i * W, 0, (i + 1) * W, H)), rng), (i * W, 0))
    winter.save("assets/tiles/terrain-winter.png")
    print("wrote assets/tiles/terrain-winter.png", winter.size)
    places = Image.new("RGBA", (P * 3, P), (0, 0, 0, 0))
    for i, draw in enumerate([town, fort, walled_city]):
        places.paste(picture(draw), (i * P, 0))
    places.save("assets/tiles/places.png")
    print("wrote assets/tiles/places.png", places.size)


if __name__ == "__main__":
    main()
