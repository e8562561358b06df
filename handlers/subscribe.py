"""ติดตาม / เลิกติดตาม / การติดตามของฉัน: following meetings from the chat."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime

from sqlmodel import Session

from handlers import replies
from handlers.follows import MAX_FOLLOWS, Follow, follow_from, read_follows
from handlers.intent import parse_query
from handlers.replies import Message, QuickReplyItem
from store.subscribers import find_subscriber, save_follows

EXAMPLES = ("ติดตาม สมุทรสาคร", "ติดตาม สัมมนา", "ติดตาม สพฐ.")
THAI_LETTER = re.compile("[\u0e01-\u0e2e]")
REMIND_WORD = re.compile(r"\s*(?:และ)?(?:แจ้งเตือน|เตือน(?:ด้วย|ฉัน|ผม|หนู)?)(?:ด้วย)?(?:ครับ|ค่ะ|คะ|นะ)*\s*$")


@dataclass(frozen=True)
class Chat:
    """Where a message comes from (a LINE user, group or room), who sent it, and whether they are an admin."""

    line_id: str
    chat_type: str = "user"
    user_id: str | None = None
    admin: bool = False


def answer_subscription(
    command: str, rest: str, *, chat: Chat, session: Session, now: datetime
) -> list[Message]:
    subscriber = find_subscriber(session, chat.line_id)
    follows = read_follows(subscriber.filters) if subscriber and subscriber.active else []
    if command == "list":
        return [_state("", follows)]
    remind = command == "follow" and REMIND_WORD.search(rest) is not None
    if remind:
        rest = REMIND_WORD.sub("", rest).strip()
    wanted = follow_from(parse_query(rest, now=now))
    if remind:
        wanted = replace(wanted, remind=True)
    if command == "unfollow":
        return [_unfollow(rest, wanted, follows, chat=chat, session=session, now=now)]
    return [_follow(rest, wanted, follows, chat=chat, session=session, now=now)]


def _follow(
    rest: str, wanted: Follow, follows: list[Follow], *, chat: Chat, session: Session, now: datetime
) -> Message:
    if rest and wanted.everything and not THAI_LETTER.search(rest):  # "ติดตาม 555": not polite filler
        return replies.text(
            f"ขออภัยครับ ไม่เข้าใจว่าต้องการติดตาม “{replies.clip(rest, 40)}”\nลองพิมพ์ เช่น " + " / ".join(EXAMPLES),
            [replies.ask_item(example) for example in EXAMPLES],
        )
    same = [f for f in follows if f.key() == wanted.key() or f.everything]
    if same and wanted.remind and not same[0].remind:
        updated = [replace(f, remind=True) if f is same[0] else f for f in follows]
        save_follows(session, chat.line_id, chat.chat_type, [f.to_dict() for f in updated], now=now)
        return _state(f"จะเตือน{same[0].label}ก่อนวันประชุม 1 วันด้วยครับ", updated)
    if same:
        return _state(f"คุณติดตาม{wanted.label}อยู่แล้วครับ", follows)
    if len(follows) >= MAX_FOLLOWS:
        return _state(f"ติดตามได้สูงสุด {MAX_FOLLOWS} รายการครับ กรุณาเลิกติดตามบางรายการก่อน", follows)
    updated = [wanted] if wanted.everything else [*follows, wanted]
    save_follows(session, chat.line_id, chat.chat_type, [f.to_dict() for f in updated], now=now)
    also = " และเตือนก่อนวันประชุม 1 วัน" if wanted.remind else ""
    return _state(f"ติดตาม{wanted.label}แล้วครับ จะส่งสรุปการประชุมใหม่ให้ทุกเช้า{also}", updated)


def _unfollow(
    rest: str, wanted: Follow, follows: list[Follow], *, chat: Chat, session: Session, now: datetime
) -> Message:
    if not follows:
        return _state("ตอนนี้คุณยังไม่ได้ติดตามอะไรครับ", [])
    if rest and wanted.everything and not any(f.label == rest for f in follows):
        return _state(f"คุณไม่ได้ติดตาม “{replies.clip(rest, 40)}” ครับ", follows)
    kept = (
        []
        if not rest or wanted.everything
        else [f for f in follows if f.key() != wanted.key() and f.label != rest]
    )
    if len(kept) == len(follows):
        return _state(f"คุณไม่ได้ติดตาม{wanted.label}ครับ", follows)
    save_follows(session, chat.line_id, chat.chat_type, [f.to_dict() for f in kept], now=now)
    said = "เลิกติดตามทั้งหมดแล้วครับ จะไม่ส่งสรุปการประชุมอีก" if not kept else f"เลิกติดตาม{wanted.label}แล้วครับ"
    return _state(said, kept)


def _state(said: str, follows: list[Follow]) -> Message:
    """A confirmation that always ends with what is followed now, and buttons for the next step."""
    if follows:
        listed = "\n".join(f"• {f.label}" + (" (เตือนก่อนวันประชุม)" if f.remind else "") for f in follows)
        lines = [said, f"ตอนนี้คุณติดตาม:\n{listed}"]
    else:
        lines = [said, "ตอนนี้ไม่ได้ติดตามอะไร พิมพ์ “ติดตาม” ตามด้วยจังหวัด ประเภท หรือหน่วยงาน เช่น “ติดตาม สมุทรสาคร”"]
    quick: list[QuickReplyItem] = [
        replies.postback_item(f"เลิก {f.label}", unfollow_data(f), f"เลิกติดตาม {f.label}") for f in follows
    ][:10]
    if not follows:
        quick.extend(replies.ask_item(example) for example in EXAMPLES)
    quick.append(replies.ask_item("การติดตามของฉัน"))
    return replies.text("\n".join(line for line in lines if line), quick)


def unfollow_data(follow: Follow) -> str:
    return "action=unfollow&q=" + follow.label[: replies.MAX_POSTBACK - 20]
