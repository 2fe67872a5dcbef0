"""`make run` (python -m bot.tools.serve): Ctrl-C stops both servers it started, also when it was
started with SIGINT ignored, as a background job of a script is."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from bot.paths import ROOT
from bot.tools.serve import port_in_use
from bot.tools.train import current_model

RASA_PORT, ACTIONS_PORT = 5305, 5355


@pytest.mark.skipif(current_model() is None, reason="no trained model: run `make test` (it trains first)")
@pytest.mark.parametrize("ignore_sigint", [False, True])
def test_ctrl_c_stops_everything(ignore_sigint):
    env = dict(os.environ, RASA_PORT=str(RASA_PORT), ACTIONS_PORT=str(ACTIONS_PORT), PYTHONUNBUFFERED="1")
    pre = (lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if ignore_sigint else None
    proc = subprocess.Popen([sys.executable, "-m", "bot.tools.serve"], cwd=ROOT, env=env, preexec_fn=pre,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        for line in proc.stdout:
            if "Loketwijzer is running" in line:
                break
        assert port_in_use(RASA_PORT) and port_in_use(ACTIONS_PORT)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=60) == 0
        deadline = time.time() + 30
        while (port_in_use(RASA_PORT) or port_in_use(ACTIONS_PORT)) and time.time() < deadline:
            time.sleep(0.5)
        assert not port_in_use(RASA_PORT) and not port_in_use(ACTIONS_PORT)
    finally:
        if proc.poll() is None:
            proc.kill()
