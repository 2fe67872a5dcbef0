"""Dialogue decisions that do not depend on Rasa (bot/dialogue/turns.py)."""
import pytest


@pytest.mark.parametrize("text, corrects", [
    ("nee, geen wijkteam, ik wil alleen hulp met de schulden", True),
    ("niet het wijkteam maar schuldhulp", True),
    ("dat klopt niet, ik zoek werk", True),
    ("ik heb ook schulden", False),
    ("geen idee wat ik moet doen, ik heb schulden", False),
])
def test_a_no_with_content_replaces_the_needs(text, corrects):
    from bot.dialogue import turns

    assert turns.is_correction(text) is corrects


def test_after_a_no_the_runner_up_needs_are_offered_never_a_crisis():
    from bot.dialogue import turns
    from bot.routing import default_table

    table = default_table()
    text, buttons = turns.runner_up_question(table, ["suicidaal", "schulden", "bijstand", "ww"])
    assert [b["payload"] for b in buttons] == ["/need_schulden", "/need_bijstand"]
    assert "eigen woorden" in text
    text, buttons = turns.runner_up_question(table, [])
    assert buttons == [] and "eigen woorden" in text


@pytest.mark.parametrize("text, asks", [
    ("Mijn moeder woont in Friesland en vergeet steeds meer", True),
    ("mijn ouders wonen in Zuid-Limburg", True),
    ("Mijn moeder woont in Zwolle en vergeet steeds meer", False),   # certain: Zwolle
    ("mijn zoon woont bij mij en spijbelt", False),
    ("mijn vader woont sinds kort alleen", False),
])
def test_help_for_someone_who_lives_elsewhere_asks_where(text, asks):
    from bot.dialogue import turns
    from bot.routing import default_table

    assert turns.lives_elsewhere(default_table(), text) is asks


def test_help_for_a_parent_who_lives_alone_in_a_province_asks_where():
    from bot.dialogue import turns
    from bot.routing import default_table

    assert turns.lives_elsewhere(default_table(), "Mijn moeder woont alleen in Friesland en vergeet veel")
