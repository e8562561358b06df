"""The reminder run against the fake LINE API: one push a chat the day before, each reminder once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import select

from bot.digest import is_due
from bot.line import LineClient, make_line_client
from bot.reminders import reminders_due, run_reminders
from bot.settings import Settings
from store import digests, web_inbox
from store.db import session_scope
from store.models import DigestRun, Reminder, Subscriber, WebMessage
from tests.bot.digest_world import add_meeting, province, subscribe
from tests.bot.reminder_world import EVE, TOMORROW, delete, move, pushes, remind, reminded
from tests.fakes.line_server import FakeLine, running_fake_line

TOKEN = "remind-token-" + "x" * 20
U = ["U" + str(i) * 32 for i in range(1, 6)]
GROUP = "C" + "7" * 32


@pytest.fixture
def line() -> Iterator[tuple[FakeLine, LineClient]]:
    with running_fake_line(TOKEN) as fake:
        client = make_line_client(Settings(line_channel_access_token=TOKEN, line_api_host=fake.base_url))  # type: ignore[arg-type]
        assert client is not None
        yield fake, client
        client.close()
        assert fake.problems == []


def no_sleep(seconds: float) -> None:
    pass


def test_each_chat_gets_one_push_of_tomorrow_s_reminded_meetings_once(
    engine: Engine, line: tuple[FakeLine, LineClient]
) -> None:
    fake, client = line
    a = add_meeting(engine, "ประชุมตรัง ก")
    b = add_meeting(engine, "ประชุมสงขลา ข", province="สงขลา")
    c = add_meeting(engine, "ประชุมตรังวันถัดไป", start=TOMORROW + timedelta(days=1))
    add_meeting(engine, "ประชุมตรัง ง")  # only a "เตือน" follow of ตรัง brings it
    for meeting in (a, b, c):
        remind(engine, U[0], meeting)
    subscribe(engine, U[1], {**province("ตรัง"), "remind": True})
    subscribe(engine, U[2], province("ตรัง"))  # follows, but asked for no reminder
    remind(engine, GROUP, a, chat_type="group")
    remind(engine, U[1], a)  # asked twice (a card and a follow): reminded once

    report = run_reminders(engine, client, now=EVE, sleep=no_sleep)
    assert report.status == "done" and report.run == "remind-2026-11-30" and report.failures == []
    assert report.recipients == 3 and report.messages == 3
    assert reminded(fake.sends()) == {
        (U[0], "ประชุมตรัง ก"): 1, (U[0], "ประชุมสงขลา ข"): 1,
        (U[1], "ประชุมตรัง ก"): 1, (U[1], "ประชุมตรัง ง"): 1,
        (GROUP, "ประชุมตรัง ก"): 1,
    }  # fmt: skip
    assert pushes(fake.sends()) == {U[0]: 1, U[1]: 1, GROUP: 1}
    message = fake.pushes_to(U[0])[0]["messages"][0]
    assert message["altText"].startswith("เตือน: พรุ่งนี้ (1 ธันวาคม 2569) มีการประชุมที่คุณให้เตือน 2 รายการ")

    for later, scheduled in ((EVE + timedelta(hours=1), True), (EVE + timedelta(hours=2), False)):
        again = run_reminders(engine, client, now=later, scheduled=scheduled, sleep=no_sleep)
        assert again.status == "skipped: already sent today"
    assert len(fake.sends()) == 3
    with session_scope(engine) as session:  # a reminder is no digest: the morning digest is untouched
        assert [s.last_digest_at for s in session.exec(select(Subscriber))] == [None] * 4
        assert digests.unfinished_run(session) is None and digests.recent_runs(session) == []


def test_the_chat_page_s_browsers_get_their_reminders_in_their_inbox_never_pushed(
    engine: Engine, line: tuple[FakeLine, LineClient]
) -> None:
    """A browser on the chat page (chat type web) can press เตือนฉัน or follow with เตือน; it has no LINE
    id, so its reminder is stored for the page instead, once, and LINE is asked to push to the others."""
    fake, client = line
    meeting = add_meeting(engine, "ประชุมตรัง ก")
    card, follower = "web-" + "a" * 32, "web-" + "b" * 32
    remind(engine, card, meeting, chat_type="web")
    subscribe(engine, follower, {**province("ตรัง"), "remind": True}, chat_type="web")
    remind(engine, U[0], meeting)
    report = run_reminders(engine, client, now=EVE, sleep=no_sleep)
    assert report.status == "done" and report.recipients == 3 and report.failures == []
    assert (report.messages, report.web_messages, report.requests) == (1, 2, 1)
    assert reminded(fake.sends()) == {(U[0], "ประชุมตรัง ก"): 1}
    with session_scope(engine) as session:
        for browser in (card, follower):
            [message] = web_inbox.take_unread(session, browser)
            assert message["altText"].startswith("เตือน: พรุ่งนี้ (1 ธันวาคม 2569) มีการประชุมที่คุณให้เตือน 1 รายการ")
            assert web_inbox.take_unread(session, browser) == []
    again = run_reminders(engine, client, now=EVE + timedelta(hours=1), scheduled=True, sleep=no_sleep)
    assert again.status == "skipped: already sent today"
    with session_scope(engine) as session:
        assert len(session.exec(select(WebMessage)).all()) == 2  # stored once each, read, kept a while


def test_a_moved_or_deleted_meeting_is_not_reminded_and_its_reminder_is_cancelled(
    engine: Engine, line: tuple[FakeLine, LineClient]
) -> None:
    fake, client = line
    moved, deleted, kept = (add_meeting(engine, t) for t in ("ประชุมที่เลื่อน", "ประชุมที่ลบ", "ประชุมที่คงอยู่"))
    later = add_meeting(engine, "ประชุมที่ถูกเลื่อนมาพรุ่งนี้", start=TOMORROW + timedelta(days=5))
    for meeting in (moved, deleted, kept, later):
        remind(engine, U[0], meeting)
    move(engine, moved, TOMORROW + timedelta(days=3))
    delete(engine, deleted)
    move(engine, later, TOMORROW)  # reminded for the 6th: moving it cancels that too
    run_reminders(engine, client, now=EVE, sleep=no_sleep)
    assert reminded(fake.sends()) == {(U[0], "ประชุมที่คงอยู่"): 1}
    with session_scope(engine) as session:
        assert [r.meeting_id for r in session.exec(select(Reminder))] == [kept]


def test_dry_run_plans_and_sends_nothing(engine: Engine, line: tuple[FakeLine, LineClient]) -> None:
    fake, _client = line
    remind(engine, U[0], add_meeting(engine, "ประชุมตรัง"))
    report = run_reminders(engine, None, now=EVE, dry_run=True)
    assert (report.status, report.recipients, report.meetings) == ("dry-run", 1, 1)
    assert fake.sends() == []
    with session_scope(engine) as session:
        assert session.exec(select(DigestRun)).all() == []


def test_a_run_cut_off_by_an_outage_is_finished_by_a_retry_and_one_cut_off_yesterday_is_closed_unsent(
    engine: Engine, line: tuple[FakeLine, LineClient]
) -> None:
    fake, client = line
    remind(engine, U[0], add_meeting(engine, "ประชุมวันที่หนึ่ง"))
    remind(engine, U[1], add_meeting(engine, "ประชุมวันที่หนึ่งอีกห้อง"))
    remind(engine, U[0], add_meeting(engine, "ประชุมวันที่สอง", start=TOMORROW + timedelta(days=1)))
    for _ in range(6):  # U[0]'s push fails all five tries; U[1]'s fails once, then goes
        fake.fail_next(500)
    cut = run_reminders(engine, client, now=EVE, sleep=no_sleep)
    assert cut.status.startswith("incomplete") and reminded(fake.sends()) == {(U[1], "ประชุมวันที่หนึ่งอีกห้อง"): 1}
    assert reminders_due(engine, EVE + timedelta(minutes=10), "16:00")
    assert not is_due(engine, EVE.replace(hour=6), "07:00")  # the digest does not take it for its own

    next_day = run_reminders(engine, client, now=EVE + timedelta(days=1), scheduled=True, sleep=no_sleep)
    assert next_day.run == "remind-2026-12-01" and next_day.status == "done"
    assert reminded(fake.sends()) == {(U[1], "ประชุมวันที่หนึ่งอีกห้อง"): 1, (U[0], "ประชุมวันที่สอง"): 1}
    with session_scope(engine) as session:
        assert digests.run_named(session, "remind-2026-11-30").status == "expired"  # type: ignore[union-attr]


def test_a_retry_the_same_evening_finishes_the_run(engine: Engine, line: tuple[FakeLine, LineClient]) -> None:
    fake, client = line
    remind(engine, U[0], add_meeting(engine, "ประชุมเช้า"))
    for _ in range(5):
        fake.fail_next(503)
    assert run_reminders(engine, client, now=EVE, sleep=no_sleep).status.startswith("incomplete")
    finished = run_reminders(engine, client, now=EVE + timedelta(minutes=10), scheduled=True, sleep=no_sleep)
    assert finished.run == "remind-2026-11-30" and finished.status == "done"
    assert reminded(fake.sends()) == {(U[0], "ประชุมเช้า"): 1}
    assert not reminders_due(engine, EVE + timedelta(minutes=20), "16:00")


def test_reminders_are_due_after_reminder_time_until_today_s_run(engine: Engine) -> None:
    assert not reminders_due(engine, EVE - timedelta(minutes=1), "16:00")
    assert reminders_due(engine, EVE, "16:00")
    with session_scope(engine) as session:
        run = digests.open_run(session, key="remind-2026-11-30", cutoff=EVE, kind="reminder")
        digests.finish_run(session, run, "done", {})
    assert not reminders_due(engine, EVE + timedelta(hours=3), "16:00")
    assert is_due(engine, EVE, "07:00")  # today's digest is another matter
    assert date(2026, 12, 1) == TOMORROW
