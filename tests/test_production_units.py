"""The production path's parts that need no running servers: store checks, the lock store's
settings, the tracker table's migration, the outage message, the balancer's config, the API token."""
from __future__ import annotations

import shutil
import socket
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.production import dependencies, outage


def test_safe_url_hides_the_password():
    assert dependencies.safe_url("postgresql://loket:geheim@db.example:5432/lw") == "postgresql://loket:***@db.example:5432/lw"
    assert "geheim" not in dependencies.safe_url("not a url: loket:geheim@host")


def test_an_unreachable_database_is_one_clear_error_naming_the_url_without_password():
    with pytest.raises(dependencies.DependencyUnavailable) as err:
        dependencies.require_database("postgresql://loket:geheim@127.0.0.1:1/lw", "tracker store database", timeout=2)
    message = str(err.value)
    assert err.value.code == dependencies.EXIT_DEPENDENCY
    assert "tracker store database at postgresql://loket:***@127.0.0.1:1/lw does not answer" in message
    assert "geheim" not in message


def test_a_redis_that_accepts_but_never_answers_costs_a_bounded_wait():
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(4)
    try:
        with pytest.raises(dependencies.DependencyUnavailable) as err:
            dependencies.require_redis("127.0.0.1", silent.getsockname()[1], timeout=1)
    finally:
        silent.close()
    assert "did not answer within 1 s" in str(err.value)  # the socket timeout ended the wait


def test_the_lock_store_reads_one_redis_url_and_keeps_a_socket_timeout(monkeypatch):
    from rasa.utils.endpoints import EndpointConfig

    from bot.production import lock_store

    seen = {}
    monkeypatch.setattr(lock_store, "require_redis", lambda host, port, db, **kw: seen.update(host=host, port=port, db=db, **kw))
    store = lock_store.CheckedRedisLockStore(EndpointConfig(url="redis://:s3cret@redis.internal:6380/4", type="x"))
    assert (seen["host"], seen["port"], seen["db"], seen["password"]) == ("redis.internal", 6380, 4, "s3cret")
    kwargs = store.red.connection_pool.connection_kwargs
    assert kwargs["socket_timeout"] == lock_store.DEFAULT_SOCKET_TIMEOUT and kwargs["db"] == 4


def test_the_stack_and_the_lock_store_read_a_redis_url_the_same_way(monkeypatch):
    """One parser: an escaped password, TLS and the lock store's database 1 when the URL has no path."""
    from rasa.utils.endpoints import EndpointConfig

    from bot.production import lock_store
    from bot.production.dependencies import redis_settings

    url = "rediss://user:p%40ss@cache.internal:6390"
    assert redis_settings(url, default_db=1) == {"host": "cache.internal", "port": 6390, "db": 1, "password": "p@ss",
                                                 "username": "user", "use_ssl": True}
    assert redis_settings("redis://127.0.0.1/3")["db"] == 3
    seen = {}
    monkeypatch.setattr(lock_store, "require_redis", lambda host, port, db, **kw: seen.update(host=host, port=port, db=db, **kw))
    lock_store.CheckedRedisLockStore(EndpointConfig(url=url, type="x"))
    assert (seen["host"], seen["port"], seen["db"], seen["password"], seen["use_ssl"]) == (
        "cache.internal", 6390, 1, "p@ss", True)


def test_the_tracker_migration_adds_the_indexes_once(tmp_path):
    from rasa.core.tracker_store import SQLTrackerStore
    from sqlalchemy import create_engine, inspect

    from bot.privacy.tracker_schema import migrate

    engine = create_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    SQLTrackerStore.Base.metadata.create_all(engine)
    migrate(engine)
    migrate(engine)  # a second server starting: nothing to do, no error
    columns = sorted(tuple(ix["column_names"]) for ix in inspect(engine).get_indexes("events"))
    assert ("sender_id", "type_name", "timestamp") in columns and ("sender_id",) in columns
    assert len(columns) == 2


def test_the_outage_message_names_the_municipality_website_and_112_once_per_turn():
    from bot.routing.table import default_table

    code = default_table().matcher.resolve("Utrecht").code
    text = outage.outage_text(code)
    assert default_table().gemeenten[code].website in text and "112" in text
    assert "Bel uw gemeente." in outage.outage_text(None) and "staat op" not in outage.outage_text(None)
    user, told = SimpleNamespace(type_name="user"), SimpleNamespace(type_name="bot", metadata={outage.OUTAGE_KEY: True})
    assert outage.already_told(SimpleNamespace(events=[user, told]))
    assert not outage.already_told(SimpleNamespace(events=[told, user]))


def test_the_balancer_config_is_accepted_by_haproxy():
    from bot.production.stack import Stack

    cfg = Stack(rasa=3, actions=2, public_port=5999).haproxy_config()
    text = cfg.read_text()
    assert text.count("server rasa3 127.0.0.1:5103 check") == 2 and "server actions2 127.0.0.1:5152 check" in text
    binary = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if not binary:
        pytest.skip("haproxy is not installed (apt-get install haproxy)")
    checked = subprocess.run([binary, "-c", "-f", str(cfg)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_the_api_token_is_added_when_set(monkeypatch):
    from bot.production.rasa_api import api_url

    monkeypatch.delenv("RASA_TOKEN", raising=False)
    assert api_url("http://r:5005/", "/status") == "http://r:5005/status"
    monkeypatch.setenv("RASA_TOKEN", "a b&c")
    assert api_url("http://r:5005", "/status") == "http://r:5005/status?token=a%20b%26c"
    assert api_url("http://r:5005", "/x?y=1") == "http://r:5005/x?y=1&token=a%20b%26c"


def test_two_lock_stores_never_hold_one_conversation_at_once():
    """Two servers' lock stores (two instances, two event loops in two threads) on the real Redis:
    every holder of the conversation is alone. Rasa 3.6's ticket lock fails this (both can get
    ticket 0); bot.production.lock_store uses Redis's atomic SET NX."""
    import asyncio
    import os
    import threading
    import uuid

    url = os.environ.get("REDIS_URL")
    if not url:
        if os.environ.get("LOKETWIJZER_REQUIRE_PRODUCTION"):
            pytest.fail("REDIS_URL is not set")
        pytest.skip("needs REDIS_URL=redis://127.0.0.1:6379/0 (.ci/run sets it)")
    from rasa.utils.endpoints import EndpointConfig

    from bot.production.lock_store import CheckedRedisLockStore

    conversation = "lock-" + uuid.uuid4().hex
    inside, overlaps, turns = [0], [], []

    def server(n):
        store = CheckedRedisLockStore(EndpointConfig(url=url.rsplit("/", 1)[0] + "/2", type="x"))

        async def message(i):
            async with store.lock(conversation):
                inside[0] += 1
                if inside[0] > 1:
                    overlaps.append((n, i))
                await asyncio.sleep(0.01)
                turns.append((n, i))
                inside[0] -= 1

        async def all_messages():
            await asyncio.gather(*(message(i) for i in range(10)))

        asyncio.run(all_messages())

    threads = [threading.Thread(target=server, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(turns) == 20 and not overlaps, overlaps


def test_in_a_test_or_tool_an_unreachable_tracker_database_raises_instead_of_ending_the_process(monkeypatch):
    from rasa.shared.core.domain import Domain

    from bot.privacy.tracker_store import MaskingSQLTrackerStore

    monkeypatch.delenv(dependencies.SERVER_PROCESS_ENV, raising=False)
    with pytest.raises(dependencies.DependencyUnavailable) as err:
        MaskingSQLTrackerStore(Domain.empty(), dialect="postgresql", host="127.0.0.1", port=1, db="lw",
                               username="loket", password="geheim", connect_timeout=2)
    assert "postgresql://loket:***@127.0.0.1:1/lw" in str(err.value) and "geheim" not in str(err.value)
