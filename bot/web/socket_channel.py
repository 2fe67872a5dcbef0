"""Rasa's socket.io channel, with the one line that python-socketio 5.10+ broke put right.

Rasa 3.6's ``session_request`` handler calls ``sio.enter_room(sid, session_id)`` without
``await``; since python-socketio 5.10 ``AsyncServer.enter_room`` is a coroutine, so the call does
nothing (a "coroutine was never awaited" warning) and the browser never joins the room the bot's
answers are sent to: with ``session_persistence: true`` the widget would hear nothing. This
subclass gives this server's ``enter_room`` back its old, immediate behaviour (the manager's
``basic_enter_room``, which the coroutine itself calls), so Rasa's handler works as written.
Everything else (events, metadata, the path ``/socket.io``) is Rasa's own.
credentials.yml names it: ``bot.web.socket_channel.SocketIOInput``.
tests/test_web_socket.py checks the handshake and an answer in the room.
"""
from __future__ import annotations

from typing import Any, Awaitable, Callable, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from sanic import Blueprint


class SocketIOInput(RasaSocketIOInput):
    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = super().blueprint(on_new_message)
        sio = self.sio

        def enter_room(sid: Text, room: Text, namespace: Optional[Text] = None) -> None:
            sio.manager.basic_enter_room(sid, namespace or "/", room)

        sio.enter_room = enter_room  # the instance the handler's closure uses
        return bp
