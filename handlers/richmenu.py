"""The rich menu: six buttons under the chat, each a message or postback the bot already answers.

Texts rather than postbacks wherever the bot has a command for it, so a tap reads in the chat exactly as
if the official had typed it; only "ค้นหาประชุม" has no text of its own (typed, it would list everything).
"""

from __future__ import annotations

from dataclasses import dataclass

from linebot.v3.messaging import (
    Action,
    MessageAction,
    PostbackAction,
    RichMenuArea,
    RichMenuBounds,
    RichMenuRequest,
    RichMenuSize,
)

NAME = "prachum-menu"  # menus the bot made carry this name; `prachum richmenu` replaces them, no other
WIDTH, HEIGHT = 2500, 1686
COLUMNS, ROWS = 3, 2
CHAT_BAR = "เมนู"
SEARCH_DATA = "action=search"


@dataclass(frozen=True)
class Button:
    label: str  # drawn on the image, and LINE reads it out for accessibility
    icon: str  # the name of the drawing in handlers/richmenu_art.py
    text: str | None = None  # a message action sends this text
    data: str | None = None  # a postback action sends this data (and shows `label` as the user's message)

    def action(self) -> Action:
        if self.data is not None:
            return PostbackAction(label=self.label, data=self.data, display_text=self.label)
        return MessageAction(label=self.label, text=self.text or self.label)


BUTTONS = (
    Button("ค้นหาประชุม", "search", data=SEARCH_DATA),
    Button("ประชุมล่าสุด", "latest", text="ประชุมล่าสุด"),
    Button("ที่จะถึง", "upcoming", text="ประชุมที่จะถึง"),
    Button("ติดตาม", "follow", text="การติดตามของฉัน"),
    Button("ปฏิทินของฉัน", "calendar", text="ปฏิทินของฉัน"),
    Button("วิธีใช้", "help", text="วิธีใช้"),
)


def cell(index: int) -> RichMenuBounds:
    """The index-th button's rectangle, left to right then top to bottom, covering the image exactly."""
    column, row = index % COLUMNS, index // COLUMNS
    left, right = WIDTH * column // COLUMNS, WIDTH * (column + 1) // COLUMNS
    top, bottom = HEIGHT * row // ROWS, HEIGHT * (row + 1) // ROWS
    return RichMenuBounds(x=left, y=top, width=right - left, height=bottom - top)


def rich_menu() -> RichMenuRequest:
    """The menu object LINE stores; shown open by default so a new follower sees it at once."""
    return RichMenuRequest(
        size=RichMenuSize(width=WIDTH, height=HEIGHT),
        selected=True,
        name=NAME,
        chat_bar_text=CHAT_BAR,
        areas=[RichMenuArea(bounds=cell(i), action=button.action()) for i, button in enumerate(BUTTONS)],
    )
