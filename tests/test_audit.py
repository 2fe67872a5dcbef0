"""The freshness report runs on the real routing table: stale facts, facts marked te verifiëren,
national contacts with their last check, and the concrete municipal doors per loket type."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from bot.paths import ROOT
from bot.routing.audit import MUNICIPAL_DOOR_TYPES, readable, report, unverified_reason


@pytest.fixture(scope="module")
def real():
    return report(datum=dt.date(2026, 12, 6))


def test_report_covers_every_source_file(real):
    files = {f["file"] for f in real["bestanden"]}
    assert {"rules.yml", "costs.yml", "regions.yml", "organisations.yml", "gemeente_lokets.yml"} <= files
    assert real["totaal"]["feiten"] == sum(f["facts"] for f in real["bestanden"]) > 200


def test_facts_checked_now_are_not_stale_and_old_ones_are(real):
    rules = next(f for f in real["bestanden"] if f["file"] == "rules.yml")
    stale = {x["entry"].split(" ")[0] for x in rules["verouderd"]}
    assert "verward_gedrag" not in stale  # peildatum 2026-12-06
    assert "kinderbijslag" in stale       # peildatum 2025-01-01, older than a year on 2026-12-06


def test_a_larger_max_age_makes_fewer_facts_stale():
    strict = report(max_dagen=30, datum=dt.date(2026, 12, 6))["totaal"]["verouderd"]
    lenient = report(max_dagen=5000, datum=dt.date(2026, 12, 6))["totaal"]["verouderd"]
    assert lenient < strict


def test_te_verifieren_lists_what_is_left_with_a_reason(real):
    regions = next(f for f in real["bestanden"] if f["file"] == "regions.yml")
    codes = {x["entry"].split(" ")[0] for x in regions["te_verifieren"]}
    assert any(c.startswith("zk-") for c in codes)      # zorgkantoor division of 2014
    assert "mo-bw-enschede" not in codes                 # sourced from a dated public page
    assert all(x["te_verifieren"] for x in regions["te_verifieren"])


def test_national_contacts_carry_their_last_check(real):
    by_type = {c["loket_type"]: c for c in real["landelijke_contacten"]}
    assert by_type["juridisch-loket"]["telefoon"] == "0800-8020"
    assert by_type["juridisch-loket"]["peildatum"] == "2026-12-06"
    assert by_type["juridisch-loket"]["te_verifieren"]
    assert by_type["veilig-thuis"]["telefoon"] == "0800-2000"


def test_door_coverage_per_municipal_loket_type(real):
    doors = real["concrete_deuren"]
    assert doors["gemeenten"] == 342
    assert set(doors["per_loket_type"]) == set(MUNICIPAL_DOOR_TYPES)
    wi = doors["per_loket_type"]["gemeente-werk-inkomen"]
    assert wi["gemeenten_met_deur"] >= 14  # WIL 4, Ferm Werk 4, ISD 4, Laborijn 2
    assert 0 < wi["aandeel_gemeenten"] < 1


def test_a_left_out_fact_is_not_counted_as_te_verifieren():
    assert unverified_reason({"toelichting": "Het bedrag staat in kennisbank.md als te verifiëren en is daarom niet opgenomen."}) is None
    assert unverified_reason({"toelichting": "Stand 2018; latere vorm te verifiëren."})
    assert unverified_reason({"te_verifieren": "adres niet gevonden"}) == "adres niet gevonden"


def test_readable_report_names_the_figures(real):
    text = readable(real)
    assert "te verifiëren" in text and "Landelijke contacten" in text and "gemeente-schuldhulp" in text


def test_command_line_json_and_bad_input():
    ok = subprocess.run([sys.executable, "-m", "bot.routing.audit", "--json", "--datum", "2026-12-06"], cwd=ROOT,
                        capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["datum"] == "2026-12-06"
    bad = subprocess.run([sys.executable, "-m", "bot.routing.audit", "--datum", "gisteren"], cwd=ROOT,
                         capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "Ongeldige datum" in bad.stderr and "Traceback" not in bad.stderr


def test_population_share_per_municipal_loket_type_on_the_real_table(real):
    """sources/inwoners.csv (CBS 70072ned, 1-1-2020, carried to today's municipalities) covers every gemeente of the
    table, so the report gives a share of residents with a concrete door per municipal loket type."""
    doors = real["concrete_deuren"]
    assert doors["inwoners_bron"] and doors["inwoners_bekend_voor"] == doors["gemeenten"] == 342
    assert doors["inwoners_peildatum"] == ["2020-01-01"]
    # CBS total on 1-1-2020 is 17,407,585; only Haaren (14,370, split in 2021 without a split figure) is left out
    assert doors["inwoners_totaal"] == 17_407_585 - 14_370
    for loket_type in MUNICIPAL_DOOR_TYPES:
        e = doors["per_loket_type"][loket_type]
        assert 0 < e["aandeel_inwoners"] < 1, loket_type
        assert 0 < e["inwoners_met_deur"] < doors["inwoners_totaal"]
    assert "peildatum 2020-01-01" in readable(real)


def test_population_file_matches_the_table_of_gemeenten():
    import csv

    import yaml

    from bot.paths import ROUTING_DATA
    table = {g["code"]: g["naam"] for g in
             yaml.safe_load((ROUTING_DATA / "gemeenten.yml").read_text(encoding="utf-8"))["gemeenten"]}
    text = (ROUTING_DATA / "sources" / "inwoners.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(l for l in text.splitlines() if not l.startswith("#")))
    assert {r["code"]: r["naam"] for r in rows} == table
    assert all(int(r["inwoners"]) > 0 and r["peildatum"] and "70072ned" in r["bron"] for r in rows)
