"""Delete what is older than the retention period: conversations in the tracker store, referrals
with their history, and consents no referral needs any more (AVG: keep no longer than needed).

    .venv/bin/python -m bot.privacy.retention [--days 90] [--tracker-db sqlite:///build/tracker.db]
                                              [--handover-db URL] [--dry-run]

Meant to run on a schedule (cron, a Kubernetes CronJob). A conversation is deleted whole when its
last event is older than the period, so a conversation that is still going is never cut in two.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from typing import Dict, Optional

from sqlalchemy import create_engine, inspect, text

from bot.paths import ROOT

DEFAULT_DAYS = 90
DEFAULT_TRACKER = f"sqlite:///{ROOT / 'build' / 'tracker.db'}"


def purge_conversations(url: str, older_than: dt.timedelta, now: Optional[float] = None,
                        dry_run: bool = False) -> int:
    """Delete every conversation (Rasa's ``events`` table) whose newest event is older than
    ``older_than``; returns how many conversations."""
    engine = create_engine(url)
    try:
        if not inspect(engine).has_table("events"):
            return 0
        limit = (now or time.time()) - older_than.total_seconds()
        with engine.begin() as conn:
            old = [r[0] for r in conn.execute(text(
                "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :limit"), {"limit": limit})]
            if old and not dry_run:
                for sender in old:
                    conn.execute(text("DELETE FROM events WHERE sender_id = :s"), {"s": sender})
        return len(old)
    finally:
        engine.dispose()


def erase_conversation(url: str, sender_id: str) -> int:
    """Delete one conversation now, whole (the widget's "Wis dit gesprek"); returns the number of
    events deleted. A resident at risk of violence must be able to leave no trace in our store."""
    if not sender_id:
        return 0
    engine = create_engine(url)
    try:
        if not inspect(engine).has_table("events"):
            return 0
        with engine.begin() as conn:
            return conn.execute(text("DELETE FROM events WHERE sender_id = :s"), {"s": sender_id}).rowcount
    finally:
        engine.dispose()


def tracker_url() -> str:
    """The tracker store the running assistant writes to: $TRACKER_DATABASE_URL, else the embedded
    SQLite file of endpoints.yml."""
    return os.environ.get("TRACKER_DATABASE_URL") or DEFAULT_TRACKER


def run(days: int, tracker_db: str, handover_db: Optional[str], dry_run: bool = False) -> Dict[str, int]:
    from bot.handover.store import HandoverStore

    period = dt.timedelta(days=days)
    out = {"conversations": purge_conversations(tracker_db, period, dry_run=dry_run)}
    if not dry_run:
        out.update(HandoverStore(handover_db).purge(period))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", type=int, default=DEFAULT_DAYS, help=f"retention period in days (default {DEFAULT_DAYS})")
    ap.add_argument("--tracker-db", default=tracker_url(), help="the tracker store's database URL")
    ap.add_argument("--handover-db", default=None, help="referrals: default $HANDOVER_DATABASE_URL, $DATABASE_URL or var/handover.db")
    ap.add_argument("--dry-run", action="store_true", help="count the conversations, delete nothing")
    args = ap.parse_args(argv)
    if args.days < 1:
        print("--days moet 1 of meer zijn.", file=sys.stderr)
        return 2
    result = run(args.days, args.tracker_db, args.handover_db, args.dry_run)
    print(", ".join(f"{k}: {v}" for k, v in result.items()) + (" (dry run)" if args.dry_run else " deleted"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
