"""Draw the sample story's photograph: a harbour at dusk, made here from shapes so the
sample carries no one else's picture. Run once; the JPEG is kept in resources/sample/."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

W, H = 1200, 800


def draw() -> Image.Image:
    rng = random.Random(2026)
    img = Image.new("RGB", (W, H))
    px = ImageDraw.Draw(img)
    for y in range(H // 2):  # dusk sky: deep blue to amber at the horizon
        t = y / (H / 2)
        px.line([(0, y), (W, y)], fill=(int(30 + 210 * t), int(50 + 120 * t), int(110 - 30 * t)))
    for y in range(H // 2, H):  # sea, darker toward the viewer
        t = (y - H / 2) / (H / 2)
        px.line([(0, y), (W, y)], fill=(int(40 - 25 * t), int(70 - 35 * t), int(100 - 40 * t)))
    for _ in range(900):  # light on the water
        x, y = rng.randrange(W), rng.randrange(H // 2 + 4, H)
        w = rng.randrange(4, 30)
        px.line([(x, y), (x + w, y)], fill=(230, 170, 90), width=1)
    # the museum on the quay: a whitewashed house with a lit window
    px.rectangle([120, 250, 420, 400], fill=(225, 222, 210))
    px.polygon([(100, 250), (270, 160), (440, 250)], fill=(70, 60, 60))
    for x in (160, 240, 320):
        px.rectangle([x, 290, x + 40, 340], fill=(250, 200, 90))
    px.rectangle([250, 350, 290, 400], fill=(90, 60, 40))
    # the harbour wall, block by block, running out to a small lighthouse
    for i in range(26):
        x = 420 + i * 28
        top = 385 + (i % 2) * 3
        shade = 120 + rng.randrange(-15, 15)
        px.rectangle([x, top, x + 26, 420], fill=(shade, shade - 5, shade - 15))
    px.rectangle([1150, 250, 1175, 400], fill=(235, 235, 230))
    px.rectangle([1150, 290, 1175, 310], fill=(180, 40, 40))
    px.polygon([(1145, 250), (1162, 228), (1180, 250)], fill=(60, 60, 60))
    px.ellipse([1152, 236, 1172, 250], fill=(255, 240, 170))
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    return img


if __name__ == "__main__":
    out = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else (
            Path(__file__).parent.parent
            / "resources"
            / "sample"
            / "harbour-museum"
            / "museum-quay.jpg"
        )
    )
    draw().save(out, "JPEG", quality=82, optimize=True)
    print(out, out.stat().st_size)
