"""The load benchmark's correctness check (bench/load/check.py) on fabricated answer logs: it must
find lost, crossed, duplicated and unexpected answers, and find nothing in a clean log. No server,
no Locust, no timing: the benchmark itself runs with bench/load/run.sh (docs/performance.md)."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml

LOAD = Path(__file__).resolve().parent.parent / "bench" / "load"
sys.path.insert(0, str(LOAD))

from check import check, read_log  # noqa: E402
from conversations import GEMEENTEN, loketwijzer, reference  # noqa: E402

ROOT = LOAD.parent.parent


def answers_for(turn, gemeente):
    """What a correct Loketwijzer answer could look like for this turn."""
    if turn.kind == "gemeente":
        return [f"U kunt het beste terecht bij: Wmo-loket van de gemeente {gemeente}.", "Kosten: ..."]
    return [f"antwoord op {turn.kind}"]


def clean_log(users=3, transport="rest"):
    """Two conversations per user, every message answered in its own conversation."""
    records = []
    for user in range(users):
        for number in range(2):
            conversation = loketwijzer(user, number)
            sender = f"load-t-{transport}-u{user}-c{number}"
            for n, turn in enumerate(conversation.turns):
                replies = [{"text": t, "recipient": sender if transport == "rest" else None}
                           for t in answers_for(turn, conversation.token)]
                records.append({"type": "turn", "transport": transport, "conversation": sender, "turn": n,
                                "kind": turn.kind, "text": turn.text, "token": conversation.token,
                                "expect": turn.expect, "status": "ok", "error": None, "replies": replies})
    return records


def find(records, user, number, kind):
    sender_part = f"-u{user}-c{number}"
    return next(r for r in records if r["conversation"].endswith(sender_part) and r["kind"] == kind)


def faults(result):
    return {k: result[k] for k in ("errors", "lost", "crossed", "duplicated", "unexpected") if result[k]}


@pytest.mark.parametrize("transport", ["rest", "socketio"])
def test_a_clean_log_has_no_faults(transport):
    records = clean_log(transport=transport)
    result = check(records)
    assert result["messages"] == result["answered"] == 3 * 2 * 4
    assert faults(result) == {}


def test_answers_swapped_between_two_conversations_are_two_crossings():
    records = clean_log()
    a, b = find(records, 0, 0, "gemeente"), find(records, 1, 0, "gemeente")
    a["replies"], b["replies"] = b["replies"], a["replies"]
    result = check(records)
    assert result["crossed"] == 2
    assert {e["conversation"] for e in result["examples"]["crossed"]} == {a["conversation"], b["conversation"]}


def test_a_foreign_gemeente_in_any_answer_is_a_crossing():
    records = clean_log()
    thanks = find(records, 2, 1, "thanks")
    other = find(records, 0, 0, "gemeente")["token"]
    thanks["replies"].append({"text": f"De gemeente {other} helpt u verder.", "recipient": thanks["conversation"]})
    result = check(records)
    assert result["crossed"] == 1 and "another conversation's token" in result["examples"]["crossed"][0]["why"]


def test_a_rest_answer_addressed_to_another_sender_is_a_crossing():
    records = clean_log()
    greet = find(records, 1, 1, "greet")
    greet["replies"][0]["recipient"] = "load-t-rest-u2-c0"
    assert faults(check(records)) == {"crossed": 1}


def test_a_socket_answer_with_no_message_waiting_is_a_crossing():
    records = clean_log(transport="socketio")
    records.append({"type": "stray", "transport": "socketio", "conversation": "load-t-socketio-u0-c0",
                    "text": "Graag gedaan."})
    assert faults(check(records)) == {"crossed": 1}


def test_no_answer_or_no_acknowledgement_is_lost_and_a_failed_request_an_error():
    records = clean_log(transport="socketio")
    find(records, 0, 0, "question")["replies"] = []
    timed_out = find(records, 1, 0, "thanks")
    timed_out.update(status="timeout", error="no acknowledgement within 120 s", replies=[])
    find(records, 2, 0, "greet").update(status="error", error="HTTP 502", replies=[])
    result = check(records)
    assert faults(result) == {"lost": 2, "errors": 1}
    assert result["answered"] == result["messages"] - 3


def test_a_message_answered_twice_is_duplicated():
    records = clean_log()
    records.append(json.loads(json.dumps(find(records, 0, 1, "question"))))
    assert faults(check(records)) == {"duplicated": 1}


def test_a_route_answer_without_its_own_gemeente_is_unexpected_not_crossed():
    records = clean_log()
    find(records, 1, 0, "gemeente")["replies"] = [{"text": "In welke gemeente woont u?",
                                                   "recipient": find(records, 1, 0, "gemeente")["conversation"]}]
    assert faults(check(records)) == {"unexpected": 1}


def test_a_gemeente_inside_a_longer_name_is_not_a_crossing():
    records = clean_log()
    gemeente = find(records, 0, 0, "gemeente")
    gemeente["token"] = "Haarlemmermeer"
    gemeente["expect"] = ["Haarlemmermeer"]
    gemeente["replies"] = [{"text": "Wmo-loket van de gemeente Haarlemmermeer.", "recipient": gemeente["conversation"]}]
    thanks = find(records, 1, 0, "thanks")
    thanks["token"] = "Haarlem"  # another conversation's token that is part of the longer name
    assert faults(check(records)) == {}


def test_the_reference_bot_answers_of_the_other_path_are_unexpected():
    """Over socket.io the answers carry no recipient: the example bot's fixed answers must fit."""
    records = []
    for user in range(2):
        conversation = reference(user, 0)
        sender = f"load-t-socketio-u{user}-c0"
        for n, turn in enumerate(conversation.turns):
            records.append({"type": "turn", "conversation": sender, "turn": n, "kind": turn.kind, "text": turn.text,
                            "token": None, "expect": turn.expect, "status": "ok",
                            "replies": [{"text": t, "recipient": None} for t in turn.expect]})
    assert faults(check(records)) == {}
    happy, sad = records[1], records[5]
    assert happy["kind"] == sad["kind"] == "mood" and happy["expect"] != sad["expect"]
    happy["replies"], sad["replies"] = sad["replies"], happy["replies"]
    assert faults(check(records)) == {"unexpected": 2}


def test_read_log_reads_json_lines(tmp_path):
    records = clean_log(users=1)
    path = tmp_path / "load.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert read_log(path) == records
    assert read_log(tmp_path / "missing.jsonl") == []


def test_the_gemeente_tokens_are_real_distinct_and_unambiguous():
    gemeenten = yaml.safe_load((ROOT / "data" / "routing" / "gemeenten.yml").read_text(encoding="utf-8"))["gemeenten"]
    names = {g["naam"] for g in gemeenten}
    assert len(set(GEMEENTEN)) == len(GEMEENTEN) >= 50, "50 concurrent users need 50 different gemeenten"
    assert [g for g in GEMEENTEN if g not in names] == []
    for g in GEMEENTEN:
        inside = [o for o in GEMEENTEN if o != g and re.search(rf"(?<!\w){re.escape(g)}(?!\w)", o)]
        assert inside == [], f"{g} is part of {inside}"
        elsewhere = [x["naam"] for x in gemeenten if x["naam"] != g and
                     g in (x.get("plaatsen") or []) + (x.get("aliassen") or []) + (x.get("voormalige_gemeenten") or [])]
        assert elsewhere == [], f"{g} is also a place or former name in {elsewhere}"
