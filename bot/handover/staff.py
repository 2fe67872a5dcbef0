"""A staff member takes over a conversation, writes to the resident, and hands back.

    .venv/bin/python -m bot.handover.staff show   SENDER          # summary and transcript
    .venv/bin/python -m bot.handover.staff say    SENDER "tekst"  # a message from the staff member
    .venv/bin/python -m bot.handover.staff resume SENDER          # back to Loketwijzer

Through Rasa's HTTP API (the server runs with --enable-api): the conversation is paused with
Rasa's ``pause`` event (while paused the bot does not answer), the staff member's words are added as
bot messages with the speaker named, and ``resume`` ends the pause with a message that says so.
Over socket.io the widget (issue 13) shows these messages as they come; over REST the resident
sees them with the next reply. The pause is an event in the tracker store: it survives a restart.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.request
from typing import Any, Dict, List

from bot.production.rasa_api import api_url

TAKEN_OVER = "Een medewerker neemt het gesprek over. U praat nu met een mens. Dat kan even duren."
HANDED_BACK = "De medewerker is klaar. U praat weer met Loketwijzer, een computerprogramma."
STAFF_PREFIX = "Medewerker: "
STAFF_CHAT_ENV = "LOKETWIJZER_STAFF_CHAT"  # "1" when staff watch the chat (office hours, a staffed desk)


def staff_chat_enabled() -> bool:
    return os.environ.get(STAFF_CHAT_ENV, "") in ("1", "true", "yes", "ja")


def _server() -> str:
    return os.environ.get("RASA_URL", f"http://127.0.0.1:{os.environ.get('RASA_PORT', '5005')}")


def _request(method: str, path: str, body: Any = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(api_url(_server(), path), data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as r:
        raw = r.read()
    return json.loads(raw) if raw else None


def append(sender: str, events: List[Dict[str, Any]]) -> None:
    # output_channel=latest: Rasa also sends the bot messages over the channel the resident last
    # used, so the widget (socket.io) shows them at once
    _request("POST", f"/conversations/{urllib.request.quote(sender)}/tracker/events?output_channel=latest&execute_side_effects=true", events)


def say(sender: str, text: str) -> None:
    append(sender, [{"event": "bot", "text": STAFF_PREFIX + text, "timestamp": time.time()}])


def resume(sender: str) -> None:
    append(sender, [{"event": "resume", "timestamp": time.time()},
                    {"event": "bot", "text": HANDED_BACK, "timestamp": time.time()}])


def show(sender: str) -> Dict[str, Any]:
    tracker = _request("GET", f"/conversations/{urllib.request.quote(sender)}/tracker")
    slots = tracker.get("slots") or {}
    lines = [f"{'inwoner' if e['event'] == 'user' else 'loketwijzer'}: {e.get('text') or ''}"
             for e in tracker.get("events") or [] if e.get("event") in ("user", "bot") and e.get("text")]
    return {"paused": tracker.get("paused"), "summary": slots.get("handoff_summary"), "transcript": lines}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=["show", "say", "resume"])
    ap.add_argument("sender")
    ap.add_argument("text", nargs="?")
    args = ap.parse_args(argv)
    try:
        if args.command == "say":
            if not args.text:
                print("Wat wilt u zeggen? Geef de tekst mee.", file=sys.stderr)
                return 2
            say(args.sender, args.text)
        elif args.command == "resume":
            resume(args.sender)
        else:
            print(json.dumps(show(args.sender), ensure_ascii=False, indent=2))
    except OSError as err:
        print(f"De Rasa-server op {_server()} antwoordt niet ({err}). Draait de assistent (make run)?", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
