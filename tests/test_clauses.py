"""A household's story read clause by clause (bot/nlu/clauses.py): the problem it opens with
decides the regisseur route's law."""
from bot.nlu.clauses import clauses, first_named_need
from bot.nlu.understand import understand

DOMAINS = {"huishoudelijke_hulp": "wmo", "bijstand": "inkomen", "schulden": "schulden", "opvoeden": "jeugd",
           "meerdere_problemen": None, "suicidaal": None}


def test_a_story_is_cut_where_a_new_clause_starts():
    text = "Mijn man heeft hulp nodig in huis en ik ben mijn baan kwijt, we hebben geen geld meer."
    assert clauses(text) == ["Mijn man heeft hulp nodig in huis", "en ik ben mijn baan kwijt",
                             "we hebben geen geld meer"]


def test_short_pieces_join_the_next_and_one_clause_stays_whole():
    assert clauses("hallo. ik heb 2 kinderen. man weg. geen geld.") == ["hallo ik heb 2 kinderen", "man weg geen geld"]
    assert clauses("Ik wil huishoudelijke hulp aanvragen") == ["Ik wil huishoudelijke hulp aanvragen"]
    assert clauses("") == []


def r(name, p):
    return {"name": name, "confidence": p}


def test_the_first_clause_that_names_a_municipal_need_wins():
    rankings = [[r("need_meerdere_problemen", 0.5), r("greet", 0.2)],
                [r("need_huishoudelijke_hulp", 0.4)],
                [r("need_bijstand", 0.9)]]
    assert first_named_need(rankings, DOMAINS) == "huishoudelijke_hulp"
    # too unsure, or only as a third reading: not named
    assert first_named_need([[r("need_schulden", 0.05)], [r("x", 0.5), r("y", 0.3), r("need_opvoeden", 0.2)]],
                            DOMAINS) is None
    assert first_named_need(None, DOMAINS) is None


def parse(text, clause_rankings):
    return {"text": text, "intent": {"name": "need_meerdere_problemen", "confidence": 0.8},
            "intent_ranking": [r("need_meerdere_problemen", 0.8), r("need_bijstand", 0.1)],
            "clauses": clause_rankings}


def test_the_household_opens_with_its_main_need():
    text = "Mijn man heeft hulp nodig in huis en ik ben mijn baan kwijt"
    u = understand(parse(text, [[r("need_huishoudelijke_hulp", 0.6)], [r("need_bijstand", 0.7)]]), DOMAINS)
    assert u.needs[:2] == ("meerdere_problemen", "huishoudelijke_hulp")
    u = understand(parse(text, [[r("need_bijstand", 0.6)], [r("need_huishoudelijke_hulp", 0.7)]]), DOMAINS)
    assert u.needs[:2] == ("meerdere_problemen", "bijstand")
