"""The routing table against routeringsregels.md: every row, every municipality-specific example,
and properties over the whole table (every gemeente x every need routes to a loket with a contact)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.dialogue.replies import route_messages
from bot.routing import Context, route
from bot.routing.gemeenten import Ambiguous, Match

CASES_FILE = Path(__file__).resolve().parent.parent / "data" / "routing" / "tests" / "routeringsregels.yml"
CASES = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))


def _id(case):
    return case.get("name") or "+".join(case["needs"]) + ("|" + ",".join(f"{k}={v}" for k, v in case.get("context", {}).items()) if case.get("context") else "")


def check(r, expect, table):
    primary = expect.get("primary")
    if primary:
        allowed = primary if isinstance(primary, list) else [primary]
        assert r.primary.loket_type in allowed, f"primary {r.primary.loket_type}, expected one of {allowed}"
    if "law" in expect:
        assert r.primary.law == expect["law"]
    for t in expect.get("also_includes", []):
        assert t in r.types[1:], f"{t} not in also {r.types[1:]}"
    for t in expect.get("not_primary", []):
        assert r.primary.loket_type != t
    if "urgent" in expect:
        assert r.urgent is expect["urgent"]
    if "crisis" in expect:
        assert r.crisis == expect["crisis"]
    if expect.get("kosten"):
        assert r.primary.kosten
    for word in expect.get("volgende_stap_mentions", []):
        assert word in (r.primary.volgende_stap or "").lower()
    if "naam_contains" in expect:
        assert expect["naam_contains"].lower() in r.primary.naam.lower(), r.primary.naam
    said = " ".join(route_messages(r)).lower()
    for word in expect.get("says", []):
        assert word.lower() in said
    for word in expect.get("never_says", []):
        assert word.lower() not in said


@pytest.mark.parametrize("case", CASES["cases"], ids=_id)
def test_reference_rule(case, any_table):
    table = any_table
    r = route(case["needs"], None, Context(**case.get("context", {})), table)
    check(r, case["expect"], table)


@pytest.mark.parametrize("case", CASES["gemeente_cases"], ids=_id)
def test_gemeente_specific(case, any_table):
    table = any_table
    found = table.matcher.resolve(case["gemeente"])
    assert isinstance(found, Match), found
    if "gemeente" in case["expect"]:
        assert found.code == case["expect"]["gemeente"]
    r = route(case["needs"], table.gemeenten[found.code], Context(**case.get("context", {})), table)
    check(r, case["expect"], table)


def test_every_reference_row_has_a_case(table):
    """Each need in the table is exercised by at least one reference case."""
    covered = {n for case in CASES["cases"] for n in case["needs"]}
    assert set(table.needs) <= covered, set(table.needs) - covered


def test_every_gemeente_and_need_routes_to_a_loket_with_contact(any_table):
    table = any_table
    assert len(table.gemeenten) >= 340
    for gemeente in table.gemeenten.values():
        for need in table.needs:
            r = route([need], gemeente, Context(), table)
            for step in (r.primary,) + r.also:
                assert step.naam, (gemeente.naam, need, step.loket_type)
                c = step.contact
                assert c.telefoon or c.website or c.hoe, (gemeente.naam, need, step.loket_type)
                assert "{gemeente}" not in step.naam + (c.hoe or "")


def test_every_rule_has_a_source_and_date(table):
    for need, variants in table.rules.items():
        for v in variants:
            assert v.bron and v.peildatum, need


def test_wmo_wlz_jeugd_routes_offer_clientondersteuning(table):
    """Principle 5: independent client support in every Wmo, Wlz and Jeugdwet route."""
    for need, variants in table.rules.items():
        for base in (v for v in variants if v.is_base):  # every dated version of the rule
            if (base.law in ("wmo2015", "wlz", "jeugdwet") or need == "klacht_kastje_muur") and not table.needs[need].crisis:
                assert "clientondersteuning" in base.also, need


def test_no_texts_promise_an_outcome(table):
    forbidden = ("u krijgt", "u heeft recht op", "recht op", "wordt toegekend", "gegarandeerd")
    for need, variants in table.rules.items():
        for v in variants:
            text = f"{v.waarom} {v.volgende_stap}".lower()
            assert not any(f in text for f in forbidden), (need, text)


def test_crisis_answers_start_with_the_number(table):
    for need, number in (("levensgevaar", "112"), ("suicidaal", "113"), ("huiselijk_geweld", "0800-2000")):
        first = route_messages(route([need], None, Context(), table))[0]
        first_sentence = first.split(". ")[0]
        assert number in first_sentence, first


def test_every_name_resolves_to_its_gemeente(table):
    """Names, aliases, former names and places all resolve to (or include) their CBS code."""
    from bot.routing.gemeenten import NOT_A_PLACE, Unknown, normalize

    for naam, soort, code in table.names:
        found = table.matcher.resolve(naam)
        if normalize(naam) in NOT_A_PLACE:  # "Een", "Nederland": everyday words, never read as a place
            assert isinstance(found, Unknown), (naam, found)
            continue
        if isinstance(found, Match):
            if soort == "naam":
                assert found.code == code, (naam, found)
            else:  # a place that is also another gemeente's official name resolves to that gemeente
                assert found.code == code or table.gemeenten[found.code].naam.lower() == naam.lower() or \
                    found.code in {c for n, s, c in table.names if n == naam}, (naam, soort, code, found)
        else:
            assert isinstance(found, Ambiguous), (naam, found)
            assert code in {c.code for c in found.candidates}, (naam, code)
