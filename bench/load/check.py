"""The load benchmark's correctness check: did every message get exactly one answer, and did no
answer go to the wrong conversation?

The Locust users (locustfile.py) write one JSON record per message they sent ("turn"), one per
answer that arrived on a socket while no message of that socket was waiting for one ("stray"),
and one per socket.io connection ("connect"). ``check`` reads those records only, so it can be
tested on fabricated logs without any server (tests/test_load_check.py), and it runs on the real
log of every load level (run.py).

What counts:

- **errors**: the request itself failed (HTTP status not 200, connection refused or reset, a
  socket that would not connect); the message may or may not have reached the bot.
- **lost**: the request went through but no answer came: an empty REST reply, or no
  acknowledgement of a socket.io message within the time limit, or an acknowledgement without
  any ``bot_uttered`` before it.
- **crossed**: an answer that belongs to another conversation: a REST reply whose
  ``recipient_id`` is not the sender, an answer naming another conversation's token (Loketwijzer:
  the gemeente of another concurrent resident), or a socket.io answer that arrived when that
  socket had no message waiting (a stray).
- **duplicated**: the same message (conversation, turn) answered more than once.
- **unexpected**: an answer in the right conversation that lacks what the script expects (the
  conversation's own gemeente in the route answer; the example bot's fixed response). Not a
  transport fault by itself, but a crossing between two conversations usually shows here too.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Dict, Iterable, List

EXAMPLES_PER_KIND = 5


def read_log(path: Path) -> List[dict]:
    """The records of one JSON-lines log (a missing file: no records)."""
    if not Path(path).exists():
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _token_pattern(tokens: Iterable[str]):
    tokens = sorted({t for t in tokens if t}, key=len, reverse=True)
    if not tokens:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in tokens) + r")(?!\w)")


def check(records: Iterable[dict]) -> Dict[str, object]:
    """Counts of messages, answered, errors, lost, crossed, duplicated, unexpected (see the module
    docstring), and up to five examples of each fault under ``examples``."""
    records = list(records)
    turns = [r for r in records if r.get("type") == "turn"]
    strays = [r for r in records if r.get("type") == "stray"]
    pattern = _token_pattern(r.get("token") for r in turns)
    counts = Counter()
    examples: Dict[str, list] = {}

    def note(kind: str, record: dict, why: str) -> None:
        counts[kind] += 1
        shown = examples.setdefault(kind, [])
        if len(shown) < EXAMPLES_PER_KIND:
            shown.append({"conversation": record.get("conversation"), "turn": record.get("turn"),
                          "text": record.get("text"), "why": why})

    seen = Counter((r.get("conversation"), r.get("turn")) for r in turns)
    for (conversation, turn), n in seen.items():
        if n > 1:
            note("duplicated", {"conversation": conversation, "turn": turn}, f"answered {n} times")

    for r in turns:
        counts["messages"] += 1
        replies = r.get("replies") or []
        if r.get("status") == "error":
            note("errors", r, r.get("error") or "request failed")
            continue
        if r.get("status") == "timeout" or not replies:
            note("lost", r, r.get("error") or "no answer")
            continue
        counts["answered"] += 1
        own = r.get("conversation")
        wrong = [p.get("recipient") for p in replies if p.get("recipient") not in (None, own)]
        texts = [p.get("text") or "" for p in replies]
        foreign = sorted({m for t in texts for m in (pattern.findall(t) if pattern else [])} - {r.get("token")})
        if wrong:
            note("crossed", r, f"answer addressed to {wrong[0]}")
        elif foreign:
            note("crossed", r, f"answer names another conversation's token {foreign[0]!r}")
        else:
            joined = "\n".join(texts)
            missing = [e for e in r.get("expect") or [] if e not in joined]
            if missing:
                note("unexpected", r, f"answer lacks {missing[0]!r}: {joined[:200]!r}")
    for s in strays:
        note("crossed", s, f"answer arrived with no message waiting: {str(s.get('text'))[:200]!r}")

    result: Dict[str, object] = {k: counts.get(k, 0) for k in
                                 ("messages", "answered", "errors", "lost", "crossed", "duplicated", "unexpected")}
    result["examples"] = examples
    return result
