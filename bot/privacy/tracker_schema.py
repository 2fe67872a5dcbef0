"""Bring Rasa's tracker table up to the project's schema: Rasa creates the ``events`` table; the
project adds what the way it is used needs (indexes), with Alembic migrations of its own
(``tracker_migrations/``, version table ``alembic_version_tracker``).

Several Rasa servers start at the same moment in production. On PostgreSQL the migration runs
under a transaction-level advisory lock, so one server migrates and the others wait and then find
the schema at head; SQLite serialises writers by itself.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "tracker_migrations"
ADVISORY_LOCK_KEY = 0x4C57_7472  # "LWtr": the same key in every server of the set


def migrate(engine: Engine) -> None:
    """Upgrade the tracker table's schema to head (idempotent)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": ADVISORY_LOCK_KEY})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
