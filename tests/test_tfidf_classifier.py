"""The need classifier on its own: trained on a few examples, it ranks intents the way Rasa's
classifiers do, so the fallback, AskBack and the crisis net can read its output."""
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.tfidf_classifier import TfidfIntentClassifier, build_pipeline

EXAMPLES = {
    "need_schulden": ["ik heb schulden", "de deurwaarder staat voor de deur", "rekeningen stapelen zich op",
                      "ik kan mijn schulden niet betalen", "aanmaningen van de energie"],
    "need_traplift": ["ik kom de trap niet meer op", "een traplift aanvragen", "mijn knieen en de trap",
                      "boven slapen lukt niet meer", "de trap is te steil geworden"],
}


def trained(**config):
    texts = [t for ts in EXAMPLES.values() for t in ts]
    labels = [i for i, ts in EXAMPLES.items() for _ in ts]
    cfg = {**TfidfIntentClassifier.get_default_config(), **config}
    return TfidfIntentClassifier(cfg, model=build_pipeline(cfg).fit(texts, labels))


def test_it_reads_the_need_of_unseen_wording_and_ranks_every_intent():
    msg = Message(data={TEXT: "die deurwaarder en de schulden"})
    trained().process([msg])
    assert msg.get(INTENT)["name"] == "need_schulden"
    ranking = msg.get(INTENT_RANKING_KEY)
    assert [r["name"] for r in ranking] == ["need_schulden", "need_traplift"]
    assert ranking[0]["confidence"] > ranking[1]["confidence"]
    assert abs(sum(r["confidence"] for r in ranking) - 1.0) < 1e-6


def test_a_spelling_error_is_still_read_through_the_character_ngrams():
    msg = Message(data={TEXT: "trapplift"})
    trained().process([msg])
    assert msg.get(INTENT)["name"] == "need_traplift"


def test_the_ranking_length_is_kept():
    msg = Message(data={TEXT: "schulden"})
    trained(ranking_length=1).process([msg])
    assert len(msg.get(INTENT_RANKING_KEY)) == 1


def test_an_untrained_classifier_leaves_the_message_alone():
    msg = Message(data={TEXT: "ik heb schulden"})
    TfidfIntentClassifier({}).process([msg])
    assert msg.get(INTENT) is None
