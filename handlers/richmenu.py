"""The rich menu: six buttons under the chat, each a message or postback the bot already answers.

Texts rather than postbacks wherever the bot has a command for it, so a tap reads in the chat exactly as
if the official had typed it; only "ค้นหาประชุม" has no text of its own (typed, it would list everything).
The menu is LINE's rich menu object as JSON (camelCase), like every message in handlers/replies.py:
handlers stay free of line-bot-sdk, and bot/richmenu.py turns it into the SDK's request to send it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

NAME = "prachum-menu"  # menus the bot made carry this name; `prachum richmenu` replaces them, no other
WIDTH, HEIGHT = 2500, 1686
COLUMNS, ROWS = 3, 2
CHAT_BAR = "เมนู"
SEARCH_DATA = "action=search"
Action = dict[str, Any]  # a LINE action, as JSON
RichMenu = dict[str, Any]  # LINE's rich menu object (RichMenuRequest), as JSON


@dataclass(frozen=True)
class Button:
    label: str  # drawn on the image, and LINE reads it out for accessibility
    icon: str  # the name of the drawing in handlers/richmenu_art.py
    text: str | None = None  # a message action sends this text
    data: str | None = None  # a postback action sends this data (and shows `label` as the user's message)

    def action(self) -> Action:
        if self.data is not None:
            return {"type": "postback", "label": self.label, "data": self.data, "displayText": self.label}
        return {"type": "message", "label": self.label, "text": self.text or self.label}


@dataclass(frozen=True)
class Bounds:
    """One button's rectangle on the image, in the image's pixels."""

    x: int
    y: int
    width: int
    height: int

    def to_json(self) -> dict[str, int]:
        return {"x": self.x, "y": self.y, "width": self.width, "height": self.height}


BUTTONS = (
    Button("ค้นหาประชุม", "search", data=SEARCH_DATA),
    Button("ประชุมล่าสุด", "latest", text="ประชุมล่าสุด"),
    Button("ที่จะถึง", "upcoming", text="ประชุมที่จะถึง"),
    Button("ติดตาม", "follow", text="การติดตามของฉัน"),
    Button("ปฏิทินของฉัน", "calendar", text="ปฏิทินของฉัน"),
    Button("วิธีใช้", "help", text="วิธีใช้"),
)


def cell(index: int) -> Bounds:
    """The index-th button's rectangle, left to right then top to bottom, covering the image exactly."""
    column, row = index % COLUMNS, index // COLUMNS
    left, right = WIDTH * column // COLUMNS, WIDTH * (column + 1) // COLUMNS
    top, bottom = HEIGHT * row // ROWS, HEIGHT * (row + 1) // ROWS
    return Bounds(x=left, y=top, width=right - left, height=bottom - top)


def rich_menu() -> RichMenu:
    """The menu object LINE stores; shown open by default so a new follower sees it at once."""
    return {
        "size": {"width": WIDTH, "height": HEIGHT},
        "selected": True,
        "name": NAME,
        "chatBarText": CHAT_BAR,
        "areas": [
            {"bounds": cell(i).to_json(), "action": button.action()} for i, button in enumerate(BUTTONS)
        ],
    }
