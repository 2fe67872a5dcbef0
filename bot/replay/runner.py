"""Play a scenario's turns against the running assistant, as one conversation, through the REST
channel: the same servers, actions and dialogue a resident meets in the web chat. The scenario's
gemeente goes along as metadata, the way the widget sends it when it is embedded on a
municipality's website."""
from __future__ import annotations

import contextlib
import json
import os
import socket
import tempfile
import urllib.request
import uuid
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

from bot.crisis.model import LOKET_OF_NEED
from bot.replay.checks import evaluate
from bot.replay.scenario import Scenario


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Assistant:
    """A running Rasa server (REST channel and HTTP API)."""

    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")

    def _call(self, path: str, body: Optional[Dict[str, Any]] = None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base_url + path, data=data, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=120) as r:
            return json.loads(r.read())

    def send(self, sender: str, text: str, metadata: Optional[Dict[str, Any]] = None) -> List[Dict[str, Any]]:
        body: Dict[str, Any] = {"sender": sender, "message": text}
        if metadata:
            body["metadata"] = metadata
        return self._call("/webhooks/rest/webhook", body)

    def slots(self, sender: str) -> Dict[str, Any]:
        return self._call(f"/conversations/{sender}/tracker").get("slots") or {}


@contextlib.contextmanager
def started_assistant(quiet: bool = True) -> Iterator[Assistant]:
    """Start the Rasa server and the action server on free ports, with conversations kept in
    memory only and referrals in a throw-away database (a replay stores nothing), and stop them
    afterwards."""
    from bot.tools import serve

    with tempfile.TemporaryDirectory() as folder:
        endpoints = Path(folder) / "endpoints.yml"
        endpoints.write_text('action_endpoint:\n  url: "http://localhost:5055/webhook"\n', encoding="utf-8")
        rasa_port, actions_port = free_port(), free_port()
        before = os.environ.get("HANDOVER_DATABASE_URL")
        os.environ["HANDOVER_DATABASE_URL"] = f"sqlite:///{Path(folder) / 'handover.db'}"
        try:
            procs = serve.start(rasa_port, actions_port, endpoints=str(endpoints), quiet=quiet)
        finally:
            if before is None:
                os.environ.pop("HANDOVER_DATABASE_URL", None)
            else:
                os.environ["HANDOVER_DATABASE_URL"] = before
        try:
            yield Assistant(f"http://127.0.0.1:{rasa_port}")
        finally:
            serve.stop(procs)


def _message_text(m: Dict[str, Any]) -> str:
    text = m.get("text") or ""
    buttons = [b.get("title", "") for b in m.get("buttons") or []]
    return text + ("".join(f" [{b}]" for b in buttons) if buttons else "")


def dead_end(texts: List[str], first_answer: List[str]) -> Optional[str]:
    """Why a reply to a follow-up turn is no answer to it, or None."""
    from bot.dialogue import turns

    joined = " ".join(texts)
    if not joined.strip():
        return "geen antwoord"
    if texts == first_answer:
        return "hetzelfde antwoord opnieuw"
    for fixed, why in ((turns.non_question_reply("x"), "'daar kan ik niet mee helpen'"),
                       (turns.PLEASE_REPHRASE, "'dat begrijp ik niet'"),
                       (turns.DENY_NO_ANSWER, "'dat is goed'")):
        if fixed[:40] in joined:
            return why
    return None


def play(scenario: Scenario, assistant: Assistant, table=None) -> Dict[str, Any]:
    """Play ``scenario`` and check its expectations. Returns the contract's JSON object."""
    sender = f"replay-{scenario.id}-{uuid.uuid4().hex[:8]}"
    metadata = {"gemeente": scenario.gemeente} if scenario.gemeente else None
    transcript: List[Dict[str, Any]] = []
    decisions: List[Dict[str, Any]] = []
    said: List[str] = []
    first_answer_words: Optional[int] = None
    first_answer: List[str] = []
    dead_ends: List[str] = []
    followup_turns = 0
    slots: Dict[str, Any] = {}
    for turn, text in enumerate(scenario.turns, start=1):
        transcript.append({"turn": turn, "speaker": "inwoner", "text": text})
        replies = assistant.send(sender, text, metadata)
        for m in replies:
            transcript.append({"turn": turn, "speaker": "loketwijzer", "text": m.get("text") or "",
                               "buttons": [b.get("title", "") for b in m.get("buttons") or []]})
            said.append(_message_text(m))
        before = (slots.get("last_route") or {})
        slots = assistant.slots(sender)
        last = slots.get("last_route") or {}
        if last and last != before:
            route = last.get("route") or {}
            decisions.append({"turn": turn, "needs": last.get("needs"), "crisis": last.get("crisis"),
                              "urgent": last.get("urgent"), "gemeente": last.get("gemeente"),
                              "primary_loket_type": (route.get("primary") or {}).get("loket_type"),
                              "law": (route.get("primary") or {}).get("law"),
                              "also": [s.get("loket_type") for s in route.get("also") or []]})
            if first_answer_words is None:
                first_answer_words = sum(len((m.get("text") or "").split()) for m in replies)
                first_answer = [m.get("text") or "" for m in replies]
                continue
        if first_answer_words is not None:
            followup_turns += 1
            texts = [m.get("text") or "" for m in replies]
            why = dead_end(texts, first_answer)
            if why:
                dead_ends.append(f"beurt {turn}: {why}")
    last = slots.get("last_route") or {}
    crisis = last.get("crisis") or LOKET_OF_NEED.get(slots.get("crisis") or "")
    code = last.get("gemeente") or slots.get("gemeente_code")
    gemeente = table.gemeenten[code].naam if table is not None and code in table.gemeenten else code
    outcome = {"route": last.get("route"), "crisis": crisis, "urgent": last.get("urgent"), "gemeente": gemeente,
               "said": said, "first_answer_words": first_answer_words, "dead_ends": dead_ends,
               "handoff": slots.get("handoff_summary"), "consent_asked": slots.get("consent_asked")}
    checks = [c.as_dict() for c in evaluate(scenario.expect, outcome)]
    return {"scenario": scenario.id, "file": str(scenario.path), "bron": scenario.bron,
            "beschrijving": scenario.beschrijving, "passed": all(c["passed"] for c in checks),
            "checks": checks, "transcript": transcript, "decisions": decisions,
            "handoff": slots.get("handoff_summary") or {},
            "measures": {"first_answer_words": first_answer_words, "followup_turns": followup_turns,
                         "followups_answered": followup_turns - len(dead_ends)}}
