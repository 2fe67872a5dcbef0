"""The loader builds the same database from the source files every time, on SQLite and on
PostgreSQL, and refuses a malformed file with its name, the entry and the reason, writing nothing."""
from __future__ import annotations


import pytest
from sqlalchemy import create_engine, func, select

from conftest import edit
from bot.routing import models as m
from bot.routing.loader import LoaderError, load, read_rows
from bot.routing.table import RoutingTable


def counts(url):
    engine = create_engine(url)
    with engine.connect() as conn:
        out = {model.__tablename__: conn.execute(select(func.count()).select_from(model)).scalar()
               for model in (m.Gemeente, m.GemeenteName, m.Rule, m.RuleAlso, m.Region, m.RegionMember, m.Loket)}
    engine.dispose()
    return out


def test_load_is_idempotent(database_url):
    load(database_url)
    first = counts(database_url)
    load(database_url)
    assert counts(database_url) == first
    assert first["gemeente"] >= 340 and first["rule"] >= 50


def test_loaded_table_routes(database_url):
    load(database_url)
    table = RoutingTable.from_database(database_url)
    assert table.rules["huishoudelijke_hulp"][0].primary == "gemeente-wmo"
    assert "GM0505" in table.gemeenten


@pytest.mark.parametrize("name, change, expected", [
    ("rules.yml", lambda d: d["rules"][0].update(primary="gemeente-bestaat-niet"),
     "unknown loket type 'gemeente-bestaat-niet'"),
    ("rules.yml", lambda d: d["rules"][1].update(law="wet-bestaat-niet"), "unknown law 'wet-bestaat-niet'"),
    ("rules.yml", lambda d: d["rules"].pop(2), "no rule for this need"),
    ("rules.yml", lambda d: d["rules"][0].update(kosten="gratis-bier"), "unknown kosten 'gratis-bier'"),
    ("rules.yml", lambda d: d["rules"][0].update(uitzonderingen=[{"als": {"haarkleur": "rood"}, "primary": "ciz"}]),
     "unknown condition 'haarkleur'"),
    ("rules.yml", lambda d: d["rules"][0].update(uitzondering=[{"als": {"pgb": True}, "primary": "svb"}]),
     "unknown field 'uitzondering'"),
    ("rules.yml", lambda d: d["rules"][0].update(uitzonderingen=[{"als": {"pgb": True}, "primary": "svb", "neeed": "x"}]),
     "unknown field 'neeed'"),
    ("regions.yml", lambda d: d["regions"][0]["gemeenten"].append("GM9999"), "unknown gemeente 'GM9999'"),
    ("gemeenten.yml", lambda d: d["gemeenten"][1].update(code=d["gemeenten"][0]["code"]), "appears twice"),
    ("gemeenten.yml", lambda d: d["gemeenten"][0].update(code="0505"), "is not a CBS code"),
    ("needs.yml", lambda d: d["needs"]["schulden"].update(domein="geldzaken"), "domein 'geldzaken'"),
    ("organisations.yml", lambda d: d["organisations"][0].update(contact={}), "no way to contact it"),
])
def test_malformed_data_is_refused_with_file_entry_and_reason(data_copy, name, change, expected):
    edit(data_copy, name, change)
    with pytest.raises(LoaderError) as err:
        read_rows(data_copy)
    problems = err.value.problems
    hit = [p for p in problems if expected in p.reason]
    assert hit, problems
    assert hit[0].file.startswith(name.split(".")[0]) or name in hit[0].file
    assert hit[0].entry


def test_broken_yaml_names_file_and_line(data_copy):
    path = data_copy / "costs.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(5, "  kapot: [niet gesloten")
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(LoaderError) as err:
        read_rows(data_copy)
    p = err.value.problems[0]
    assert p.file == "costs.yml" and p.entry.startswith("line ")


def test_nothing_is_half_written(database_url, data_copy):
    load(database_url)
    before = counts(database_url)
    edit(data_copy, "rules.yml", lambda d: d["rules"][-1].update(primary="nergens"))
    with pytest.raises(LoaderError):
        load(database_url, data_copy)
    assert counts(database_url) == before


def test_write_failure_rolls_back_on_postgresql(pg_url, rows):
    """A failure in the middle of writing leaves the previous table in place."""
    from bot.routing.loader import Rows, write

    write(rows, pg_url)
    before = counts(pg_url)
    broken = Rows(dict(rows.tables))
    broken.tables[m.RuleAlso] = rows.tables[m.RuleAlso] + [{"rule_id": 999999, "position": 0, "loket_type": "ciz"}]
    with pytest.raises(Exception):
        write(broken, pg_url)
    assert counts(pg_url) == before
