"""Referrals and consent (issue 12): the FHIR SDOH status model with who may do what, consent yes
and no, withdrawal, reconsidering after a "no", reference codes, retention. SQLite always;
PostgreSQL when TEST_DATABASE_URL is set (CI)."""
import datetime as dt
import itertools

import pytest
from sqlalchemy import create_engine, func, select, text

from bot.handover import lifecycle as lc
from bot.handover.models import Consent, Referral, ReferralEvent
from bot.handover.store import CODE_ALPHABET, HandoverStore, next_door, resident_status

SUMMARY = {"situatie": "Mijn moeder kan niet meer alleen douchen.",
           "route": {"also": [{"loket_type": "clientondersteuning"}, {"loket_type": "wijkverpleging"}]}}


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        return HandoverStore(f"sqlite:///{tmp_path / 'handover.db'}")
    url = request.getfixturevalue("pg_url")
    engine = create_engine(url)
    with engine.begin() as conn:  # a fresh start: the migrations build the tables again
        for table in ("handover_referral_event", "handover_referral", "handover_consent", "alembic_version_handover"):
            conn.execute(text(f"DROP TABLE IF EXISTS {table} CASCADE"))
    engine.dispose()
    return HandoverStore(url)


def _referral(store, sender="gesprek-1"):
    consent = store.record_consent("gemeente-wmo", "Wmo-loket", ["situatie", "hulpvragen"], "Mag ik dit doorgeven?", True)
    return store.create_referral(consent, SUMMARY, "GM0193", sender)


def _walk(store, path):
    """A referral moved along ``path`` of (status, role), with a reason where one is needed."""
    r = _referral(store)
    for status, role in path:
        reason = "no-capacity" if status in lc.NEEDS_REASON else None
        r = store.set_status(r.code, status, role, "tester", reason)
    return r


def _path_to(status):
    """The shortest way from requested to ``status``, as (status, role) steps."""
    paths = {lc.REQUESTED: []}
    frontier = [lc.REQUESTED]
    while frontier:
        nxt = []
        for s in frontier:
            for (a, b), role in lc.TRANSITIONS.items():
                if a == s and b not in paths:
                    paths[b] = paths[s] + [(b, role)]
                    nxt.append(b)
        frontier = nxt
    return paths[status]


@pytest.mark.parametrize("step", sorted(lc.TRANSITIONS.items()), ids=lambda s: f"{s[0][0]}->{s[0][1]}")
def test_every_allowed_transition_is_made_and_kept_in_the_history(store, step):
    (start, new), role = step
    r = _walk(store, _path_to(start))
    reason = "not-our-task" if new in lc.NEEDS_REASON else None
    r = store.set_status(r.code, new, role, "tester", reason)
    assert r.status == new
    assert (r.events[-1].from_status, r.events[-1].to_status, r.events[-1].role) == (start, new, role)


REFUSED = [(a, b, role) for a, b, role in itertools.product(lc.STATUSES, lc.STATUSES, lc.ROLES)
           if lc.TRANSITIONS.get((a, b)) != role and a != b]


@pytest.mark.parametrize("start,new,role", REFUSED[::7])  # a spread of the refused ones; all in the unit test below
def test_a_refused_transition_is_an_error_and_changes_nothing(store, start, new, role):
    r = _walk(store, _path_to(start))
    before = len(r.events)
    with pytest.raises(lc.TransitionRefused):
        store.set_status(r.code, new, role, "tester", "other")
    again = store.get(r.code)
    assert again.status == start and len(again.events) == before


def test_the_model_refuses_every_step_it_does_not_list():
    for start, new, role in REFUSED:
        with pytest.raises(lc.TransitionRefused):
            lc.check(start, new, role, "other")


def test_a_rejection_needs_a_reason_from_the_list(store):
    r = _referral(store)
    with pytest.raises(lc.TransitionRefused):
        store.set_status(r.code, lc.REJECTED, lc.PERFORMER, "medewerker")
    with pytest.raises(lc.TransitionRefused):
        store.set_status(r.code, lc.REJECTED, lc.PERFORMER, "medewerker", "geen zin")
    assert store.get(r.code).status == lc.REQUESTED


def test_a_rejection_sends_the_route_back_with_the_next_door(store):
    r = _referral(store)
    r = store.set_status(r.code, lc.REJECTED, lc.PERFORMER, "medewerker", "not-our-task")
    assert r.reconsider_loket_type == "wijkverpleging"
    assert "andere plek" in " ".join(resident_status(r))


def test_after_every_door_said_no_the_wijkteam_is_next_never_nothing():
    assert next_door({"route": {"also": []}}, "gemeente-wmo") == "sociaal-wijkteam"
    assert next_door(None, "sociaal-wijkteam") == "clientondersteuning"


def test_no_consent_means_no_referral_and_nothing_personal_stored(store):
    consent = store.record_consent("gemeente-wmo", "Wmo-loket", ["situatie"], "Mag ik dit doorgeven?", False)
    with pytest.raises(lc.TransitionRefused):
        store.create_referral(consent, SUMMARY, "GM0193", "gesprek-2")
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Referral)) == 0
        kept = s.get(Consent, consent.id)
        assert kept.answer is False and "douchen" not in str(kept.data_categories) + kept.wording


def test_withdrawing_consent_stops_the_referral_and_erases_the_summary(store):
    r = _referral(store)
    store.withdraw_consent(r.consent_id)
    after = store.get(r.code)
    assert after.status == lc.CANCELLED and after.status_reason == "consent-withdrawn"
    assert after.summary is None


def test_reference_codes_are_unique_and_not_guessable(store):
    codes = [_referral(store, f"g{i}").code for i in range(20)]
    assert len(set(codes)) == 20
    body = [c.replace("LW-", "").replace("-", "") for c in codes]
    assert all(len(b) == 10 and set(b) <= set(CODE_ALPHABET) for b in body)
    assert store.get("LW-22222-22222") is None  # a made-up code finds nothing


def test_a_conversation_sees_only_its_own_referrals(store):
    mine, theirs = _referral(store, "gesprek-A"), _referral(store, "gesprek-B")
    assert [r.code for r in store.for_conversation("gesprek-A")] == [mine.code]
    assert [r.code for r in store.for_conversation("gesprek-B")] == [theirs.code]
    with store.session() as s:  # the chat id itself is not stored
        assert "gesprek-A" not in {r.conversation for r in s.scalars(select(Referral))}


def test_retention_deletes_old_referrals_their_history_and_consents(store):
    old, new = _referral(store, "oud"), _referral(store, "nieuw")
    with store.session() as s:
        s.get(Referral, old.id).updated_at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=400)
        s.get(Consent, old.consent_id).answered_at = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=400)
    removed = store.purge(dt.timedelta(days=365))
    assert removed == {"referrals": 1, "consents": 1}
    assert store.get(old.code) is None and store.get(new.code) is not None
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(ReferralEvent).where(ReferralEvent.referral_id == old.id)) == 0


def test_a_referral_survives_a_new_store_on_the_same_database(store):
    r = _referral(store)
    again = HandoverStore(engine=store.engine)  # a restarted process: migrations are a no-op
    assert again.get(r.code).status == lc.REQUESTED
