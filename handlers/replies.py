"""Every LINE message the bot sends is built here, within LINE's limits.

Messages are plain dicts in the JSON shape LINE's Messaging API takes (camelCase, no nulls), not
line-bot-sdk models: importing the SDK's models takes most of a second, which `prachum ask` and
the chat page need not pay. bot/line.py turns them into the SDK's requests when it sends.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from handlers.calendar import google_link
from news.dates import thai_date_range
from news.kinds import KIND_LABELS
from news.places import province_phrase
from news.text import shorten
from store.records import Meeting

MAX_BUBBLES = 12
MAX_TEXT = 5000
MAX_ALT_TEXT = 1500
MAX_QUICK_REPLIES = 13
MAX_LABEL = 20
MAX_POSTBACK = 300
MAX_URI = 1000
MAX_CAROUSEL_BYTES = 50_000  # LINE refuses a carousel whose JSON is over 50 KB
MAX_BUBBLE_BYTES = 30_000  # ... and a bubble whose JSON is over 30 KB
MAX_FOOTER_BUTTONS = MAX_QUICK_REPLIES  # every quick reply is a button too (ten follows to stop, and more)
Message = dict[str, Any]  # a LINE message object, as JSON
QuickReplyItem = dict[str, Any]  # one quick-reply button ({"type": "action", "action": …})
Action = dict[str, Any]  # a LINE action (uri, postback, message, clipboard), as JSON
Component = dict[str, Any]  # a Flex component (bubble, box, text, separator, button)
EXAMPLES = ("ประชุมที่เชียงใหม่", "สัมมนา ก.พ. 68", "ประชุมเดือนนี้", "ประชุมล่าสุด")  # each finds a meeting in samples/


@dataclass(frozen=True)
class Site:
    """What answers need to know of the server: the address LINE users reach it at (None: no link to it
    is offered), when reminders go out, and the time zone meetings are held in."""

    base_url: str | None = None
    reminder_time: str = "16:00"
    timezone: str = "Asia/Bangkok"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def link(self, path: str) -> str | None:
        return f"{self.base_url}{path}" if self.base_url else None

    def ics_link(self, meeting_id: int) -> str | None:
        return self.link(f"/meetings/{meeting_id}.ics")


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut between words (never inside a Thai syllable)."""
    return shorten(text, limit)


def text(body: str, quick: Sequence[QuickReplyItem] = ()) -> Message:
    """A text answer; one that offers quick replies is a card whose footer buttons repeat them, since
    LINE for PC shows no quick replies (phones show both)."""
    if quick:
        return card_text(body, (), quick)
    return {"type": "text", "text": clip(body or " ", MAX_TEXT)}


def _with_quick_reply(message: Message, items: Sequence[QuickReplyItem]) -> Message:
    if items:
        message["quickReply"] = {"items": list(items)[:MAX_QUICK_REPLIES]}
    return message


def ask_item(label: str, message: str | None = None) -> QuickReplyItem:
    action = {"type": "message", "label": clip(label, MAX_LABEL), "text": clip(message or label, 300)}
    return {"type": "action", "action": action}


def postback_item(label: str, data: str, display: str | None = None) -> QuickReplyItem:
    return {"type": "action", "action": postback_action(label, data, display)}


def button(action: Action) -> Component:
    return {"type": "button", "action": action, "style": "link", "height": "sm"}


def uri_action(label: str, uri: str) -> Action:
    return {"type": "uri", "label": clip(label, MAX_LABEL), "uri": uri[:MAX_URI]}


def postback_action(label: str, data: str, display: str | None = None) -> Action:
    action = {"type": "postback", "label": clip(label, MAX_LABEL), "data": data[:MAX_POSTBACK]}
    if display is not None:
        action["displayText"] = display
    return action


def copy_action(label: str, text: str) -> Action:
    return {"type": "clipboard", "label": clip(label, MAX_LABEL), "clipboardText": text[:1000]}


def buttons_footer(actions: Sequence[Action]) -> Component | None:
    """The actions as a bubble's footer buttons: LINE for PC shows no quick replies, but shows these."""
    if not actions:
        return None
    contents = [button(action) for action in actions[:MAX_FOOTER_BUTTONS]]
    return {"type": "box", "layout": "vertical", "spacing": "none", "contents": contents}


def card_text(
    body: str,
    actions: Sequence[Action] = (),
    quick: Sequence[QuickReplyItem] = (),
    *,
    title: str | None = None,
) -> Message:
    """A text answer whose next steps are buttons in the message itself (and the same quick replies).

    The whole text is in the bubble, as a text message would show it; the alt text (notifications, chat
    list) is as much of it as LINE takes. A text so long that the bubble would pass 30 KB is shortened.
    """
    unique: list[Action] = []
    for action in [*actions, *(item["action"] for item in quick)]:
        if action not in unique:
            unique.append(action)
    for limit in (MAX_TEXT, 3000, 2000, 1000):
        bubble = _bubble("mega", _text_box(body, title, limit), unique)
        if _json_bytes(bubble) <= MAX_BUBBLE_BYTES:
            break
    message = {
        "type": "flex",
        "altText": clip(f"{title}\n{body}" if title else body or " ", MAX_ALT_TEXT),
        "contents": bubble,
    }
    return _with_quick_reply(message, quick)


def _text_box(body: str, title: str | None, limit: int) -> Component:
    contents: list[Component] = []
    if title:
        contents.append(_text(clip(title, 100), weight="bold", size="md", wrap=True))
    contents.append(_text(clip(body or " ", limit), size="sm", wrap=True))
    return {"type": "box", "layout": "vertical", "spacing": "md", "contents": contents}


def _bubble(size: str, body: Component, actions: Sequence[Action]) -> Component:
    bubble: Component = {"type": "bubble", "size": size, "body": body}
    footer = buttons_footer(actions)
    if footer is not None:
        bubble["footer"] = footer
    return bubble


def _text(body: str, **style: Any) -> Component:
    return {"type": "text", "text": body, **style}


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
    if meeting.chair or meeting.chair_position:  # an article may give the chair by position alone
        chair = f"{meeting.chair or ''} {meeting.chair_position or ''}".strip()
        rows.append(("ประธาน", chair))
    if meeting.organizer:
        rows.append(("ผู้จัด", meeting.organizer))
    if meeting.attendees:
        rows.append(("ผู้เข้าร่วม", f"{meeting.attendees:,} คน"))
    return rows


def remind_data(meeting_id: int) -> str:
    return f"action=remind&id={meeting_id}"


def unremind_data(meeting_id: int) -> str:
    return f"action=unremind&id={meeting_id}"


def meeting_actions(meeting: Meeting, source: str, site: Site, *, google: bool = True) -> list[Action]:
    """อ่านข่าว, เพิ่มลงปฏิทิน (.ics), Google Calendar, เตือนฉัน: whichever the meeting allows."""
    actions: list[Action] = []
    if _is_url(source):
        actions.append(uri_action("อ่านข่าว", source))
    if meeting.start_date is not None and meeting.id is not None:
        ics = site.ics_link(meeting.id)
        if ics:
            actions.append(uri_action("เพิ่มลงปฏิทิน", ics))
        link = google_link(meeting, source, tz=site.tz) if google else None
        if link:
            actions.append(uri_action("Google Calendar", link))
        actions.append(postback_action("เตือนฉัน", remind_data(meeting.id), "เตือนฉัน"))
    return actions


def meeting_bubble(
    meeting: Meeting, source: str, site: Site | None = None, *, google: bool = True, value_chars: int = 200
) -> Component:
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
                    _text(clip(value, value_chars), size="sm", wrap=True, flex=5),
                ],
            }
        )
    box = {"type": "box", "layout": "vertical", "spacing": "sm", "contents": body}
    return _bubble("mega", box, meeting_actions(meeting, source, site or Site(), google=google))


def actions_bubble(quick: Sequence[QuickReplyItem]) -> Component | None:
    """The carousel's quick replies again as a last card of buttons, for LINE for PC."""
    actions = [item["action"] for item in quick]
    if not actions:
        return None
    title = _text("ตัวเลือกเพิ่มเติม", weight="bold", size="sm", color="#888888")
    return _bubble("kilo", {"type": "box", "layout": "vertical", "contents": [title]}, actions)


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
    rows: Sequence[tuple[Meeting, str]],
    heading: str,
    quick: Sequence[QuickReplyItem] = (),
    site: Site | None = None,
) -> Message:
    """The meetings as cards, and the quick replies' actions as a last card of buttons."""
    more = actions_bubble(quick)
    shown = list(rows[: MAX_BUBBLES - 1 if more else MAX_BUBBLES])
    bubbles = [meeting_bubble(meeting, source, site) for meeting, source in shown]
    for google, value_chars in ((False, 200), (False, 80)):  # long Thai fields and links: give way in turn
        if _json_size([*bubbles, *([more] if more else [])]) <= MAX_CAROUSEL_BYTES:
            break
        bubbles = [meeting_bubble(m, s, site, google=google, value_chars=value_chars) for m, s in shown]
    while len(bubbles) > 1 and _json_size([*bubbles, *([more] if more else [])]) > MAX_CAROUSEL_BYTES:
        bubbles.pop()
        shown.pop()
    if more is not None:
        bubbles.append(more)
    message = {
        "type": "flex",
        "altText": meeting_list_text(shown, heading),
        "contents": {"type": "carousel", "contents": bubbles},
    }
    return _with_quick_reply(message, quick)


def _json_size(bubbles: Sequence[Component]) -> int:
    """Bytes of the carousel's JSON as LINE counts them (UTF-8)."""
    return _json_bytes({"type": "carousel", "contents": list(bubbles)})


def _json_bytes(component: Component) -> int:
    return len(json.dumps(component, ensure_ascii=False).encode("utf-8"))


def to_json(messages: Sequence[Message]) -> list[dict[str, object]]:
    """The messages as LINE's JSON (they already are: a copy the caller may change)."""
    return [dict(message) for message in messages]
