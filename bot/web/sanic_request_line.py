"""A request whose address holds raw bytes that are not UTF-8 gets 400, not a dropped connection.

Sanic 21.12 (the version Rasa 3.6 pins) reads the request line with ``surrogateescape`` and then
encodes the address back with plain ``str.encode()``: for ``GET /balie?vraag=\\xff`` that raises
``UnicodeEncodeError`` before a request exists, its error path raises the same error again, and the
client gets no answer at all while the log gets a traceback ("protocol.connection_task uncaught").
Browsers always percent-encode, so only broken or hostile clients send this, but a door must
answer them. ``install()`` wraps Sanic's error path for that case: the address is kept with its
bytes percent-encoded and the request is refused as Sanic refuses any malformed one (400 Bad
Request). The web pages (bot/web/app.py) and the chat channels of the Rasa server
(bot/web/rest_channel.py, bot/web/socket_channel.py) install it; it is idempotent.
tests/test_bad_input.py sends such a request to both servers.
"""
from __future__ import annotations

import urllib.parse


def install() -> None:
    from sanic.exceptions import InvalidUsage
    from sanic.http import Http

    original = Http.error_response
    if getattr(original, "_loketwijzer_fixed", False):
        return

    # Sanic rewrites http1_request_header itself at start (sanic.touchup), so the error path is
    # patched instead: error_response is where the failed request line arrives
    async def error_response(self, exception: Exception) -> None:
        if isinstance(exception, UnicodeEncodeError) and self.request is None and self.url:
            raw = self.url.encode("utf-8", "surrogateescape")
            self.url = urllib.parse.quote(raw, safe="/?&=%:+;,@!$'()*~-._")
            exception = InvalidUsage("Bad Request: the address is not valid UTF-8")
        await original(self, exception)

    error_response._loketwijzer_fixed = True  # type: ignore[attr-defined]
    Http.error_response = error_response
