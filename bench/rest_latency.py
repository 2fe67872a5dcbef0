"""Reply latency through the REST channel, with the action server, one conversation at a time.

    .venv/bin/python bench/rest_latency.py [--conversations 20]

Starts the Rasa server and the action server as `make run` does (own ports, a throw-away SQLite
tracker store), plays short conversations (greet, a help question, the gemeente, thanks) and
prints p50/p95/p99 of the time from POST to the complete reply, per message kind and overall.
Also the resident set size of both servers.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.tools import serve  # noqa: E402

RASA_PORT, ACTIONS_PORT = 5205, 5255
QUESTIONS = [
    "Ik kan mijn huis niet meer schoonhouden sinds mijn operatie",
    "mijn zoon van 15 gaat al weken niet naar school",
    "ik heb schulden en de deurwaarder staat voor de deur",
    "Mijn vader heeft dementie, bij wie moet ik zijn",
    "hoe vraag ik een scootmobiel aan voor mijn moeder",
    "ik ben ontslagen en heb geen inkomen",
]
GEMEENTEN = ["Utrecht", "Den Bosh", "Zwolle", "Hoofddorp", "Leeuwarden", "Dordrecht"]


def post(sender, message):
    req = urllib.request.Request(f"http://127.0.0.1:{RASA_PORT}/webhooks/rest/webhook",
                                 data=json.dumps({"sender": sender, "message": message}).encode(),
                                 headers={"Content-Type": "application/json"})
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=60) as r:
        r.read()
    return (time.perf_counter() - t) * 1000


def parse_ms(text):
    req = urllib.request.Request(f"http://127.0.0.1:{RASA_PORT}/model/parse", data=json.dumps({"text": text}).encode(),
                                 headers={"Content-Type": "application/json"})
    t = time.perf_counter()
    with urllib.request.urlopen(req, timeout=60) as r:
        r.read()
    return (time.perf_counter() - t) * 1000


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def rss_mb(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    except OSError:
        return float("nan")
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--tracker", choices=["sqlite", "memory"], default="sqlite",
                        help="sqlite as `make run` (default) or Rasa's in-memory tracker store, to see its share")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    endpoints = folder / "endpoints.yml"
    store = (f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {folder / 'tracker.db'}\n"
             if args.tracker == "sqlite" else "")
    endpoints.write_text(f'action_endpoint:\n  url: "http://localhost:{ACTIONS_PORT}/webhook"\n' + store)
    procs = serve.start(RASA_PORT, ACTIONS_PORT, endpoints=str(endpoints), quiet=True)
    try:
        for i in range(3):  # warm up
            post(f"warm{i}", "hallo")
            post(f"warm{i}", QUESTIONS[i])
        kinds = {"greet": [], "question": [], "gemeente": [], "thanks": []}
        for i in range(args.conversations):
            sender = f"bench{i}"
            kinds["greet"].append(post(sender, "hallo"))
            kinds["question"].append(post(sender, QUESTIONS[i % len(QUESTIONS)]))
            kinds["gemeente"].append(post(sender, GEMEENTEN[i % len(GEMEENTEN)]))
            kinds["thanks"].append(post(sender, "dank je wel"))
        parse = [parse_ms(QUESTIONS[i % len(QUESTIONS)]) for i in range(args.conversations)]
        every = [t for ts in kinds.values() for t in ts]
        kinds["(NLU only: /model/parse of the question)"] = parse
        print(f"tracker store: {args.tracker}")
        for kind, ts in list(kinds.items()) + [("all messages", every)]:
            print(f"{kind:>42}: n={len(ts):3d}  p50 {pct(ts, 50):6.1f} ms  p95 {pct(ts, 95):6.1f} ms  "
                  f"p99 {pct(ts, 99):6.1f} ms  max {max(ts):6.1f} ms")
        print(f"memory (RSS): action server {rss_mb(procs[0].pid):.0f} MB, Rasa server {rss_mb(procs[1].pid):.0f} MB")
    finally:
        serve.stop(procs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
