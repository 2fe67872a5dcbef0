"""Tables of the handover: consent, referrals and every change of a referral's status.

A declarative base of its own, apart from the routing table's: the routing loader rebuilds its
tables from data/routing (drop and create), and a resident's referral must survive that. The
schema is changed only by migrations (bot/handover/migrations, Alembic).
"""
from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, JSON, String, Text
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


class Consent(Base):
    """What the resident agreed to (or refused): which data, to which loket, in which words, when."""

    __tablename__ = "handover_consent"
    id = Column(Integer, primary_key=True)
    loket_type = Column(String(60), nullable=False)
    loket_naam = Column(Text, nullable=False)
    data_categories = Column(JSON, nullable=False)  # e.g. ["situatie", "hulpvragen", "contact"]
    wording = Column(Text, nullable=False)           # the exact question shown to the resident
    answer = Column(Boolean, nullable=False)
    answered_at = Column(DateTime(timezone=True), nullable=False)
    withdrawn_at = Column(DateTime(timezone=True))


class Referral(Base):
    """A referral (FHIR Task, SDOH referral): the reference code the resident quotes, the masked
    summary, the receiving loket, the consent, and the status (bot.handover.lifecycle)."""

    __tablename__ = "handover_referral"
    id = Column(Integer, primary_key=True)
    code = Column(String(20), nullable=False, unique=True, index=True)
    conversation = Column(String(64), index=True)  # a hash of the conversation id, never the id itself
    created_at = Column(DateTime(timezone=True), nullable=False, index=True)
    updated_at = Column(DateTime(timezone=True), nullable=False)
    gemeente_code = Column(String(6))
    loket_type = Column(String(60), nullable=False)
    loket_naam = Column(Text, nullable=False)
    summary = Column(JSON)  # masked; erased (NULL) when consent is withdrawn
    status = Column(String(20), nullable=False, index=True)
    status_reason = Column(String(40))
    reconsider_loket_type = Column(String(60))  # after a rejection or failure: the next door to offer
    consent_id = Column(ForeignKey("handover_consent.id"), nullable=False)
    consent = relationship(Consent)
    events = relationship("ReferralEvent", order_by="ReferralEvent.id", cascade="all, delete-orphan",
                          back_populates="referral")


class ReferralEvent(Base):
    """Every status change, kept: when, by whom (role and name), from, to, why."""

    __tablename__ = "handover_referral_event"
    id = Column(Integer, primary_key=True)
    referral_id = Column(ForeignKey("handover_referral.id", ondelete="CASCADE"), nullable=False, index=True)
    at = Column(DateTime(timezone=True), nullable=False)
    role = Column(String(20), nullable=False)
    actor = Column(Text, nullable=False)
    from_status = Column(String(20))
    to_status = Column(String(20), nullable=False)
    reason = Column(String(40))
    note = Column(Text)
    referral = relationship(Referral, back_populates="events")
