"""What handlers need to know of this server, read from the one settings object."""

from __future__ import annotations

from bot.settings import Settings
from handlers.replies import Site


def site_of(settings: Settings, *, base_url: str | None = None) -> Site:
    """PUBLIC_BASE_URL (or `base_url`, the address a local browser used), REMINDER_TIME and TIMEZONE."""
    return Site(
        base_url=settings.public_base_url or base_url,
        reminder_time=settings.reminder_time,
        timezone=settings.timezone,
    )
