"""The application factory. Nothing is loaded at import: the knowledge base and the database
are opened in the lifespan, from the settings given to `create_app`, so tests build apps on
temporary databases and a broken knowledge base stops the server before it takes traffic."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from app import __version__
from app.settings import PROJECT_ROOT, Settings
from app.storage import migrate, retention, snapshots
from app.storage.db import make_engine
from app.storage.writer import AssessmentWriter
from app.web import errors, middleware, openapi, requestlog, templating
from app.web.api import assessments as assessments_api
from app.web.api import diaries as diaries_api
from app.web.api import health, interview, knowledge
from app.web.assets import FingerprintedStatic
from app.web.csrf import CsrfGuard
from app.web.pages import about, checker, diary, docs
from app.web.runtime import Runtime

#: The routers, one module per resource (JSON) or area (pages), in the order they are matched
ROUTERS = (knowledge, assessments_api, interview, health, diaries_api, checker, diary, about)

log = logging.getLogger("twitchcheck")

DESCRIPTION = (
    "Educational symptom checker for muscle twitching: likely causes with reasons, self-care advice, "
    "and warning signs that say how urgently to see a doctor. It does not diagnose."
)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        requestlog.configure(settings.log_level)
        engine = make_engine(settings.database_url, settings.db_pool_size)
        if settings.auto_migrate:
            migrate.upgrade(engine)
        writer = AssessmentWriter()
        runtime = Runtime.build(settings, engine, writer)  # KnowledgeBaseError: refuse to start
        snapshots.save(engine, runtime.snapshot)
        app.state.runtime = runtime
        stop = asyncio.Event()
        purger = asyncio.create_task(_purge_periodically(engine, settings, stop))
        try:
            yield
        finally:
            # Not cancelled: a purge running in a worker thread finishes first, since disposing
            # the engine under it would orphan its database connection.
            stop.set()
            try:
                await purger
            finally:
                writer.close()
                engine.dispose()

    app = FastAPI(
        title="Twitchcheck",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # served by app.web.pages.docs, without a CDN
        redoc_url=None,
    )
    static = FingerprintedStatic(PROJECT_ROOT / "static")
    app.state.templates = templating.templates(static)
    app.state.csrf = CsrfGuard(settings)
    errors.install(app)
    middleware.install(app, settings)  # the order is documented in app.web.middleware
    for module in ROUTERS:
        app.include_router(module.router)
    openapi.install(app)
    docs.install(app)
    app.mount("/static", static, name="static")
    return app


async def _purge_periodically(engine: Engine, settings: Settings, stop: asyncio.Event) -> None:
    """Delete expired assessments and unused diaries at start-up and then every
    `purge_interval_minutes`, until `stop` is set."""
    if settings.purge_interval_minutes <= 0:
        return
    while not stop.is_set():
        try:
            count = await run_in_threadpool(retention.purge, engine, settings.retention_days)
            if count:
                log.info("purged expired assessments", extra={"count": count})
            count = await run_in_threadpool(retention.purge_diaries, engine, settings.diary_retention_days)
            if count:
                log.info("purged unused diaries", extra={"count": count})
        except SQLAlchemyError as exc:  # the database may be down for a while; try again later
            log.warning("purge failed: %s", type(exc).__name__)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=settings.purge_interval_minutes * 60)
