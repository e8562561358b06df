"""Every LINE message the bot sends is built here, within LINE's limits."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlparse

from linebot.v3.messaging import (
    FlexBox,
    FlexBubble,
    FlexButton,
    FlexCarousel,
    FlexMessage,
    FlexSeparator,
    FlexText,
    Message,
    MessageAction,
    PostbackAction,
    QuickReply,
    QuickReplyItem,
    TextMessage,
    URIAction,
)

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
EXAMPLES = ("ประชุมที่เชียงใหม่", "สัมมนา ก.พ. 68", "ประชุมเดือนนี้", "ประชุมล่าสุด")  # each finds a meeting in samples/


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut between words (never inside a Thai syllable)."""
    return shorten(text, limit)


def text(body: str, quick: Sequence[QuickReplyItem] = ()) -> TextMessage:
    return TextMessage(text=clip(body or " ", MAX_TEXT), quick_reply=_quick_reply(quick))


def _quick_reply(items: Sequence[QuickReplyItem]) -> QuickReply | None:
    return QuickReply(items=list(items)[:MAX_QUICK_REPLIES]) if items else None


def ask_item(label: str, message: str | None = None) -> QuickReplyItem:
    return QuickReplyItem(
        action=MessageAction(label=clip(label, MAX_LABEL), text=clip(message or label, 300))
    )


def postback_item(label: str, data: str, display: str | None = None) -> QuickReplyItem:
    return QuickReplyItem(
        action=PostbackAction(label=clip(label, MAX_LABEL), data=data[:MAX_POSTBACK], display_text=display)
    )


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


def meeting_bubble(meeting: Meeting, source: str) -> FlexBubble:
    body: list[FlexText | FlexBox | FlexSeparator] = [
        FlexText(text=KIND_LABELS.get(meeting.kind, "ประชุม"), size="xs", color="#1DB446", weight="bold"),
        FlexText(text=clip(meeting.title, 160), weight="bold", size="md", wrap=True, max_lines=4),
        FlexSeparator(margin="md"),
    ]
    for label, value in meeting_lines(meeting):
        body.append(
            FlexBox(
                layout="baseline",
                spacing="sm",
                margin="sm",
                contents=[
                    FlexText(text=label, size="xs", color="#888888", flex=2),
                    FlexText(text=clip(value, 200), size="sm", wrap=True, flex=5),
                ],
            )
        )
    footer = None
    if _is_url(source):
        footer = FlexBox(
            layout="vertical",
            contents=[
                FlexButton(action=URIAction(label="อ่านข่าว", uri=source[:1000]), style="link", height="sm")
            ],
        )
    return FlexBubble(
        size="mega",
        body=FlexBox(layout="vertical", spacing="sm", contents=body),
        footer=footer,
    )


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
) -> FlexMessage:
    bubbles = [meeting_bubble(meeting, source) for meeting, source in rows[:MAX_BUBBLES]]
    return FlexMessage(
        alt_text=meeting_list_text(rows[:MAX_BUBBLES], heading),
        contents=FlexCarousel(contents=bubbles),
        quick_reply=_quick_reply(quick),
    )


def to_json(messages: Sequence[Message]) -> list[dict[str, object]]:
    return [message.to_dict() for message in messages]
