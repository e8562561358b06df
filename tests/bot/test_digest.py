"""The daily digest against the fake LINE API: each new meeting to each subscriber once, never twice."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine
from sqlmodel import func, select

from bot.digest import is_due, run_digest
from bot.line import LineClient, make_line_client
from bot.settings import Settings
from handlers.dispatch import answer_postback
from handlers.replies import to_json
from store import digests
from store.db import session_scope
from store.models import DigestBatch, DigestRun, Meeting, Subscriber
from tests.bot.digest_world import (
    EVERYTHING,
    T0,
    add_meeting,
    delivered,
    meeting_bubbles,
    province,
    subscribe,
)
from tests.fakes.line_server import FakeLine, running_fake_line

TOKEN = "digest-token-" + "x" * 20
NOW = T0 + timedelta(days=1)
U = ["U" + str(i) * 32 for i in range(1, 8)]
GROUP = "C" + "9" * 32


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


def test_each_subscriber_gets_each_matching_meeting_once(
    engine: Engine, line: tuple[FakeLine, LineClient]
) -> None:
    """Filters pick the meetings; a second run the same day sends nothing again."""
    fake, client = line
    add_meeting(engine, "ประชุมตรัง")
    add_meeting(engine, "สัมมนาสงขลา", province="สงขลา", kind="seminar")
    subscribe(engine, U[0], province("ตรัง"))
    subscribe(engine, U[1], {"kinds": ["seminar"], "label": "สัมมนา"})
    subscribe(engine, U[2], EVERYTHING)
    subscribe(engine, U[3], province("ชุมพร"))
    report = run_digest(engine, client, now=NOW, sleep=no_sleep)
    assert report.status == "done" and report.recipients == 3 and report.failures == []
    assert delivered(fake.sends()) == {
        (U[0], "ประชุมตรัง"): 1, (U[1], "สัมมนาสงขลา"): 1, (U[2], "ประชุมตรัง"): 1, (U[2], "สัมมนาสงขลา"): 1,
    }  # fmt: skip
    again = run_digest(engine, client, now=NOW + timedelta(hours=1), sleep=no_sleep)
    assert again.recipients == 0 and len(fake.sends()) == 3


def test_next_day_brings_only_what_was_added_since(engine: Engine, line: tuple[FakeLine, LineClient]) -> None:
    fake, client = line
    add_meeting(engine, "ประชุมวันแรก")
    subscribe(engine, U[0], EVERYTHING)
    run_digest(engine, client, now=NOW, sleep=no_sleep)
    add_meeting(engine, "ประชุมวันที่สอง", stored=NOW + timedelta(hours=2))
    run_digest(engine, client, now=NOW + timedelta(days=1), sleep=no_sleep)
    assert delivered(fake.sends()) == {(U[0], "ประชุมวันแรก"): 1, (U[0], "ประชุมวันที่สอง"): 1}


def test_identical_digests_share_a_multicast_of_at_most_the_limit(
    engine: Engine, line: tuple[FakeLine, LineClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five users with one digest go in batches of two; a group gets a push (multicast is for users only)."""
    monkeypatch.setattr("handlers.digest.MULTICAST_LIMIT", 2)
    fake, client = line
    add_meeting(engine, "ประชุมตรัง")
    for user in U[:5]:
        subscribe(engine, user, province("ตรัง"))
    subscribe(engine, GROUP, province("ตรัง"), chat_type="group")
    report = run_digest(engine, client, now=NOW, sleep=no_sleep)
    paths = sorted(path for path, _ in fake.sends())
    assert paths == ["/v2/bot/message/multicast"] * 2 + ["/v2/bot/message/push"] * 2
    assert report.requests == 4 and report.messages == 6
    assert sum(delivered(fake.sends()).values()) == 6


def test_nothing_new_sends_nothing(engine: Engine, line: tuple[FakeLine, LineClient]) -> None:
    fake, client = line
    add_meeting(engine, "ประชุมก่อนสมัคร", stored=T0 - timedelta(days=3))
    subscribe(engine, U[0], EVERYTHING)
    report = run_digest(engine, client, now=NOW, sleep=no_sleep)
    assert fake.sends() == [] and report.requests == 0 and report.recipients == 0


def test_429_and_500_are_retried_with_the_same_key(engine: Engine, line: tuple[FakeLine, LineClient]) -> None:
    fake, client = line
    add_meeting(engine, "ประชุมตรัง")
    subscribe(engine, U[0], EVERYTHING)
    fake.fail_next(429, "Too many requests")
    fake.fail_next(500, "Internal error")
    pauses: list[float] = []
    report = run_digest(engine, client, now=NOW, sleep=pauses.append)
    assert report.requests == 3 and report.failures == [] and pauses == [1.0, 2.0]
    assert delivered(fake.sends()) == {(U[0], "ประชุมตรัง"): 1}


def test_monthly_limit_stops_the_run_and_says_so(engine: Engine, line: tuple[FakeLine, LineClient]) -> None:
    fake, client = line
    add_meeting(engine, "ประชุมตรัง")
    add_meeting(engine, "สัมมนาสงขลา", province="สงขลา")
    subscribe(engine, U[0], province("ตรัง"))
    subscribe(engine, U[1], province("สงขลา"))
    fake.fail_next(429, "You have reached your monthly limit.")
    report = run_digest(engine, client, now=NOW, sleep=no_sleep)
    assert report.status.startswith("stopped") and report.requests == 1 and fake.sends() == []
    with session_scope(engine) as session:
        assert session.exec(select(DigestRun)).one().status == "limit"


def test_a_refused_recipient_does_not_stop_the_others(
    engine: Engine, line: tuple[FakeLine, LineClient]
) -> None:
    fake, client = line
    add_meeting(engine, "ประชุมตรัง")
    add_meeting(engine, "สัมมนาสงขลา", province="สงขลา")
    subscribe(engine, U[0], province("ตรัง"))
    subscribe(engine, U[1], province("สงขลา"))
    fake.fail_next(400, "The property, 'to', in the request body is invalid")
    report = run_digest(engine, client, now=NOW, sleep=no_sleep)
    assert len(report.failures) == 1 and "failed" in report.failures[0]
    assert len(fake.sends()) == 1 and report.status == "done"


def test_resend_after_a_crash_is_dropped_by_its_retry_key(
    engine: Engine, line: tuple[FakeLine, LineClient]
) -> None:
    """LINE accepted the batch and the process died before recording it: a rerun gets 409: sent."""
    fake, client = line
    add_meeting(engine, "ประชุมตรัง")
    subscribe(engine, U[0], EVERYTHING)
    run_digest(engine, client, now=NOW, sleep=no_sleep)
    with session_scope(engine) as session:  # undo what was recorded after the send
        batch = session.exec(select(DigestBatch)).one()
        batch.status = "pending"
        session.exec(select(DigestRun)).one().status = "running"
        for delivery in session.exec(select(digests.Delivery)):
            delivery.status = "pending"
    report = run_digest(engine, client, now=NOW, sleep=no_sleep)
    assert fake.retry_key_conflicts == 1 and report.failures == [] and report.messages == 1
    assert delivered(fake.sends()) == {(U[0], "ประชุมตรัง"): 1}


def test_who_left_and_what_was_deleted_are_not_sent(
    engine: Engine, line: tuple[FakeLine, LineClient]
) -> None:
    fake, client = line
    kept = add_meeting(engine, "ประชุมตรัง")
    gone = add_meeting(engine, "ประชุมที่ลบแล้ว")
    subscribe(engine, U[0], EVERYTHING)
    subscribe(engine, U[1], EVERYTHING)
    with session_scope(engine) as session:
        session.get_one(Meeting, gone).deleted = True
        session.exec(select(Subscriber).where(Subscriber.line_id == U[1])).one().active = False
    run_digest(engine, client, now=NOW, sleep=no_sleep)
    assert delivered(fake.sends()) == {(U[0], "ประชุมตรัง"): 1}
    assert kept


def test_dry_run_sends_nothing_and_changes_nothing(engine: Engine, line: tuple[FakeLine, LineClient]) -> None:
    fake, _client = line
    add_meeting(engine, "ประชุมตรัง")
    subscribe(engine, U[0], EVERYTHING)
    subscribe(engine, U[1], province("ตรัง"))
    report = run_digest(engine, None, now=NOW, dry_run=True)
    assert (report.recipients, report.meetings, report.requests) == (2, 1, 0)
    with session_scope(engine) as session:
        assert session.exec(select(func.count()).select_from(DigestRun)).one() == 0
        assert all(s.last_digest_at is None for s in session.exec(select(Subscriber)))
    assert fake.sends() == []


def test_long_digest_pages_with_more_button(engine: Engine, line: tuple[FakeLine, LineClient]) -> None:
    """Twelve new meetings: ten bubbles, and "ดูเพิ่ม" (a quick reply, and a button in the last card) shows
    the other two."""
    fake, client = line
    for i in range(12):
        add_meeting(engine, f"ประชุมครั้งที่ {i + 1}")
    subscribe(engine, U[0], EVERYTHING)
    run_digest(engine, client, now=NOW, sleep=no_sleep)
    message = fake.sends()[0][1]["messages"][0]
    assert len(meeting_bubbles(message)) == 10 and "12 รายการ" in message["altText"]
    more = message["quickReply"]["items"][0]["action"]
    assert more["label"] == "ดูเพิ่ม"
    assert message["contents"]["contents"][-1]["footer"]["contents"][0]["action"] == more
    with session_scope(engine) as session:
        page = to_json(answer_postback(more["data"], session=session, now=NOW).messages)[0]
    assert [b["body"]["contents"][1]["text"] for b in meeting_bubbles(page)] == [  # type: ignore[arg-type]
        "ประชุมครั้งที่ 2", "ประชุมครั้งที่ 1"]  # fmt: skip


def test_missed_digest_is_due_once(engine: Engine, line: tuple[FakeLine, LineClient]) -> None:
    """After DIGEST_TIME with no run today, the start-up runs it; once it ran, it is not due again."""
    _fake, client = line
    morning = NOW.replace(hour=8)
    assert not is_due(engine, NOW.replace(hour=6), "07:00")
    assert is_due(engine, morning, "07:00")
    run_digest(engine, client, now=morning, scheduled=True, sleep=no_sleep)
    assert not is_due(engine, morning + timedelta(hours=1), "07:00")
    assert run_digest(engine, client, now=morning, scheduled=True).status.startswith("skipped")


@pytest.mark.postgres
def test_two_runs_at_once_on_postgres_send_once(postgres_url: str, line: tuple[FakeLine, LineClient]) -> None:
    from store.db import make_engine
    from store.migrate import upgrade

    fake, client = line
    engine = make_engine(postgres_url)
    try:
        upgrade(engine)
        for i in range(8):
            add_meeting(engine, f"ประชุม {i}", province="ตรัง" if i % 2 else "สงขลา")
        users = ["U" + f"{i:032d}" for i in range(40)]
        for i, user in enumerate(users):
            subscribe(engine, user, province("ตรัง") if i % 3 else EVERYTHING)
        barrier = threading.Barrier(2)

        def go() -> None:
            barrier.wait()
            run_digest(engine, client, now=NOW, sleep=no_sleep)

        threads = [threading.Thread(target=go) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        expected = {
            (user, f"ประชุม {m}"): 1 for i, user in enumerate(users) for m in range(8) if i % 3 == 0 or m % 2
        }
        assert delivered(fake.sends()) == expected
    finally:
        engine.dispose()
