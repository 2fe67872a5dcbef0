"""Locust users for the load benchmark: simulated residents, each one multi-turn conversation
after another (closed loop, no think time), over Rasa's REST channel or its socket.io channel.

Run by run.py (one headless Locust process per load level); by hand, for example:

    LOAD_BOT=loketwijzer LOAD_LOG=/tmp/load.jsonl bench/load/.venv/bin/locust -f bench/load/locustfile.py \
        --headless -u 10 -r 10 -t 20s --stop-timeout 120 --host http://127.0.0.1:5005 RestResident

Environment: LOAD_BOT (``loketwijzer`` or ``reference``: which script, conversations.py),
LOAD_LOG (the JSON-lines log that check.py and run.py read), LOAD_RUN_ID (part of every sender
id, so runs against a persistent tracker store never share a conversation), LOAD_TIMEOUT
(seconds to wait for one answer, default 120).

Every conversation has its own sender id. Each message is logged with its answers, so check.py can
tell whether each message got exactly one answer in the right conversation.

REST: Locust's FastHttpUser (geventhttpclient); the reply list is the answer, and every item's
``recipient_id`` must be the sender.

socket.io: python-socketio's synchronous ``Client`` (websocket transport, websocket-client
underneath). Locust patches the standard library with gevent before this file is imported, so the
client's background threads are greenlets and its waits yield to the other users. Like the
widget (bot/web/static/loketwijzer.js), a conversation connects, sends ``session_request`` with
its session id, waits for ``session_confirm``, then sends ``user_uttered`` events
``{message, session_id, metadata}`` and receives ``bot_uttered`` events. The widget cannot know
when the last answer of a turn has come; the benchmark must, so it sends ``user_uttered`` with a
Socket.IO acknowledgement (``Client.call``): the server acknowledges when Rasa's handler has
returned, which is after it emitted every ``bot_uttered`` of that turn on the same connection,
so the answers of a turn are exactly those that arrive between sending and the acknowledgement.
A ``bot_uttered`` outside that window is logged as a stray (an answer that went to the wrong
place). One connection per conversation, as one page visit of the widget; the connection set-up
is timed apart ("socketio connect") and is not a message.
"""
from __future__ import annotations

import itertools
import json
import os
import sys
import threading
import time
from pathlib import Path

import gevent
from locust import FastHttpUser, User, constant, task

sys.path.insert(0, str(Path(__file__).resolve().parent))

from conversations import script, sender_id  # noqa: E402

BOT = os.environ.get("LOAD_BOT", "loketwijzer")
LOG = os.environ.get("LOAD_LOG", "load.jsonl")
RUN_ID = os.environ.get("LOAD_RUN_ID", "manual")
TIMEOUT = float(os.environ.get("LOAD_TIMEOUT", "120"))

_users = itertools.count()
_log_file = None


def log(record: dict) -> None:
    """One JSON line per record; greenlets do not switch inside a plain file write."""
    global _log_file
    if _log_file is None:
        _log_file = open(LOG, "a", encoding="utf-8")
    _log_file.write(json.dumps(record, ensure_ascii=False) + "\n")
    _log_file.flush()


def reply_text(message: dict) -> str:
    """The text of one bot message (an image or custom payload as its JSON)."""
    text = message.get("text") if isinstance(message, dict) else None
    return text if text is not None else json.dumps(message, ensure_ascii=False)


def turn_record(transport, conversation, user, n, turn, token, t_start, ms, first_ms, status, error, replies):
    return {"type": "turn", "bot": BOT, "transport": transport, "conversation": conversation, "user": user,
            "turn": n, "kind": turn.kind, "text": turn.text, "token": token, "expect": turn.expect,
            "t_start": t_start, "t_end": t_start + ms / 1000, "ms": round(ms, 3),
            "first_ms": None if first_ms is None else round(first_ms, 3),
            "status": status, "error": error, "replies": replies}


class RestResident(FastHttpUser):
    """A resident talking over POST /webhooks/rest/webhook."""
    wait_time = constant(0)
    network_timeout = TIMEOUT
    connection_timeout = 30.0

    def on_start(self):
        self.user, self.number = next(_users), 0

    @task
    def conversation(self):
        conversation = script(BOT, self.user, self.number)
        sender = sender_id(RUN_ID, "rest", self.user, self.number)
        self.number += 1
        for n, turn in enumerate(conversation.turns):
            t_start, p0 = time.time(), time.perf_counter()
            status, error, replies = "ok", None, []
            with self.client.post("/webhooks/rest/webhook", name=f"rest {turn.kind}", catch_response=True,
                                  json={"sender": sender, "message": turn.text, "metadata": {}}) as resp:
                ms = (time.perf_counter() - p0) * 1000
                if resp.status_code != 200:
                    status, error = "error", f"HTTP {resp.status_code}: {str(resp.error or '')[:200]}"
                    resp.failure(error)
                else:
                    try:
                        body = resp.json()
                        replies = [{"text": reply_text(m), "recipient": m.get("recipient_id")} for m in body]
                    except (ValueError, TypeError, AttributeError) as exc:
                        status, error = "error", f"not a JSON list of messages: {exc}"
                        resp.failure(error)
                    else:
                        if not replies:
                            resp.failure("no answer")
            log(turn_record("rest", sender, self.user, n, turn, conversation.token, t_start, ms, None,
                            status, error, replies))
            if status == "error":
                break  # the bot may not have this turn: the rest of the script would be out of context


class SocketResident(User):
    """A resident talking over Rasa's socket.io channel, as the chat widget does."""
    wait_time = constant(0)

    def on_start(self):
        self.user, self.number = next(_users), 0

    def fire(self, name, ms, exception=None, length=0):
        self.environment.events.request.fire(request_type="socketio", name=name, response_time=ms,
                                             response_length=length, exception=exception, context={})

    @task
    def conversation(self):
        import socketio

        conversation = script(BOT, self.user, self.number)
        sender = sender_id(RUN_ID, "socketio", self.user, self.number)
        self.number += 1
        state = {"turn": None, "replies": [], "first": None}
        confirmed = threading.Event()
        sio = socketio.Client(reconnection=False)

        @sio.on("session_confirm")
        def on_confirm(*_):
            confirmed.set()

        @sio.on("bot_uttered")
        def on_bot(data):
            if state["turn"] is None:
                log({"type": "stray", "bot": BOT, "transport": "socketio", "conversation": sender,
                     "t": time.time(), "text": reply_text(data)})
            else:
                if state["first"] is None:
                    state["first"] = time.perf_counter()
                state["replies"].append({"text": reply_text(data), "recipient": None})

        t_start, p0 = time.time(), time.perf_counter()
        try:
            sio.connect(self.host, socketio_path="socket.io", transports=["websocket"], wait_timeout=30)
            sio.emit("session_request", {"session_id": sender})
            if not confirmed.wait(30):
                raise TimeoutError("no session_confirm within 30 s")
        except Exception as exc:  # noqa: BLE001 - any failure to connect is one error of this conversation
            ms = (time.perf_counter() - p0) * 1000
            self.fire("socketio connect", ms, exc)
            log({"type": "connect", "bot": BOT, "transport": "socketio", "conversation": sender, "t_start": t_start,
                 "ms": ms, "status": "error", "error": f"{type(exc).__name__}: {exc}"[:300]})
            log(turn_record("socketio", sender, self.user, 0, conversation.turns[0], conversation.token, t_start,
                            ms, None, "error", f"connect failed: {type(exc).__name__}: {exc}"[:300], []))
            try:
                sio.disconnect()
            except Exception:  # noqa: BLE001
                pass
            return
        ms = (time.perf_counter() - p0) * 1000
        self.fire("socketio connect", ms)
        log({"type": "connect", "bot": BOT, "transport": "socketio", "conversation": sender, "t_start": t_start,
             "ms": ms, "status": "ok", "error": None})
        try:
            for n, turn in enumerate(conversation.turns):
                state.update(turn=n, replies=[], first=None)
                t_start, p0 = time.time(), time.perf_counter()
                status, error = "ok", None
                try:
                    sio.call("user_uttered", {"message": turn.text, "session_id": sender, "metadata": {}},
                             timeout=TIMEOUT)
                except socketio.exceptions.TimeoutError:
                    status, error = "timeout", f"no acknowledgement within {TIMEOUT:.0f} s"
                except Exception as exc:  # noqa: BLE001 - a dropped connection and the like
                    status, error = "error", f"{type(exc).__name__}: {exc}"[:300]
                ms = (time.perf_counter() - p0) * 1000
                gevent.sleep(0)  # handlers of messages that came before the acknowledgement run first
                gevent.sleep(0)
                replies, first = state["replies"], state["first"]
                state.update(turn=None, replies=[], first=None)
                first_ms = None if first is None else (first - p0) * 1000
                failure = None if status == "ok" and replies else Exception(error or "no answer")
                self.fire(f"socketio {turn.kind}", ms, failure, sum(len(r["text"]) for r in replies))
                log(turn_record("socketio", sender, self.user, n, turn, conversation.token, t_start, ms, first_ms,
                                status, error, replies))
                if status != "ok":
                    break
        finally:
            sio.disconnect()
