"""Every fixed text a resident reads is plain Dutch (issue 13): at most 15 words per sentence on
average, no sentence over 25 words, Flesch-Douma at least 60 (bot/dialogue/plain_language.py).
The worst five are printed on every run (pytest -s, or in the report of a failure)."""
import pytest

from bot.dialogue.fixed_texts import (code_texts, domain_texts, fixed_texts, loket_names, page_texts, routing_texts,
                                      widget_texts)
from bot.dialogue.plain_language import measure, report, sentences


@pytest.fixture(scope="module")
def results():
    names = loket_names()
    return [measure(text, where, names) for where, text in fixed_texts()]


def test_every_fixed_text_is_plain_dutch(results):
    median, failing = report(results)
    worst = sorted(results, key=lambda r: r.flesch_douma)[:5]
    print(f"\n{len(results)} fixed texts, median Flesch-Douma {median:.0f}; the worst five:")
    for r in worst:
        print(f"  {r.flesch_douma:5.0f}  {r.average_sentence:4.1f} w/s  {r.where}: {r.text[:100]!r}")
    assert not failing, "\n".join(f"{r.where}: {'; '.join(r.problems)}: {r.text[:120]!r}" for r in failing[:10])


def test_a_short_label_is_held_to_short_words_not_to_flesch_douma():
    assert not measure("Verstuur").problems and not measure("Verlaat deze pagina").problems
    assert measure("Verlaat deze pagina").is_label
    assert measure("Ondersteuningsaanvraag indienen").problems  # a word of 8 syllables


def test_the_widget_and_demo_page_texts_are_read():
    widget = dict(widget_texts())
    assert "Praat met een medewerker" in widget.values() and "Wis dit gesprek" in widget.values()
    assert any("computerprogramma" in t for t in widget.values())  # AI Act art. 50: says it is a program
    assert len(widget) >= 20
    assert any(w.startswith("demo.html <p>") for w, _ in page_texts())


def test_all_three_sources_are_read():
    assert len(list(domain_texts())) >= 5
    code = [w for w, _ in code_texts()]
    assert any(w.startswith("bot/handover/dialogue.py") for w in code)
    assert any(w.startswith("bot/dialogue/turns.py") for w in code)
    routing = [w for w, _ in routing_texts()]
    assert any(w.startswith("first answer") for w in routing) and any(w.startswith("followup_costs") for w in routing)


def test_a_long_sentence_and_long_words_fail():
    long = ("Wanneer u ondersteuning nodig heeft bij het organiseren van uw administratieve verplichtingen "
            "en tevens problemen ondervindt met betrekking tot uw financiële situatie en huisvesting, "
            "kunt u contact opnemen met de desbetreffende instantie in uw gemeente.")
    r = measure(long)
    assert r.longest_sentence > 25 and r.flesch_douma < 60 and len(r.problems) == 3
    assert not measure("Hebt u schulden? Bel dan de gemeente. Zij helpen u gratis.").problems


def test_names_count_as_one_syllable_and_addresses_as_one_word():
    plain = measure("U krijgt misschien huurtoeslag.")
    assert plain.flesch_douma > measure("U krijgt misschien huurverlaging.").flesch_douma
    assert measure("Zij zitten in de Sociale Verzekeringsbank.").average_sentence == 5  # the name is one word
    assert sentences("Kijk op https://www.utrecht.nl/zorg. Bel 14 030.") == ["Kijk op https://www.utrecht.nl/zorg.", "Bel 14 030."]
    assert sentences("Handig:\n- uw pas\n- een brief") == ["Handig:", "uw pas", "een brief"]
