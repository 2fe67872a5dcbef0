"""How long `python -m bot route` takes for front-desk staff: with the assistant running, and without.

    .venv/bin/python bench/route_latency.py [--runs 5]

Starts the assistant on spare ports (as `make run` does), then times the whole command line (a new
Python process each time, as staff run it) asking that server, and the same command with the server
switched off (LOKETWIJZER_RASA_URL=off: the model is loaded in the process). Prints the median and
the slowest run of each and the last answer's loket, so the two can be compared. Figures go in
docs/performance.md; no test asserts a time.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.tools import serve  # noqa: E402

QUESTION = "Mijn moeder kan zich niet meer zelf wassen en de trap is te moeilijk geworden"
RASA_PORT, ACTIONS_PORT = 5205, 5255


def run(url: str) -> tuple:
    env = dict(os.environ, LOKETWIJZER_RASA_URL=url, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "bot", "route", QUESTION, "--gemeente", "Zwolle", "--json"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    took = time.perf_counter() - start
    if out.returncode != 0:
        raise SystemExit(f"route failed: {out.stderr[-500:]}")
    import json

    answer = json.loads(out.stdout)
    return took, answer["route"]["primary"]["loket_type"], out.stderr.strip()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    results = {}
    local = [run("off") for _ in range(args.runs)]
    results["model loaded in the command"] = local
    procs = serve.start(RASA_PORT, ACTIONS_PORT, quiet=True)
    try:
        remote = [run(f"http://127.0.0.1:{RASA_PORT}") for _ in range(args.runs)]
        results["asking the running assistant"] = remote
    finally:
        serve.stop(procs)
    print(f"python -m bot route, {args.runs} runs each, on {os.cpu_count()} cores:")
    for name, rs in results.items():
        times = [t for t, _, _ in rs]
        print(f"  {name}: median {statistics.median(times):.2f} s, slowest {max(times):.2f} s; loket {rs[-1][1]};"
              f" stderr {'empty' if not rs[-1][2] else repr(rs[-1][2][:120])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
