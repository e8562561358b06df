"""End to end in headless Chromium: ask and see a card, press a quick reply, log in, correct a field."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLES
from tests.e2e.browser import chromium, live_server, require_browser

TOKEN = "browser-admin-" + "t" * 20


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    require_browser()
    with live_server(f"sqlite:///{tmp_path / 'e2e.db'}", SAMPLES, TOKEN) as base:
        yield base


@pytest.fixture
def browser() -> Iterator[Any]:
    require_browser()
    with chromium() as driver:
        yield driver


def wait_for(driver: Any, css: str, text: str | None = None, timeout: float = 10) -> Any:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, timeout)
    if text is None:
        return wait.until(ec.visibility_of_element_located((By.CSS_SELECTOR, css)))
    wait.until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))
    return driver.find_element(By.CSS_SELECTOR, css)


def ask(driver: Any, question: str) -> None:
    """Type a question, send it, and wait for the bot's answer under it."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    entries_before = len(driver.find_elements(By.CSS_SELECTOR, "#log > div"))
    driver.find_element(By.ID, "text").send_keys(question)
    driver.find_element(By.CSS_SELECTOR, "form button").click()
    WebDriverWait(driver, 10).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "#log > div")) >= entries_before + 2
    )
    said = driver.find_elements(By.CSS_SELECTOR, "#log .me")[-1].text
    assert said == question


def meeting_cards(browser: Any) -> list[Any]:
    """The cards of meetings, not the carousel's last card of buttons (its quick replies again, for PC)."""
    from selenium.webdriver.common.by import By

    cards = browser.find_elements(By.CSS_SELECTOR, ".card")
    return [card for card in cards if "ตัวเลือกเพิ่มเติม" not in card.text]


def test_chat_question_shows_cards_and_quick_replies_work(site: str, browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site + "/")
    wait_for(browser, "#quick button")
    ask(browser, "ประชุมที่เชียงใหม่")
    card = meeting_cards(browser)[-1]
    assert "เชียงใหม่" in card.text and "2568" in card.text
    follow = [b for b in browser.find_elements(By.CSS_SELECTOR, "#quick button") if b.text == "ประชุมเดือนนี้"]
    assert follow, [b.text for b in browser.find_elements(By.CSS_SELECTOR, "#quick button")]
    entries_before = len(browser.find_elements(By.CSS_SELECTOR, "#log > div"))
    follow[0].click()
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 10).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "#log > div")) >= entries_before + 2
    )
    assert browser.find_elements(By.CSS_SELECTOR, "#log .me")[-1].text == "ประชุมเดือนนี้"
    browser.save_screenshot(str(tmp_path / "chat.png"))
    assert (tmp_path / "chat.png").stat().st_size > 10_000


def test_admin_logs_in_corrects_a_field_and_the_answer_changes(site: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site + "/admin")
    browser.find_element(By.ID, "token").send_keys("wrong")
    browser.find_element(By.ID, "login-button").click()
    wait_for(browser, "#login-msg", "รหัสไม่ถูกต้อง")
    browser.get(site + "/admin")
    browser.find_element(By.ID, "token").send_keys(TOKEN)
    browser.find_element(By.ID, "login-button").click()
    wait_for(browser, "#meeting-table tbody tr[data-id]")
    search = browser.find_element(By.ID, "search")
    search.send_keys("ประชุมที่เชียงใหม่")
    browser.find_element(By.CSS_SELECTOR, "#search-form button.act").click()
    wait_for(browser, "#count", "จาก 1")
    browser.find_element(By.CSS_SELECTOR, "#meeting-table tbody tr[data-id]").click()
    wait_for(browser, "#article mark")
    assert any("เชียงใหม่" in m.text for m in browser.find_elements(By.CSS_SELECTOR, "#article mark"))
    province = browser.find_element(By.ID, "f-province")
    province.clear()
    province.send_keys("ลำพูน")
    browser.find_element(By.CSS_SELECTOR, "[data-save=province]").click()
    wait_for(browser, "#detail-msg", "บันทึกแล้ว")

    browser.get(site + "/")
    wait_for(browser, "#quick button")
    ask(browser, "ประชุมที่ลำพูน")
    assert "ลำพูน" in meeting_cards(browser)[-1].text


def test_a_wrong_correction_is_refused_on_the_page(site: str, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site + "/admin")
    browser.find_element(By.ID, "token").send_keys(TOKEN)
    browser.find_element(By.ID, "login-button").click()
    wait_for(browser, "#meeting-table tbody tr[data-id]").click()
    wait_for(browser, "#f-province")
    province = browser.find_element(By.ID, "f-province")
    province.clear()
    province.send_keys("แอตแลนติส")
    browser.find_element(By.CSS_SELECTOR, "[data-save=province]").click()
    assert "บันทึกไม่ได้" in wait_for(browser, "#detail-msg", "บันทึกไม่ได้").text


def test_the_review_list_shows_what_the_extractor_was_unsure_of(tmp_path: Path, browser: Any) -> None:
    """REVIEW_BELOW at 1.0 lists every sample meeting; opening one marks the words each field came from."""
    from selenium.webdriver.common.by import By

    with live_server(f"sqlite:///{tmp_path / 'review.db'}", SAMPLES, TOKEN, review_below=1.0) as base:
        browser.get(base + "/admin")
        browser.find_element(By.ID, "token").send_keys(TOKEN)
        browser.find_element(By.ID, "login-button").click()
        wait_for(browser, "#meeting-table tbody tr[data-id]")
        browser.find_element(By.ID, "review").click()
        wait_for(browser, "#review[aria-pressed=true]")
        rows = wait_for(browser, "#meeting-table tbody tr[data-id]", "แน่ใจ")
        assert "จาก 4" in browser.find_element(By.ID, "count").text  # the four sample meetings
        rows.click()
        marks = wait_for(browser, "#article mark[title]")
        titles = [m.get_attribute("title") for m in browser.find_elements(By.CSS_SELECTOR, "#article mark")]
        assert marks.text and any(t.startswith("date (แน่ใจ") for t in titles), titles


def test_admin_follows_a_source_and_checks_it_now(tmp_path: Path, browser: Any) -> None:
    """The sources tab: follow a feed, check it now, and see its article and meeting counted."""
    from selenium.webdriver.common.by import By

    from tests.fakes.genre import article_page, article_text, rfc822, rss
    from tests.fakes.news_site import Route, Site, serving_site

    options = {"allow_private_urls": True, "source_host_pause": 0, "source_poll_minutes": 0}
    with (
        serving_site(Site()) as news,
        live_server(f"sqlite:///{tmp_path / 's.db'}", SAMPLES, TOKEN, **options) as base,
    ):
        news.routes["/news/4001"] = Route(article_page("ข่าว", article_text(4)))
        news.routes["/rss"] = Route(rss("ข่าว", [(news.base + "/news/4001", "ข่าว", rfc822(1))]), "text/xml")
        browser.get(base + "/admin")
        browser.find_element(By.ID, "token").send_keys(TOKEN)
        browser.find_element(By.ID, "login-button").click()
        wait_for(browser, "#meeting-table tbody tr[data-id]")
        browser.find_element(By.CSS_SELECTOR, "[data-tab=sources]").click()
        wait_for(browser, "#source-table tbody", "ยังไม่มีแหล่งข่าว")
        browser.find_element(By.ID, "source-url").send_keys(news.base + "/rss")
        browser.find_element(By.ID, "source-name").send_keys("ศธจ.ทดสอบ")
        browser.find_element(By.CSS_SELECTOR, "#source-form button.act").click()
        wait_for(browser, "#source-msg", "ติดตามแล้ว (#1)")
        row = wait_for(browser, "#source-table tr[data-source='1']")
        assert "ศธจ.ทดสอบ" in row.text and "ยังไม่ได้ตรวจ" in row.text
        row.find_element(By.XPATH, ".//button[text()='ตรวจเดี๋ยวนี้']").click()
        wait_for(browser, "#source-msg", "ตรวจ #1 แล้ว: ข่าวใหม่ 1 ปรับปรุง 0")
        cells = [
            td.text for td in browser.find_elements(By.CSS_SELECTOR, "#source-table tr[data-source='1'] td")
        ]
        assert cells[3] == "ปกติ" and cells[6:8] == ["1", "1"]
