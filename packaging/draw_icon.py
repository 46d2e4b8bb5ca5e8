"""Draw EditorDesk's icon (a folded newspaper page with a blue pencil stroke) at every size the
platforms ask for. Our own drawing; run once, the PNGs are kept in resources/icons/."""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def draw(size: int) -> Image.Image:
    scale = 4  # draw large, then shrink: smooth edges at every size
    s = size * scale
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pad = s * 0.08
    d.rounded_rectangle([pad, pad, s - pad, s - pad], radius=s * 0.14, fill=(138, 28, 28, 255))
    page = [s * 0.24, s * 0.2, s * 0.76, s * 0.8]
    d.rectangle(page, fill=(250, 248, 242, 255))
    fold = s * 0.13
    d.polygon(
        [(page[2] - fold, page[1]), (page[2], page[1] + fold), (page[2], page[1])],
        fill=(138, 28, 28, 255),
    )
    d.polygon(
        [(page[2] - fold, page[1]), (page[2] - fold, page[1] + fold), (page[2], page[1] + fold)],
        fill=(214, 206, 190, 255),
    )
    d.rectangle([s * 0.31, s * 0.29, s * 0.6, s * 0.36], fill=(40, 40, 40, 255))
    if size >= 32:
        for i, y in enumerate((0.44, 0.51, 0.58, 0.65)):
            right = 0.69 if i % 2 == 0 else 0.62
            d.rectangle([s * 0.31, s * y, s * right, s * (y + 0.03)], fill=(120, 120, 120, 255))
    d.line(
        [(s * 0.45, s * 0.74), (s * 0.74, s * 0.45)],
        fill=(29, 95, 180, 255),
        width=max(scale, int(s * 0.06)),
    )
    return img.resize((size, size), Image.Resampling.LANCZOS)


if __name__ == "__main__":
    out = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else (Path(__file__).parent.parent / "resources" / "icons")
    )
    out.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        draw(size).save(out / f"editordesk-{size}.png")
    print(out)
