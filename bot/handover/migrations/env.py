"""Alembic environment for the handover tables (run through bot.handover.store.migrate)."""
from alembic import context
from sqlalchemy import create_engine

from bot.handover.models import Base

config = context.config
VERSION_TABLE = "alembic_version_handover"  # apart from any other Alembic history in the same database


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=Base.metadata, version_table=VERSION_TABLE)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=Base.metadata, version_table=VERSION_TABLE)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
