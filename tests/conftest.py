"""Shared fixtures. The routing table is loaded once per session into a temporary SQLite file;
PostgreSQL tests run when TEST_DATABASE_URL is set (.ci/run sets it) and skip otherwise."""
from __future__ import annotations

import os
import shutil
import warnings
from pathlib import Path

import pytest
import yaml

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
warnings.filterwarnings("ignore", category=DeprecationWarning)

PG_HINT = ("PostgreSQL tests skipped: set TEST_DATABASE_URL=postgresql://127.0.0.1:5432/test "
           "(trust auth; .ci/run sets it) to run the loader and router against PostgreSQL too.")


@pytest.fixture(scope="session")
def rows():
    from bot.routing.loader import read_rows

    return read_rows()


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory, rows):
    from bot.routing.loader import write

    url = f"sqlite:///{tmp_path_factory.mktemp('routing') / 'routing.db'}"
    write(rows, url)
    return url


@pytest.fixture(scope="session")
def table(sqlite_url):
    from bot.routing.table import RoutingTable

    return RoutingTable.from_database(sqlite_url)


@pytest.fixture(scope="session")
def pg_url():
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip(PG_HINT)
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:  # required in CI: a configured but unreachable server fails
            conn.execute(text("select 1"))
    finally:
        engine.dispose()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """Both backends for loader tests: a fresh SQLite file, or the PostgreSQL test database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'routing.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="session")
def pg_table(pg_url, rows):
    from bot.routing.loader import write
    from bot.routing.table import RoutingTable

    write(rows, pg_url)
    return RoutingTable.from_database(pg_url)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def any_table(request):
    """The routing table as read back from SQLite and from PostgreSQL: router tests run on both."""
    return request.getfixturevalue("table" if request.param == "sqlite" else "pg_table")


@pytest.fixture(scope="session")
def crisis_model():
    """The crisis net as the Rasa pipeline trains it (config.yml's parameters), trained once."""
    import yaml

    from bot.crisis.corpus import load_corpus, nlu_examples, training_set
    from bot.crisis.model import CrisisModel
    from bot.paths import ROOT

    config = next(c for c in yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]
                  if c["name"].endswith("CrisisDetector"))
    params = {k: float(config[k]) for k in ("C", "sure", "possible") if k in config}
    return CrisisModel(**params).fit(*training_set(load_corpus(ROOT / config.get("corpus", "data/crisis")) + nlu_examples()))


@pytest.fixture
def data_copy(tmp_path):
    """A copy of data/routing to break on purpose (loader and validity tests)."""
    from bot.paths import ROUTING_DATA

    target = tmp_path / "routing"
    shutil.copytree(ROUTING_DATA, target)
    return target


def edit(folder: Path, name: str, change):
    """Change one YAML file of a data copy: ``change`` gets the parsed data and edits it in place."""
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def chat_servers(request, tmp_path_factory):
    """Rasa + action server + web pages as a municipality runs them, for one test module.

    Why one fixture: the bad-input and the browser tests need the same set (a masking SQLite
    tracker store, a handover database, a staff user, the environment put back afterwards); two
    copies drifted. The module gives its ports and staff user as RASA_PORT, ACTIONS_PORT, WEB_PORT
    and STAFF. The model is the one of the present inputs (while someone edits the training data,
    the newest one), so the servers never train during a test run that already has a model.
    """
    from bot.web import staff_auth
    from bot.tools import serve
    from bot.tools.train import current_model, newest_model

    rasa_port, actions_port, web_port = (getattr(request.module, name) for name in
                                         ("RASA_PORT", "ACTIONS_PORT", "WEB_PORT"))
    folder = tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1])
    tracker = folder / "tracker.db"
    endpoints = folder / "endpoints.yml"
    endpoints.write_text('action_endpoint:\n  url: "http://localhost:5055/webhook"\ntracker_store:\n'
                         f"  type: bot.privacy.tracker_store.MaskingSQLTrackerStore\n  dialect: sqlite\n  db: {tracker}\n")
    users = staff_auth.StaffUsers(folder / "users.json")
    users.add(*request.module.STAFF)
    env = {"HANDOVER_DATABASE_URL": f"sqlite:///{folder / 'handover.db'}", "LOKETWIJZER_STAFF_USERS": str(users.path),
           "TRACKER_DATABASE_URL": f"sqlite:///{tracker}"}
    unset = [staff_auth.HEADER_ENV, "LOKETWIJZER_STAFF_CHAT"]
    saved = {k: os.environ.get(k) for k in [*env, *unset]}
    os.environ.update(env)
    for key in unset:
        os.environ.pop(key, None)
    log = folder / "servers.log"
    model = current_model() or newest_model()
    procs = serve.start(rasa_port, actions_port, model=str(model) if model else None, endpoints=str(endpoints),
                        log=log, web_port=web_port)
    state = {"procs": procs, "tracker": tracker, "endpoints": serve.endpoints_for(actions_port, str(endpoints)),
             "log": log, "handover": env["HANDOVER_DATABASE_URL"], "web": f"http://127.0.0.1:{web_port}"}
    try:
        yield state
    finally:
        serve.stop(state["procs"])
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


class SocketResident:
    """A resident on the widget's socket.io channel, as the tests drive it: one session, long
    polling (python-socketio's websocket client needs a newer aiohttp than Rasa pins; the browser
    tests use the websocket). Made inside the test's event loop."""

    def __init__(self, url: str, session: str):
        import asyncio

        import socketio

        self.url, self.session = url, session
        self.sio = socketio.AsyncClient(reconnection=False, request_timeout=60)  # a busy 2-core CI machine
        self.confirmed, self.answers = asyncio.Queue(), asyncio.Queue()
        self.sio.on("session_confirm", lambda data: self.confirmed.put_nowait(data))
        self.sio.on("bot_uttered", lambda data: self.answers.put_nowait(data))

    async def open(self, timeout: float):
        """Connect and ask for the session; what the server confirms (within ``timeout`` s)."""
        import asyncio

        await self.sio.connect(self.url, transports=["polling"], socketio_path="/socket.io")
        await self.sio.emit("session_request", {"session_id": self.session})
        return await asyncio.wait_for(self.confirmed.get(), timeout)

    async def ask(self, message: str, timeout: float, gemeente: str = "Utrecht") -> list:
        """Every answer to ``message``: the first within ``timeout`` s, the rest until 3 s pass without one."""
        import asyncio

        await self.sio.emit("user_uttered", {"message": message, "session_id": self.session,
                                             "metadata": {"gemeente": gemeente}})
        got = [await asyncio.wait_for(self.answers.get(), timeout)]
        try:
            while True:
                got.append(await asyncio.wait_for(self.answers.get(), 3))
        except asyncio.TimeoutError:
            pass
        return got

    async def next_answer(self, timeout: float) -> dict:
        import asyncio

        return await asyncio.wait_for(self.answers.get(), timeout)

    async def close(self) -> None:
        await self.sio.disconnect()


@pytest.fixture
def socket_resident():
    """``SocketResident``, for tests that talk to the socket.io channel without a browser."""
    return SocketResident
