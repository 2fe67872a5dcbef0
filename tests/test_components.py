"""The custom NLU components on their own (the crisis net trained once, no Rasa model needed)."""
import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.components import CRISIS, FULL_TEXT, LANGUAGE, NO_WORDS, AskBack, CrisisDetector, InputGuard, LanguageDetector


def run(text, crisis_model, intent="need_schulden", ranking=None, max_chars=2000):
    msg = Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.9},
                        INTENT_RANKING_KEY: ranking or [{"name": intent, "confidence": 0.9}]})
    InputGuard({"max_chars": max_chars}).process([msg])
    seen_by_model = msg.get(TEXT)
    LanguageDetector().process([msg])
    CrisisDetector({}, model=crisis_model).process([msg])
    return seen_by_model, msg


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "<br><p></p>"])
def test_a_message_without_words_gives_the_model_a_placeholder_and_is_out_of_scope(text, crisis_model):
    seen, msg = run(text, crisis_model)
    assert seen == NO_WORDS
    assert msg.get(FULL_TEXT) == text
    assert msg.get(INTENT)["name"] == "out_of_scope"


def test_long_input_is_cut_for_the_model_but_the_crisis_net_reads_all_of_it(crisis_model):
    text = "ik heb een vraag over de huur " * 4000 + ". Ik heb pillen gespaard en wil er vannacht een einde aan maken"
    seen, msg = run(text, crisis_model)
    assert len(seen) <= 2000
    assert msg.get(CRISIS)["label"] == "113" and msg.get(CRISIS)["tier"] in ("sure", "possible")


def test_html_tags_are_dropped(crisis_model):
    seen, _ = run("<script>ik heb schulden</script>", crisis_model)
    assert "<" not in seen and "schulden" in seen


def test_an_ordinary_question_keeps_the_classifier_intent(crisis_model):
    seen, msg = run("ik heb schulden", crisis_model)
    assert seen == "ik heb schulden"
    assert msg.get(INTENT)["name"] == "need_schulden"
    assert msg.get(CRISIS)["tier"] is None and msg.get(LANGUAGE)["code"] == "nl"


def test_a_sure_crisis_overrides_the_intent(crisis_model):
    _, msg = run("mijn vader ademt niet meer en is helemaal blauw", crisis_model, intent="need_dementie")
    assert msg.get(INTENT)["name"] == "need_levensgevaar"
    assert msg.get(INTENT_RANKING_KEY)[0]["name"] == "need_levensgevaar"


def test_a_crisis_intent_the_crisis_net_does_not_confirm_becomes_a_safety_sentence(crisis_model):
    ranking = [{"name": "need_suicidaal", "confidence": 0.5}, {"name": "need_digitale_hulp", "confidence": 0.3}]
    _, msg = run("hoe vraag ik een paspoort aan", crisis_model, intent="need_suicidaal", ranking=ranking)
    assert msg.get(INTENT)["name"] == "need_digitale_hulp"
    assert msg.get(CRISIS)["tier"] == "possible" and msg.get(CRISIS)["label"] == "113"


def test_the_language_is_in_the_parse(crisis_model):
    _, msg = run("my husband collapsed and he is not breathing", crisis_model)
    assert msg.get(LANGUAGE)["code"] == "en"
    assert msg.get(INTENT)["name"] == "need_levensgevaar"


def test_ask_back_turns_a_close_call_between_doors_into_a_fallback():
    ranking = [{"name": "need_bijstand", "confidence": 0.40}, {"name": "need_ww", "confidence": 0.36}]
    msg = Message(data={TEXT: "x", INTENT: ranking[0], INTENT_RANKING_KEY: ranking})
    AskBack({"margin": 0.1}).process([msg])
    assert msg.get(INTENT)["name"] == "nlu_fallback"
    assert [r["name"] for r in msg.get(INTENT_RANKING_KEY)][1:] == ["need_bijstand", "need_ww"]
    clear = [{"name": "need_bijstand", "confidence": 0.8}, {"name": "need_ww", "confidence": 0.1}]
    msg = Message(data={TEXT: "x", INTENT: clear[0], INTENT_RANKING_KEY: clear})
    AskBack({"margin": 0.1}).process([msg])
    assert msg.get(INTENT)["name"] == "need_bijstand"
