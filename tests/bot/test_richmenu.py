"""`prachum richmenu` against the spec-checking fake LINE API, and what each of the six buttons gets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fakeline.server import FakeLine
from fakeline.spec import rich_menu_image_problem, rich_menu_limits
from handlers.richmenu import BUTTONS, NAME, rich_menu
from tests.bot.conftest import TOKEN, Chat
from tests.bot.test_cli import run
from tests.fakes.line_server import running_fake_line
from tests.helpers import buttons, postback_event, said

UPLOAD = "POST /v2/bot/richmenu/{richMenuId}/content @api-data"
LABELS = ["ค้นหาประชุม", "ประชุมล่าสุด", "ที่จะถึง", "ติดตาม", "ปฏิทินของฉัน", "วิธีใช้"]


@pytest.fixture
def line() -> Any:
    with running_fake_line(TOKEN) as fake:
        yield fake


def publish(fake: FakeLine, *, data_host: bool = True) -> Any:
    env = {"LINE_CHANNEL_ACCESS_TOKEN": TOKEN, "LINE_API_HOST": fake.base_url}
    if data_host:
        env["LINE_API_DATA_HOST"] = fake.data_url
    return run("richmenu", env=env)


def png_size(image: bytes) -> tuple[int, int]:
    assert image[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(image[16:20], "big"), int.from_bytes(image[20:24], "big")


def test_richmenu_is_created_uploaded_to_api_data_and_made_the_default(line: FakeLine) -> None:
    done = publish(line)
    assert done.returncode == 0, done.stderr
    [menu_id] = line.rich.menus
    assert done.stdout == f"rich menu {menu_id} is now the default\n"
    assert line.rich.default == menu_id
    menu = line.rich.menus[menu_id]
    assert (menu["name"], menu["chatBarText"], menu["size"]) == (NAME, "เมนู", {"width": 2500, "height": 1686})
    assert [area["action"]["label"] for area in menu["areas"]] == LABELS
    image, kind = line.rich.images[menu_id]
    assert kind == "image/png" and png_size(image) == (2500, 1686)
    assert line.rich.calls == [
        "POST /v2/bot/richmenu",
        UPLOAD,
        "POST /v2/bot/user/all/richmenu/{richMenuId}",
        "GET /v2/bot/richmenu/list",
    ]
    assert line.problems == []


def test_running_it_again_replaces_the_bots_menu_and_leaves_others(line: FakeLine) -> None:
    line.rich.menus["richmenu-campaign"] = {
        **rich_menu(),
        "name": "campaign",
        "richMenuId": "richmenu-campaign",
    }
    first = publish(line)
    [old] = [menu_id for menu_id in line.rich.menus if menu_id != "richmenu-campaign"]
    second = publish(line)
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    [new] = [menu_id for menu_id in line.rich.menus if menu_id != "richmenu-campaign"]
    assert new != old
    assert second.stdout == f"rich menu {new} is now the default; removed the earlier {old}\n"
    assert line.rich.default == new
    assert sorted(line.rich.menus) == sorted([new, "richmenu-campaign"])
    assert line.problems == []


def test_an_upload_sent_to_the_api_host_is_refused_and_the_half_made_menu_removed(line: FakeLine) -> None:
    """Without LINE_API_DATA_HOST the upload goes to LINE_API_HOST, which the spec says is the wrong host."""
    done = publish(line, data_host=False)
    assert done.returncode == 2
    assert done.stderr.startswith("prachum: LINE refused to upload its image: status=404")
    assert line.rich.menus == {} and line.rich.default is None
    [upload] = [call.split()[1] for call in line.timeline if call.endswith("/content")]
    assert line.problems == [f"POST {upload} was sent to the wrong host: it belongs on api-data.line.me"]
    assert line.timeline[-1] == "DELETE " + upload.removesuffix("/content")


def test_dry_run_writes_the_image_and_the_json_and_calls_nobody(tmp_path: Path) -> None:
    done = run(
        "richmenu", "--dry-run", "--out", str(tmp_path / "menu"), env={"LINE_CHANNEL_ACCESS_TOKEN": ""}
    )
    assert done.returncode == 0, done.stderr
    picture, document = tmp_path / "menu" / "richmenu.png", tmp_path / "menu" / "richmenu.json"
    assert done.stdout == f"wrote {picture} and {document} (nothing sent to LINE)\n"
    assert png_size(picture.read_bytes()) == (2500, 1686)
    written = json.loads(document.read_text(encoding="utf-8"))
    assert written == rich_menu()
    assert [area["bounds"] for area in written["areas"]][:4] == [
        {"x": 0, "y": 0, "width": 833, "height": 843},
        {"x": 833, "y": 0, "width": 833, "height": 843},
        {"x": 1666, "y": 0, "width": 834, "height": 843},
        {"x": 0, "y": 843, "width": 833, "height": 843},
    ]


def test_without_a_channel_it_says_what_is_missing() -> None:
    done = run("richmenu", env={"LINE_CHANNEL_ACCESS_TOKEN": ""})
    assert done.returncode == 2
    assert done.stderr == (
        "prachum: LINE_CHANNEL_ACCESS_TOKEN is not set: there is no LINE channel to give a menu to\n"
    )


def tapped(chat: Chat, index: int) -> list[dict[str, Any]]:
    """What the bot answers a tap on the index-th area: LINE sends its text, or its postback data."""
    action = rich_menu()["areas"][index]["action"]
    if action["type"] == "postback":
        return chat.send(postback_event(action["data"], reply_token=f"tap-{index}"))
    return chat.say(action["text"])


def test_every_button_gets_an_answer(chat: Chat) -> None:
    search, latest, upcoming, follow, calendar, how = (tapped(chat, i) for i in range(len(BUTTONS)))
    assert said(search[0]).startswith("พิมพ์สิ่งที่อยากค้นได้เลยครับ")
    assert [action["text"] for action in buttons(search[0])] == [
        "ประชุมที่เชียงใหม่", "สัมมนา ก.พ. 68", "ประชุมเดือนนี้", "ประชุมล่าสุด"
    ]  # fmt: skip
    assert latest[0]["altText"].startswith("พบการประชุม (ล่าสุด) 4 รายการ")
    assert said(upcoming[0]).startswith("ขออภัยครับ ไม่พบการประชุม (ที่จะถึง)")  # the samples are all past
    assert "ถ้าค้น “ประชุมล่าสุด” จะพบ 4 รายการ" in said(upcoming[0])
    assert said(follow[0]).startswith("ตอนนี้ไม่ได้ติดตามอะไร")
    assert calendar[0]["type"] == "text" and calendar[0]["text"]
    assert said(how[0]).startswith("ประชุม (Prachum) ช่วยค้นข่าวการประชุม")


def test_the_fake_refuses_menus_and_images_line_would_refuse() -> None:
    body = rich_menu()
    assert rich_menu_limits({**body, "size": {"width": 2500, "height": 2000}}) == [
        "RichMenuRequest.size: 2500x2000 (width 800 to 2500, height 250 up, ratio >= 1.45)"
    ]
    wide = {
        **body,
        "areas": [{**body["areas"][2], "bounds": {"x": 1666, "y": 0, "width": 900, "height": 843}}],
    }
    assert rich_menu_limits(wide) == ["RichMenuRequest.areas[0].bounds: outside the 2500x1686 menu"]
    assert rich_menu_limits({k: v for k, v in body.items() if k != "chatBarText"}) == [
        "RichMenuRequest: missing chatBarText"
    ]
    assert rich_menu_limits(body) == []
    small = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR" + (2500).to_bytes(4, "big") + (843).to_bytes(4, "big")
    assert rich_menu_image_problem(small, "image/png", {"width": 2500, "height": 1686}) == (
        "the image is (2500, 843), the rich menu 2500x1686"
    )
    assert rich_menu_image_problem(small, "image/gif", {"width": 2500, "height": 843}) == (
        "Content-Type 'image/gif' is not image/jpeg or image/png"
    )
    assert rich_menu_image_problem(small, "image/png", {"width": 2500, "height": 843}) is None


def test_dry_run_into_a_folder_it_cannot_make_names_the_problem(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    done = run("richmenu", "--dry-run", "--out", str(tmp_path / "taken" / "menu"))
    assert done.returncode == 2
    assert done.stderr == f"prachum: --out: cannot write to {tmp_path / 'taken' / 'menu'}: Not a directory\n"
