"""Consent and referrals in the database: create, change status, withdraw, look up, purge.

Where: ``$HANDOVER_DATABASE_URL``, else ``$DATABASE_URL`` (PostgreSQL in production: the same
database as the routing table), else ``var/handover.db`` (SQLite). Not build/routing.db: the
routing loader replaces that file whole when the routing data change, and a referral must outlive
that. The schema is brought up to date by the migrations (``migrate``), never by create_all.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Sequence

from sqlalchemy import create_engine, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.handover import lifecycle as lc
from bot.handover.models import Consent, Referral, ReferralEvent
from bot.paths import ROOT

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DEFAULT_DB = ROOT / "var" / "handover.db"
# reference codes: no 0/O, 1/I/L, so a code read aloud over the phone is not misheard; ten
# characters of 31 are about 50 bits: not guessable, and one code never leads to another's referral
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10
REGISSEUR = "sociaal-wijkteam"  # the door a route falls back to when every other door said no


def default_url() -> str:
    return os.environ.get("HANDOVER_DATABASE_URL") or os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_DB}"


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def new_code() -> str:
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"LW-{body[:5]}-{body[5:]}"


def conversation_key(sender_id: Optional[str]) -> Optional[str]:
    """A conversation is linked by a hash of its id, so the referral table holds no chat id."""
    return hashlib.sha256(sender_id.encode("utf-8")).hexdigest() if sender_id else None


def migrate(engine: Engine) -> None:
    """Bring the handover tables to the newest migration (Alembic, its own version table)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


class HandoverStore:
    """One database of consents and referrals."""

    def __init__(self, url: Optional[str] = None, engine: Optional[Engine] = None):
        url = url or default_url()
        if engine is None and url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
        self.engine = engine or create_engine(url, future=True)
        migrate(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, future=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions.begin() as s:
            yield s

    # --- consent ---------------------------------------------------------------------------
    def record_consent(self, loket_type: str, loket_naam: str, data_categories: Sequence[str], wording: str,
                       answer: bool) -> Consent:
        with self.session() as s:
            consent = Consent(loket_type=loket_type, loket_naam=loket_naam, data_categories=list(data_categories),
                              wording=wording, answer=bool(answer), answered_at=now())
            s.add(consent)
        return consent

    def consent(self, consent_id: int) -> Optional[Consent]:
        with self.session() as s:
            return s.get(Consent, consent_id)

    def withdraw_consent(self, consent_id: int, actor: str = "inwoner") -> None:
        """The resident takes consent back: the referral stops (cancelled) and its summary is erased."""
        with self.session() as s:
            consent = s.get(Consent, consent_id)
            if consent is None or consent.withdrawn_at is not None:
                return
            consent.withdrawn_at = now()
            for referral in s.scalars(select(Referral).where(Referral.consent_id == consent_id)):
                if referral.status not in lc.FINAL:
                    self._move(s, referral, lc.CANCELLED, lc.REQUESTER, actor, "consent-withdrawn", None)
                referral.summary = None

    # --- referrals -------------------------------------------------------------------------
    def create_referral(self, consent: Consent, summary: Dict[str, Any], gemeente_code: Optional[str] = None,
                        sender_id: Optional[str] = None, actor: str = "loketwijzer") -> Referral:
        """A referral to the loket the resident agreed to. Refused without a "yes" for that loket.
        ``summary`` must be masked already (bot.handover.summary does that)."""
        if not consent.answer or consent.withdrawn_at is not None:
            raise lc.TransitionRefused("no consent: nothing is passed on")
        with self.session() as s:
            stamp = now()
            referral = Referral(code=new_code(), conversation=conversation_key(sender_id), created_at=stamp,
                                updated_at=stamp, gemeente_code=gemeente_code, loket_type=consent.loket_type,
                                loket_naam=consent.loket_naam, summary=summary, status=lc.REQUESTED,
                                consent_id=consent.id)
            referral.events.append(ReferralEvent(at=stamp, role=lc.REQUESTER, actor=actor, from_status=None,
                                                 to_status=lc.REQUESTED))
            s.add(referral)
        return referral

    def set_status(self, code: str, new: str, role: str, actor: str, reason: Optional[str] = None,
                   note: Optional[str] = None) -> Referral:
        """Move a referral on; raises lifecycle.TransitionRefused (and changes nothing) when the
        model does not allow it. A rejection or failure names the next door to offer."""
        with self.session() as s:
            referral = s.scalar(select(Referral).where(Referral.code == code))
            if referral is None:
                raise KeyError(code)
            self._move(s, referral, new, role, actor, reason, note)
        return self.get(code)

    def _move(self, s: Session, referral: Referral, new: str, role: str, actor: str, reason: Optional[str],
              note: Optional[str]) -> None:
        lc.check(referral.status, new, role, reason)
        stamp = now()
        s.add(ReferralEvent(referral_id=referral.id, at=stamp, role=role, actor=actor, from_status=referral.status,
                            to_status=new, reason=reason, note=note))
        referral.status, referral.status_reason, referral.updated_at = new, reason, stamp
        if new in lc.RECONSIDER:
            referral.reconsider_loket_type = next_door(referral.summary, referral.loket_type)

    def get(self, code: str) -> Optional[Referral]:
        with self.session() as s:
            referral = s.scalar(select(Referral).where(Referral.code == (code or "").strip().upper()))
            if referral is not None:
                _ = list(referral.events), referral.consent  # loaded before the session closes
            return referral

    def open_referrals(self, loket_type: Optional[str] = None) -> List[Referral]:
        with self.session() as s:
            q = select(Referral).where(Referral.status.not_in(sorted(lc.FINAL))).order_by(Referral.created_at)
            if loket_type:
                q = q.where(Referral.loket_type == loket_type)
            return list(s.scalars(q))

    def for_conversation(self, sender_id: str) -> List[Referral]:
        with self.session() as s:
            return list(s.scalars(select(Referral).where(Referral.conversation == conversation_key(sender_id))))

    def purge(self, older_than: dt.timedelta, at: Optional[dt.datetime] = None) -> Dict[str, int]:
        """Delete referrals (with their history) and consents older than the retention period."""
        limit = (at or now()) - older_than
        with self.session() as s:
            old = list(s.scalars(select(Referral).where(Referral.updated_at < limit)))
            for referral in old:
                s.delete(referral)
            s.flush()
            used = set(s.scalars(select(Referral.consent_id)))
            consents = [c for c in s.scalars(select(Consent).where(Consent.answered_at < limit)) if c.id not in used]
            for c in consents:
                s.delete(c)
        return {"referrals": len(old), "consents": len(consents)}


def next_door(summary: Optional[Dict[str, Any]], refused: str) -> str:
    """After a "no" from ``refused``: the route's next loket (its own order), else the wijkteam as
    regisseur; never nothing."""
    for step in ((summary or {}).get("route") or {}).get("also") or []:
        loket = step.get("loket_type")
        if loket and loket not in (refused, "clientondersteuning"):
            return loket
    return REGISSEUR if refused != REGISSEUR else "clientondersteuning"


def resident_status(referral: Optional[Referral]) -> List[str]:
    """What a resident who comes back with the reference code reads (B1)."""
    if referral is None:
        return ["Ik vind geen doorverwijzing met deze code. Kijk of de code goed is."]
    msgs = [lc.RESIDENT_TEXT[referral.status].format(loket=referral.loket_naam)]
    if referral.status in (lc.REQUESTED, lc.ON_HOLD):
        msgs.append("Hoort u na vijf werkdagen niets? Bel dan zelf. Noem uw code.")
    if referral.status in lc.RECONSIDER:
        msgs.append("U staat er niet alleen voor. Ik zoek met u een andere plek die kan helpen.")
    return msgs
