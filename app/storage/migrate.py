"""Run Alembic migrations from code (start-up, `twitchcheck migrate`, tests).

At a normal start the database is already at the head revision; `upgrade` checks that first
through Alembic's own API (the script directory's heads against the database's recorded ones),
so a restart neither runs the migration environment nor logs its set-up lines.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    """Alembic's configuration for this package's migrations and `url` (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))  # ConfigParser interpolates %
    return config


def upgrade(engine: Engine) -> None:
    """Bring the database to the head revision, in one transaction on `engine`."""
    if is_current(engine):
        return
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection  # env.py migrates on this connection
        command.upgrade(config, "head")


def is_current(engine: Engine) -> bool:
    """True when the revisions recorded in the database are exactly the migration files' heads."""
    heads = set(ScriptDirectory.from_config(alembic_config(str(engine.url))).get_heads())
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads()) == heads
