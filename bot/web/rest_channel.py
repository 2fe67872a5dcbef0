"""Rasa's REST channel (``POST /webhooks/rest/webhook``) with the input checked at the door.

Rasa's own channel reads ``request.json`` as it comes: a body that is not JSON gets Sanic's
English error, a JSON list a 500, a missing ``sender`` puts the message in one shared conversation
called "default" (every client without a sender would read the others' answers), a message that
is not text or holds lone surrogates fails inside the server (the language detector cannot read
them) and the client gets an empty list.
This subclass answers each of those with status 400 and one message in the channel's usual shape
(``[{"recipient_id": …, "text": …}]``, the text in plain Dutch for a resident, an ``error`` field
in English for the developer), cleans the text (bot/incoming_text.py) and keeps each sender under
the message limit (bot/web/rate_limit.py: over it, status 429 and one short message; nothing is
processed). Everything else (the URL, ``name() == "rest"``, ``?stream=true``, metadata,
``input_channel``) is Rasa's. credentials.yml names it: ``bot.web.rest_channel.RestInput``.
"""
from __future__ import annotations

import copy
import math
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Dict, Optional, Text, Tuple, Union

import rasa.utils.endpoints
import structlog
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

from bot.dialogue.turns import NOT_RECEIVED, TOO_FAST
from bot.incoming_text import MAX_SENDER_CHARS, clean
from bot.web import sanic_request_line
from bot.web.rate_limit import SenderRateLimit

structlogger = structlog.get_logger()


class BadRequest(Exception):
    """The body cannot be a message; ``str()`` says why, for the developer; ``sender`` is the
    body's sender when it has a usable one."""

    def __init__(self, why: str, sender: Optional[str] = None):
        super().__init__(why)
        self.sender = sender


def read_body(request: Request) -> Tuple[str, str, Optional[Dict[str, Any]]]:
    """(sender, text, metadata) of a webhook request, or BadRequest."""
    try:
        body = request.json
    except Exception:  # Sanic's InvalidUsage, also for bytes that are not UTF-8
        raise BadRequest("the body is not valid JSON") from None
    if not isinstance(body, dict):
        raise BadRequest('the body must be a JSON object: {"sender": "...", "message": "..."}')
    sender = body.get("sender")
    if isinstance(sender, int) and not isinstance(sender, bool):
        sender = str(sender)
    if not isinstance(sender, str) or not clean(sender).strip():
        raise BadRequest("'sender' is missing: give every conversation its own id (text)")
    if clean(sender) != sender or len(sender) > MAX_SENDER_CHARS:
        raise BadRequest(f"'sender' must be printable text of at most {MAX_SENDER_CHARS} characters")
    text = body.get("message")
    if not isinstance(text, str):
        raise BadRequest("'message' is missing or not text", sender)
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest("'metadata' must be a JSON object", sender)
    return sender, clean(text), metadata


def _reply(sender: Optional[str], text: str, status: int, error: Optional[str] = None,
           headers: Optional[Dict[str, str]] = None) -> HTTPResponse:
    message: Dict[str, Any] = {"recipient_id": sender or "", "text": text}
    if error:
        message["error"] = error
    return response.json([message], status=status, headers=headers)


class RestInput(RasaRestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        return cls(SenderRateLimit.from_credentials(credentials))

    def __init__(self, limit: Optional[SenderRateLimit] = None) -> None:
        self.limit = limit or SenderRateLimit()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        sanic_request_line.install()  # raw bytes in an address: 400, not a dropped connection
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> Union[ResponseStream, HTTPResponse]:
            try:
                sender_id, text, metadata = read_body(request)
            except BadRequest as err:
                return _reply(err.sender, NOT_RECEIVED, 400, str(err))
            if not self.limit.allow(sender_id):
                wait = max(1, math.ceil(self.limit.seconds_until_allowed(sender_id)))
                return _reply(sender_id, TOO_FAST, 429, "too many messages from this sender; nothing was processed",
                              headers={"Retry-After": str(wait)})
            input_channel = request.json.get("input_channel") or self.name()
            if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
                return response.stream(self.stream_response(on_new_message, text, sender_id, input_channel, metadata),
                                       content_type="text/event-stream")
            collector = CollectingOutputChannel()
            try:  # as Rasa's channel: a failure is logged and the client gets what was said so far
                await on_new_message(UserMessage(text, collector, sender_id, input_channel=input_channel,
                                                 metadata=metadata))
            except CancelledError:
                structlogger.error("rest.message.received.timeout", text=copy.deepcopy(text))
            except Exception:
                structlogger.exception("rest.message.received.failure", text=copy.deepcopy(text))
            return response.json(collector.messages)

        return webhook
