"""Every setting is documented where a deployer looks: .env.example and the README's table."""

from __future__ import annotations

from pathlib import Path

from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_every_setting_is_in_env_example_and_the_readme() -> None:
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [name.upper() for name in Settings.model_fields]
    assert [n for n in names if f"\n{n}=" not in example] == []
    assert [n for n in names if f"`{n}`" not in readme] == []
