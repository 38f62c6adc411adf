#!/usr/bin/env python
"""Draw the installable app's icons into static/img/ (run again after changing the colours or the mark).

    .venv/bin/python scripts/app_icons.py
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
RED, GOLD = (164, 22, 26), (212, 160, 23)
FONT = ROOT / "static" / "fonts" / "wqy-microhei.ttc"


def icon(size: int, *, maskable: bool) -> Image.Image:
    image = Image.new("RGB", (size, size), RED)
    draw = ImageDraw.Draw(image)
    inset = size * (0.2 if maskable else 0.08)  # a maskable icon keeps its mark inside the safe circle
    draw.ellipse([inset, inset, size - inset, size - inset], outline=GOLD, width=max(size // 40, 2))
    font = ImageFont.truetype(str(FONT), int(size * (0.24 if maskable else 0.3)))
    draw.text((size / 2, size / 2), "政协", fill="white", font=font, anchor="mm")
    return image


def main():
    folder = ROOT / "static" / "img"
    for name, size, maskable in (("app-192.png", 192, False), ("app-512.png", 512, False),
                                 ("app-maskable-512.png", 512, True), ("app-touch-180.png", 180, False)):
        icon(size, maskable=maskable).save(folder / name, optimize=True)
        print(folder / name)


if __name__ == "__main__":
    main()
