"""Every LINE message the bot sends is built here, within LINE's limits.

Messages are plain dicts in the JSON shape LINE's Messaging API takes (camelCase, no nulls), not
line-bot-sdk models: importing the SDK's models takes most of a second, which `prachum ask` and
the chat page need not pay. bot/line.py turns them into the SDK's requests when it sends.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlparse

from news.dates import thai_date_range
from news.kinds import KIND_LABELS
from news.places import province_phrase
from news.text import shorten
from store.models import Meeting

MAX_BUBBLES = 12
MAX_TEXT = 5000
MAX_ALT_TEXT = 1500
MAX_QUICK_REPLIES = 13
MAX_LABEL = 20
MAX_POSTBACK = 300
Message = dict[str, Any]  # a LINE message object, as JSON
QuickReplyItem = dict[str, Any]  # one quick-reply button ({"type": "action", "action": …})
Component = dict[str, Any]  # a Flex component (bubble, box, text, separator, button)
EXAMPLES = ("ประชุมที่เชียงใหม่", "สัมมนา ก.พ. 68", "ประชุมเดือนนี้", "ประชุมล่าสุด")  # each finds a meeting in samples/


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut between words (never inside a Thai syllable)."""
    return shorten(text, limit)


def text(body: str, quick: Sequence[QuickReplyItem] = ()) -> Message:
    return _with_quick_reply({"type": "text", "text": clip(body or " ", MAX_TEXT)}, quick)


def _with_quick_reply(message: Message, items: Sequence[QuickReplyItem]) -> Message:
    if items:
        message["quickReply"] = {"items": list(items)[:MAX_QUICK_REPLIES]}
    return message


def ask_item(label: str, message: str | None = None) -> QuickReplyItem:
    action = {"type": "message", "label": clip(label, MAX_LABEL), "text": clip(message or label, 300)}
    return {"type": "action", "action": action}


def postback_item(label: str, data: str, display: str | None = None) -> QuickReplyItem:
    action = {"type": "postback", "label": clip(label, MAX_LABEL), "data": data[:MAX_POSTBACK]}
    if display is not None:
        action["displayText"] = display
    return {"type": "action", "action": action}


def example_items(asked: str = "") -> list[QuickReplyItem]:
    """The example questions as buttons, less the one just asked."""
    return [ask_item(example) for example in EXAMPLES if example != asked]


def meeting_when(meeting: Meeting) -> str:
    if meeting.start_date is None:
        return "ไม่ระบุวันที่"
    when = thai_date_range(meeting.start_date, meeting.end_date)
    return f"{when} เวลา {meeting.time.replace(':', '.')} น." if meeting.time else when


def meeting_lines(meeting: Meeting) -> list[tuple[str, str]]:
    """The labelled facts of a meeting, in the order an official reads them."""
    rows = [("วันที่", meeting_when(meeting))]
    place = ", ".join(
        p
        for p in (meeting.venue, province_phrase(meeting.province, short=True) if meeting.province else None)
        if p
    )
    if place:
        rows.append(("สถานที่", place))
    if meeting.chair:
        chair = f"{meeting.chair} {meeting.chair_position or ''}".strip()
        rows.append(("ประธาน", chair))
    if meeting.organizer:
        rows.append(("ผู้จัด", meeting.organizer))
    if meeting.attendees:
        rows.append(("ผู้เข้าร่วม", f"{meeting.attendees:,} คน"))
    return rows


def meeting_bubble(meeting: Meeting, source: str) -> Component:
    body: list[Component] = [
        _text(KIND_LABELS.get(meeting.kind, "ประชุม"), size="xs", color="#1DB446", weight="bold"),
        _text(clip(meeting.title, 160), weight="bold", size="md", wrap=True, maxLines=4),
        {"type": "separator", "margin": "md"},
    ]
    for label, value in meeting_lines(meeting):
        body.append(
            {
                "type": "box",
                "layout": "baseline",
                "spacing": "sm",
                "margin": "sm",
                "contents": [
                    _text(label, size="xs", color="#888888", flex=2),
                    _text(clip(value, 200), size="sm", wrap=True, flex=5),
                ],
            }
        )
    bubble: Component = {
        "type": "bubble",
        "size": "mega",
        "body": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": body},
    }
    if _is_url(source):
        read = {"type": "uri", "label": "อ่านข่าว", "uri": source[:1000]}
        button = {"type": "button", "action": read, "style": "link", "height": "sm"}
        bubble["footer"] = {"type": "box", "layout": "vertical", "contents": [button]}
    return bubble


def _text(body: str, **style: Any) -> Component:
    return {"type": "text", "text": body, **style}


def _is_url(source: str) -> bool:
    parsed = urlparse(source)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and len(source) <= 1000


def meeting_list_text(rows: Sequence[tuple[Meeting, str]], heading: str) -> str:
    """The carousel as plain text: LINE shows it in notifications and chat lists."""
    lines = [heading]
    for index, (meeting, _source) in enumerate(rows, 1):
        place = f" {province_phrase(meeting.province, short=True)}" if meeting.province else ""
        lines.append(f"{index}. {clip(meeting.title, 80)} ({meeting_when(meeting)}{place})")
    return clip("\n".join(lines), MAX_ALT_TEXT)


def meeting_carousel(
    rows: Sequence[tuple[Meeting, str]], heading: str, quick: Sequence[QuickReplyItem] = ()
) -> Message:
    bubbles = [meeting_bubble(meeting, source) for meeting, source in rows[:MAX_BUBBLES]]
    message = {
        "type": "flex",
        "altText": meeting_list_text(rows[:MAX_BUBBLES], heading),
        "contents": {"type": "carousel", "contents": bubbles},
    }
    return _with_quick_reply(message, quick)


def to_json(messages: Sequence[Message]) -> list[dict[str, object]]:
    """The messages as LINE's JSON (they already are: a copy the caller may change)."""
    return [dict(message) for message in messages]
