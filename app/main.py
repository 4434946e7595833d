"""The application factory. Nothing is loaded at import: the knowledge base and the database
are opened in the lifespan, from the settings given to `create_app`, so tests build apps on
temporary databases and a broken knowledge base stops the server before it takes traffic."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from app import __version__
from app.engine import compile_knowledge
from app.knowledge.loader import load
from app.settings import PROJECT_ROOT, Settings
from app.storage import migrate
from app.storage.db import make_engine, make_sessionmaker
from app.web import api, errors, pages, security
from app.web.csrf import CsrfGuard
from app.web.runtime import Runtime

DESCRIPTION = (
    "Educational symptom checker for muscle twitching: likely causes with reasons, self-care advice, "
    "and warning signs that say how urgently to see a doctor. It does not diagnose."
)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        knowledge = compile_knowledge(load(settings.kb_path))  # KnowledgeBaseError: refuse to start
        engine = make_engine(settings.database_url, settings.db_pool_size)
        if settings.auto_migrate:
            migrate.upgrade(engine)
        app.state.runtime = Runtime.build(settings, knowledge, engine, make_sessionmaker(engine))
        try:
            yield
        finally:
            engine.dispose()

    app = FastAPI(
        title="Twitchcheck",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        max_body_size=settings.max_body_bytes,
    )
    app.state.templates = Jinja2Templates(directory=PROJECT_ROOT / "templates")  # autoescape on
    app.state.csrf = CsrfGuard(settings)
    errors.install(app)
    security.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=PROJECT_ROOT / "static"), name="static")
    return app


app = create_app()
