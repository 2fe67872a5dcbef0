"""Facts from what the resident already did change the advice (issue 11): someone who already
bought the stairlift is not told "koop nog niets"."""
import pytest

from bot.nlu.signals import facts
from bot.routing import Context, default_table, route

TABLE = default_table()


@pytest.mark.parametrize("text, bought", [
    ("Ik heb al een traplift gekocht, kan ik de rekening bij de gemeente indienen?", True),
    ("We hebben zelf een scootmobiel aangeschaft", True),
    ("we hebben de douche laten verbouwen en nu zegt de gemeente nee", True),
    ("ik wil een traplift kopen", None),
    ("ik wil de douche laten aanpassen", None),
])
def test_already_bought_is_read_from_the_question(text, bought):
    assert facts(text).al_gekocht is bought


@pytest.mark.parametrize("need", ["woningaanpassing", "vervoer_hulpmiddel"])
def test_already_bought_changes_the_next_step_not_the_door(need):
    gemeente = TABLE.gemeenten["GM0344"]
    before = route([need], gemeente, Context(), TABLE).primary
    after = route([need], gemeente, Context(al_gekocht=True), TABLE).primary
    assert after.loket_type == before.loket_type == "gemeente-wmo"
    assert "nog niets" in before.volgende_stap and "nog niets" not in after.volgende_stap
    assert "bezwaar" in after.volgende_stap and "6 weken" in after.volgende_stap


def test_a_plan_to_buy_is_not_already_bought():
    # mevrouw De Wit wants to have a stairlift placed: she still must report first (principle 7)
    assert facts("ik wil zelf meteen een traplift laten plaatsen, kan ik de rekening later indienen?").al_gekocht is None
