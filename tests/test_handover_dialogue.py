"""The handover's reading of answers and its summary (issue 12), without a Rasa server."""
import pytest

from bot.handover import dialogue as hd
from bot.handover.summary import as_text, build, for_whom, tried


@pytest.mark.parametrize("text,intent,want", [
    ("ja", "affirm", True),
    ("Ja, dat is goed.", "affirm", True),
    ("Ja graag, geef het maar door", None, True),
    ("Ja, mijn moeder zit naast me en vindt het goed.", "need_huishoudelijke_hulp", True),
    ("/affirm", "affirm", True),
    ("nee", "deny", False),
    ("nee hoor, ik bel zelf wel", None, False),
    ("/deny", "deny", False),
    # an answer to something else, or more story: not an answer to the offer
    ("Nee, we hebben nog niks bij de gemeente aangevraagd.", "deny", None),
    ("Moet ik daar zelf iets voor betalen?", "followup_costs", None),
    ("Mijn moeder is 81 en heeft steeds minder gevoel in haar benen.", "need_persoonlijke_verzorging", None),
])
def test_the_answer_to_the_offer(text, intent, want):
    assert hd.answer_to_offer(text, intent) is want


@pytest.mark.parametrize("text,want", [
    ("Bel mij", "telefoon"), ("Mail mij", "e-mail"), ("Stuur een brief", "brief"), ("Ik bel zelf", "zelf"), ("Iets veranderen", "veranderen"),
    ("06-12345678", "telefoon"), ("jan.jansen@example.nl", "e-mail"), ("weet ik niet", None),
])
def test_the_contact_choice_from_a_button_or_typed(text, want):
    assert hd.contact_way(text) == want


def test_a_reference_code_is_found_in_what_the_resident_types():
    assert hd.is_referral_code("mijn code is lw-ab2cd-ef3gh") == "LW-AB2CD-EF3GH"
    assert hd.is_referral_code("ik heb geen code") is None


ROUTE = {"primary": {"loket_type": "gemeente-wmo", "naam": "Wmo-loket", "law": "wmo2015", "bron": "routeringsregels.md"},
         "also": [{"loket_type": "clientondersteuning", "naam": "Cliëntondersteuning"}]}
STORY = ["Mijn vader heeft dementie en de trap lukt niet meer. Mijn bsn is 111222333, bel 06-12345678.",
         "De thuiszorg zei dat we bij de gemeente moeten zijn. We staan al op een wachtlijst."]


def test_the_summary_holds_the_story_masked_and_what_was_tried():
    s = build(STORY, ROUTE, [{"code": "woningaanpassing", "naam": "Aanpassing in huis, zoals een traplift"}],
              {"code": "GM0344", "naam": "Utrecht"})
    flat = str(s)
    assert "111222333" not in flat and "06-12345678" not in flat
    assert "dementie" in flat and s["voor_wie"] == "ouder"
    assert any("thuiszorg zei" in t for t in s["al_geprobeerd"])
    assert s["loket"]["wet"] == "wmo2015" and s["loket"]["bron"]
    assert "Cliëntondersteuning" in s["ook_betrekken"]


def test_only_the_chosen_contact_detail_stays_in_the_summary():
    s = build(STORY, ROUTE, [], None, contact={"manier": "telefoon", "gegeven": "06-87654321"})
    assert s["contact"]["gegeven"] == "06-87654321"
    assert "06-12345678" not in str(s)


def test_a_correction_is_added_masked():
    s = build(STORY, ROUTE, [], None, corrections=["Het is voor mijn moeder, niet mijn vader. Mail a@b.nl"])
    assert s["aanvullingen"] and "a@b.nl" not in str(s)
    assert any("Aanvulling" in line for line in as_text(s)[0].splitlines())


def test_who_the_help_is_for_is_the_first_person_named():
    assert for_whom(["Mijn vrouw is ziek en mijn zoon helpt"]) == "partner"
    assert for_whom(["Ik kan niet meer schoonmaken"]) == "de inwoner zelf"


def test_the_readable_summary_is_short():
    text = as_text(build(STORY, ROUTE, [{"code": "x", "naam": "Traplift"}], None))[0]
    assert text.startswith("Dit geef ik door aan Wmo-loket") and len(text.split()) < 120


def test_tried_needs_an_organisation_and_what_it_did():
    assert tried(["De gemeente heeft het afgewezen.", "Ik ben moe."]) == ["De gemeente heeft het afgewezen."]
