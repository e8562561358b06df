"""`make screenshots`: the chat page (phone width), a meeting card with its footer buttons, the admin
console and the rich menu `prachum richmenu` draws, saved under docs/screenshots/."""

from __future__ import annotations

import io
import tempfile
import time
from pathlib import Path

from PIL import Image
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from handlers.admin import add_text
from handlers.richmenu_art import draw_menu
from store.db import make_engine, session_scope
from tests.bot.test_admin import ARTICLE
from tests.e2e.browser import chromium, live_server

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "screenshot-" + "t" * 20
NEWS = "https://www.example-area.go.th/news/77"  # a meeting read from a web page has a link in its card


def rich_menu(out: Path) -> None:
    """The rich menu at half size (LINE gets 2500x1686; half is plenty to read in the README)."""
    image = Image.open(io.BytesIO(draw_menu()))
    image.resize((image.width // 2, image.height // 2), Image.Resampling.LANCZOS).save(
        out / "richmenu.png", optimize=True
    )


def main() -> None:
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    rich_menu(out)
    with (
        tempfile.TemporaryDirectory() as folder,
        live_server(f"sqlite:///{folder}/shots.db", ROOT / "samples", TOKEN) as base,
    ):
        engine = make_engine(f"sqlite:///{folder}/shots.db")
        with session_scope(engine) as session:
            add_text(session, source=NEWS, text=ARTICLE, added_by="screenshots")
        engine.dispose()
        with chromium(width=420, height=860) as driver:
            driver.get(base + "/")
            WebDriverWait(driver, 10).until(
                ec.visibility_of_element_located((By.CSS_SELECTOR, "#quick button"))
            )
            driver.find_element(By.ID, "text").send_keys("สัมมนาที่เชียงใหม่ ก.พ. 68")
            driver.find_element(By.CSS_SELECTOR, "form button").click()
            WebDriverWait(driver, 10).until(ec.visibility_of_element_located((By.CSS_SELECTOR, ".card")))
            time.sleep(0.3)
            driver.save_screenshot(str(out / "chat.png"))
        with chromium(width=420, height=860) as driver:
            driver.get(base + "/")
            WebDriverWait(driver, 10).until(
                ec.visibility_of_element_located((By.CSS_SELECTOR, "#menu button"))
            )
            driver.find_element(By.ID, "text").send_keys("ประชุมที่ตรัง")
            driver.find_element(By.CSS_SELECTOR, "form button").click()
            card = WebDriverWait(driver, 10).until(
                ec.visibility_of_element_located((By.CSS_SELECTOR, ".card .footer"))
            )
            time.sleep(0.3)
            card.find_element(By.XPATH, "..").screenshot(str(out / "card.png"))
        with chromium(width=1280, height=860) as driver:
            driver.get(base + "/admin")
            driver.find_element(By.ID, "token").send_keys(TOKEN)
            driver.find_element(By.ID, "login-button").click()
            WebDriverWait(driver, 10).until(
                ec.visibility_of_element_located((By.CSS_SELECTOR, "#meeting-table tbody tr[data-id]"))
            ).click()
            WebDriverWait(driver, 10).until(
                ec.visibility_of_element_located((By.CSS_SELECTOR, "#article mark"))
            )
            time.sleep(0.3)
            driver.save_screenshot(str(out / "admin.png"))
    print(f"saved chat.png, card.png, admin.png and richmenu.png in {out}")


if __name__ == "__main__":
    main()
