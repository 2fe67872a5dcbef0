"""Residents' identifiers never reach the tracker store or the logs in plain text (issue 12).
SQLite always; PostgreSQL when TEST_DATABASE_URL is set (CI). The REST path end to end is in
tests/test_e2e_rest.py."""
import asyncio
import logging

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.privacy.logs import MaskingFilter

SECRETS = {"bsn": "111222333", "iban": "NL91ABNA0417164300", "phone": "06-12345678", "email": "jan.de.vries@example.nl"}
MESSAGE = (f"mijn bsn is {SECRETS['bsn']}, rekening {SECRETS['iban']}, bel {SECRETS['phone']} "
           f"of mail {SECRETS['email']}. Ik kan mijn huur niet betalen. Bel Veilig Thuis 0800-2000?")


def _store(url):
    from rasa.shared.core.domain import Domain

    from bot.privacy.tracker_store import MaskingSQLTrackerStore

    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return MaskingSQLTrackerStore(Domain.empty(), dialect="sqlite", db=u.database)
    return MaskingSQLTrackerStore(Domain.empty(), dialect="postgresql", host=u.host, port=u.port or 5432,
                                  db=u.database, username=u.username or "postgres", password=u.password)


@pytest.fixture(params=["sqlite", "postgresql"])
def tracker_db(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.db'}"
    url = request.getfixturevalue("pg_url")
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM events WHERE sender_id LIKE 'masking-test%'") if _has_events(conn) else text("select 1"))
    engine.dispose()
    return url


def _has_events(conn):
    return conn.execute(text("select count(*) from information_schema.tables where table_name = 'events'")).scalar() > 0


def test_the_tracker_store_writes_every_identifier_masked(tracker_db):
    from rasa.shared.core.events import BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    store = _store(tracker_db)
    tracker = DialogueStateTracker("masking-test-1", [])
    tracker.update(UserUttered(MESSAGE, {"name": "need_huurachterstand", "confidence": 0.9},
                               [{"entity": "GEMEENTE", "value": SECRETS["phone"]}]))
    tracker.update(BotUttered(f"U gaf {SECRETS['phone']} op. Bel 0800-2000 bij zorgen."))
    tracker.update(SlotSet("handover_corrections", [f"mail {SECRETS['email']}"]))
    asyncio.run(store.save(tracker))
    engine = create_engine(tracker_db)
    with engine.connect() as conn:
        stored = " ".join(r[0] for r in conn.execute(
            text("select data from events where sender_id = 'masking-test-1'")))
    engine.dispose()
    for kind, value in SECRETS.items():
        assert value not in stored, kind
    assert "[BSN]" in stored and "[IBAN]" in stored and "huur" in stored
    assert "0800-2000" in stored  # a helpline is no personal data
    again = asyncio.run(store.retrieve("masking-test-1"))
    assert again is not None and "[TELEFOON]" in again.latest_message.text


def test_log_records_are_masked(caplog):
    logger = logging.getLogger("loketwijzer.test")
    caplog.handler.addFilter(MaskingFilter())
    with caplog.at_level(logging.INFO, logger="loketwijzer.test"):
        logger.info("received %s", MESSAGE)
    out = caplog.text
    for kind, value in SECRETS.items():
        assert value not in out, kind
    assert "huur" in out


def test_retention_deletes_whole_old_conversations_and_keeps_recent_ones(tmp_path):
    import time

    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.privacy.retention import main, purge_conversations
    import datetime as dt

    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    store = _store(url)
    old, new = DialogueStateTracker("oud", []), DialogueStateTracker("nieuw", [])
    old.update(UserUttered("ik heb schulden", timestamp=time.time() - 200 * 86400))
    old.update(UserUttered("en nog iets", timestamp=time.time() - 100 * 86400))
    new.update(UserUttered("hulp in huis", timestamp=time.time() - 200 * 86400))
    new.update(UserUttered("nog steeds", timestamp=time.time()))  # still going: kept whole
    asyncio.run(store.save(old))
    asyncio.run(store.save(new))
    assert purge_conversations(url, dt.timedelta(days=90), dry_run=True) == 1
    assert main(["--days", "90", "--tracker-db", url, "--handover-db", f"sqlite:///{tmp_path / 'h.db'}"]) == 0
    engine = create_engine(url)
    with engine.connect() as conn:
        senders = {r[0]: r[1] for r in conn.execute(text("select sender_id, count(*) from events group by sender_id"))}
    engine.dispose()
    assert "oud" not in senders and senders.get("nieuw") == 2
