"""The production path (issue 14) against the machine's PostgreSQL and Redis: two Rasa servers and
an action server behind HAProxy (bot.production.stack), one conversation across both servers, the
lock under simultaneous messages, a server killed, the action server stopped, and the stores
unreachable at start. Runs when TEST_DATABASE_URL and REDIS_URL are set (.ci/run sets both) and
HAProxy is installed (`make test` installs it when run as root); skipped with a hint otherwise."""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

HINT = ("production tests skipped: they need TEST_DATABASE_URL=postgresql://127.0.0.1:5432/test, "
        "REDIS_URL=redis://127.0.0.1:6379/0 (.ci/run sets both) and HAProxy (apt-get install haproxy)")
PUBLIC, API, ACTIONS = 5480, 5481, 5460
RASA_PORTS, ACTION_PORT = (5401, 5402), 5451
DATABASE = "loketwijzer_production_test"


def _settings():
    url, redis_url = os.environ.get("TEST_DATABASE_URL"), os.environ.get("REDIS_URL")
    if not url or not redis_url or not (shutil.which("haproxy") or Path("/usr/sbin/haproxy").exists()):
        if os.environ.get("LOKETWIJZER_REQUIRE_PRODUCTION"):
            pytest.fail(HINT)  # CI: these tests must run
        pytest.skip(HINT)
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=DATABASE).render_as_string(hide_password=False), redis_url.rsplit("/", 1)[0] + "/2"


def _fresh_database(url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{DATABASE}"'))
        conn.execute(text(f'CREATE DATABASE "{DATABASE}"'))
    admin.dispose()


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    from bot.production.stack import Stack

    database_url, redis_url = _settings()
    _fresh_database(database_url)
    log = tmp_path_factory.mktemp("production") / "stack.log"
    s = Stack(rasa=2, actions=1, public_port=PUBLIC, api_port=API, actions_port=ACTIONS,
              first_rasa_port=RASA_PORTS[0], first_action_port=ACTION_PORT, database_url=database_url,
              redis_url=redis_url, log=log)
    s.start()
    yield s
    s.stop()


def post(port: int, sender: str, message: str, metadata=None, timeout: float = 120):
    body = {"sender": sender, "message": message, **({"metadata": metadata} if metadata else {})}
    req = urllib.request.Request(f"http://127.0.0.1:{port}/webhooks/rest/webhook", data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return " ".join(m.get("text", "") for m in json.loads(r.read()))


def stored_events(stack, sender: str):
    from sqlalchemy import create_engine, text

    engine = create_engine(stack.database_url)
    try:
        with engine.connect() as conn:
            return [(row.type_name, json.loads(row.data)) for row in conn.execute(
                text("SELECT type_name, data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender})]
    finally:
        engine.dispose()


def assert_each_event_once(events):
    keys = [json.dumps(data, sort_keys=True) for _, data in events]
    doubles = {k for k in keys if keys.count(k) > 1}
    assert not doubles, f"events stored twice: {list(doubles)[:3]}"


def assert_turns_not_interleaved(events):
    """Every user message is followed by its own actions up to action_listen before the next one."""
    turns, current = [], None
    for type_name, data in events:
        if type_name == "user":
            assert current is None or current[-1] == "action_listen", f"a message came in mid-turn: {current}"
            current = [data.get("text")]
            turns.append(current)
        elif type_name == "action" and current is not None:
            current.append(data.get("name"))
    assert current is None or current[-1] == "action_listen"
    return turns


def test_one_conversation_alternating_between_two_servers_is_answered_in_context(stack):
    a, b = stack.rasa_ports
    sender = "afwisselend"
    assert "Loketwijzer" in post(a, sender, "Hallo")
    assert "In welke gemeente" in post(b, sender, "Ik kan mijn huis niet meer schoonhouden")
    answer = post(a, sender, "Utrecht")  # server a must know what was asked on server b
    assert "U kunt het beste terecht bij" in answer and "Waar kan ik u mee helpen" not in answer, answer
    assert post(b, sender, "Wat kost dat?")
    events = stored_events(stack, sender)
    assert [d.get("text") for t, d in events if t == "user"] == [
        "Hallo", "Ik kan mijn huis niet meer schoonhouden", "Utrecht", "Wat kost dat?"]
    assert_each_event_once(events)
    assert_turns_not_interleaved(events)


def test_messages_of_one_conversation_at_the_same_moment_on_both_servers_are_serialised(stack):
    a, b = stack.rasa_ports
    sender = "tegelijk"
    post(a, sender, "Hallo", metadata={"gemeente": "Zwolle"})
    answers, errors = {}, []
    barrier = threading.Barrier(4)

    def send(port, text):
        try:
            barrier.wait()
            answers[text] = post(port, sender, text)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(repr(error))

    texts = ["Ik heb schulden en de post blijft liggen", "Mijn moeder heeft een scootmobiel nodig",
             "Ik zoek hulp bij de opvoeding van mijn zoon", "Ik kan de huur niet betalen"]
    threads = [threading.Thread(target=send, args=(port, t)) for port, t in zip([a, b, a, b], texts)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(240)
    assert not errors, errors
    assert set(answers) == set(texts) and all(answers.values()), answers
    events = stored_events(stack, sender)
    assert sorted(d.get("text") for t, d in events if t == "user") == sorted(["Hallo", *texts])
    assert_each_event_once(events)
    assert_turns_not_interleaved(events)


def test_the_balancer_sends_only_the_chat_and_readiness_outside(stack):
    with urllib.request.urlopen(f"{stack.url}/webhooks/ready/", timeout=30) as r:
        assert json.loads(r.read())["ready"] is True
    for path in ("/status", "/conversations/x/tracker", "/model/parse"):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{stack.url}{path}", timeout=30)
        assert err.value.code == 404
    with pytest.raises(urllib.error.HTTPError) as err:  # the API inside needs the token
        urllib.request.urlopen(f"{stack.api_url}/status", timeout=30)
    assert err.value.code == 401
    with urllib.request.urlopen(f"{stack.api_url}/status?token={stack.token}", timeout=30) as r:
        assert json.loads(r.read())["model_file"]


def test_stopped_action_server_gives_a_clear_message_and_the_conversation_goes_on(stack):
    sender = "zonder-acties"
    assert "Loketwijzer" in post(stack.public_port, sender, "Hallo", metadata={"gemeente": "Utrecht"})
    action = stack.action_procs[ACTION_PORT]
    stack.kill(action)
    try:
        answer = post(stack.public_port, sender, "Ik kan mijn huis niet meer schoonhouden")
        assert "Probeer het over een paar minuten nog eens" in answer, answer
        assert "utrecht.nl" in answer and "112" in answer, answer
        assert answer.count("Het lukt nu even niet") == 1
    finally:
        from bot.tools.waiting import wait_for

        stack.start_action_server(ACTION_PORT)
        assert wait_for(f"http://127.0.0.1:{ACTION_PORT}/health", [stack.action_procs[ACTION_PORT]], 300)
    deadline = time.monotonic() + 30  # the balancer marks the action server up again (rise 2)
    answer = ""
    while time.monotonic() < deadline and "U kunt het beste terecht bij" not in answer:
        answer = post(stack.public_port, sender, "Ik kan mijn huis niet meer schoonhouden")
        time.sleep(1)
    assert "U kunt het beste terecht bij" in answer, answer


def test_a_killed_rasa_server_is_passed_over_and_the_conversation_goes_on(stack):
    sender = "server-weg"
    assert "Loketwijzer" in post(stack.public_port, sender, "Hallo")
    assert "In welke gemeente" in post(stack.public_port, sender, "Mijn vader heeft een rolstoel nodig")
    stack.kill(stack.rasa_procs[RASA_PORTS[0]])
    answers = [post(stack.public_port, sender, "Deventer"), post(stack.public_port, sender, "Wat moet ik meenemen?")]
    assert "U kunt het beste terecht bij" in answers[0], answers
    assert all(answers), answers
    events = stored_events(stack, sender)
    assert [d.get("text") for t, d in events if t == "user"][-2:] == ["Deventer", "Wat moet ik meenemen?"]
    assert_each_event_once(events)
    # it comes back (as the stack's supervisor restarts it) and is ready for the next tests
    from bot.tools.waiting import wait_for

    port = RASA_PORTS[0]
    stack.start_rasa_server(port)
    assert wait_for(f"http://127.0.0.1:{port}/webhooks/ready/", [stack.rasa_procs[port]], 600)


def _server_with(tmp_path, stack, tracker_url: str, redis_url: str):
    """A lone Rasa server with the production endpoints and the given stores; its exit code and output."""
    from bot.production.stack import ENDPOINTS
    from bot.tools.serve import rasa_server

    log = tmp_path / "server.log"
    env = dict(stack.env(), TRACKER_DATABASE_URL=tracker_url, REDIS_URL=redis_url)
    with open(log, "wb") as out:
        proc = rasa_server(5409, str(ENDPOINTS), stack.model, out, env=env)
        try:
            code = proc.wait(timeout=300)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            pytest.fail("the server kept running (or hung) with an unreachable store")
    return code, log.read_text(errors="replace")


def test_an_unreachable_database_at_start_is_a_clear_error_without_the_password(stack, tmp_path):
    code, output = _server_with(tmp_path, stack, "postgresql://loket:geheim@127.0.0.1:1/nergens", stack.redis_url)
    assert code == 3
    assert "postgresql://loket:***@127.0.0.1:1/nergens" in output and "does not answer" in output
    assert "geheim" not in output and "Traceback" not in output


def test_an_unreachable_or_hanging_redis_at_start_is_a_clear_error(stack, tmp_path):
    code, output = _server_with(tmp_path, stack, stack.database_url, "redis://127.0.0.1:1/1")
    assert code == 3 and "Redis lock store at redis://127.0.0.1:1/1 does not answer" in output
    assert "Traceback" not in output
    silent = socket.socket()  # accepts connections, never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    try:
        code, output = _server_with(tmp_path, stack, stack.database_url, f"redis://127.0.0.1:{silent.getsockname()[1]}/1")
    finally:
        silent.close()
    assert code == 3 and "did not answer within 5 s" in output and "Traceback" not in output


def test_socketio_through_the_balancer_and_staff_messages_from_either_server_reach_the_resident(stack, monkeypatch,
                                                                                               socket_resident):
    """The widget's channel through HAProxy; a staff member's message may be appended through any
    Rasa server's API (the balancer picks one), and must still reach the socket, which is open on
    one server only: the servers share socket.io's rooms through Redis (SOCKETIO_MESSAGE_QUEUE)."""
    import asyncio
    import uuid

    from bot.handover import staff

    monkeypatch.setenv("RASA_TOKEN", stack.token)
    session = "sio-" + uuid.uuid4().hex

    async def talk():
        # long polling also keeps the session on one server behind the balancer
        resident = socket_resident(stack.url, session)
        assert await resident.open(timeout=30) == session
        got = await resident.ask("Ik kan mijn huis niet meer schoonhouden", timeout=120)
        staff_messages = []
        for port in stack.rasa_ports:  # straight to each server's API: one of them does not hold the socket
            monkeypatch.setenv("RASA_URL", f"http://127.0.0.1:{port}")
            await asyncio.get_running_loop().run_in_executor(None, staff.say, session, f"Bericht via {port}.")
            staff_messages.append((await resident.next_answer(30))["text"])
        await resident.close()
        return got, staff_messages

    got, staff_messages = asyncio.run(talk())
    assert "U kunt het beste terecht bij" in " ".join(m.get("text", "") for m in got), got
    assert staff_messages == [f"{staff.STAFF_PREFIX}Bericht via {port}." for port in stack.rasa_ports]
