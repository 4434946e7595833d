"""Run Alembic migrations from code (start-up, `twitchcheck migrate`, tests).

Alembic is imported only when there is something to migrate: at a normal start-up the database
is already at the head revision, which two small reads tell without Alembic (its import alone
was a tenth of the app's start-up time).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION = re.compile(r"^(down_)?revision\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)


def alembic_config(url: str) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine) -> None:
    if _at_head(engine):
        return
    from alembic import command

    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def is_current(engine: Engine) -> bool:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    heads = set(ScriptDirectory.from_config(alembic_config(str(engine.url))).get_heads())
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads()) == heads


def _at_head(engine: Engine) -> bool:
    """True when the database's one recorded revision is the one head of the migration files (a
    cheap check; anything unusual, such as several heads, answers False and lets Alembic decide)."""
    heads = _heads()
    if len(heads) != 1:
        return False
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        current = {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}
    return current == heads


def _heads() -> set[str]:
    """Revisions no other migration file names as its down_revision (read as text, not imported)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for down, value in _REVISION.findall(path.read_text(encoding="utf-8")):
            names = set(re.findall(r"['\"]([^'\"]+)['\"]", value))
            (parents if down else revisions).update(names)
    return revisions - parents
