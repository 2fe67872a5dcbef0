"""Facts with a validity period (geldig_vanaf / geldig_tot): the loader checks the periods, the
router takes the version valid on the date asked (default today), and `route --datum` picks it."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from bot.paths import ROOT
from conftest import edit
from bot.routing import Context, route
from bot.routing.loader import LoaderError, read_rows, write
from bot.routing.router import NoRuleOnDate, select_rule
from bot.routing.table import RoutingTable

D = dt.date


def table_from(folder: Path, tmp_path: Path) -> RoutingTable:
    url = f"sqlite:///{tmp_path / 'dated.db'}"
    write(read_rows(folder), url)
    return RoutingTable.from_database(url)


def rule_of(data, need):
    return next(r for r in data["rules"] if r["need"] == need)


def add_version(data, need, vanaf, **changes):
    """End the current rule of ``need`` on ``vanaf`` and add a copy valid from then on."""
    old = rule_of(data, need)
    old["geldig_tot"] = vanaf
    new = dict(old, **changes)
    new.pop("geldig_tot")
    new["geldig_vanaf"] = vanaf
    new.pop("uitzonderingen", None)
    data["rules"].append(new)


def test_a_dated_rule_version_is_taken_on_its_date(data_copy, tmp_path):
    edit(data_copy, "rules.yml", lambda d: add_version(d, "kinderbijslag", "2030-01-01", waarom="Nieuwe regel vanaf 2030."))
    table = table_from(data_copy, tmp_path)
    before = route(["kinderbijslag"], None, Context(), table, D(2029, 12, 31))
    on = route(["kinderbijslag"], None, Context(), table, D(2030, 1, 1))
    assert "Nieuwe regel" not in before.primary.waarom
    assert on.primary.waarom == "Nieuwe regel vanaf 2030."
    assert on.datum == "2030-01-01" and before.datum == "2029-12-31"


def test_exceptions_belong_to_their_own_version(data_copy, tmp_path):
    """A new version without exceptions: from its date the old exceptions no longer apply."""
    edit(data_copy, "rules.yml", lambda d: add_version(d, "bijstand", "2030-01-01", waarom="Versie 2030."))
    table = table_from(data_copy, tmp_path)
    old = select_rule(table, "bijstand", Context(leeftijd=70), D(2029, 6, 1))
    new = select_rule(table, "bijstand", Context(leeftijd=70), D(2030, 6, 1))
    assert old.primary == "svb"  # the AOW-age exception of the old version
    assert new.primary == "gemeente-werk-inkomen" and new.waarom == "Versie 2030."


def test_a_need_without_a_rule_on_the_date_is_a_clear_error(data_copy, tmp_path):
    edit(data_copy, "rules.yml", lambda d: rule_of(d, "kinderbijslag").update(geldig_vanaf="2030-01-01"))
    table = table_from(data_copy, tmp_path)
    with pytest.raises(NoRuleOnDate, match="no rule valid on 2029-01-01"):
        select_rule(table, "kinderbijslag", Context(), D(2029, 1, 1))


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["rules"].append(dict(rule_of(d, "kinderbijslag"))), "already has a rule for (part of) this period"),
    (lambda d: add_version(d, "kinderbijslag", "2030-01-01") or rule_of(d, "kinderbijslag").update(geldig_tot="2031-01-01"),
     "already has a rule for (part of) this period"),
    (lambda d: rule_of(d, "kinderbijslag").update(geldig_vanaf="2030-01-01", geldig_tot="2030-01-01"),
     "is not before geldig_tot"),
    (lambda d: rule_of(d, "kinderbijslag").update(geldig_vanaf="1 januari 2030"), "geldig_vanaf '1 januari 2030' is not a date"),
])
def test_overlapping_or_malformed_periods_are_refused(data_copy, change, expected):
    edit(data_copy, "rules.yml", change)
    with pytest.raises(LoaderError) as err:
        read_rows(data_copy)
    assert any(expected in p.reason and p.file == "rules.yml" for p in err.value.problems), err.value.problems


def test_cost_variants_by_age_and_date(data_copy, tmp_path):
    def change(d):
        d["kosten"]["gratis"]["varianten"] = [
            {"als": {"leeftijd_max": 17}, "tekst": "Voor kinderen gratis.", "bron": "test", "peildatum": "2026-12-06"},
            {"geldig_vanaf": "2030-01-01", "tekst": "Vanaf 2030 anders.", "bron": "test", "peildatum": "2026-12-06"},
        ]
    edit(data_copy, "costs.yml", change)
    table = table_from(data_copy, tmp_path)
    assert table.cost_text("gratis", 10, D(2031, 1, 1)) == "Voor kinderen gratis."  # first match wins
    assert table.cost_text("gratis", 40, D(2031, 1, 1)) == "Vanaf 2030 anders."
    assert table.cost_text("gratis", 40, D(2029, 1, 1)) == "Hiervoor betaalt u niets."
    assert table.cost_text("gratis", None, D(2029, 1, 1)) == "Hiervoor betaalt u niets."  # age unknown: base


def test_a_cost_variant_without_condition_is_refused(data_copy):
    edit(data_copy, "costs.yml", lambda d: d["kosten"]["gratis"].update(
        varianten=[{"tekst": "altijd", "bron": "x", "peildatum": "2026-01-01"}]))
    with pytest.raises(LoaderError) as err:
        read_rows(data_copy)
    assert any("would always replace the base text" in p.reason for p in err.value.problems)


def test_a_dated_contact_is_taken_on_its_date(data_copy, tmp_path):
    def change(d):
        orgs = d["organisations"]
        old = next(o for o in orgs if o["loket_type"] == "svb")
        old["geldig_tot"] = "2030-01-01"
        orgs.append(dict(old, naam="SVB (nieuw)", geldig_vanaf="2030-01-01", geldig_tot=None))
    edit(data_copy, "organisations.yml", change)
    table = table_from(data_copy, tmp_path)
    assert route(["aow"], None, Context(), table, D(2029, 12, 31)).primary.naam == "Sociale Verzekeringsbank (SVB)"
    assert route(["aow"], None, Context(), table, D(2030, 1, 1)).primary.naam == "SVB (nieuw)"


def test_overlapping_contacts_are_refused(data_copy):
    def change(d):
        old = next(o for o in d["organisations"] if o["loket_type"] == "svb")
        d["organisations"].append(dict(old, naam="SVB twee", geldig_vanaf="2030-01-01"))
    edit(data_copy, "organisations.yml", change)
    with pytest.raises(LoaderError) as err:
        read_rows(data_copy)
    assert any("already has an organisation" in p.reason for p in err.value.problems)


def test_route_without_a_date_uses_today(table):
    assert route(["aow"], None, Context(), table).datum == dt.date.today().isoformat()


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "bot", "route", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


@pytest.mark.parametrize("value", ["2027-13-01", "morgen", "01-01-2027"])
def test_cli_refuses_a_bad_date_without_a_stack_trace(value):
    run = run_cli("--need", "aow", "--datum", value)
    assert run.returncode == 2
    assert "Ongeldige datum" in run.stderr and "JJJJ-MM-DD" in run.stderr
    assert "Traceback" not in run.stderr
