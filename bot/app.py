"""The web process: an app factory and one lifespan that opens and closes everything."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from bot.admin_api import router as admin_router
from bot.calendar_api import router as calendar_router
from bot.console import router as console_router
from bot.inbox import make_inbox
from bot.limits import BodyLimit
from bot.line import make_line_client
from bot.logs import setup_logging
from bot.scheduler import start_scheduler
from bot.settings import Settings, load_settings
from bot.webhook import router as webhook_router
from bot.worker import die_with_parent
from store.db import make_engine, ping, refresh_statistics
from store.intake import make_intake
from store.migrate import upgrade


def create_supervised_app() -> FastAPI:
    """`prachum serve --workers N`: each web process exits when uvicorn's supervisor dies, however it
    dies, and takes its event worker with it (no orphans)."""
    die_with_parent(os.getppid())
    return create_app()


def create_app(settings: Settings | None = None) -> FastAPI:
    """The FastAPI app; `uvicorn bot.app:create_app --factory` reads settings from the environment."""
    settings = settings or load_settings()
    setup_logging(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.database_url)
        upgrade(engine)
        refresh_statistics(engine)
        app.state.settings = settings
        app.state.engine = engine
        app.state.line = make_line_client(settings) if settings.line_enabled else None
        app.state.webhook_secret = (
            settings.line_channel_secret.get_secret_value().encode()
            if settings.line_channel_secret and app.state.line
            else None
        )
        app.state.intake = make_intake(engine) if app.state.webhook_secret is not None else None
        app.state.inbox = (
            make_inbox(settings, engine, app.state.line) if app.state.webhook_secret is not None else None
        )
        if app.state.inbox is not None:
            app.state.inbox.start()
        scheduler = start_scheduler(settings, engine, app.state.line) if settings.digest_enabled else None
        try:
            yield
        finally:
            if app.state.intake is not None:
                await app.state.intake.close()
            if app.state.inbox is not None:
                app.state.inbox.stop()
            if scheduler is not None:
                scheduler.shutdown(wait=False)
            if app.state.line is not None:
                app.state.line.close()
            engine.dispose()

    app = FastAPI(title="Prachum", version="0.1.0", lifespan=lifespan)
    app.add_middleware(BodyLimit)
    app.include_router(webhook_router)
    app.include_router(admin_router)
    app.include_router(console_router)
    app.include_router(calendar_router)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        """422 with where and why, without echoing the input (it may be 1 MB, or not encodable at all)."""
        errors = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e.get("type")}
            for e in error.errors()
        ]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.get("/healthz")
    def healthz() -> JSONResponse:
        from bot import __version__

        try:
            database = ping(app.state.engine)
        except Exception as err:  # any driver error means "not reachable"
            return JSONResponse(
                {"status": "error", "database": f"unreachable: {type(err).__name__}", "version": __version__},
                status_code=503,
            )
        return JSONResponse({"status": "ok", "database": database, "version": __version__})

    return app
