"""The custom NLU components on their own (no trained model needed)."""
import pytest
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components import FULL_TEXT, NO_WORDS, CrisisDetector, InputGuard


def run(text, max_chars=2000):
    guard = InputGuard({"max_chars": max_chars})
    detector = CrisisDetector({"out_of_scope_intent": "out_of_scope"})
    msg = Message(data={TEXT: text, INTENT: {"name": "need_schulden", "confidence": 0.9}})
    guard.process([msg])
    seen_by_model = msg.get(TEXT)
    detector.process([msg])
    return seen_by_model, msg


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "<br><p></p>"])
def test_a_message_without_words_gives_the_model_a_placeholder_and_is_out_of_scope(text):
    seen, msg = run(text)
    assert seen == NO_WORDS
    assert msg.get(FULL_TEXT) == text
    assert msg.get(INTENT)["name"] == "out_of_scope"


def test_long_input_is_cut_for_the_model_but_the_crisis_check_reads_all_of_it():
    text = "ik heb een vraag over de huur " * 4000 + "en ik wil niet meer leven"
    seen, msg = run(text)
    assert len(seen) <= 2000
    assert msg.get(INTENT)["name"] == "need_suicidaal"


def test_html_tags_are_dropped():
    seen, _ = run("<script>ik heb schulden</script>")
    assert "<" not in seen and "schulden" in seen


def test_an_ordinary_question_keeps_the_classifier_intent():
    seen, msg = run("ik heb schulden")
    assert seen == "ik heb schulden"
    assert msg.get(INTENT)["name"] == "need_schulden"
