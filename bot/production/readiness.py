"""Readiness of a Rasa server: ready means the model is loaded, not only that the port answers.

Why a channel: Rasa's own ``/status`` also tells, but it belongs to the HTTP API, which in
production is behind a token and not exposed to the balancer's public side. This channel adds
``GET /webhooks/ready/`` (200 with the model's id when a model is loaded, else 503) and needs no
token: it tells nothing but readiness. The balancer's health check and a Kubernetes
readinessProbe use it, so a server that restarts with a new model gets no conversation before the
model is in memory (docs/deployment.md: rolling update).

credentials.yml:   bot.production.readiness.ReadinessInput:
"""
from __future__ import annotations

from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request


class ReadinessInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "ready"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        ready = Blueprint("loketwijzer_ready", __name__)

        @ready.route("/", methods=["GET"])
        async def is_ready(request: Request) -> response.HTTPResponse:
            agent = getattr(request.app.ctx, "agent", None)
            if agent is not None and agent.is_ready():
                return response.json({"ready": True, "model_id": getattr(agent, "model_id", None)})
            return response.json({"ready": False}, status=503)

        return ready
