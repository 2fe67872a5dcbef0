"""Indexes on Rasa's tracker table for the ways it is read (issue 14).

Rasa 3.6 creates ``ix_events_sender_id``, but tables made by older Rasa versions have no index on
``sender_id`` at all; every turn then scans the whole table. Rasa also asks, every turn, for the
newest ``session_started`` event of the conversation (``sender_id``, ``type_name``, max
``timestamp``), and the retention job groups by ``sender_id`` with the newest ``timestamp``: one
index on (sender_id, type_name, timestamp) answers the first from the index alone and helps the
second. Both are created only when missing, so the migration also runs on a table Rasa already
indexed.

Revision ID: 0001_events_indexes
Revises:
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = "0001_events_indexes"
down_revision = None
branch_labels = None
depends_on = None

INDEXES = {
    "ix_events_sender_id": ["sender_id"],
    "ix_events_sender_type_timestamp": ["sender_id", "type_name", "timestamp"],
}


def _existing() -> dict:
    inspector = sa.inspect(op.get_bind())
    return {tuple(ix["column_names"]): ix["name"] for ix in inspector.get_indexes("events")}


def upgrade() -> None:
    existing = _existing()
    for name, columns in INDEXES.items():
        if tuple(columns) not in existing:
            op.create_index(name, "events", columns)


def downgrade() -> None:
    op.drop_index("ix_events_sender_type_timestamp", "events")
