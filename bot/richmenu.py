"""`prachum richmenu`: put the bot's rich menu on LINE as the default, replacing the one it made before."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from linebot.v3.messaging import ApiException, RichMenuRequest
from urllib3.exceptions import HTTPError

from bot.line import TIMEOUT_SECONDS, LineClient, describe_error
from handlers.richmenu import NAME, RichMenu

log = logging.getLogger("prachum.richmenu")
T = TypeVar("T")
PNG = {"Content-Type": "image/png"}


class RichMenuError(Exception):
    """LINE refused a step, or could not be reached; the message says which step and why."""


@dataclass
class Published:
    menu_id: str
    removed: list[str] = field(default_factory=list)  # the bot's earlier menus, deleted


def write_files(menu: RichMenu, image: bytes, folder: Path) -> tuple[Path, Path]:
    """`--dry-run`: the image and the JSON LINE would get, side by side, for a look before publishing."""
    folder.mkdir(parents=True, exist_ok=True)
    picture, document = folder / "richmenu.png", folder / "richmenu.json"
    picture.write_bytes(image)
    document.write_text(json.dumps(menu, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return picture, document


def publish(line: LineClient, menu: RichMenu, image: bytes) -> Published:
    """Create, upload the image, make it the default, then delete the bot's older menus.

    In that order, so followers are never left without a menu; a menu that failed half-way is deleted
    again, so a rerun after a failure does not leave a stray one behind.
    """
    request = RichMenuRequest.from_dict(menu)
    menu_id = _step("create the rich menu", lambda: line.messaging.create_rich_menu(
        request, _request_timeout=TIMEOUT_SECONDS).rich_menu_id)  # fmt: skip
    try:
        _step("upload its image", lambda: line.blob.set_rich_menu_image(
            menu_id, image, _headers=PNG, _request_timeout=TIMEOUT_SECONDS))  # fmt: skip
        _step("make it the default", lambda: line.messaging.set_default_rich_menu(
            menu_id, _request_timeout=TIMEOUT_SECONDS))  # fmt: skip
    except RichMenuError:
        _forget(line, menu_id)
        raise
    menus = _step("list the rich menus", lambda: line.messaging.get_rich_menu_list(
        _request_timeout=TIMEOUT_SECONDS).richmenus)  # fmt: skip
    old = [m.rich_menu_id for m in menus if m.name == NAME and m.rich_menu_id != menu_id]
    for stale in old:
        _step(f"delete the old menu {stale}", partial(
            line.messaging.delete_rich_menu, stale, _request_timeout=TIMEOUT_SECONDS))  # fmt: skip
    return Published(menu_id, old)


def _step(what: str, call: Callable[[], T]) -> T:
    try:
        return call()
    except ApiException as err:
        raise RichMenuError(f"LINE refused to {what}: {describe_error(err)}") from None
    except (HTTPError, OSError) as err:
        raise RichMenuError(f"LINE could not be reached to {what}: {type(err).__name__}") from None


def _forget(line: LineClient, menu_id: str) -> None:
    try:
        line.messaging.delete_rich_menu(menu_id, _request_timeout=TIMEOUT_SECONDS)
    except (ApiException, HTTPError, OSError) as err:
        log.warning("the half-made rich menu %s could not be deleted: %s", menu_id, type(err).__name__)
