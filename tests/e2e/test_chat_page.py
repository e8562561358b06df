"""The chat page in headless Chromium: nothing sent on load, the menu's and cards' buttons all answer,
and a browser follows a province and still follows it after a reload (its cookie is its chat)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from handlers.admin import add_text
from store.db import make_engine, session_scope
from tests.bot.test_admin import ARTICLE
from tests.conftest import SAMPLES
from tests.e2e.browser import chromium, live_server, require_browser
from tests.e2e.test_console import ask, wait_for

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
    wait_for(browser, "#log .bubble-text", "ขอบคุณที่เพิ่มเพื่อน")
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
    assert last_answer(browser) == "ตอนนี้คุณติดตาม:\n• จังหวัดเชียงใหม่"
    press(browser, quick_button(browser, "เลิก จังหวัด…"), "เลิกติดตาม จังหวัดเชียงใหม่")  # a label holds 20
    assert last_answer(browser).startswith("เลิกติดตามทั้งหมดแล้วครับ")


def test_a_card_footer_button_opens_the_news_page(site: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site + "/")
    wait_for(browser, "#menu button")
    ask(browser, "ประชุมที่ตรัง")
    card = browser.find_elements(By.CSS_SELECTOR, ".card")[-1]
    assert "วิทยาการคำนวณ" in card.text
    [link] = card.find_elements(By.CSS_SELECTOR, ".footer a")
    assert (link.text, link.get_attribute("href"), link.get_attribute("target")) == ("อ่านข่าว", NEWS, "_blank")
