"""A resident who does not write Dutch: the language is recognised and the answer comes in it."""
import pytest

from bot.dialogue.languages import reply
from bot.nlu.language import detect


@pytest.mark.parametrize("text, code", [
    ("My husband lost his job and we cannot pay the rent anymore", "en"),
    ("Straciłem pracę i nie mam pieniędzy na czynsz", "pl"),
    ("İşimi kaybettim ve kirayı ödeyemiyorum", "tr"),
    ("فقدت عملي ولا أستطيع دفع الإيجار", "ar"),
])
def test_other_languages_are_recognised(text, code):
    assert detect(text).code == code


@pytest.mark.parametrize("text", [
    "ik kan mijn huis niet meer schoonhouden",
    "mn moeder ken nie meer douchen",          # spoken Dutch, dialect spelling
    "I need bijstand pls",                     # mixed: a Dutch answer is right
    "hallo", "ok", "thanks",                   # too short to tell: Dutch
    "",
])
def test_dutch_mixed_and_short_messages_count_as_dutch(text):
    assert detect(text).dutch


@pytest.mark.parametrize("code, words", [
    ("en", ["only help in Dutch", "112", "113", "0800-0113", "0800-2000"]),
    ("pl", ["po niderlandzku", "112", "113", "0800-2000"]),
    ("tr", ["Felemenkçe", "112", "113", "0800-2000"]),
    ("ar", ["الهولندية", "112", "113", "0800-2000"]),
])
def test_the_reply_is_in_the_residents_language_with_the_three_numbers(table, code, words):
    text = " ".join(reply(table, code))
    for word in words:
        assert word in text


def test_the_crisis_number_comes_first(table):
    first = reply(table, "pl", "zelfmoordpreventie-113")[0]
    assert "113" in first and "112" not in first
    assert reply(table, "en", "alarmnummer-112")[0].startswith("Is someone in danger right now? Call 112")


def test_numbers_come_from_the_routing_table(table):
    # the texts hold no phone number of their own: change the table and the answer follows
    from dataclasses import replace

    lokets = dict(table.national_lokets)
    lokets["veilig-thuis"] = tuple(replace(v, telefoon="0800-1234") for v in lokets["veilig-thuis"])
    other = replace(table, national_lokets=lokets)
    assert "0800-1234" in " ".join(reply(other, "en"))


def test_geez_script_is_not_taken_for_dutch():
    assert detect("ሰላም፡ ሓገዝ የድልየኒ እየ").code == "ti"


@pytest.mark.parametrize("text", ["gemeente Súdwest-Fryslân", "banaan banaan banaan"])
def test_three_words_are_too_few_to_call_a_language(text):
    assert detect(text).dutch


@pytest.mark.parametrize("language, word", [("en", "municipality"), ("pl", "gminie"), ("tr", "belediyede"),
                                            ("ar", "بلدية"), ("so", "municipality")])
def test_the_gemeente_is_asked_in_the_residents_language(language, word):
    from bot.dialogue import languages

    assert word in languages.ask_gemeente(language) and "gemeente" in languages.ask_gemeente(language)
    assert languages.ask_gemeente("nl") is None
