"""Wait until a server answers: the one loop every starter uses.

Why a module of its own, with the standard library only: the project's tools (``bot.tools.serve``,
``bot.production.stack``) and the load bench (``bench/load/``, which runs in its own Locust venv
without Rasa) all start servers and wait for them; importing this file needs nothing else.
"""
from __future__ import annotations

import subprocess
import time
import urllib.request
from typing import Sequence


def wait_for(url: str, procs: Sequence[subprocess.Popen], timeout: float = 300, interval: float = 1) -> bool:
    """Until ``url`` answers 200 (True), a process of ``procs`` stops or ``timeout`` seconds pass (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in procs):
            return False
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(interval)
    return False
