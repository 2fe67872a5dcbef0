"""Short first, more on request: the chat's first answer and the answers to follow-up questions."""
import datetime as dt

import pytest
import yaml

from bot.dialogue import followups, replies
from bot.routing import Context, default_table, route

TABLE = default_table()


def route_json(needs, gemeente="GM0363"):
    return replies.route_json(route(needs, TABLE.gemeenten[gemeente], Context(), TABLE))


@pytest.mark.parametrize("needs", [["huishoudelijke_hulp"], ["schulden"], ["bijstand"], ["ww"],
                                   ["schulden", "opvoeden"], ["wlz_aanvragen"], ["zorgverzekering"]])
def test_the_first_answer_is_short_and_names_the_door_and_a_next_step(needs):
    r = route_json(needs)
    texts = followups.short_answer(r)
    assert followups.words(texts) <= 70, texts  # about 60 (docs/evaluation.md: median and max)
    assert r["primary"]["naam"] in texts[0]
    assert any(t.startswith("Wat u nu kunt doen:") for t in texts), texts
    full = replies.route_messages(route(needs, TABLE.gemeenten["GM0363"], Context(), TABLE))
    assert followups.words(texts) < followups.words(full)


def test_the_cost_button_is_offered_only_when_the_route_knows_the_costs():
    with_costs = route_json(["huishoudelijke_hulp"])
    assert with_costs["primary"].get("kosten")
    assert "/followup_costs" in [b["payload"] for b in followups.buttons(with_costs)]
    no_costs = {"primary": {"naam": "X", "law": "geen", "loket_type": "huisarts", "contact": {}}}
    assert "/followup_costs" not in [b["payload"] for b in followups.buttons(no_costs)]
    assert "/not_understood" in [b["payload"] for b in followups.buttons(no_costs)]


def test_costs_and_what_to_bring_come_from_the_route():
    r = route_json(["huishoudelijke_hulp"])
    cost = " ".join(followups.answer("followup_costs", r))
    assert " ".join(r["primary"]["kosten"].split())[:40] in cost
    bring = " ".join(followups.answer("followup_bring", r))
    assert r["primary"]["meenemen"][0].rstrip(".") in bring


def test_duration_and_objection_follow_the_law_of_the_route():
    wmo = followups.answer("followup_duration", route_json(["huishoudelijke_hulp"]))[0]
    assert "6 weken" in wmo and "2 weken" in wmo
    debts = followups.answer("followup_duration", route_json(["schulden"]))[0]
    assert "3 werkdagen" in debts
    objection = followups.answer("followup_objection", route_json(["bijstand"]))[0]
    assert "bezwaar" in objection and "6 weken" in objection
    insurer = followups.answer("followup_objection", route_json(["zorgverzekering"]))[0]
    assert "SKGZ" in insurer and "bezwaar" not in insurer


def test_anonymous_depends_on_the_loket():
    vt = {"primary": {"naam": "Veilig Thuis", "law": "wmo2015", "loket_type": "veilig-thuis", "contact": {}}}
    assert "zonder uw naam" in followups.answer("followup_anonymous", vt)[0]
    wmo = followups.answer("followup_anonymous", route_json(["huishoudelijke_hulp"]))[0]
    assert "uw naam en gegevens nodig" in wmo


def test_not_understood_gives_one_short_sentence_one_step_and_a_person():
    r = route_json(["huishoudelijke_hulp"])
    texts = followups.answer("not_understood", r, "Amsterdam")
    assert len(texts) == 3
    sentences = [s for t in texts for s in followups._SENTENCE.split(t)]
    assert all(len(s.split()) <= 12 for s in sentences), texts
    assert r["primary"]["naam"] in texts[0]
    assert "praten" in texts[2]


def test_other_help_names_the_other_doors_and_clientondersteuning():
    r = route_json(["schulden", "opvoeden"])
    text = " ".join(followups.answer("followup_other_help", r))
    assert all(s["naam"] in text for s in r["also"] if s["loket_type"] != "clientondersteuning")
    assert "cliëntondersteuner" in text


def test_a_follow_up_without_a_route_asks_what_it_is_about():
    assert followups.answer("followup_costs", None) == [followups.NO_ROUTE_YET]


def test_every_follow_up_intent_has_an_answer():
    r = route_json(["bijstand"])
    for intent in followups.INTENTS:
        assert followups.answer(intent, r), intent
    with pytest.raises(ValueError):
        followups.answer("need_bijstand", r)


def test_every_follow_up_fact_has_bron_and_peildatum():
    data = yaml.safe_load(followups.FOLLOWUPS_FILE.read_text(encoding="utf-8"))
    for kind in ("termijn", "bezwaar", "anoniem"):
        for key, fact in data[kind].items():
            assert fact["text"] and fact["bron"] and isinstance(fact["peildatum"], dt.date), (kind, key)
    assert set(data["besluit_laws"]) <= set(TABLE.laws), set(data["besluit_laws"]) - set(TABLE.laws)


def test_the_first_answer_says_what_it_costs_and_offers_client_support_where_the_route_does():
    texts = followups.short_answer(route_json(["huishoudelijke_hulp"]))
    assert any(t.startswith("Kosten: ") for t in texts)
    assert followups.CLIENTONDERSTEUNING_SHORT in texts
    texts = followups.short_answer(route_json(["ww"]))
    assert followups.CLIENTONDERSTEUNING_SHORT not in texts


def test_the_same_door_again_is_said_in_one_sentence_with_only_what_is_new():
    earlier = route_json(["belastingdienst_toeslagen"] if "belastingdienst_toeslagen" in TABLE.needs else ["toeslagen"])
    later = route_json(["toeslagen", "digitale_hulp"])
    texts = followups.same_door(later, earlier)
    assert texts[0].startswith("Daarvoor blijft") and later["primary"]["naam"] in texts[0]
    assert texts != followups.short_answer(later)
    new = [s["naam"] for s in later["also"] if s["loket_type"] not in {x["loket_type"] for x in earlier["also"]}
           and s["loket_type"] != "clientondersteuning"]
    assert all(n in " ".join(texts) for n in new)
    answered = followups.same_door(later, earlier, "followup_objection")
    assert any("bezwaar" in t for t in answered)


@pytest.mark.parametrize("text, intent", [
    ("Wat kost zo'n stoel ons als het via de gemeente gaat?", "followup_costs"),
    ("en hoe lang duurt dat dan", "followup_duration"),
    ("welk nummer moet ik bellen", "followup_contact"),
    ("wat als ze nee zeggen, kan ik dan bezwaar maken", "followup_objection"),
    ("ik heb ook nog schulden", None),
])
def test_the_aspect_of_a_question_that_goes_to_the_same_door(text, intent):
    assert followups.aspect(text) == intent


def test_the_same_door_with_new_advice_says_the_new_step():
    from bot.routing import Context

    gemeente = TABLE.gemeenten["GM0106"]
    before = replies.route_json(route(["vervoer_hulpmiddel"], gemeente, Context(), TABLE))
    after = replies.route_json(route(["vervoer_hulpmiddel"], gemeente, Context(al_gekocht=True), TABLE))
    texts = followups.same_door(after, before)
    assert any("bezwaar" in t and "rekening" in t for t in texts), texts
