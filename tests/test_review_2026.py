"""The findings of the 2026 review of the routing table (issue 10), each encoded as behaviour:
age-dependent Wlz costs, the under-27 text from 1 January 2026, a dated future rule picked by
--datum, regional arrangements (Delft, regional Participatiewet executors)."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from bot.paths import ROOT
from bot.routing import Context, route

D = dt.date
TODAY_2026 = D(2026, 12, 6)


# --- Wlz: children pay no eigen bijdrage (Besluit langdurige zorg art. 3.3.1.1) --------------------

@pytest.mark.parametrize("need, ctx", [
    ("kind_beperking", {"wlz_indicatie": True, "leeftijd": 8}),
    ("wlz_aanvragen", {"leeftijd": 12}),
    ("dagbesteding", {"wlz_indicatie": True, "leeftijd": 16}),
])
def test_a_child_pays_no_wlz_eigen_bijdrage(any_table, need, ctx):
    r = route([need], None, Context(**ctx), any_table, TODAY_2026)
    assert r.primary.law == "wlz"
    kosten = r.primary.kosten.lower()
    assert "geen eigen bijdrage" in kosten
    assert "onder 18" in kosten


def test_an_adult_pays_an_income_dependent_wlz_eigen_bijdrage(any_table):
    kosten = route(["wlz_aanvragen"], None, Context(leeftijd=40), any_table, TODAY_2026).primary.kosten.lower()
    assert "inkomen en vermogen" in kosten and "geen eigen bijdrage" not in kosten


def test_wlz_cost_with_unknown_age_names_both(any_table):
    kosten = route(["kind_beperking"], None, Context(wlz_indicatie=True), any_table, TODAY_2026).primary.kosten
    assert "vanaf 18 jaar" in kosten and "Kinderen onder 18 jaar betalen geen eigen bijdrage" in kosten


# --- bijstand under 27: Participatiewet in balans, phase 1 (1 January 2026) -----------------------

def test_under_27_is_not_put_off_from_2026(any_table):
    r = route(["bijstand"], None, Context(leeftijd=22), any_table, D(2026, 3, 1))
    text = f"{r.primary.waarom} {r.primary.volgende_stap}"
    assert "meteen" in text and "eerder behandelen" in text
    assert "direct een aanvraag" in text  # homeless or debts: apply at once
    assert "Daarna beslist de gemeente" not in text


def test_under_27_text_before_2026_is_the_old_rule(any_table):
    r = route(["bijstand"], None, Context(leeftijd=22), any_table, D(2025, 6, 1))
    assert "Daarna beslist de gemeente" in r.primary.waarom


def test_27_and_older_get_the_base_bijstand_rule(any_table):
    r = route(["bijstand"], None, Context(leeftijd=27), any_table, D(2026, 3, 1))
    assert "27" not in r.primary.waarom and r.primary.loket_type == "gemeente-werk-inkomen"


# --- a known future change as data: the AOW age in 2028 -----------------------------------------

def test_the_aow_rule_changes_on_1_january_2028(any_table):
    before = route(["aow"], None, Context(), any_table, D(2027, 12, 31)).primary.waarom
    after = route(["aow"], None, Context(), any_table, D(2028, 1, 1)).primary.waarom
    assert "67 jaar bent" in before and "3 maanden" not in before
    assert "67 jaar en 3 maanden" in after


def test_route_datum_on_the_command_line_picks_the_dated_rule():
    def run(datum):
        out = subprocess.run([sys.executable, "-m", "bot", "route", "--need", "aow", "--json", "--datum", datum],
                             cwd=ROOT, capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    now, later = run("2027-06-01"), run("2028-01-01")
    assert later["route"]["datum"] == "2028-01-01"
    assert "67 jaar en 3 maanden" in later["route"]["primary"]["waarom"]
    assert "3 maanden" not in now["route"]["primary"]["waarom"]
    # the contract's fields are all still there
    for key in ("text", "gemeente", "intent", "needs", "crisis", "urgent", "route", "waarom", "bron"):
        assert key in later
    assert {"loket_type", "law", "naam", "contact", "waarom", "bron"} <= set(later["route"]["primary"])


# --- regions and names ------------------------------------------------------------------------------

def test_boarnsterhim_went_to_four_gemeenten_not_tytsjerksteradiel(table):
    from bot.routing.gemeenten import Ambiguous

    found = table.matcher.resolve("Boarnsterhim")
    assert isinstance(found, Ambiguous)
    names = {c.naam for c in found.candidates}
    assert names == {"Leeuwarden", "Heerenveen", "Súdwest-Fryslân", "De Fryske Marren"}


@pytest.mark.parametrize("gemeente, need, website", [
    ("Houten", "bijstand", "https://www.wil-lekstroom.nl"),
    ("IJsselstein", "schulden", "https://www.wil-lekstroom.nl"),
    ("Woerden", "bijstand", "https://www.fermwerk.nl"),
    ("Teylingen", "schulden", "https://isdbollenstreek.nl"),
    ("Doetinchem", "bijstand", "https://www.laborijn.nl"),
])
def test_regional_executors_are_concrete_doors(any_table, gemeente, need, website):
    g = any_table.gemeenten[any_table.matcher.resolve(gemeente).code]
    step = route([need], g, Context(), any_table, TODAY_2026).primary
    assert step.contact.website == website
    assert step.algemeen is False
    assert step.contact.hoe and "{gemeente}" not in step.contact.hoe


def test_no_regional_arrangement_for_a_gemeente_outside_it(any_table):
    g = any_table.gemeenten[any_table.matcher.resolve("Utrecht").code]
    step = route(["bijstand"], g, Context(), any_table, TODAY_2026).primary
    assert "Lekstroom" not in step.naam and "Ferm Werk" not in step.naam
