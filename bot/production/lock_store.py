"""Rasa's Redis lock store, checked at start and always with a bounded wait.

Why: the lock store is what lets several Rasa servers share conversations: a message takes the
conversation's lock in Redis, so two servers never process the same conversation at once. Rasa's
``RedisLockStore`` only connects on the first message; if Redis is down, that message fails with a
traceback, and a Redis that accepts connections but never answers would hold the resident for as
long as the socket timeout allows. This subclass PINGs at start (a clear error and exit code 3
when Redis does not answer within ``socket_timeout``) and keeps ``socket_timeout`` (default 5 s,
Rasa's is 10 s) on every call, so a hanging Redis costs a bounded wait, never a hang.

The lock itself is Redis's own atomic one (``SET key token NX PX``, released only by its holder).
Rasa 3.6's ticket lock reads the lock, adds a ticket and writes it back: two servers that take a
ticket for one conversation at the same moment can both get ticket 0 and process the conversation
at once, losing one message's events (tests/test_production.py caught exactly that: four messages
of one conversation sent to two servers at once, three stored). Ticket order is not kept: messages
of one conversation that wait at the same moment are taken in any order (a resident waits for an
answer before the next message, so their order is the order they were sent). A lock whose holder
died expires after ``lock_lifetime`` (Rasa's, 60 s; ``TICKET_LOCK_LIFETIME``).

    lock_store:
      type: bot.production.lock_store.CheckedRedisLockStore
      url: ${REDIS_URL}        # redis://[:password@]host:port/db, or a host name with port: and db:
      socket_timeout: 5
"""
from __future__ import annotations

import asyncio
import logging
import time
import uuid
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator

from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from bot.production.dependencies import DependencyUnavailable, exit_server, redis_settings, require_redis

DEFAULT_SOCKET_TIMEOUT = 5.0
POLL_SECONDS = 0.02  # between attempts while another server holds the conversation

logger = logging.getLogger(__name__)


class CheckedRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig = None, **kwargs: Any) -> None:
        settings = dict((endpoint_config.kwargs if endpoint_config else {}) or {}, **kwargs)
        host = (endpoint_config.url if endpoint_config else None) or settings.pop("host", "localhost")
        settings.pop("host", None)
        if "://" in str(host):  # one URL, as REDIS_URL is usually given
            parsed = redis_settings(str(host), default_db=1)
            host = parsed.pop("host")
            for key, value in parsed.items():
                if value is not None:
                    settings.setdefault(key, value)
        settings["socket_timeout"] = float(settings.get("socket_timeout") or DEFAULT_SOCKET_TIMEOUT)
        try:
            require_redis(host, int(settings.get("port", 6379)), int(settings.get("db", 1)),
                          password=settings.get("password"), username=settings.get("username"),
                          use_ssl=bool(settings.get("use_ssl", False)), timeout=settings["socket_timeout"])
        except DependencyUnavailable as error:
            exit_server(error)
        super().__init__(host=host, **settings)

    @asynccontextmanager
    async def lock(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME,
                   wait_time_in_seconds: float = POLL_SECONDS) -> AsyncGenerator[None, None]:
        """Hold the conversation for one message, atomically across servers (see the module)."""
        key = f"{self.key_prefix}mutex:{conversation_id}"
        token = uuid.uuid4().hex
        lifetime_ms = int(max(1.0, float(lock_lifetime)) * 1000)
        deadline = time.monotonic() + float(lock_lifetime)
        try:
            while not self.red.set(key, token, nx=True, px=lifetime_ms):
                if time.monotonic() > deadline:
                    raise LockError(f"Conversation '{conversation_id}' stayed locked for {lock_lifetime:g} s.")
                await asyncio.sleep(min(float(wait_time_in_seconds), POLL_SECONDS))
        except LockError:
            raise
        except Exception as error:  # Redis away or too slow (socket_timeout): a clear error, no hang
            raise LockError(f"The lock store did not answer: {error}") from None
        try:
            yield None
        finally:
            try:  # release only our own lock: it may have expired and been taken by another server
                self.red.eval(_RELEASE, 1, key, token)
            except Exception as error:  # expired anyway after lock_lifetime
                logger.warning("Could not release the lock of a conversation: %s", error)


_RELEASE = """if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"""
