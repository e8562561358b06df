"""The rich menu's image, drawn at run time: no binary in the repository, a Thai font from a wheel."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import fontpkg_noto_sans_thai
from PIL import Image, ImageDraw, ImageFont

from handlers.richmenu import BUTTONS, HEIGHT, WIDTH, cell

FONT = next((Path(fontpkg_noto_sans_thai.ROOT) / "files").glob("NotoSansThai*.ttf"))
TILES = ("#06C755", "#1E88E5", "#F4511E", "#8E24AA", "#00897B", "#546E7A")  # one colour per button
INK = "#FFFFFF"
GAP = 6  # a thin line between tiles, so the six areas read as six buttons


@cache
def font(size: int) -> ImageFont.FreeTypeFont:
    """Noto Sans Thai at the given size, in the variable font's bold instance."""
    face = ImageFont.truetype(str(FONT), size)
    face.set_variation_by_name("Bold")
    return face


def draw_menu() -> bytes:
    """The 2500x1686 PNG: six coloured tiles, each an icon above its Thai label."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "#FFFFFF")
    draw = ImageDraw.Draw(image)
    for index, button in enumerate(BUTTONS):
        box = cell(index)
        left, top, right, bottom = box.x, box.y, box.x + box.width, box.y + box.height
        draw.rectangle((left + GAP, top + GAP, right - GAP, bottom - GAP), fill=TILES[index])
        centre_x, icon_y = (left + right) // 2, top + box.height * 38 // 100
        ICONS[button.icon](draw, centre_x, icon_y, 150)
        draw.text(
            (centre_x, top + box.height * 76 // 100), button.label, font=font(120), fill=INK, anchor="mm"
        )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


Draw = ImageDraw.ImageDraw
LINE = 26  # icon stroke width


def _search(draw: Draw, x: int, y: int, r: int) -> None:
    lens = r * 6 // 10
    draw.ellipse((x - r, y - r, x - r + 2 * lens, y - r + 2 * lens), outline=INK, width=LINE)
    draw.line((x - r + lens * 17 // 10, y - r + lens * 17 // 10, x + r, y + r), fill=INK, width=LINE + 8)


def _latest(draw: Draw, x: int, y: int, r: int) -> None:
    for step in range(3):
        row = y - r + step * r * 9 // 10 + r // 5
        draw.ellipse((x - r, row - 18, x - r + 36, row + 18), fill=INK)
        draw.line((x - r + 70, row, x + r, row), fill=INK, width=LINE)


def _upcoming(draw: Draw, x: int, y: int, r: int) -> None:
    draw.ellipse((x - r, y - r, x + r, y + r), outline=INK, width=LINE)
    draw.line((x, y, x, y - r * 6 // 10), fill=INK, width=LINE)
    draw.line((x, y, x + r * 5 // 10, y + r * 2 // 10), fill=INK, width=LINE)


def _follow(draw: Draw, x: int, y: int, r: int) -> None:
    draw.ellipse((x - 22, y - r - 10, x + 22, y - r + 34), fill=INK)
    draw.chord((x - r * 7 // 10, y - r * 9 // 10, x + r * 7 // 10, y + r * 3 // 10), 180, 360, fill=INK)
    draw.polygon(
        [(x - r * 7 // 10, y - r * 3 // 10), (x + r * 7 // 10, y - r * 3 // 10),
         (x + r, y + r * 6 // 10), (x - r, y + r * 6 // 10)],
        fill=INK,
    )  # fmt: skip
    draw.chord((x - r // 4, y + r * 4 // 10, x + r // 4, y + r), 0, 180, fill=INK)


def _calendar(draw: Draw, x: int, y: int, r: int) -> None:
    draw.rounded_rectangle((x - r, y - r * 8 // 10, x + r, y + r), radius=24, outline=INK, width=LINE)
    draw.rectangle((x - r, y - r * 8 // 10, x + r, y - r * 3 // 10), fill=INK)
    for ring in (-r // 2, r // 2):
        draw.line((x + ring, y - r, x + ring, y - r * 6 // 10), fill=INK, width=LINE)
    for row in range(2):
        for column in range(3):
            cx, cy = x - r // 2 + column * r // 2, y + row * r * 4 // 10
            draw.rectangle((cx - 16, cy - 16, cx + 16, cy + 16), fill=INK)


def _help(draw: Draw, x: int, y: int, r: int) -> None:
    draw.ellipse((x - r, y - r, x + r, y + r), outline=INK, width=LINE)
    draw.text((x, y + 8), "?", font=font(190), fill=INK, anchor="mm")


ICONS = {
    "search": _search,
    "latest": _latest,
    "upcoming": _upcoming,
    "follow": _follow,
    "calendar": _calendar,
    "help": _help,
}
