"""Start and stop the two servers the load benchmark compares, and read their memory.

Standard library only: run.py runs in the benchmark's own venv (bench/load/.venv, Locust), while
both bots run with the project's Python (.venv, Rasa 3.6), as child processes in sessions of
their own so that stopping one stops all its children.

- The reference: Rasa's own example bot, made once by ``rasa init --no-prompt`` (which also
  trains it) and kept in bench/load/.cache/reference-bot (gitignored). It runs as one ``rasa run``
  process, as ``rasa init`` leaves it: no action server, Rasa's in-memory tracker store, the
  stock channels. Its credentials add Rasa's stock socket.io channel with
  ``session_persistence: false``: with python-socketio 5.10+ (this venv has 5.18) Rasa 3.6's
  persistent sessions never join their room and get no answers, the bug that
  bot/web/socket_channel.py fixes for Loketwijzer; without persistence the answers go to the
  connection itself, which the benchmark's check sees the same way.
- Loketwijzer: loketwijzer_server.py, i.e. bot.tools.serve.start as `make run` does it.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Optional

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PROJECT_PYTHON = ROOT / ".venv" / "bin" / "python"
sys.path.insert(0, str(ROOT))
from bot.tools.waiting import wait_for  # noqa: E402  (standard library only: fine in the Locust venv)
CACHE = HERE / ".cache"
REFERENCE = CACHE / "reference-bot"

REFERENCE_CREDENTIALS = """\
# Written by bench/load/servers.py: rasa init's REST channel plus Rasa's stock socket.io channel.
rest:
socketio:
  user_message_evt: user_uttered
  bot_message_evt: bot_uttered
  session_persistence: false
  metadata_key: metadata
"""


def quiet_env() -> dict:
    return dict(os.environ, RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="3",
                SQLALCHEMY_SILENCE_UBER_WARNING="1",
                PYTHONWARNINGS="ignore::DeprecationWarning,ignore::UserWarning,ignore::FutureWarning")


@dataclass
class Server:
    name: str
    url: str
    proc: Optional[subprocess.Popen]
    pids: Dict[str, int] = field(default_factory=dict)   # process name -> pid, for memory
    info: Dict[str, str] = field(default_factory=dict)

    def alive(self) -> bool:
        return self.proc is None or self.proc.poll() is None


def reference_bot(log=print) -> Path:
    """The trained example bot, made on first use (about a minute and a half on 2 cores)."""
    if list((REFERENCE / "models").glob("*.tar.gz")):
        return REFERENCE
    log("== Making the reference bot: rasa init --no-prompt (trains once, cached in bench/load/.cache)")
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="reference-bot-", dir=CACHE))
    with open(CACHE / "reference-init.log", "w") as out:
        subprocess.run([str(PROJECT_PYTHON), "-m", "rasa", "init", "--no-prompt", "--init-dir", str(tmp)],
                       cwd=tmp, env=quiet_env(), stdout=out, stderr=subprocess.STDOUT, check=True)
    shutil.rmtree(REFERENCE, ignore_errors=True)
    tmp.rename(REFERENCE)
    return REFERENCE


def start_reference(port: int, log=print) -> Server:
    folder = reference_bot(log)
    credentials = folder / "credentials-load.yml"
    credentials.write_text(REFERENCE_CREDENTIALS)
    model = sorted((folder / "models").glob("*.tar.gz"))[-1]
    out = open(folder / "server.log", "ab")
    proc = subprocess.Popen([str(PROJECT_PYTHON), "-m", "rasa", "run", "--port", str(port), "--model", str(model),
                             "--credentials", str(credentials), "--cors", "*"],
                            cwd=folder, env=quiet_env(), stdout=out, stderr=subprocess.STDOUT,
                            start_new_session=True)
    # Rasa 3.6 opens its port after the model has loaded, so "/" answering means ready.
    if not wait_for(f"http://127.0.0.1:{port}/", [proc]):
        stop(Server("reference", "", proc))
        raise SystemExit(f"ERROR: the reference bot did not start; see {folder / 'server.log'}")
    return Server("reference", f"http://127.0.0.1:{port}", proc, {"rasa run": proc.pid},
                  {"model": model.name, "start": "rasa run (one process, no action server, in-memory tracker)"})


def start_loketwijzer(rasa_port: int, actions_port: int, log=print) -> Server:
    proc = subprocess.Popen([str(PROJECT_PYTHON), str(HERE / "loketwijzer_server.py"), "--rasa-port", str(rasa_port),
                             "--actions-port", str(actions_port)],
                            cwd=ROOT, env=quiet_env(), stdout=subprocess.PIPE, stderr=None, text=True,
                            start_new_session=True)
    line = proc.stdout.readline()  # blocks until the servers answer (or the starter exits)
    if not line.strip():
        stop(Server("loketwijzer", "", proc))
        raise SystemExit("ERROR: Loketwijzer did not start; see the messages above.")
    started = json.loads(line)
    return Server("loketwijzer", f"http://127.0.0.1:{rasa_port}", proc, started["pids"],
                  {"model": started["model"],
                   "start": "bot.tools.serve.start as `make run` (Rasa server + action server, SQLite tracker)"})


def stop(server: Server) -> None:
    proc = server.proc
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _status_kb(pid: int, key: str) -> Optional[int]:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def rss_mb(pid: int) -> Optional[float]:
    kb = _status_kb(pid, "VmRSS")
    return None if kb is None else round(kb / 1024, 1)


def peak_rss_mb(pid: int) -> Optional[float]:
    """The process's highest resident set size so far (VmHWM)."""
    kb = _status_kb(pid, "VmHWM")
    return None if kb is None else round(kb / 1024, 1)


def cpu_s(pid: int) -> Optional[float]:
    """CPU seconds (user + system, all threads) the process has used so far."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def memory(pids: Dict[str, int]) -> Dict[str, Dict[str, Optional[float]]]:
    return {name: {"rss_mb": rss_mb(pid), "peak_rss_mb": peak_rss_mb(pid)} for name, pid in pids.items()}


def parse_pids(text: Optional[str]) -> Dict[str, int]:
    """``--target-pids 'Rasa server=123,action server=456'`` (or bare ids) for a server started elsewhere."""
    out: Dict[str, int] = {}
    for i, part in enumerate(p for p in (text or "").split(",") if p.strip()):
        name, _, pid = part.rpartition("=")
        out[name.strip() or f"process {i + 1}"] = int(pid)
    return out
