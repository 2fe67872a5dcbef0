"""The project's own Dutch spaCy pipeline: lemmas, and place names that are not ordinary words."""
import pytest

spacy = pytest.importorskip("spacy")

from bot.nlu.spacy_pipeline import build  # noqa: E402


@pytest.fixture(scope="module")
def nlp(tmp_path_factory):
    out = tmp_path_factory.mktemp("spacy") / "nl"
    assert build(out=out, force=True)
    assert not build(out=out), "an unchanged build is reused"
    return spacy.load(out)


def places(nlp, text):
    return [e.text for e in nlp(text).ents if e.label_ == "GEMEENTE"]


def test_dutch_lemmas(nlp):
    assert [t.lemma_ for t in nlp("schulden woonden")] == ["schuld", "wonen"]


@pytest.mark.parametrize("text,expected", [
    ("ik woon in Zwolle", ["Zwolle"]),
    ("wij wonen in den bosch", ["den bosch"]),
    ("ik woon in Echt", ["Echt"]),
    ("Mijn vader woont in Zetten.", ["Zetten"]),
])
def test_place_names_are_found(nlp, text, expected):
    assert places(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "ik heb een vraag over hem, het is echt mis",      # Een, Hem, Echt are villages too
    "mijn loon wordt niet betaald",                     # Loon (Assen)
    "ze gaan ons eruit zetten",                         # Zetten (Overbetuwe)
    "Een vraag over de huur.",                          # a capital at the start of a sentence
    "Hallo. Een vraag over de huur.",
])
def test_ordinary_words_are_not_places(nlp, text):
    assert places(nlp, text) == []
