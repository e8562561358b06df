"""The chat page in headless Chromium: nothing sent on load, the menu's and cards' buttons all answer,
and a browser follows a province and still follows it after a reload (its cookie is its chat)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import pytest

from handlers.admin import add_text
from store.db import make_engine, session_scope
from tests.bot.test_admin import ARTICLE
from tests.conftest import SAMPLES
from tests.e2e.browser import chromium, live_server, require_browser
from tests.e2e.test_console import ask, meeting_cards, wait_for

NEWS = "https://www.example-area.go.th/news/77"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    require_browser()
    url = f"sqlite:///{tmp_path / 'chat.db'}"
    with live_server(url, SAMPLES, "page-token-" + "t" * 20) as base:
        engine = make_engine(url)
        with session_scope(engine) as session:  # a meeting read from a web page: its card links to it
            add_text(session, source=NEWS, text=ARTICLE, added_by="test")
        engine.dispose()
        yield base


@pytest.fixture
def browser() -> Iterator[Any]:
    require_browser()
    with chromium(width=480, height=900) as driver:
        yield driver


def entries(driver: Any) -> int:
    from selenium.webdriver.common.by import By

    return len(driver.find_elements(By.CSS_SELECTOR, "#log > div"))


def press(driver: Any, button: Any, said: str) -> None:
    """Click a button and wait for what it sends (shown as the user's message) and the bot's answer."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    before = entries(driver)
    button.click()
    WebDriverWait(driver, 10).until(lambda d: entries(d) >= before + 2)
    assert driver.find_elements(By.CSS_SELECTOR, "#log .me")[-1].text == said


def quick_button(driver: Any, label: str) -> Any:
    """The quick reply with this label (by its text content: one scrolled out of the row has no .text)."""
    from selenium.webdriver.common.by import By

    buttons = driver.find_elements(By.CSS_SELECTOR, "#quick button")
    found = [b for b in buttons if b.get_attribute("textContent") == label]
    assert len(found) == 1, [b.get_attribute("textContent") for b in buttons]
    return found[0]


def last_answer(driver: Any) -> str:
    from selenium.webdriver.common.by import By

    return str(driver.find_elements(By.CSS_SELECTOR, "#log > div")[-1].text)


def test_the_page_opens_with_the_welcome_and_sends_nothing(site: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site + "/")
    welcome = wait_for(browser, "#log .card", "ขอบคุณที่เพิ่มเพื่อน")
    footer = [b.text for b in welcome.find_elements(By.CSS_SELECTOR, ".footer button")]
    assert footer == ["ประชุมที่เชียงใหม่", "สัมมนา ก.พ. 68", "ประชุมเดือนนี้", "ประชุมล่าสุด"]
    assert browser.find_elements(By.CSS_SELECTOR, "#log .me") == []
    labels = [b.text for b in browser.find_elements(By.CSS_SELECTOR, "#menu button")]
    assert labels == ["ค้นหาประชุม", "ประชุมล่าสุด", "ที่จะถึง", "ติดตาม", "ปฏิทินของฉัน", "วิธีใช้"]
    icon = browser.find_element(By.CSS_SELECTOR, "link[rel=icon]").get_attribute("href")
    assert icon == site + "/favicon.svg"


def test_menu_and_quick_reply_buttons_follow_and_the_follow_survives_a_reload(
    site: str, browser: Any
) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site + "/")
    wait_for(browser, "#menu button")
    menu = {b.text: b for b in browser.find_elements(By.CSS_SELECTOR, "#menu button")}
    press(browser, menu["ค้นหาประชุม"], "ค้นหาประชุม")  # a postback, shown by its display text
    assert last_answer(browser).startswith("พิมพ์สิ่งที่อยากค้นได้เลยครับ")
    press(browser, menu["ติดตาม"], "การติดตามของฉัน")
    assert last_answer(browser).startswith("ตอนนี้ไม่ได้ติดตามอะไร")
    ask(browser, "ประชุมที่เชียงใหม่")
    press(browser, quick_button(browser, "ติดตาม เชียงใหม่"), "ติดตาม เชียงใหม่")
    assert last_answer(browser).startswith("ติดตามจังหวัดเชียงใหม่แล้วครับ")

    browser.get(site + "/")  # the same browser, later: the cookie keeps its chat
    wait_for(browser, "#menu button")
    menu = {b.text: b for b in browser.find_elements(By.CSS_SELECTOR, "#menu button")}
    press(browser, menu["ติดตาม"], "การติดตามของฉัน")
    [card] = browser.find_elements(By.CSS_SELECTOR, "#log > div")[-1].find_elements(By.CSS_SELECTOR, ".card")
    assert card.find_element(By.CSS_SELECTOR, ".box").text == "ตอนนี้คุณติดตาม:\n• จังหวัดเชียงใหม่"
    footer = [b.text for b in card.find_elements(By.CSS_SELECTOR, ".footer button")]
    assert footer == ["เลิก จังหวัด…", "การติดตามของฉัน"]  # the quick replies again, for LINE for PC
    press(browser, quick_button(browser, "เลิก จังหวัด…"), "เลิกติดตาม จังหวัดเชียงใหม่")  # a label holds 20
    assert last_answer(browser).startswith("เลิกติดตามทั้งหมดแล้วครับ")


def test_a_card_s_footer_buttons_open_the_news_and_the_calendar_and_remind(site: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site + "/")
    wait_for(browser, "#menu button")
    ask(browser, "ประชุมที่ตรัง")
    card = meeting_cards(browser)[-1]
    assert "วิทยาการคำนวณ" in card.text
    read, ics, google = card.find_elements(By.CSS_SELECTOR, ".footer a")
    assert (read.text, read.get_attribute("href"), read.get_attribute("target")) == ("อ่านข่าว", NEWS, "_blank")
    href = ics.get_attribute("href")
    assert ics.text == "เพิ่มลงปฏิทิน" and re.fullmatch(re.escape(site) + r"/meetings/\d+\.ics", href)
    with urlopen(href, timeout=10) as answer:  # the page's own address: the card's .ics is served there
        assert answer.headers["content-type"].startswith("text/calendar")
        assert answer.read().startswith(b"BEGIN:VCALENDAR")
    assert google.text == "Google Calendar" and google.get_attribute("target") == "_blank"
    assert google.get_attribute("href").startswith(
        "https://calendar.google.com/calendar/render?action=TEMPLATE"
    )
    [remind] = card.find_elements(By.CSS_SELECTOR, ".footer button")
    press(browser, remind, "เตือนฉัน")
    assert last_answer(browser) == (  # the meeting was on 5 June 2567, past: answered, politely
        "การประชุม “ประชุมเชิงปฏิบัติการพัฒนาครูแกนนำวิทยาการคำนวณ” เริ่มแล้วหรือผ่านไปแล้วครับ จึงตั้งเตือนไม่ได้"
    )


def test_a_not_found_answer_s_footer_button_asks_the_province_next_door(site: str, browser: Any) -> None:
    """As on LINE for PC, where there are no quick replies: the card's own button is pressed."""
    from selenium.webdriver.common.by import By

    browser.get(site + "/")
    wait_for(browser, "#menu button")
    ask(browser, "ประชุมที่สมุทรสาคร")
    [card] = browser.find_elements(By.CSS_SELECTOR, "#log > div")[-1].find_elements(By.CSS_SELECTOR, ".card")
    assert card.find_element(By.CSS_SELECTOR, ".box").text.startswith("ขออภัยครับ ไม่พบการประชุม (จังหวัดสมุทรสาคร)")
    footer = {b.text: b for b in card.find_elements(By.CSS_SELECTOR, ".footer button")}
    assert list(footer)[:3] == ["กรุงเทพมหานคร", "ประชุมที่นครราชสีมา", "ประชุมที่เชียงใหม่"]
    press(browser, footer["กรุงเทพมหานคร"], "ประชุมที่กรุงเทพมหานคร")
    [answer] = meeting_cards(browser)[-1:]
    assert "ประชุมชี้แจงแนวทางการประเมินวิทยฐานะข้าราชการครูรูปแบบใหม่" in answer.text


def test_a_reminder_asked_for_on_the_page_is_there_when_the_page_is_opened_after_the_run(
    site: str, browser: Any, tmp_path: Path
) -> None:
    """เตือนฉัน on a card, the day-before run (the real one, LINE faked), and the page opened again."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from selenium.webdriver.common.by import By

    from bot.line import make_line_client
    from bot.reminders import run_reminders
    from bot.settings import Settings
    from news.record import MeetingRecord
    from store.articles import add_article
    from tests.fakes.line_server import running_fake_line

    bangkok = ZoneInfo("Asia/Bangkok")
    day = datetime.now(bangkok).date() + timedelta(days=3)
    engine = make_engine(f"sqlite:///{tmp_path / 'chat.db'}")
    with session_scope(engine) as session:
        record = MeetingRecord(title="ประชุมครูแนะแนวตรัง", province="ตรัง", kind="meeting", start_date=day)
        add_article(session, source="https://news.example/guidance", raw_text="ข่าว", records=[record])
    browser.get(site + "/")
    wait_for(browser, "#menu button")
    ask(browser, "ประชุมครูแนะแนว")
    [card] = [c for c in meeting_cards(browser) if "ประชุมครูแนะแนวตรัง" in c.text]
    [remind] = [b for b in card.find_elements(By.CSS_SELECTOR, ".footer button") if b.text == "เตือนฉัน"]
    press(browser, remind, "เตือนฉัน")
    assert "ตั้งเตือนแล้วครับ" in last_answer(browser)

    with running_fake_line("page-line-" + "t" * 20) as fake:
        settings = Settings(line_channel_access_token="page-line-" + "t" * 20, line_api_host=fake.base_url)  # type: ignore[arg-type]
        line = make_line_client(settings)
        assert line is not None
        eve = datetime.combine(day - timedelta(days=1), datetime.min.time(), bangkok).replace(hour=16)
        report = run_reminders(engine, line, now=eve, sleep=lambda _s: None)
        line.close()
        assert (report.web_messages, fake.sends()) == (1, [])
    engine.dispose()

    browser.get(site + "/")
    reminder = wait_for(browser, "#log > div:nth-child(2)", "ประชุมครูแนะแนวตรัง")  # under the welcome
    assert "ขอบคุณที่เพิ่มเพื่อน" in browser.find_element(By.CSS_SELECTOR, "#log > div:nth-child(1)").text
    assert [b.text for b in reminder.find_elements(By.CSS_SELECTOR, ".footer button")][-1] == "การเตือนของฉัน"
