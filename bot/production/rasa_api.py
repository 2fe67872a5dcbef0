"""Addresses on a Rasa server's HTTP API, with its token when the servers run with one.

In production every Rasa server runs ``--enable-api --auth-token $RASA_TOKEN`` (the API can read
and change every conversation), and the balancer's public side passes only the chat channels.
The project's own callers of the API (the staff pages' handover messages, ``route`` asking the
running server) add the token from the same variable. Without ``RASA_TOKEN`` (``make run``) they
call as before.
"""
from __future__ import annotations

import os
from urllib.parse import quote

TOKEN_ENV = "RASA_TOKEN"


def api_url(base: str, path: str) -> str:
    token = os.environ.get(TOKEN_ENV)
    if not token:
        return base.rstrip("/") + path
    return base.rstrip("/") + path + ("&" if "?" in path else "?") + "token=" + quote(token, safe="")
