"""Alembic environment for the project's changes to Rasa's tracker table (``events``), run through
bot.privacy.tracker_schema.migrate. Its own version table, apart from the handover history."""
from alembic import context

VERSION_TABLE = "alembic_version_tracker"


def run_migrations_online() -> None:
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, target_metadata=None, version_table=VERSION_TABLE)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
