"""End to end through the REST channel: the Rasa server and the action server as `make run`
starts them, on their own ports, with their own SQLite tracker store."""
from __future__ import annotations

import json
import urllib.request

import pytest

from bot.tools import serve

RASA_PORT, ACTIONS_PORT = 5105, 5155


def post(message, sender="e2e", metadata=None):
    body = {"sender": sender, "message": message}
    if metadata:
        body["metadata"] = metadata
    req = urllib.request.Request(f"http://127.0.0.1:{RASA_PORT}/webhooks/rest/webhook", data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return [m.get("text", "") for m in json.loads(r.read())]


def get(path):
    with urllib.request.urlopen(f"http://127.0.0.1:{RASA_PORT}{path}", timeout=30) as r:
        return json.loads(r.read())


@pytest.fixture(scope="module")
def endpoints(tmp_path_factory):
    folder = tmp_path_factory.mktemp("e2e")
    path = folder / "endpoints.yml"
    # the action endpoint as endpoints.yml ships it (port 5055): serve.start must point the Rasa
    # server at the action server it starts on ACTIONS_PORT (make run ACTIONS_PORT=...)
    path.write_text(f"""action_endpoint:
  url: "http://localhost:5055/webhook"
tracker_store:
  type: SQL
  dialect: sqlite
  db: {folder / 'tracker.db'}
""")
    return str(path)


@pytest.fixture(scope="module")
def servers(endpoints):
    procs = serve.start(RASA_PORT, ACTIONS_PORT, endpoints=endpoints, quiet=True)
    yield procs
    serve.stop(procs)


def test_first_path_greet_question_answer_goodbye(servers):
    assert any("Loketwijzer" in t for t in post("hallo", sender="pad"))
    answer = post("Ik kan mijn huis niet meer schoonhouden", sender="pad", metadata={"gemeente": "Utrecht"})
    text = " ".join(answer)
    assert "U kunt het beste terecht bij" in text, answer    # composed by the custom action
    assert "Utrecht" in text or "buurtteam" in text.lower()
    assert post("doei, bedankt", sender="pad")


def test_gemeente_is_asked_when_unknown(servers):
    answer = post("mijn moeder heeft een scootmobiel nodig", sender="zonder-gemeente")
    assert any("In welke gemeente" in t for t in answer), answer
    answer = post("Zwolle", sender="zonder-gemeente")
    assert any("Zwolle" in t for t in answer), answer


@pytest.mark.parametrize("message", ["", "   ", "a " * 50000, "😀😀🙏", "<script>alert('x')</script>",
                                     "What is the weather like in London today?"])
def test_bad_input_gets_a_friendly_reply(servers, message):
    answer = post(message, sender="raar")
    assert answer and all(isinstance(t, str) for t in answer)
    assert "Traceback" not in " ".join(answer)
    assert get("/status")["model_file"]  # the server is still up


def test_conversation_survives_a_restart(endpoints, servers):
    post("ik heb schulden", sender="blijft", metadata={"gemeente": "Ede"})
    serve.stop(servers)
    servers[:] = serve.start(RASA_PORT, ACTIONS_PORT, endpoints=endpoints, quiet=True)
    events = get("/conversations/blijft/tracker")["events"]
    assert any(e.get("event") == "user" and e.get("text") == "ik heb schulden" for e in events)


def test_a_crisis_gets_the_number_first(servers):
    answer = post("mijn vader ademt niet meer en is helemaal blauw", sender="crisis-nl", metadata={"gemeente": "Ede"})
    assert answer and "112" in answer[0], answer


@pytest.mark.parametrize("message, first_words, number", [
    ("my husband collapsed and he is not breathing, what do i do", "Is someone in danger right now? Call 112", "112"),
    ("mój mąż nie oddycha i jest cały siny, co mam robić", "Czy ktoś jest teraz w niebezpieczeństwie? Zadzwoń pod 112", "112"),
    ("Kocam beni her gün dövüyor ve çocuklarımı tehdit ediyor, ne yapmalıyım", "", "0800-2000"),
    ("زوجي يضربني كل يوم وأنا خائفة على أطفالي، ماذا أفعل", "", "0800-2000"),
])
def test_a_resident_who_does_not_write_dutch_is_answered_in_their_language(servers, message, first_words, number):
    answer = post(message, sender=f"taal-{number}-{len(message)}", metadata={"gemeente": "Utrecht"})
    text = " ".join(answer)
    assert answer[0].startswith(first_words), answer
    assert number in text and "112" in text
    assert "In welke gemeente" not in text  # no Dutch form for someone who cannot read it


def test_other_ports_answer_with_the_composed_route(servers):
    # RASA_PORT/ACTIONS_PORT are not 5005/5055, and the endpoints file still names 5055: the
    # route text below only comes from the action server on ACTIONS_PORT
    answer = post("ik kan de huur niet meer betalen", sender="poorten", metadata={"gemeente": "Zwolle"})
    assert any("U kunt het beste terecht bij" in t for t in answer), answer


def test_endpoints_for_points_at_the_started_action_server_and_keeps_the_rest():
    import yaml

    written = yaml.safe_load(open(serve.endpoints_for(5056)))
    assert written["action_endpoint"]["url"] == "http://localhost:5056/webhook"
    assert written["tracker_store"]["db"] == "build/tracker.db"


def _route_command(url):
    """`python -m bot route` in a new process, as staff run it; says on stderr whether the process
    loaded Rasa itself."""
    import os
    import subprocess
    import sys

    from bot.paths import ROOT

    code = ("import sys; from bot.cli import main; rc = main(['route', 'Ik kan mijn huis niet meer schoonhouden', "
            "'--gemeente', 'Utrecht', '--json']); "
            "print('RASA_LOADED' if 'rasa.core.agent' in sys.modules else 'RASA_NOT_LOADED', file=sys.stderr); sys.exit(rc)")
    env = dict(os.environ, LOKETWIJZER_RASA_URL=url, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-800:]
    return json.loads(out.stdout), out.stderr


def test_route_asks_the_running_assistant_and_answers_as_the_local_model(servers):
    remote, remote_err = _route_command(f"http://127.0.0.1:{RASA_PORT}")
    assert remote_err.strip() == "RASA_NOT_LOADED"          # no model loaded, nothing else on stderr
    local, local_err = _route_command("off")
    assert local_err.strip() == "RASA_LOADED"               # and still no warnings for staff
    assert remote["route"] == local["route"] and remote["needs"] == local["needs"]
    assert remote["route"]["primary"]["loket_type"] in ("gemeente-wmo", "sociaal-wijkteam")


def test_route_without_a_server_does_not_wait_for_one():
    from bot.nlu.remote import RemoteInterpreter

    assert RemoteInterpreter.find("http://127.0.0.1:9") is None     # nothing listens there
    import os

    os.environ["LOKETWIJZER_RASA_URL"] = "off"
    try:
        assert RemoteInterpreter.find() is None
    finally:
        del os.environ["LOKETWIJZER_RASA_URL"]
