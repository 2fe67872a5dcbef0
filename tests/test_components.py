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


def test_lone_surrogates_reach_neither_the_model_nor_the_crisis_net(crisis_model):
    """Rasa's /model/parse takes JSON that may hold lone surrogates (no channel cleaned it): the
    language detector could not read them and the parse failed."""
    seen, msg = run("ik heb schulden \ud800 en \udfff geen geld", crisis_model)
    assert "\ud800" not in seen and "\udfff" not in msg.get(FULL_TEXT) and "schulden" in seen
    assert msg.get(LANGUAGE)["code"] and msg.get(INTENT)["name"] == "need_schulden"


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


class _SureButNotVery:
    """A stand-in crisis net that is sure (0.7) of 113, whatever the text."""

    def assess(self, text):
        from bot.crisis.model import Assessment

        return Assessment(label="113", tier="sure", score=0.7, scores={"113": 0.7})


def _classified(text, out_of_scope, language="nl", intent="out_of_scope"):
    from bot.nlu.components import LANGUAGE

    ranking = sorted([{"name": "out_of_scope", "confidence": out_of_scope},
                      {"name": "need_schulden", "confidence": 1 - out_of_scope}], key=lambda r: -r["confidence"])
    msg = Message(data={TEXT: text, INTENT: dict(ranking[0]), INTENT_RANKING_KEY: ranking})
    msg.set(LANGUAGE, {"code": language, "confidence": 1.0})
    CrisisDetector({}, model=_SureButNotVery()).process([msg])
    return msg


def test_no_crisis_route_when_the_classifier_is_sure_it_is_no_help_question_but_still_a_safety_sentence():
    msg = _classified("ik ben dood in de game, hoe ga ik terug naar mijn opslagpunt", out_of_scope=0.8)
    assert msg.get(CRISIS)["tier"] == "possible" and msg.get(CRISIS)["label"] == "113"
    assert msg.get(INTENT)["name"] == "out_of_scope"


@pytest.mark.parametrize("out_of_scope, language", [(0.4, "nl"), (0.8, "uk")])
def test_the_crisis_route_stays_when_it_may_be_a_help_question_or_the_classifier_cannot_read_it(out_of_scope, language):
    msg = _classified("iets", out_of_scope=out_of_scope, language=language)
    assert msg.get(CRISIS)["tier"] == "sure"
    assert msg.get(INTENT)["name"] == "need_suicidaal"


class _SaysNothing:
    def assess(self, text):
        from bot.crisis.model import Assessment

        return Assessment(label="none", tier=None, score=0.05, scores={"113": 0.05})


def test_a_crisis_intent_behind_the_fallback_is_a_safety_sentence_not_the_first_need():
    # an unsure classifier (nlu_fallback first) whose best need is a crisis the net does not
    # confirm: the command line and the question back must not take that need as the route
    ranking = [{"name": "nlu_fallback", "confidence": 0.35}, {"name": "need_suicidaal", "confidence": 0.3},
               {"name": "need_wia", "confidence": 0.2}, {"name": "need_psychische_klachten", "confidence": 0.1}]
    msg = Message(data={TEXT: "na de zelfdoding van mijn man zoek ik lotgenoten", INTENT: dict(ranking[0]),
                        INTENT_RANKING_KEY: ranking})
    CrisisDetector({}, model=_SaysNothing()).process([msg])
    assert msg.get(CRISIS)["tier"] == "possible" and msg.get(CRISIS)["label"] == "113"
    names = [r["name"] for r in msg.get(INTENT_RANKING_KEY)]
    assert "need_suicidaal" not in names and names[:2] == ["nlu_fallback", "need_wia"]
    assert msg.get(INTENT)["name"] == "nlu_fallback"


class _SureAt:
    """A stand-in crisis net that is sure of Veilig Thuis at a given score, whatever the text."""

    def __init__(self, score):
        self.score = score

    def assess(self, text):
        from bot.crisis.model import Assessment

        return Assessment(label="veilig_thuis", tier="sure", score=self.score, scores={"veilig_thuis": self.score})


def _help_question(crisis_score, need_confidence):
    ranking = sorted([{"name": "need_dagbesteding", "confidence": need_confidence},
                      {"name": "need_huiselijk_geweld", "confidence": 0.9 - need_confidence}],
                     key=lambda r: -r["confidence"])
    msg = Message(data={TEXT: "ik zoek dagbesteding voor mijn broer, zijn vrouw heeft hem verlaten",
                        INTENT: dict(ranking[0]), INTENT_RANKING_KEY: ranking})
    msg.set(LANGUAGE, {"code": "nl", "confidence": 1.0})
    CrisisDetector({}, model=_SureAt(crisis_score)).process([msg])
    return msg


def test_a_confident_help_question_with_a_moderate_crisis_score_is_answered_with_a_safety_sentence():
    msg = _help_question(crisis_score=0.55, need_confidence=0.7)
    assert msg.get(CRISIS)["tier"] == "possible" and msg.get(CRISIS)["label"] == "veilig_thuis"
    assert msg.get(INTENT)["name"] == "need_dagbesteding"


@pytest.mark.parametrize("crisis_score, need_confidence", [(0.55, 0.3), (0.75, 0.7)])
def test_the_crisis_route_stays_when_the_help_need_is_unsure_or_the_crisis_net_is_surer(crisis_score, need_confidence):
    msg = _help_question(crisis_score, need_confidence)
    assert msg.get(CRISIS)["tier"] == "sure"
    assert msg.get(INTENT)["name"] == "need_huiselijk_geweld"
