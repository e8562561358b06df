"""What the bot says to anything that is not a question it can answer."""

from __future__ import annotations

from handlers import replies
from handlers.replies import Message

HELP = (
    "ประชุม (Prachum) ช่วยค้นข่าวการประชุม สัมมนา และอบรมด้านการศึกษาครับ\n"
    "พิมพ์ถามได้เลย เช่น\n"
    "• ประชุมที่เชียงใหม่\n"
    "• สัมมนา ก.พ. 68\n"
    "• อบรมที่หาดใหญ่\n"
    "• ประชุมเดือนนี้ / ประชุมล่าสุด\n"
    "• นายธนพลเป็นประธานอะไรบ้าง"
)
SEARCH = (
    "พิมพ์สิ่งที่อยากค้นได้เลยครับ จะใส่จังหวัด ช่วงเวลา ประเภท หน่วยงาน หรือชื่อประธานก็ได้ เช่น\n"
    "• อบรมที่ขอนแก่นเดือนหน้า\n"
    "• ประชุม สพฐ. ปี 2568\n"
    "• สัมมนาที่มีผู้เข้าร่วมเกิน 500 คน"
)
WELCOME = "สวัสดีครับ ขอบคุณที่เพิ่มเพื่อน 🙏\n" + HELP
THANKS = "ยินดีครับ 😊 ถามเรื่องการประชุมได้ตลอดเวลาครับ"


def show_help() -> list[Message]:
    return [replies.text(HELP, replies.example_items())]


def search_prompt() -> list[Message]:
    """The rich menu's ค้นหาประชุม: how to ask, with examples to tap (typed, those words list everything)."""
    return [replies.text(SEARCH, replies.example_items())]


def welcome() -> list[Message]:
    return [replies.text(WELCOME, replies.example_items())]


def greet(text: str) -> list[Message]:
    if text.startswith(("ขอบคุณ", "ขอบใจ", "thank", "Thank", "thx")):
        return [replies.text(THANKS, replies.example_items())]
    return show_help()
