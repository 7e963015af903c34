"""Running the Alembic migrations from code (grs db upgrade, the demo, the tests)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # ConfigParser treats % as interpolation; URLs may contain it (encoded passwords).
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def pending_revisions(engine: Engine) -> list[str]:
    """The migrations the database has not had yet (empty when it is at the head)."""
    script = ScriptDirectory.from_config(alembic_config(engine.url.render_as_string()))
    with engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
    heads = set(script.get_heads())
    if heads <= current:
        return []
    return [rev.revision for rev in script.iterate_revisions(tuple(heads), tuple(current) or None)]
