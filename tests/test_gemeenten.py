"""Municipality matching as residents type names."""
import pytest

from bot.routing.gemeenten import Ambiguous, Match, Unknown, normalize


@pytest.mark.parametrize("typed, code", [
    ("Dordrecht", "GM0505"),
    ("dordrecht", "GM0505"),
    ("DORDRECHT", "GM0505"),
    ("gemeente Dordrecht", "GM0505"),
    ("Gemeente dordrecht", "GM0505"),
    ("GM0505", "GM0505"),
    ("gm0505", "GM0505"),
    ("0505", "GM0505"),
    ("'s-Hertogenbosch", "GM0796"),
    ("s-hertogenbosch", "GM0796"),
    ("Den Bosch", "GM0796"),
    ("Den Bosh", "GM0796"),          # misspelling
    ("Leeuwarde", "GM0080"),         # misspelling
    ("Nijmegn", "GM0268"),
    ("Apeldorn", "GM0200"),
    ("Súdwest-Fryslân", "GM1900"),
    ("sudwest fryslan", "GM1900"),   # without diacritics
    ("Sneek", "GM1900"),             # town in Súdwest-Fryslân
    ("Den Haag", "GM0518"),
    ("'s-Gravenhage", "GM0518"),
    ("Scheveningen", "GM0518"),
    ("Hoofddorp", "GM0394"),         # village of Haarlemmermeer
    ("Hoogezand-Sappemeer", "GM1952"),  # merged 2018 into Midden-Groningen
    ("Menterwolde", "GM1952"),
    ("Beemster", "GM0439"),          # merged 2022 into Purmerend
    ("Weesp", "GM0363"),             # merged 2022 into Amsterdam
    ("Ten Boer", "GM0014"),          # merged 2019 into Groningen
    ("ik woon in Zwolle", "GM0193"),
    ("in utrecht", "GM0344"),
    ("Utrecht (stad)", "GM0344"),    # a generic word around the name
    ("stad Groningen", "GM0014"),
    ("Hengelo (Gld)", "GM1876"),     # the village in Bronckhorst, not Hengelo (O.)
    ("Capelle a/d IJssel", "GM0502"),
])
def test_resolves(table, typed, code):
    found = table.matcher.resolve(typed)
    assert isinstance(found, Match), found
    assert found.code == code


def test_split_former_municipality_is_a_question_not_a_guess(table):
    found = table.matcher.resolve("Haaren")  # split in 2021 over Boxtel, Oisterwijk, Tilburg and Vught
    assert isinstance(found, Ambiguous)
    assert {"Boxtel", "Oisterwijk", "Tilburg", "Vught"} <= {c.naam for c in found.candidates}


def test_village_name_used_twice_is_a_question(table):
    found = table.matcher.resolve("Haren")  # former gemeente, now Groningen; also a village in Oss
    assert isinstance(found, Ambiguous)
    assert {"Groningen", "Oss"} <= {c.naam for c in found.candidates}


def test_two_official_names_with_the_same_stem_are_a_question(table):
    found = table.matcher.resolve("Bergen")  # Bergen (NH.) and Bergen (L.)
    assert isinstance(found, Ambiguous)
    assert {"Bergen (NH.)", "Bergen (L.)"} <= {c.naam for c in found.candidates}


def test_unknown_name_lists_closest_matches(table):
    found = table.matcher.resolve("Amsterdammm")  # close enough to be taken as Amsterdam
    assert isinstance(found, Match) and found.code == "GM0363" and found.fuzzy
    found = table.matcher.resolve("Xyzzyplaats")
    assert isinstance(found, Unknown)
    found = table.matcher.resolve("Rotterdum aan Zee")
    assert isinstance(found, Unknown) and "Rotterdam" in found.suggestions


def test_unknown_code(table):
    assert isinstance(table.matcher.resolve("GM9999"), Unknown)


def test_official_name_beats_a_village_with_the_same_name(table):
    found = table.matcher.resolve("Hengelo")  # also a village in Bronckhorst
    assert isinstance(found, Match) and found.code == "GM0164"


@pytest.mark.parametrize("text, code", [
    ("Ik woon in Den Bosch en mijn moeder kan niet meer schoonmaken", "GM0796"),
    ("wij wonen in de gemeente Ede, hoe vraag ik dagbesteding aan", "GM0228"),
    ("Utrecht", "GM0344"),
    # a correction names the right gemeente
    ("ik woon niet in Noordenveld maar in Zaandam", "GM0479"),
    ("o nee, ze is vorig jaar verhuisd naar Assen", "GM0106"),
    ("ze woont niet meer in Assen maar in Emmen", "GM0114"),
])
def test_find_in_text(table, text, code):
    found = table.matcher.find_in_text(text)
    assert isinstance(found, Match) and found.code == code, found


@pytest.mark.parametrize("text", [
    "mijn buren maken veel lawaai en ik kan niet slapen",   # Buren is a gemeente
    "ik doe mijn best maar het lukt niet",                  # Best is a gemeente
    "ik heb schulden",
])
def test_no_place_found_in_ordinary_words(table, text):
    assert table.matcher.find_in_text(text) is None


def test_normalize():
    assert normalize("'s-Hertogenbosch") == "s hertogenbosch"
    assert normalize("Súdwest-Fryslân") == "sudwest fryslan"


@pytest.mark.parametrize("text", ["ik woon in een flat", "wij wonen in een gezinshuis", "ik woon in Nederland",
                                  "Nederland", "we wonen in holland", "ik woon in zwole met mijn kinderen"])
def test_a_gemeente_is_never_guessed_from_an_everyday_word_or_a_typo_in_a_question(table, text):
    assert table.matcher.find_in_text(text) is None


def test_a_typo_is_still_understood_as_the_answer_to_the_gemeente_question(table):
    from bot.dialogue import turns

    found = turns.gemeente_from_reply(table, "Zwole")
    assert isinstance(found, Match) and found.code == "GM0193" and found.fuzzy
    assert isinstance(table.matcher.resolve("Nederland"), Unknown)



@pytest.mark.parametrize("text, code", [
    ("mijn moeder woont in Zwolle, ik woon zelf in Utrecht", "GM0193"),   # help for her: her gemeente
    ("ik woon in Utrecht en mijn vader woont in Zwolle, hij kan niet meer douchen", "GM0193"),
    ("Ik kom uit Zwolle maar woon nu in Ede", "GM0228"),
    ("ik woon in Ede", "GM0228"),
])
def test_the_gemeente_of_the_person_the_help_is_for(table, text, code):
    from bot.dialogue import turns

    found = turns.gemeente_in_question(table, text)
    assert isinstance(found, Match) and found.code == code, found


def test_no_gemeente_in_a_question_that_names_none(table):
    from bot.dialogue import turns

    assert turns.gemeente_in_question(table, "mijn moeder kan niet meer douchen") is None

