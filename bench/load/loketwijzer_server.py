"""Start Loketwijzer for the load benchmark as `make run` starts it, and stop it on SIGTERM.

    .venv/bin/python bench/load/loketwijzer_server.py --rasa-port 5306 --actions-port 5356

Runs with the project's own Python (.venv: Rasa), not the benchmark's (bench/load/.venv: Locust),
so run.py starts it as a child process. It calls bot.tools.serve.start, the same function
`make run` uses: the action server and the Rasa server (bot.tools.rasa_main, REST and socket.io
from credentials.yml), on ports of their own. The endpoints are endpoints.yml with one change:
the SQLite tracker store is a fresh file in a temporary folder, so the benchmark's thousands of
conversations do not end up in build/tracker.db and every run starts from the same empty store.
When the servers answer it prints one JSON line with their process ids (run.py reads their memory)
and waits.
"""
from __future__ import annotations

import argparse
import json
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bot.tools import serve  # noqa: E402
from bot.tools.train import current_model, train  # noqa: E402


def endpoints_with_fresh_tracker(folder: Path) -> Path:
    config = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8")) or {}
    store = config.get("tracker_store") or {}
    if store.get("dialect") == "sqlite":
        store["db"] = str(folder / "tracker.db")
    out = folder / "endpoints.yml"
    out.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rasa-port", type=int, default=5306)
    parser.add_argument("--actions-port", type=int, default=5356)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="loketwijzer-load-"))
    procs = []

    def stop(*_):
        raise KeyboardInterrupt

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, stop)
    try:
        model = current_model() or train()  # what serve.start would take: trains only when inputs changed
        procs = serve.start(args.rasa_port, args.actions_port, model=str(model),
                            endpoints=str(endpoints_with_fresh_tracker(folder)), quiet=True)
        print(json.dumps({"pids": {"action server": procs[0].pid, "Rasa server": procs[1].pid},
                          "model": Path(model).name, "tracker": str(folder / "tracker.db")}), flush=True)
        while all(p.poll() is None for p in procs):
            time.sleep(1)
        print("a server stopped unexpectedly", file=sys.stderr, flush=True)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        serve.stop(procs)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
