"""How long the front-desk lookup page takes to answer (issue 13: under one second).

    .venv/bin/python bench/web_latency.py [--runs 20]

Starts the assistant with the web pages on spare ports (as `make run` does), with a throw-away
staff account, logs in, and times whole page requests of /balie with a question and a gemeente
(what a browser waits for: the parse by the running Rasa server, routing, the HTML), for a set of
questions written for this bench, in turns. Beside it, in the same run, the simple alternative:
the same questions through `python -m bot route` asking the same server (a new process each time).
Prints the first request, the median and the 95th percentile. Figures go in docs/performance.md;
no test asserts a time.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.tools import serve  # noqa: E402
from bot.web import staff_auth  # noqa: E402

RASA_PORT, ACTIONS_PORT, WEB_PORT = 5215, 5265, 8215
QUESTIONS = [  # written for this bench, not taken from any evaluation set
    ("Mijn vader redt het thuis niet meer, hij valt steeds", "Zwolle"),
    ("Ik heb een brief van de deurwaarder en weet niet wat ik moet doen", "Dordrecht"),
    ("Mijn zoon van 12 is heel druk en de school weet het ook niet meer", "Utrecht"),
    ("Ik ben mijn baan kwijt, krijg ik nu een uitkering", "Groningen"),
    ("Kan ik hulp krijgen bij het betalen van de eigen bijdrage", "Tilburg"),
]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    users = staff_auth.StaffUsers(tmp / "users.json")
    users.add("bench", "bench-wachtwoord")
    os.environ["LOKETWIJZER_STAFF_USERS"] = str(users.path)
    os.environ["HANDOVER_DATABASE_URL"] = f"sqlite:///{tmp / 'handover.db'}"
    procs = serve.start(RASA_PORT, ACTIONS_PORT, quiet=True, web_port=WEB_PORT)
    try:
        base = f"http://127.0.0.1:{WEB_PORT}"
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        opener.open(base + "/balie/inloggen", urllib.parse.urlencode(
            {"naam": "bench", "wachtwoord": "bench-wachtwoord", "naar": "/balie"}).encode(), timeout=30).read()
        page = []
        for i in range(args.runs):
            text, gemeente = QUESTIONS[i % len(QUESTIONS)]
            url = f"{base}/balie?" + urllib.parse.urlencode({"vraag": text, "gemeente": gemeente})
            start = time.perf_counter()
            body = opener.open(url, timeout=60).read().decode()
            page.append(time.perf_counter() - start)
            if "Eerste loket" not in body:
                raise SystemExit(f"no route on the page for {text!r}")
        cli = []
        env = dict(os.environ, LOKETWIJZER_RASA_URL=f"http://127.0.0.1:{RASA_PORT}", PYTHONPATH=str(ROOT))
        for text, gemeente in QUESTIONS:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "bot", "route", text, "--gemeente", gemeente], cwd=ROOT, env=env,
                           capture_output=True, check=True, timeout=600)
            cli.append(time.perf_counter() - start)
    finally:
        serve.stop(procs)
    print(f"On {os.cpu_count()} cores, {args.runs} lookups of {len(QUESTIONS)} questions in turn:")
    print(f"  lookup page /balie:       first {page[0]:.3f} s, median {statistics.median(page):.3f} s, "
          f"p95 {percentile(page, 95):.3f} s, slowest {max(page):.3f} s")
    print(f"  python -m bot route (same server, {len(cli)} runs): median {statistics.median(cli):.2f} s, "
          f"slowest {max(cli):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
