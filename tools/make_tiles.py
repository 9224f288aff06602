#!/usr/bin/env python3
"""Draws the terrain tiles of the map view: assets/tiles/terrain.png.

One pointy-top hex tile per terrain type, in the order of assets/rules/terrain.ron, side by side.
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


def tile(kind, rng):
    img = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    cx, cy = W / 2, H / 2
    poly = hexagon(cx, cy, R)
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
        if kind == "stream":
            pts = [(4 + t * 7, cy + 7 * math.sin(t * 0.9)) for t in range(9)]
            d.line(pts, fill=(62, 118, 176), width=5)
            d.line(pts, fill=(110, 160, 210), width=2)
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
    d.polygon(poly, outline=shade(base, -35))
    # Clip everything to the hexagon.
    mask = Image.new("L", (W, H), 0)
    ImageDraw.Draw(mask).polygon(poly, fill=255)
    img.putalpha(mask)
    return img


def main():
    rng = random.Random(1041)
    atlas = Image.new("RGBA", (W * len(ORDER), H), (0, 0, 0, 0))
    for i, kind in enumerate(ORDER):
        atlas.paste(tile(kind, rng), (i * W, 0))
    atlas.save("assets/tiles/terrain.png")
    print("wrote assets/tiles/terrain.png", atlas.size)


if __name__ == "__main__":
    main()
