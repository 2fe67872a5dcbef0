"""The need classifier reads the question without where someone lives (bot/nlu/places.py)."""
import pytest

from bot.nlu.places import without_place_clauses


@pytest.mark.parametrize("text, gone, kept", [
    ("Hij woont op zichzelf in Den Bosch en redt het niet. Wij wonen in Rotterdam. Waar vragen we begeleiding aan?",
     ["Den Bosch", "Rotterdam", "woont", "wonen"], ["Hij", "begeleiding", "redt het niet"]),
    ("Mijn moeder woont in 's-Hertogenbosch en kan niet meer douchen", ["Hertogenbosch", "woont"], ["Mijn moeder", "douchen"]),
    ("Ik woon in de Achterhoek met mijn twee kinderen. Mijn zoon is boos.", ["Achterhoek"], ["zoon is boos"]),
])
def test_place_clauses_are_dropped(text, gone, kept):
    out = without_place_clauses(text)
    assert not any(g in out for g in gone) and all(k in out for k in kept), out


@pytest.mark.parametrize("text", ["ik woon in Zwolle", "Wij wonen in Ede.",              # the answer to "in welke gemeente?"
                                  "Ik woon in een beschermde woonvorm en wil zelfstandig wonen",  # about housing itself
                                  "ik woon in zwolle en heb schulden"])                    # a place typed small: kept
def test_other_text_is_kept(text):
    assert without_place_clauses(text) == text
