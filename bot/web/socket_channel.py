"""Rasa's socket.io channel, with the one line that python-socketio 5.10+ broke put right, and the
input checked at the door.

Rasa 3.6's ``session_request`` handler calls ``sio.enter_room(sid, session_id)`` without
``await``; since python-socketio 5.10 ``AsyncServer.enter_room`` is a coroutine, so the call does
nothing (a "coroutine was never awaited" warning) and the browser never joins the room the bot's
answers are sent to: with ``session_persistence: true`` the widget would hear nothing. This
subclass gives this server's ``enter_room`` back its old, immediate behaviour (the manager's
``basic_enter_room``, which the coroutine itself calls), so Rasa's handler works as written.

Rasa's handlers also trust the payload: a ``user_uttered`` that is not an object, a message that
is not text, metadata that is not JSON or a session id that is not text raise inside the server and
the resident hears nothing; lone surrogates in the text fail in the language detector. The handlers
here check the payload first, clean the text (bot/incoming_text.py), answer a broken message with
one short notice, and keep each conversation under the message limit (bot/web/rate_limit.py): over
it, nothing is processed and the sender hears one short notice (once, until they may send again).
engine.io itself drops a long-polling request that carries more than 16 messages; that is logged
in one line instead of a traceback. Everything else (events, metadata, the path ``/socket.io``) is Rasa's own.
credentials.yml names it: ``bot.web.socket_channel.SocketIOInput``.
tests/test_web_browser.py checks the handshake and an answer in the room; tests/test_bad_input.py
the bad payloads and the flood.
"""
from __future__ import annotations

import json
import logging
import os
import uuid
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import Blueprint

from bot.dialogue.turns import NOT_RECEIVED, TOO_FAST
from bot.incoming_text import MAX_SENDER_CHARS, clean
from bot.web import sanic_request_line
from bot.web.rate_limit import SenderRateLimit


class _TooManyPackets(logging.Filter):
    """engine.io refuses a long-polling request with more than 16 messages in it (a flood: a
    browser sends one at a time) and logs a full traceback for it; one line says the same."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, ValueError) and "Too many packets" in str(error):
            record.msg, record.args, record.exc_info, record.exc_text = (
                "socket.io: dropped a long-polling request with more than 16 messages (a flood)", (), None, None)
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True


def _session_id(value: Any) -> Optional[str]:
    """A usable conversation id, or None."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and value.strip() and len(value) <= MAX_SENDER_CHARS and clean(value) == value:
        return value
    return None


def _metadata(value: Any) -> Optional[Dict[str, Any]]:
    """Rasa accepts metadata as an object or as JSON text; anything else is left out."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    return value if isinstance(value, dict) else None


def share_rooms_through_redis(sio: Any, url: Optional[str] = None) -> bool:
    """With several Rasa servers, send socket.io messages through Redis (``SOCKETIO_MESSAGE_QUEUE``).

    A resident's socket is open on one server; a message for them may be sent by another (a staff
    member's message appended through the API, which the balancer gives to any server).
    python-socketio's ``AsyncRedisManager`` publishes every emit in Redis, and each server delivers
    it to the sockets it holds. Without the variable (``make run``, one server) nothing changes."""
    url = url or os.environ.get("SOCKETIO_MESSAGE_QUEUE")
    if not url:
        return False
    from socketio import AsyncRedisManager

    manager = AsyncRedisManager(url, channel="loketwijzer-socketio")
    manager.set_server(sio)
    sio.manager = manager
    sio.manager_initialized = False  # initialised (its Redis listener started) on the first connection
    return True


class SocketIOInput(RasaSocketIOInput):
    @classmethod
    def name(cls) -> Text:
        return "socketio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        channel = super().from_credentials(credentials)
        channel.limit = SenderRateLimit.from_credentials(credentials)
        return channel

    def __init__(self, *args: Any, limit: Optional[SenderRateLimit] = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limit = limit or SenderRateLimit()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        sanic_request_line.install()  # raw bytes in an address: 400, not a dropped connection
        engineio_log = logging.getLogger("engineio.server")
        if not any(isinstance(f, _TooManyPackets) for f in engineio_log.filters):
            engineio_log.addFilter(_TooManyPackets())
        bp = super().blueprint(on_new_message)
        sio = self.sio
        share_rooms_through_redis(sio)
        namespace = self.namespace or "/"
        handlers = sio.handlers[namespace]
        rasa_session_request = handlers["session_request"]
        rasa_handle_message = handlers[self.user_message_evt]
        warned = set()  # senders told about the limit since they were last allowed

        def enter_room(sid: Text, room: Text, namespace: Optional[Text] = None) -> None:
            sio.manager.basic_enter_room(sid, namespace or "/", room)

        sio.enter_room = enter_room  # the instance the handler's closure uses

        async def notice(sid: Text, text: str) -> None:
            await sio.emit(self.bot_message_evt, {"text": text}, room=sid, namespace=self.namespace)

        async def session_request(sid: Text, data: Any = None, *_: Any) -> None:
            data = dict(data) if isinstance(data, dict) else {}
            data["session_id"] = _session_id(data.get("session_id")) or uuid.uuid4().hex
            await rasa_session_request(sid, data)

        async def handle_message(sid: Text, data: Any = None, *_: Any) -> None:
            if not isinstance(data, dict) or not isinstance(data.get("message", ""), str):
                await notice(sid, NOT_RECEIVED)
                return
            sender = _session_id(data.get("session_id")) if self.session_persistence else sid
            if sender is None:  # Rasa would ignore it with a warning; the resident would wait forever
                await notice(sid, NOT_RECEIVED)
                return
            if not self.limit.allow(sender):
                if sender not in warned:
                    if len(warned) > 10_000:  # senders that never came back
                        warned.clear()
                    warned.add(sender)
                    await notice(sid, TOO_FAST)
                return
            warned.discard(sender)
            data = {**data, "session_id": sender, "message": clean(data.get("message") or ""),
                    self.metadata_key: _metadata(data.get(self.metadata_key)) or {}}
            await rasa_handle_message(sid, data)

        sio.on("session_request", session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, handle_message, namespace=self.namespace)
        return bp
