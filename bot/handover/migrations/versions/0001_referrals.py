"""Consent, referrals and their status history (issue 12).

Revision ID: 0001_referrals
Revises:
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0001_referrals"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "handover_consent",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("loket_type", sa.String(60), nullable=False),
        sa.Column("loket_naam", sa.Text, nullable=False),
        sa.Column("data_categories", sa.JSON, nullable=False),
        sa.Column("wording", sa.Text, nullable=False),
        sa.Column("answer", sa.Boolean, nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "handover_referral",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("conversation", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gemeente_code", sa.String(6)),
        sa.Column("loket_type", sa.String(60), nullable=False),
        sa.Column("loket_naam", sa.Text, nullable=False),
        sa.Column("summary", sa.JSON),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("status_reason", sa.String(40)),
        sa.Column("reconsider_loket_type", sa.String(60)),
        sa.Column("consent_id", sa.Integer, sa.ForeignKey("handover_consent.id"), nullable=False),
    )
    op.create_index("ix_handover_referral_code", "handover_referral", ["code"], unique=True)
    op.create_index("ix_handover_referral_conversation", "handover_referral", ["conversation"])
    op.create_index("ix_handover_referral_created_at", "handover_referral", ["created_at"])
    op.create_index("ix_handover_referral_status", "handover_referral", ["status"])
    op.create_table(
        "handover_referral_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("referral_id", sa.Integer, sa.ForeignKey("handover_referral.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("from_status", sa.String(20)),
        sa.Column("to_status", sa.String(20), nullable=False),
        sa.Column("reason", sa.String(40)),
        sa.Column("note", sa.Text),
    )
    op.create_index("ix_handover_referral_event_referral_id", "handover_referral_event", ["referral_id"])


def downgrade() -> None:
    op.drop_table("handover_referral_event")
    op.drop_table("handover_referral")
    op.drop_table("handover_consent")
