"""From a Rasa parse result to needs: main need, a second need in another domain, crisis."""
import pytest

from bot.nlu.understand import NeedReader, best_guess


def parse(text, *ranking):
    ranking = [{"name": n, "confidence": c} for n, c in ranking]
    return {"text": text, "intent": ranking[0] if ranking else None, "intent_ranking": ranking, "entities": []}


def test_single_need(table):
    u = NeedReader(table).read(parse("ik kan niet meer poetsen", ("need_huishoudelijke_hulp", 0.9), ("need_begeleiding", 0.05)))
    assert u.needs == ("huishoudelijke_hulp",) and u.crisis is None


def test_second_need_in_another_domain_from_the_synonyms(table):
    u = NeedReader(table).read(parse("ik heb schulden en mijn zoon spijbelt steeds", ("need_schulden", 0.8), ("need_opvoeden", 0.1)))
    assert u.needs[0] == "schulden"
    assert len(u.needs) == 2 and table.needs[u.needs[1]].domein == "jeugd"


def test_no_second_need_in_the_same_domain(table):
    u = NeedReader(table).read(parse("ik wil hulp bij het huishouden en een traplift", ("need_huishoudelijke_hulp", 0.7), ("need_woningaanpassing", 0.25)))
    assert u.needs == ("huishoudelijke_hulp",)


def test_strategy_none_keeps_one_need(table):
    u = NeedReader(table, strategy="none").read(parse("ik heb schulden en mijn zoon spijbelt", ("need_schulden", 0.8), ("need_thuiszitter", 0.15)))
    assert u.needs == ("schulden",)


def test_crisis_in_the_text_overrides_and_keeps_the_question(table):
    u = NeedReader(table).read(parse("hoe vraag ik huurtoeslag aan, ik wil eigenlijk niet meer leven",
                                     ("need_suicidaal", 1.0), ("need_toeslagen", 0.6)))
    assert u.crisis == "suicidaal"
    assert u.needs == ("suicidaal", "toeslagen")


def test_crisis_found_even_when_the_classifier_missed_it(table):
    u = NeedReader(table).read(parse("mijn man slaat me en ik wil weg", ("need_dakloos", 0.5)))
    assert u.crisis == "huiselijk_geweld" and u.needs[0] == "huiselijk_geweld"


def test_fallback_is_uncertain_with_two_candidates(table):
    p = parse("iets met mijn moeder", ("nlu_fallback", 0.4), ("need_dementie", 0.3), ("need_mantelzorg", 0.2))
    u = NeedReader(table).read(p)
    assert u.uncertain and u.candidates == ("dementie", "mantelzorg")
    assert best_guess(u, p) == ("dementie",)


def test_out_of_scope(table):
    p = parse("wat voor weer wordt het", ("out_of_scope", 0.9))
    u = NeedReader(table).read(p)
    assert u.out_of_scope and best_guess(u, p) == ()


def test_unsure_story_about_two_municipal_domains_goes_to_one_regisseur(table):
    p = parse("het loopt allemaal uit de hand met de rekeningen en mijn dochter spijbelt",
              ("nlu_fallback", 0.35), ("need_schulden", 0.3), ("need_opvoeden", 0.25))
    reader = NeedReader(table)
    u = reader.read(p)
    assert u.uncertain
    guess = best_guess(u, p, reader)
    assert guess[0] == "schulden" and len(guess) == 2
    assert {table.needs[n].domein for n in guess} == {"schulden", "jeugd"}


def test_several_problems_in_general_picks_up_the_problems_it_is_about(table):
    p = parse("alles loopt uit de hand: geen inkomen meer en de deurwaarder staat op de stoep",
              ("need_meerdere_problemen", 0.6), ("need_bijstand", 0.2), ("need_schulden", 0.1))
    u = NeedReader(table).read(p)
    assert u.needs[0] == "meerdere_problemen"
    assert {table.needs[n].domein for n in u.needs[1:]} == {"inkomen", "schulden"}


def test_a_possible_crisis_is_a_safety_sentence_not_the_route(table):
    p = parse("ik ga dood van de stress met die formulieren", ("need_digitale_hulp", 0.7))
    p["crisis"] = {"label": "113", "tier": "possible", "score": 0.3}
    u = NeedReader(table).read(p)
    assert u.crisis is None and u.safety == "suicidaal" and u.crisis_tier == "possible"
    assert u.needs == ("digitale_hulp",)


def test_a_sure_crisis_from_the_crisis_net_is_the_route(table):
    p = parse("hij staat nu voor de deur met een mes", ("need_huiselijk_geweld", 0.5), ("need_dakloos", 0.2))
    p["crisis"] = {"label": "112", "tier": "sure", "score": 0.9}
    u = NeedReader(table).read(p)
    assert u.crisis == "levensgevaar" and u.needs[0] == "levensgevaar" and u.crisis_tier == "sure"


def test_no_crisis_when_the_crisis_net_says_none_although_a_pattern_word_is_there(table):
    p = parse("mijn vader sloeg ons vroeger, nu zoek ik hulp bij mijn schulden", ("need_schulden", 0.8))
    p["crisis"] = {"label": "none", "tier": None, "score": 0.05}
    u = NeedReader(table).read(p)
    assert u.crisis is None and u.safety is None and u.needs[0] == "schulden"


def test_several_problems_with_nothing_named_still_gets_its_most_likely_municipal_need(table):
    p = parse("alles loopt mij boven het hoofd en ik weet niet waar ik moet beginnen",
              ("need_meerdere_problemen", 0.9), ("need_psychische_klachten", 0.05), ("need_opvoeden", 0.03))
    u = NeedReader(table).read(p)
    assert u.needs == ("meerdere_problemen", "opvoeden")


def test_several_problems_order_follows_the_story(table):
    text = "mijn moeder kan niet meer zelf schoonmaken en er liggen ook onbetaalde rekeningen en schulden"
    p = parse(text, ("need_meerdere_problemen", 0.6), ("need_schulden", 0.2), ("need_huishoudelijke_hulp", 0.1))
    u = NeedReader(table).read(p)
    assert u.needs[0] == "meerdere_problemen"
    assert [table.needs[n].domein for n in u.needs[1:]] == [table.needs["huishoudelijke_hulp"].domein, "schulden"]
    # the same problems told the other way round
    text2 = "er liggen onbetaalde rekeningen en schulden en mijn moeder kan niet meer zelf schoonmaken"
    u2 = NeedReader(table).read(parse(text2, ("need_meerdere_problemen", 0.6), ("need_huishoudelijke_hulp", 0.2), ("need_schulden", 0.1)))
    assert table.needs[u2.needs[1]].domein == "schulden"


def _parse(text, ranking):
    return {"text": text, "intent": {"name": ranking[0][0], "confidence": ranking[0][1]},
            "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking]}


def test_youth_help_is_not_read_for_a_story_about_adults_only():
    from bot.nlu.understand import understand

    ranking = [("need_kind_beperking", 0.42), ("need_meerdere_problemen", 0.17), ("need_pgb_betaling", 0.12)]
    u = understand(_parse("Mijn vrouw is afhankelijk van mijn verzorging en we kregen een pgb", ranking))
    assert u.needs[0] == "meerdere_problemen"
    u = understand(_parse("Mijn vrouw en ik zoeken hulp voor onze dochter met een beperking", ranking))
    assert u.needs[0] == "kind_beperking"


def test_a_named_aid_beside_a_wlz_indication_is_the_question(table):
    """A scootmobiel for someone with a Wlz indication who lives at home stays with the gemeente:
    the classifier's "Wlz care" gives way to the aid named, and its Wlz-flavoured runner-up is no
    second need (no regisseur for one question)."""
    p = parse("mijn moeder heeft een wlz-indicatie en woont thuis, ze wil graag een scootmobiel",
              ("need_wlz_zorg", 0.7), ("need_kind_beperking", 0.25))
    u = NeedReader(table).read(p)
    assert u.needs == ("vervoer_hulpmiddel",)


def test_the_same_when_the_classifier_is_unsure(table):
    p = parse("met wlz-indicatie thuis, nu een rolstoel nodig", ("nlu_fallback", 0.5), ("need_wlz_zorg", 0.45),
              ("need_vervoer_hulpmiddel", 0.3))
    reader = NeedReader(table)
    assert best_guess(reader.read(p), p, reader) == ("vervoer_hulpmiddel",)


def test_wlz_care_without_such_an_aid_stays_wlz_care(table):
    p = parse("mijn man heeft een wlz-indicatie en we willen de zorg zelf inkopen met een pgb",
              ("need_wlz_zorg", 0.8), ("need_pgb_betaling", 0.1))
    assert NeedReader(table).read(p).needs == ("wlz_zorg",)


def test_only_needs_a_wlz_indication_changes_nothing_for_may_take_over(table):
    from bot.nlu.understand import kept_under_wlz

    kept = kept_under_wlz(table)
    assert "vervoer_hulpmiddel" in kept
    # the pgb payment and the CAK bill change law under the Wlz: the classifier's reading stays
    assert not kept & {"pgb_betaling", "eigen_bijdrage", "dagbesteding", "wlz_zorg", "wlz_aanvragen"}


def test_a_teenager_put_out_after_a_quarrel_gets_youth_help_and_the_veilig_thuis_sentence(table):
    p = parse("ik ben 16, mijn moeder heeft na een ruzie mijn tas buiten gezet. waar moet ik vannacht slapen",
              ("need_huiselijk_geweld", 0.6), ("need_dakloos", 0.3))
    u = NeedReader(table).read(p)
    assert u.crisis is None and u.safety == "huiselijk_geweld" and u.needs[0] == "dakloos"


@pytest.mark.parametrize("text", [
    "ik ben 16, mijn vader slaat me en heeft me nu buiten gezet. waar moet ik slapen",  # violence told
    "ik ben 19 en mijn moeder heeft me na een ruzie buiten gezet. waar moet ik slapen",  # an adult
])
def test_violence_or_an_adult_keeps_veilig_thuis(table, text):
    u = NeedReader(table).read(parse(text, ("need_huiselijk_geweld", 0.6), ("need_dakloos", 0.3)))
    assert u.crisis == "huiselijk_geweld"


def test_a_second_problem_told_without_its_name_brings_the_wijkteam(table):
    """Money trouble hinted at ("staan we rood", "het incassobureau belt") beside a care question:
    two domains, so one regisseur, also when neither the classifier nor the synonyms name it."""
    p = parse("mijn zoon van 8 heeft adhd en we zoeken hulp thuis. sinds mijn ontslag staan we elke maand rood",
              ("need_opvoeden", 0.8), ("need_kind_beperking", 0.1))
    u = NeedReader(table).read(p)
    assert u.needs[0] == "opvoeden" and "schulden" in u.needs
    assert NeedReader(table, strategy="ranking+lexicon").read(p).needs == ("opvoeden",)


@pytest.mark.parametrize("text", [
    "de eigen bijdrage voor mijn thuishulp kan ik niet betalen, ik heb alleen aow",
    "ik krijg een rekening van het cak voor de huishoudelijke hulp en heb weinig geld",
])
def test_the_cost_of_care_is_not_a_second_problem(table, text):
    u = NeedReader(table).read(parse(text, ("need_bijzondere_bijstand", 0.7), ("need_huishoudelijke_hulp", 0.25)))
    assert u.needs == ("bijzondere_bijstand",)


def test_a_second_problem_beside_a_cost_question_still_counts(table):
    u = NeedReader(table).read(parse("de eigen bijdrage kan ik niet betalen en mijn zoon spijbelt al weken",
                                     ("need_bijzondere_bijstand", 0.7), ("need_thuiszitter", 0.25)))
    assert u.needs[0] == "bijzondere_bijstand" and table.needs[u.needs[1]].domein == "jeugd"


def test_a_new_wlz_indication_is_asked_of_the_ciz_also_with_an_indication(table):
    from bot.routing.router import route

    p = parse("mijn vader heeft een wlz-indicatie maar hij heeft nu veel meer zorg nodig. moet de indicatie opnieuw?",
              ("need_wlz_zorg", 0.8), ("need_wlz_aanvragen", 0.15))
    u = NeedReader(table).read(p)
    assert u.needs == ("wlz_aanvragen",) and not u.facts.wlz_indicatie
    assert route(u.needs, None, u.facts, table).primary.loket_type == "ciz"
    # without the question about the indication, the zorgkantoor arranges the care
    p2 = parse("mijn vader heeft een wlz-indicatie en wil naar een ander verpleeghuis", ("need_wlz_zorg", 0.8))
    u2 = NeedReader(table).read(p2)
    assert u2.needs == ("wlz_zorg",) and u2.facts.wlz_indicatie
    assert route(u2.needs, None, u2.facts, table).primary.loket_type == "zorgkantoor"


def test_just_dismissed_is_a_question_for_the_uwv(table):
    u = NeedReader(table).read(parse("ik ben vorige week ontslagen en heb geen inkomen. moet ik bijstand aanvragen?",
                                     ("need_bijstand", 0.7), ("need_ww", 0.2)))
    assert u.needs == ("ww",)


def test_a_household_keeps_its_regisseur_when_the_main_need_would_switch(table):
    """Dismissed and a child who stays home from school: two domains, one regisseur; the switch to
    the UWV is for a single question."""
    from bot.routing.router import route

    u = NeedReader(table).read(parse("ik ben ontslagen en heb geen inkomen, en mijn zoon van 14 gaat al weken niet naar school",
                                     ("need_bijstand", 0.6), ("need_thuiszitter", 0.3)))
    assert u.needs[0] == "bijstand" and len(u.needs) == 2
    assert route(u.needs, None, u.facts, table).primary.loket_type == "sociaal-wijkteam"


def test_a_school_role_is_not_a_need(table):
    text = ("Ik ben intern begeleider op een basisschool. Een leerling is al vijf maanden niet op school. "
            "Bij wie melden wij dit?")
    u = NeedReader(table).read(parse(text, ("need_thuiszitter", 0.8), ("need_meerdere_problemen", 0.1)))
    assert u.needs == ("thuiszitter",)
    # the resident who asks for a begeleider still gets begeleiding as a second need
    u = NeedReader(table).read(parse("Mijn zoon spijbelt en ik zoek een begeleider voor mezelf, ik raak alles kwijt",
                                     ("need_thuiszitter", 0.8), ("need_meerdere_problemen", 0.1)))
    assert "begeleiding" in u.needs


def test_a_later_question_about_a_new_indication_sets_aside_the_one_told_earlier(table):
    from bot.routing.router import route

    earlier = NeedReader(table).read(parse("mijn vader heeft een wlz-indicatie en woont nog thuis", ("need_wlz_zorg", 0.8)))
    assert earlier.facts.wlz_indicatie
    later = NeedReader(table).read(parse("hij heeft nu veel meer zorg nodig. moet de indicatie opnieuw?",
                                         ("need_wlz_zorg", 0.7), ("need_wlz_aanvragen", 0.2)))
    assert "wlz_indicatie" in later.cleared
    chat = earlier.facts.merged_with(later.facts, later.cleared)
    assert not chat.wlz_indicatie
    assert route(later.needs, None, chat, table).primary.loket_type == "ciz"
    # a later message that sets nothing aside keeps what was told before
    other = NeedReader(table).read(parse("en hij wil graag naar een ander verpleeghuis", ("need_wlz_zorg", 0.8)))
    assert earlier.facts.merged_with(other.facts, other.cleared).wlz_indicatie
