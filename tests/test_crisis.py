"""The crisis net: its corpus, its cues, and what the trained model does with clear cases.

The clear cases below were written for these tests; the model's measured quality on text it has
not seen is in docs/evaluation.md (leave-one-writer-out and the held-out rounds), not here.
"""
import collections

import pytest

from bot.crisis import features
from bot.crisis.corpus import CorpusError, load_corpus
from bot.crisis.model import CRISIS_LABELS, CrisisModel
from bot.crisis.text import clauses, fold


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


@pytest.fixture(scope="module")
def model(crisis_model):
    return crisis_model


def test_the_corpus_is_large_varied_and_has_hard_negatives(corpus):
    labels = collections.Counter(e.label for e in corpus)
    assert len(corpus) >= 2000
    assert all(labels[c] >= 500 for c in CRISIS_LABELS)
    assert sum(e.hard for e in corpus) >= 500
    assert len({e.writer for e in corpus}) >= 4
    for lang in ("en", "pl"):
        assert {e.label for e in corpus if e.lang == lang} == {"none", *CRISIS_LABELS}


def test_a_broken_corpus_line_names_file_and_line(tmp_path):
    (tmp_path / "x.jsonl").write_text('{"label": "112", "text": "help"}\n{"label": "999", "text": "x"}\n')
    with pytest.raises(CorpusError, match="x.jsonl:2"):
        load_corpus(tmp_path)


@pytest.mark.parametrize("text, cue", [
    ("hij staat nu voor de deur", "now"),
    ("right now he is shouting", "now"),
    ("dat was twintig jaar geleden", "past"),
    ("toen ik klein was sloeg mijn vader ons", "past"),
    ("sinds vorige week", "recent"),
    ("ik ben niet suïcidaal, wel moe", "negation"),
    ("hij is niet gevaarlijk", "negation"),
    ("als leerkracht wil ik weten wat het protocol is", "professional"),
])
def test_cues(text, cue):
    assert features.cues(text)[cue]


def test_no_cue_in_a_plain_question():
    assert not any(features.cues("waar vraag ik huurtoeslag aan").values())


def test_fold_keeps_other_scripts_and_drops_accents():
    assert fold("Suïcidaal  MĄŻ") == "suicidaal maz"
    assert fold("زوجي") == "زوجي"


def test_clauses_split_a_story():
    assert clauses("Ik heb schulden. Mijn man slaat me. Wat moet ik doen?") == [
        "Ik heb schulden.", "Mijn man slaat me.", "Wat moet ik doen?"]


@pytest.mark.parametrize("text, label", [
    ("mijn vader ademt niet meer en is helemaal blauw", "112"),
    ("er komt rook onder de deur van de buren vandaan en niemand doet open", "112"),
    ("mijn dochter van 2 heeft wc-reiniger gedronken", "112"),
    ("ik heb alles geregeld en afscheidsbrieven geschreven, morgen ben ik er niet meer", "113"),
    ("ik zie geen enkele reden meer om door te gaan met leven", "113"),
    ("mijn vriend pakt elke maand mijn loon af en ik mag niemand meer zien", "veilig_thuis"),
    ("de buurman schreeuwt elke avond tegen zijn kinderen en ze hebben steeds blauwe plekken", "veilig_thuis"),
])
def test_clear_dutch_crises_are_sure(model, text, label):
    a = model.assess(text)
    assert (a.label, a.tier) == (label, "sure"), a


@pytest.mark.parametrize("text, label", [
    ("my husband collapsed and he is not breathing", "112"),
    ("i have saved up pills and i want to end it tonight", "113"),
    ("mój mąż nie oddycha i jest cały siny", "112"),
    ("nie chcę już żyć, mam wszystko przygotowane", "113"),
    ("mój partner zabiera mi pieniądze i nie pozwala mi wychodzić z domu", "veilig_thuis"),
])
def test_crises_in_english_and_polish_are_read(model, text, label):
    a = model.assess(text)
    assert a.label == label and a.tier == "sure", a


@pytest.mark.parametrize("text", [
    "hoe vraag ik een paspoort aan",
    "ik wil huurtoeslag aanvragen, ik woon sinds kort alleen",
    "mijn telefoon is dood, kan ik ook bellen met de gemeente",
    "ik heb een vraag over de WW, ik ben vorige maand ontslagen",
    "how do i apply for a parking permit",
])
def test_ordinary_questions_are_no_crisis(model, text):
    assert model.assess(text).tier is None


@pytest.mark.parametrize("text", [
    "mijn vader sloeg ons toen ik klein was, dat is dertig jaar geleden; nu zoek ik hulp voor mijn zoon op school",
    "ik ben niet suïcidaal hoor, ik wil alleen weten hoe ik schuldhulp aanvraag",
    "als docent wil ik weten welk protocol er is als een leerling over zelfmoord praat",
])
def test_near_misses_are_not_sure(model, text):
    assert model.assess(text).tier != "sure"


def test_a_pattern_the_model_does_not_believe_still_gives_a_safety_sentence(model):
    scores = {"112": 0.01, "113": 0.02, "veilig_thuis": 0.01}
    a = model.decide(scores, ("suicidaal",))
    assert a.tier == "possible" and a.label == "113"
    assert model.decide(scores, ()).tier is None


def test_tiers_follow_the_thresholds(model):
    scores = {"112": 0.05, "113": 0.3, "veilig_thuis": 0.1}
    assert model.decide(scores, (), sure=0.25, possible=0.1).tier == "sure"
    assert model.decide(scores, (), sure=0.4, possible=0.2).tier == "possible"
    assert model.decide(scores, (), sure=0.4, possible=0.35).tier is None


def test_danger_to_life_comes_first_below_the_sure_threshold():
    from bot.crisis.model import CrisisModel

    scores = {"112": 0.3, "113": 0.05, "veilig_thuis": 0.35, "none": 0.3}
    plain = CrisisModel(sure=0.4, possible=0.15)
    assert (plain.decide(scores, ()).label, plain.decide(scores, ()).tier) == ("veilig_thuis", "possible")
    first = CrisisModel(sure=0.4, possible=0.15, sure_112=0.25)
    assert (first.decide(scores, ()).label, first.decide(scores, ()).tier) == ("112", "sure")
    # below it, or another class sure: the usual tiers
    assert first.decide({**scores, "112": 0.2}, ()).tier == "possible"
    assert first.decide({"112": 0.3, "113": 0.6, "veilig_thuis": 0.05, "none": 0.05}, ()).label == "113"


def test_suicidal_and_acting_now_is_112_first():
    from bot.crisis.model import CrisisModel

    # on the roof, pills taken, driving off to do it: sure 113, but the 112 class is high too
    acting = {"112": 0.4, "113": 0.6, "veilig_thuis": 0.0, "none": 0.0}
    thoughts = {"112": 0.1, "113": 0.85, "veilig_thuis": 0.0, "none": 0.05}
    judge = CrisisModel(sure=0.4, possible=0.15, attempt_112=0.35)
    assert (judge.decide(acting, ()).label, judge.decide(acting, ()).tier) == ("112", "sure")
    assert judge.decide(acting, ()).score == 0.6  # still the net's certainty that this is a crisis
    assert judge.decide(thoughts, ()).label == "113"
    assert CrisisModel(sure=0.4, possible=0.15).decide(acting, ()).label == "113"
    # only for a sure 113: a possible one stays a safety sentence, Veilig Thuis stays Veilig Thuis
    assert judge.decide({"112": 0.36, "113": 0.38, "veilig_thuis": 0.0, "none": 0.26}, ()).tier == "possible"
    assert judge.decide({"112": 0.36, "113": 0.0, "veilig_thuis": 0.6, "none": 0.04}, ()).label == "veilig_thuis"


def test_the_model_survives_a_save_and_load(model, tmp_path):
    model.save(tmp_path / "m.joblib")
    again = CrisisModel.load(tmp_path / "m.joblib")
    text = "mijn vader ademt niet meer"
    assert again.assess(text) == model.assess(text)


def test_an_empty_message_is_no_crisis(model):
    assert model.assess("  ").tier is None
