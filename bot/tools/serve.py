"""Start the assistant: the action server and the Rasa server (REST and socket.io channels).

Checks the ports first, waits until both answer, prints where to talk to it, and stops
everything it started on Ctrl-C (or when either server stops).
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import List, Optional, Sequence

from bot.paths import BUILD, ROOT
from bot.tools.train import current_model, train
from bot.tools.waiting import wait_for

RASA_PORT = int(os.environ.get("RASA_PORT", "5005"))
ACTIONS_PORT = int(os.environ.get("ACTIONS_PORT", "5055"))
WEB_PORT = int(os.environ.get("WEB_PORT", "8080"))


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def endpoints_for(actions_port: int, source: str = "endpoints.yml") -> str:
    """An endpoints file whose action endpoint is the action server this run starts.

    endpoints.yml names port 5055; with ``make run ACTIONS_PORT=5056`` the Rasa server would call
    an action server that is not there and answer nothing. The copy lives in build/ and keeps
    every other setting (tracker store, lock store) of ``source``."""
    import yaml

    path = Path(source) if Path(source).is_absolute() else ROOT / source
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    config["action_endpoint"] = {**(config.get("action_endpoint") or {}),
                                 "url": f"http://localhost:{actions_port}/webhook"}
    out = BUILD / f"endpoints-actions-{actions_port}-{path.stem}.yml"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("# written by bot/tools/serve.py from " + str(path) + "\n" +
                   yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return str(out)


def server_env() -> dict:
    """The servers' environment: the project on the path, and no wall of library deprecation
    warnings (Rasa 3.6's dependencies print some twenty at start) unless PYTHONWARNINGS says otherwise."""
    # LOKETWIJZER_SERVER_PROCESS: a store that does not answer stops the process with one line and
    # exit code 3 (bot.production.dependencies.exit_server)
    env = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="3", LOKETWIJZER_SERVER_PROCESS="1")
    env.setdefault("PYTHONWARNINGS", "ignore::DeprecationWarning,ignore::UserWarning,ignore::FutureWarning")
    return env


def rasa_server(rasa_port: int, endpoints_file: str, model: str, out=None, env: Optional[dict] = None,
                extra: Sequence[str] = ()) -> subprocess.Popen:
    """The Rasa server (REST, socket.io, HTTP API) as a process of its own session, so it can be
    stopped and started alone (the widget's reconnect test does that). ``extra``: more arguments
    (the production set adds ``--auth-token``)."""
    env = env or server_env()
    return subprocess.Popen([sys.executable, "-m", "bot.tools.rasa_main", "run", "--enable-api", "--cors", "*",
                             "--port", str(rasa_port), "--model", model, "--endpoints", endpoints_file,
                             "--credentials", "credentials.yml", *extra],
                            cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True)


def start(rasa_port: int = RASA_PORT, actions_port: int = ACTIONS_PORT, model: Optional[str] = None,
          endpoints: str = "endpoints.yml", quiet: bool = False, log: Optional[Path] = None,
          web_port: Optional[int] = None) -> List[subprocess.Popen]:
    """Start both servers (and the web pages on ``web_port``) and wait until they answer. Raises
    SystemExit with a clear message. ``log``: a file that receives the servers' output (tests read
    it for personal data). The list is [action server, Rasa server, web pages]."""
    ports = [(rasa_port, "Rasa server", "RASA_PORT"), (actions_port, "action server", "ACTIONS_PORT")]
    if web_port:
        ports.append((web_port, "web pages", "WEB_PORT"))
    for port, what, var in ports:
        if port_in_use(port):
            raise SystemExit(f"ERROR: port {port} (for the {what}) is already in use. Stop the program that "
                             f"uses it, or choose another port: make run {var}=<port>")
    model = model or str(current_model() or train())
    endpoints = endpoints_for(actions_port, endpoints)
    env = server_env()
    out = open(log, "ab") if log else (subprocess.DEVNULL if quiet else None)
    procs = [
        subprocess.Popen([sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(actions_port)],
                         cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True),
        rasa_server(rasa_port, endpoints, model, out),
    ]
    if web_port:
        procs.append(subprocess.Popen([sys.executable, "-m", "bot.web", "--port", str(web_port), "--rasa-url",
                                       f"http://127.0.0.1:{rasa_port}"],
                                      cwd=ROOT, env=env, stdout=out, stderr=out, start_new_session=True))
    ok = wait_for(f"http://127.0.0.1:{actions_port}/health", procs) and \
        wait_for(f"http://127.0.0.1:{rasa_port}/status", procs) and \
        (not web_port or wait_for(f"http://127.0.0.1:{web_port}/health", procs))
    if not ok:
        stop(procs)
        raise SystemExit("ERROR: the assistant did not start; see the messages above.")
    return procs


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def stop(procs: List[subprocess.Popen]) -> None:
    for p in procs:
        if p.poll() is None:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    for p in procs:
        try:
            p.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)


def main() -> int:
    procs: List[subprocess.Popen] = []
    # Ctrl-C, a closed terminal or `kill` all stop both servers, also when this process was
    # started with SIGINT ignored (a background job of a script does that).
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _interrupt)
    try:
        from bot.web.staff_auth import StaffUsers, ensure_demo_user

        password = ensure_demo_user(StaffUsers())
        procs = start(web_port=WEB_PORT)
        account = (f"""   Staff account:       balie / {password}   (made now, shown once; manage with
                        .venv/bin/python -m bot.web.staff_auth add|remove|list)
""" if password else "")
        print(f"""
== Loketwijzer is running.
   Chat widget (demo):  http://localhost:{WEB_PORT}/
   Front desk (staff):  http://localhost:{WEB_PORT}/balie
{account}   Talk to it (REST):   curl -s -XPOST http://localhost:{RASA_PORT}/webhooks/rest/webhook \\
                          -H 'Content-Type: application/json' \\
                          -d '{{"sender": "ik", "message": "Ik kan mijn huis niet meer schoonhouden", "metadata": {{"gemeente": "Utrecht"}}}}'
   Socket.IO channel:   http://localhost:{RASA_PORT}/socket.io
   Action server:       http://localhost:{ACTIONS_PORT}/health
   Stop with Ctrl-C.
""", flush=True)
        while all(p.poll() is None for p in procs):
            time.sleep(1)
        print("ERROR: a server stopped unexpectedly; stopping the other one.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\n== Stopping ...", flush=True)
        return 0
    finally:
        stop(procs)


if __name__ == "__main__":
    sys.exit(main())
