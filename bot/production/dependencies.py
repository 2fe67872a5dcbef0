"""Check at start that a shared store answers, within a bounded time, and say clearly which one does not.

Why: Rasa 3.6's SQL tracker store retries an unreachable database every five seconds for ever,
logging the driver's error each time, and a Redis lock store is only tried on the first message,
which then fails with a traceback. An operator should see one line instead: which store, which
address (never its password), what to do. The servers stop at once with exit code 3, so a
supervisor or Kubernetes restarts them and marks them not ready rather than half-running.
"""
from __future__ import annotations

import logging
import os
import socket
import sys
from typing import Any, Dict, Optional

from sqlalchemy.engine import URL, make_url

logger = logging.getLogger(__name__)

EXIT_DEPENDENCY = 3
SERVER_PROCESS_ENV = "LOKETWIJZER_SERVER_PROCESS"  # set by bot.tools.serve.server_env for the servers it starts


class DependencyUnavailable(SystemExit):
    """A shared store does not answer. A SystemExit, so that Rasa's ``except Exception`` around the
    tracker store's creation does not quietly fall back to an in-memory store (which would lose
    every conversation at the next restart and break a second server)."""

    def __init__(self, message: str):
        logger.critical(message)
        super().__init__(EXIT_DEPENDENCY)
        self.message = message

    def __str__(self) -> str:  # SystemExit(3) would print "3"
        return self.message


def exit_server(error: DependencyUnavailable) -> None:
    """Stop a server process at once with exit code 3 and the one-line message already logged.

    Inside Rasa the store is made in a Sanic start-up listener; an exception there is printed as
    a forty-line traceback and the server may linger. A store that is not there is not a bug of
    the program, so the operator gets the message and the exit code, nothing else."""
    if os.environ.get(SERVER_PROCESS_ENV) != "1":
        raise error  # in a test or a tool the caller decides; only a server process stops itself here
    logging.shutdown()  # flush the critical line
    sys.stderr.flush()
    sys.stdout.flush()
    os._exit(EXIT_DEPENDENCY)


def safe_url(url: "str | URL") -> str:
    """The URL with its password replaced by ***, for messages and logs."""
    try:
        return make_url(str(url) if not isinstance(url, URL) else url).render_as_string(hide_password=True)
    except Exception:  # not a URL SQLAlchemy can read: show no part that may hold a password
        return str(url).split("@")[-1]


def require_database(url: "str | URL", what: str = "database", timeout: float = 5.0) -> None:
    """Connect once (``select 1``) within ``timeout`` seconds, or raise DependencyUnavailable."""
    from sqlalchemy import create_engine, text

    url = make_url(str(url)) if not isinstance(url, URL) else url
    args = {"connect_timeout": max(1, int(timeout))} if url.get_backend_name() == "postgresql" else {}
    engine = create_engine(url, connect_args=args, pool_pre_ping=False)
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as error:  # the driver's own error names the cause (refused, unknown host, auth)
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise DependencyUnavailable(
            f"The {what} at {safe_url(url)} does not answer: {reason.rstrip('.')}. Start it, or correct the "
            f"URL (endpoints file or environment), then start again.") from None
    finally:
        engine.dispose()


def redis_settings(url: str, default_db: int = 0) -> Dict[str, Any]:
    """Split a Redis URL (``redis[s]://[user:password@]host:port/db``) into the keyword settings
    redis-py and Rasa's lock store take: host, port, db, password, username, use_ssl. One parser
    for the stack's start check and the lock store, so both talk to the same database; the db is
    ``default_db`` when the URL has no path (the lock store keeps Rasa's default, 1)."""
    from urllib.parse import unquote, urlparse

    parsed = urlparse(str(url))
    path = (parsed.path or "").strip("/")
    return {"host": parsed.hostname or "localhost", "port": parsed.port or 6379,
            "db": int(path) if path else default_db,
            "password": unquote(parsed.password) if parsed.password else None,
            "username": unquote(parsed.username) if parsed.username else None,
            "use_ssl": parsed.scheme == "rediss"}


def require_redis(host: str, port: int = 6379, db: int = 0, password: Optional[str] = None,
                  username: Optional[str] = None, use_ssl: bool = False, timeout: float = 5.0,
                  what: str = "Redis lock store") -> None:
    """PING within ``timeout`` seconds (connect and reply), or raise DependencyUnavailable. A Redis
    that accepts the connection but never answers counts as unavailable too."""
    import redis

    client = redis.StrictRedis(host=host, port=int(port), db=int(db), password=password, username=username,
                               ssl=use_ssl, socket_timeout=timeout, socket_connect_timeout=timeout)
    where = f"redis://{host}:{port}/{db}"
    try:
        client.ping()
    except (redis.exceptions.TimeoutError, socket.timeout):
        raise DependencyUnavailable(
            f"The {what} at {where} accepted the connection but did not answer within {timeout:g} s. "
            f"Check that it is a working Redis server, then start again.") from None
    except redis.exceptions.RedisError as error:
        raise DependencyUnavailable(
            f"The {what} at {where} does not answer: {str(error).rstrip('.')}. Start it, or correct the lock_store "
            f"settings in the endpoints file, then start again.") from None
    finally:
        client.close()
