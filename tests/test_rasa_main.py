"""The speed fix in bot.tools.rasa_main must check action server replies exactly as Rasa does."""
import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction

from bot.tools.rasa_main import fast_action_result_validation

REPLIES = [
    {"events": [], "responses": []},
    {"events": [{"event": "slot", "name": "gemeente", "value": "GM0344"}], "responses": [{"text": "Dank u."}]},
    {"events": [{"event": "slot", "name": "gemeente"}], "responses": []},
    {"events": "not a list", "responses": []},
    {"events": [{"name": "gemeente"}], "responses": []},
    {"events": [{"event": 42}], "responses": []},
]


def rasa_says(reply):
    try:
        validate(reply, RemoteAction.action_response_format_spec())
        return True
    except ValidationError:
        return False


@pytest.fixture(scope="module")
def patched():
    original = RemoteAction._validate_action_result
    fast_action_result_validation()
    yield RemoteAction._validate_action_result
    RemoteAction._validate_action_result = original


@pytest.mark.parametrize("reply", REPLIES)
def test_same_verdict_as_rasa(patched, reply):
    try:
        ours = patched(None, reply)
    except ValidationError as err:
        assert "Failed to validate Action server response" in err.message
        ours = False
    assert ours == rasa_says(reply)


def test_some_replies_are_refused():
    assert not all(rasa_says(r) for r in REPLIES)
