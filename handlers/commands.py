"""Which command a chat message is, read before anything a command loads: a question answered in a
fresh process (`prachum ask`) imports none of the admin, subscription, calendar or reminder handlers,
nor their tables."""

from __future__ import annotations

import re

from handlers import replies
from handlers.intent import leading_command

ADMIN = {
    "add": ("/add", "เพิ่มข่าว"),
    "del": ("/del", "/delete", "ลบการประชุม", "ลบ"),
    "stats": ("/stats", "สถิติ"),
    "source": ("/sources", "/source", "แหล่งข่าว"),
}
FOLLOWS = {  # in this order: "เลิกติดตาม" and "การติดตามของฉัน" hold "ติดตาม"
    "list": ("การติดตามของฉัน", "ติดตามอะไรอยู่", "รายการติดตาม", "ติดตามของฉัน", "my follows"),
    "unfollow": ("เลิกติดตาม", "ยกเลิกการติดตาม", "ยกเลิกติดตาม", "unfollow", "unsubscribe"),
    "follow": ("ติดตาม", "follow", "subscribe"),
}
CALENDAR = {
    "new": ("ปฏิทินใหม่", "ขอลิงก์ปฏิทินใหม่", "new calendar"),
    "show": ("ปฏิทินของฉัน", "ลิงก์ปฏิทิน", "my calendar"),
}
REMINDERS = {"list": ("การเตือนของฉัน", "รายการเตือน", "เตือนอะไรไว้", "my reminders")}

SOURCE_ADD, SOURCE_LIST, SOURCE_REMOVE = ("add", "เพิ่ม"), ("list", "รายการ", ""), ("remove", "del", "ลบ")
# Only these forms are the command: "แหล่งข่าวการศึกษา" is someone searching, not an admin.
_WORDS = "|".join(word for word in (*SOURCE_ADD, *SOURCE_LIST, *SOURCE_REMOVE) if word)
SOURCE_FORM = re.compile(rf"^(?:/sources?(?=\s|$)|แหล่งข่าว(?:\s*(?:{_WORDS})(?=\s|$)|\s*$))", re.IGNORECASE)


def admin_command(text: str) -> tuple[str, str] | None:
    found = leading_command(text, ADMIN)
    if found is not None and found[0] == "source" and not is_source_command(text):
        return None  # a search that happens to start with the command's word
    return found


def is_source_command(text: str) -> bool:
    return SOURCE_FORM.match(text.strip()) is not None


def follow_command(text: str) -> tuple[str, str] | None:
    """("list" | "unfollow" | "follow", the rest of the message), or None for anything else."""
    return leading_command(text, FOLLOWS)


def own_command(text: str) -> tuple[str, str] | None:
    """A chat's own calendar or reminder command: ("new" | "show" | "list", the rest), or None."""
    return leading_command(text, {**CALENDAR, **REMINDERS})


def follow_data(query: str) -> str:
    """The postback of a "ติดตาม" button for what a question asked about."""
    return "action=follow&q=" + query[: replies.MAX_POSTBACK - 20]
