"""`make screenshots`: the chat page (phone width) and the admin console, saved under docs/."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tests.e2e.browser import chromium, live_server

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "screenshot-" + "t" * 20


def main() -> None:
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory() as folder,
        live_server(f"sqlite:///{folder}/shots.db", ROOT / "samples", TOKEN) as base,
    ):
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
    print(f"saved {out / 'chat.png'} and {out / 'admin.png'}")


if __name__ == "__main__":
    main()
