"""Rasa's Redis lock store, checked at start and always with a bounded wait.

Why: the lock store is what lets several Rasa servers share conversations: a message takes the
conversation's lock in Redis, so two servers never process the same conversation at once. Rasa's
``RedisLockStore`` only connects on the first message; if Redis is down, that message fails with a
traceback, and a Redis that accepts connections but never answers would hold the resident for as
long as the socket timeout allows. This subclass PINGs at start (a clear error and exit code 3
when Redis does not answer within ``socket_timeout``) and keeps ``socket_timeout`` (default 5 s,
Rasa's is 10 s) on every call, so a hanging Redis costs a bounded wait, never a hang.

    lock_store:
      type: bot.production.lock_store.CheckedRedisLockStore
      url: ${REDIS_URL}        # redis://[:password@]host:port/db, or a host name with port: and db:
      socket_timeout: 5
"""
from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlparse

from rasa.core.lock_store import RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from bot.production.dependencies import DependencyUnavailable, exit_server, require_redis

DEFAULT_SOCKET_TIMEOUT = 5.0


class CheckedRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: EndpointConfig = None, **kwargs: Any) -> None:
        settings = dict((endpoint_config.kwargs if endpoint_config else {}) or {}, **kwargs)
        host = (endpoint_config.url if endpoint_config else None) or settings.pop("host", "localhost")
        settings.pop("host", None)
        if "://" in str(host):  # one URL, as REDIS_URL is usually given
            url = urlparse(str(host))
            host = url.hostname or "localhost"
            settings.setdefault("port", url.port or 6379)
            if url.path.strip("/"):
                settings.setdefault("db", int(url.path.strip("/")))
            if url.password:
                settings.setdefault("password", unquote(url.password))
            if url.username:
                settings.setdefault("username", unquote(url.username))
            settings.setdefault("use_ssl", url.scheme == "rediss")
        settings["socket_timeout"] = float(settings.get("socket_timeout") or DEFAULT_SOCKET_TIMEOUT)
        try:
            require_redis(host, int(settings.get("port", 6379)), int(settings.get("db", 1)),
                          password=settings.get("password"), username=settings.get("username"),
                          use_ssl=bool(settings.get("use_ssl", False)), timeout=settings["socket_timeout"])
        except DependencyUnavailable as error:
            exit_server(error)
        super().__init__(host=host, **settings)
