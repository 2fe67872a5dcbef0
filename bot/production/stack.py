"""Start the production set on one host: N Rasa servers and M action servers behind HAProxy, with
the conversations in PostgreSQL and the conversation locks in Redis.

    .venv/bin/python -m bot.production.stack [--rasa 2] [--actions 1] [--port 5080]

What it does, in order, and why in that order:

1. checks what the set shares before starting anything: HAProxy is installed, the database and
   Redis answer (a clear error naming the URL without its password, exit code 3), the ports are free;
2. creates the database when it is missing, loads the routing table into it, and brings the
   tracker table's schema to head once (the servers would also do it, under a lock);
3. starts the action servers and the Rasa servers on their own ports (every Rasa server with the
   same model, ``deploy/endpoints.production.yml``, the HTTP API behind ``RASA_TOKEN``), and
   waits until each one is *ready* (its model is loaded: ``/webhooks/ready/``);
4. starts HAProxy with ``deploy/haproxy.cfg.in`` filled in: the residents' side on ``--port``
   (only ``/webhooks/rest/``, ``/socket.io/`` and ``/webhooks/ready/``), the HTTP API on
   ``--api-port`` and the action servers on ``--actions-port``, both on 127.0.0.1 only.

Ctrl-C stops everything it started. Tests start the same set with ``Stack(...).start()`` and kill
single servers to see the balancer move the conversation on (tests/test_production.py).
"""
from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")  # Rasa's tables still use the 1.x API

from bot.paths import BUILD, ROOT  # noqa: E402
from bot.production.dependencies import (DependencyUnavailable, redis_settings, require_database,  # noqa: E402
                                         require_redis, safe_url)
from bot.tools.waiting import wait_for  # noqa: E402

TEMPLATE = ROOT / "deploy" / "haproxy.cfg.in"
ENDPOINTS = ROOT / "deploy" / "endpoints.production.yml"
DEFAULT_DATABASE = "postgresql://127.0.0.1:5432/loketwijzer"
DEFAULT_REDIS = "redis://127.0.0.1:6379/1"


def haproxy_binary() -> str:
    found = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if not found:
        raise SystemExit("ERROR: HAProxy is not installed. Install it (Debian/Ubuntu: sudo apt-get install haproxy), "
                         "then start again.")
    return found


def ensure_database(url: str) -> None:
    """Create the database of ``url`` when the server answers but the database is not there yet."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    if target.get_backend_name() != "postgresql" or not target.database:
        return
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT",
                          connect_args={"connect_timeout": 5})
    try:
        with admin.connect() as conn:
            exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :d"), {"d": target.database}).first()
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    except Exception:
        pass  # no rights on "postgres": require_database below names the problem with the real URL
    finally:
        admin.dispose()


@dataclass
class Stack:
    rasa: int = 2
    actions: int = 1
    public_port: int = 5080
    api_port: int = 5081
    actions_port: int = 5060
    first_rasa_port: int = 5101
    first_action_port: int = 5151
    database_url: str = field(default_factory=lambda: os.environ.get("TRACKER_DATABASE_URL")
                              or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE)
    redis_url: str = field(default_factory=lambda: os.environ.get("REDIS_URL") or DEFAULT_REDIS)
    model: Optional[str] = None
    token: str = field(default_factory=lambda: os.environ.get("RASA_TOKEN") or secrets.token_urlsafe(24))
    bind: str = "127.0.0.1"
    per_ip_10s: int = 300
    log: Optional[Path] = None
    rasa_procs: Dict[int, subprocess.Popen] = field(default_factory=dict)
    action_procs: Dict[int, subprocess.Popen] = field(default_factory=dict)
    balancer: Optional[subprocess.Popen] = None

    # -- what the set shares --------------------------------------------------------------
    @property
    def rasa_ports(self) -> List[int]:
        return [self.first_rasa_port + i for i in range(self.rasa)]

    @property
    def action_ports(self) -> List[int]:
        return [self.first_action_port + i for i in range(self.actions)]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.public_port}"

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    def env(self) -> Dict[str, str]:
        from bot.tools.serve import server_env

        return dict(server_env(), TRACKER_DATABASE_URL=self.database_url, DATABASE_URL=self.database_url,
                    REDIS_URL=self.redis_url, RASA_TOKEN=self.token, SOCKETIO_MESSAGE_QUEUE=self.redis_url,
                    ACTION_ENDPOINT_URL=f"http://127.0.0.1:{self.actions_port}/webhook")

    def check(self) -> None:
        from bot.tools.serve import port_in_use

        haproxy_binary()
        ensure_database(self.database_url)
        require_database(self.database_url, "database")
        r = redis_settings(self.redis_url, default_db=1)
        require_redis(r["host"], r["port"], r["db"], password=r["password"], username=r["username"],
                      use_ssl=r["use_ssl"])
        ports = [self.public_port, self.api_port, self.actions_port, *self.rasa_ports, *self.action_ports]
        busy = [p for p in ports if port_in_use(p)]
        if busy:
            raise SystemExit(f"ERROR: port(s) {', '.join(map(str, busy))} already in use. Stop what uses them, "
                             f"or choose other ports (--port, --first-rasa-port, ...).")

    def prepare(self) -> None:
        from sqlalchemy import create_engine

        from bot.privacy.tracker_schema import migrate
        from bot.routing.loader import load
        from rasa.core.tracker_store import SQLTrackerStore

        load(self.database_url)
        engine = create_engine(self.database_url)
        try:
            SQLTrackerStore.Base.metadata.create_all(engine)  # Rasa's own table, as the servers would make it
            migrate(engine)
        finally:
            engine.dispose()

    # -- processes -------------------------------------------------------------------------
    def _out(self):
        return open(self.log, "ab") if self.log else subprocess.DEVNULL

    def start_action_server(self, port: int) -> subprocess.Popen:
        p = subprocess.Popen([sys.executable, "-m", "rasa_sdk", "--actions", "actions", "--port", str(port)],
                             cwd=ROOT, env=self.env(), stdout=self._out(), stderr=subprocess.STDOUT,
                             start_new_session=True)
        self.action_procs[port] = p
        return p

    def start_rasa_server(self, port: int) -> subprocess.Popen:
        from bot.tools.serve import rasa_server

        p = rasa_server(port, str(ENDPOINTS), self.model, self._out(), env=self.env(),
                        extra=["--auth-token", self.token])
        self.rasa_procs[port] = p
        return p

    def haproxy_config(self) -> Path:
        rasa = "\n".join(f"    server rasa{i + 1} 127.0.0.1:{p} check" for i, p in enumerate(self.rasa_ports))
        actions = "\n".join(f"    server actions{i + 1} 127.0.0.1:{p} check" for i, p in enumerate(self.action_ports))
        text = TEMPLATE.read_text(encoding="utf-8").format(
            bind=self.bind, public_port=self.public_port, api_port=self.api_port, actions_port=self.actions_port,
            per_ip_rule=(f"http-request deny deny_status 429 if {{ sc_http_req_rate(0) gt {self.per_ip_10s} }}"
                         if self.per_ip_10s else "# no limit per address (--per-ip-limit 0)"),
            rasa_servers=rasa, action_servers=actions)
        out = BUILD / f"haproxy-{self.public_port}.cfg"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(f"# written by bot/production/stack.py from {TEMPLATE.relative_to(ROOT)}\n{text}", encoding="utf-8")
        return out

    def check_balancer_config(self) -> Path:
        cfg = self.haproxy_config()
        checked = subprocess.run([haproxy_binary(), "-c", "-q", "-f", str(cfg)], capture_output=True, text=True)
        if checked.returncode != 0:
            raise SystemExit(f"ERROR: HAProxy does not accept {cfg}:\n{checked.stderr or checked.stdout}")
        return cfg

    def start_balancer(self) -> subprocess.Popen:
        cfg = self.check_balancer_config()
        binary = haproxy_binary()
        self.balancer = subprocess.Popen([binary, "-db", "-f", str(cfg)], stdout=self._out(),
                                         stderr=subprocess.STDOUT, start_new_session=True)
        return self.balancer

    def start(self, timeout: float = 900) -> "Stack":
        from bot.tools.train import current_model, train

        self.check()
        self.check_balancer_config()  # before minutes of model loading, not after
        self.prepare()
        self.model = self.model or str(current_model() or train())
        try:
            for port in self.action_ports:
                self.start_action_server(port)
            for port in self.rasa_ports:
                self.start_rasa_server(port)
            procs = self.processes()
            for port in self.action_ports:
                if not wait_for(f"http://127.0.0.1:{port}/health", procs, timeout, 0.5):
                    raise SystemExit(f"ERROR: the action server on port {port} did not start.")
            for port in self.rasa_ports:
                if not wait_for(f"http://127.0.0.1:{port}/webhooks/ready/", procs, timeout, 0.5):
                    raise SystemExit(f"ERROR: the Rasa server on port {port} did not start (see the messages above"
                                     f"{' and ' + str(self.log) if self.log else ''}).")
            self.start_balancer()
            if not wait_for(f"{self.url}/webhooks/ready/", self.processes(), 60, 0.5):
                raise SystemExit("ERROR: the balancer did not pass the readiness check.")
        except BaseException:
            self.stop()
            raise
        return self

    def processes(self) -> List[subprocess.Popen]:
        return [*self.action_procs.values(), *self.rasa_procs.values(), *([self.balancer] if self.balancer else [])]

    def kill(self, proc: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                pass
        proc.wait(timeout=30)

    def stop(self) -> None:
        from bot.tools.serve import stop

        stop(self.processes())


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rasa", type=int, default=2, help="Rasa servers (default 2: one per core)")
    ap.add_argument("--actions", type=int, default=1, help="action servers (default 1)")
    ap.add_argument("--port", type=int, default=5080, help="the residents' side of the balancer (default 5080)")
    ap.add_argument("--api-port", type=int, default=5081, help="the HTTP API, 127.0.0.1 only (default 5081)")
    ap.add_argument("--actions-port", type=int, default=5060, help="the action servers' balancer port (default 5060)")
    ap.add_argument("--first-rasa-port", type=int, default=5101)
    ap.add_argument("--first-action-port", type=int, default=5151)
    ap.add_argument("--bind", default="127.0.0.1", help="address of the residents' side (0.0.0.0: every interface)")
    ap.add_argument("--per-ip-limit", type=int, default=300,
                    help="requests per address in 10 s before HAProxy answers 429 (default 300; 0: none, "
                         "e.g. for a load test from one address)")
    ap.add_argument("--log", type=Path, default=BUILD / "stack.log", help="the servers' output (default build/stack.log)")
    args = ap.parse_args(argv)
    if args.rasa < 1 or args.actions < 1:
        print("ERROR: --rasa and --actions must be 1 or more.", file=sys.stderr)
        return 2
    stack = Stack(rasa=args.rasa, actions=args.actions, public_port=args.port, api_port=args.api_port,
                  actions_port=args.actions_port, first_rasa_port=args.first_rasa_port,
                  first_action_port=args.first_action_port, bind=args.bind, log=args.log,
                  per_ip_10s=args.per_ip_limit)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        print(f"== Starting {stack.rasa} Rasa server(s) and {stack.actions} action server(s) behind HAProxy "
              f"(database {safe_url(stack.database_url)}, Redis {stack.redis_url}); output in {args.log}", flush=True)
        stack.start()
        print(f"""
== Loketwijzer (production set) is running.
   Residents (REST, socket.io):  {stack.url}/webhooks/rest/webhook   {stack.url}/socket.io
   Readiness:                    {stack.url}/webhooks/ready/   (balancer itself: {stack.url}/healthz)
   HTTP API (127.0.0.1 only):    {stack.api_url}   token: RASA_TOKEN={stack.token}
   Rasa servers:                 {', '.join(map(str, stack.rasa_ports))};  action servers: {', '.join(map(str, stack.action_ports))}
   Stop with Ctrl-C.
""", flush=True)
        while True:
            for port, p in list(stack.rasa_procs.items()):
                if p.poll() is not None:
                    print(f"WARNING: the Rasa server on port {port} stopped; the balancer sends its conversations "
                          f"to the others. Restarting it.", file=sys.stderr, flush=True)
                    stack.start_rasa_server(port)
            for port, p in list(stack.action_procs.items()):
                if p.poll() is not None:
                    print(f"WARNING: the action server on port {port} stopped. Restarting it.", file=sys.stderr, flush=True)
                    stack.start_action_server(port)
            if stack.balancer and stack.balancer.poll() is not None:
                print("ERROR: HAProxy stopped; stopping the set.", file=sys.stderr)
                return 1
            time.sleep(1)
    except DependencyUnavailable as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return 3
    except KeyboardInterrupt:
        print("\n== Stopping ...", flush=True)
        return 0
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
