"""Build the routing database from the reviewed source files in data/routing/.

Everything is read and checked first; the database is only written when every reference
resolves. A problem names the file, the entry and the reason, and nothing is half written:
an SQLite file is built next to the target and swapped in, other databases are written in one
transaction. Running the loader twice gives the same database.

    python -m bot.routing.loader                 # build/routing.db (or $DATABASE_URL)
    python -m bot.routing.loader --database-url postgresql://127.0.0.1/test
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional

import yaml
from sqlalchemy import create_engine, insert
from sqlalchemy.engine import make_url

from bot.paths import ROUTING_DATA, ROUTING_DB
from bot.routing import models as m
from bot.routing.table import FLAGS

try:  # the C loader is several times faster on the large gemeenten.yml
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader

SOURCE_FILES = [
    "laws.yml", "loket_types.yml", "needs.yml", "costs.yml", "rules.yml",
    "gemeenten.yml", "regions.yml", "organisations.yml", "gemeente_lokets.yml",
]
CONDITION_KEYS = {"leeftijd_min": int, "leeftijd_max": int, **{flag: bool for flag in FLAGS}}
VARIANT_KEYS = {"als", "law", "primary", "also", "urgent", "regie", "kosten", "waarom", "volgende_stap", "meenemen",
                "bron", "peildatum", "toelichting", "te_verifieren", "geldig_vanaf", "geldig_tot"}
COST_KEYS = {"tekst", "bron", "peildatum", "toelichting", "te_verifieren", "geldig_vanaf", "geldig_tot", "varianten"}
COST_VARIANT_KEYS = {"als", "tekst", "bron", "peildatum", "toelichting", "te_verifieren", "geldig_vanaf", "geldig_tot"}
COST_CONDITION_KEYS = {"leeftijd_min": int, "leeftijd_max": int}
RULE_KEYS = (VARIANT_KEYS - {"als"}) | {"need", "uitzonderingen"}
DOMEINEN = {None, "wmo", "jeugd", "inkomen", "schulden"}
REGION_TYPES = {"veilig-thuis", "centrumgemeente-opvang", "zorgkantoor", "werk-inkomen", "schuldhulp", "ggd"}
SCOPES = {"gemeente", "regio", "landelijk", "lokaal-zorg"}
GM_CODE = re.compile(r"^GM\d{4}$")


def default_database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{ROUTING_DB}"


@dataclass
class Problem:
    file: str
    entry: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.entry}: {self.reason}"


class LoaderError(Exception):
    def __init__(self, problems: List[Problem]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s) in the routing data:\n{lines}{more}")


@dataclass
class Rows:
    """Rows per model class, in insert order."""

    tables: Dict[type, List[Dict[str, Any]]] = field(default_factory=dict)

    def add(self, model: type, **values: Any) -> None:
        self.tables.setdefault(model, []).append(values)

    def count(self, model: type) -> int:
        return len(self.tables.get(model, []))


class _Reader:
    """Parses the source files and collects problems instead of stopping at the first."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.problems: List[Problem] = []

    def problem(self, file: str, entry: str, reason: str) -> None:
        self.problems.append(Problem(file, entry, reason))

    def read(self, name: str) -> Dict[str, Any]:
        path = self.folder / name
        if not path.exists():
            self.problem(name, "-", "file is missing")
            return {}
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark
            self.problem(name, f"line {mark.line + 1}" if mark else "-", f"not valid YAML: {err.problem}")
            return {}
        if not isinstance(data, dict):
            self.problem(name, "-", "expected a mapping at the top of the file")
            return {}
        for key in ("bron", "peildatum"):
            if not data.get(key):
                self.problem(name, "-", f"file has no '{key}'")
        return data

    def date(self, value: Any, file: str, entry: str, key: str = "peildatum") -> Optional[dt.date]:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.problem(file, entry, f"{key} '{value}' is not a date (YYYY-MM-DD)")
            return None

    def period(self, item: Dict[str, Any], file: str, entry: str) -> Dict[str, Optional[dt.date]]:
        """geldig_vanaf (first day it holds) and geldig_tot (first day it no longer holds); None = open."""
        out: Dict[str, Optional[dt.date]] = {}
        for key in ("geldig_vanaf", "geldig_tot"):
            value = item.get(key)
            out[key] = self.date(value, file, entry, key) if value not in (None, "") else None
        if out["geldig_vanaf"] and out["geldig_tot"] and out["geldig_vanaf"] >= out["geldig_tot"]:
            self.problem(file, entry, f"geldig_vanaf {out['geldig_vanaf']} is not before geldig_tot {out['geldig_tot']}")
        return out

    def sourced(self, item: Dict[str, Any], file: str, entry: str, defaults: Dict[str, Any]) -> Dict[str, Any]:
        """bron and peildatum of an entry, falling back to the file's own."""
        bron = item.get("bron") or defaults.get("bron")
        peil = item.get("peildatum") or defaults.get("peildatum")
        if not bron:
            self.problem(file, entry, "no bron")
        check = item.get("te_verifieren")
        return {"bron": str(bron or ""), "peildatum": self.date(peil, file, entry) if peil else None,
                "te_verifieren": str(check).strip() if check else None}


def overlaps(a: Dict[str, Optional[dt.date]], b: Dict[str, Optional[dt.date]]) -> bool:
    """Two validity periods (geldig_vanaf inclusive, geldig_tot exclusive, None = open) share a day."""
    start = max(a["geldig_vanaf"] or dt.date.min, b["geldig_vanaf"] or dt.date.min)
    end = min(a["geldig_tot"] or dt.date.max, b["geldig_tot"] or dt.date.max)
    return start < end


def read_rows(folder: Path = ROUTING_DATA) -> Rows:
    """Read and check every source file. Raises LoaderError listing every problem found."""
    r = _Reader(folder)
    src = {name: r.read(name) for name in SOURCE_FILES}
    rows = Rows()

    laws = src["laws.yml"].get("laws") or {}
    for code, text in laws.items():
        rows.add(m.Law, code=code, omschrijving=str(text))

    types = src["loket_types.yml"].get("loket_types") or {}
    for code, t in types.items():
        if t.get("scope") not in SCOPES:
            r.problem("loket_types.yml", code, f"scope '{t.get('scope')}' is not one of {sorted(SCOPES)}")
        if not t.get("uitleg"):
            r.problem("loket_types.yml", code, "no uitleg")
        rows.add(m.LoketType, code=code, naam=t.get("naam", ""), scope=t.get("scope", ""), uitleg=t.get("uitleg", ""))
        for i, law in enumerate(t.get("laws") or []):
            if law not in laws:
                r.problem("loket_types.yml", code, f"unknown law '{law}'")
            rows.add(m.LoketTypeLaw, loket_type=code, law=law, position=i)

    def check_type(code: Any, file: str, entry: str) -> None:
        if code not in types:
            r.problem(file, entry, f"unknown loket type '{code}'")

    needs = src["needs.yml"].get("needs") or {}
    for i, (code, n) in enumerate(needs.items()):
        n = n or {}
        if n.get("domein") not in DOMEINEN:
            r.problem("needs.yml", code, f"domein '{n.get('domein')}' is not one of wmo, jeugd, inkomen, schulden or null")
        rows.add(m.Need, code=code, naam=n.get("naam") or code, beschrijving=n.get("beschrijving") or "",
                 domein=n.get("domein"), crisis=bool(n.get("crisis")),
                 follows_help_need=bool(n.get("volgt_hulpvraag")), position=i)
        for syn in n.get("synoniemen") or []:
            rows.add(m.NeedSynonym, need=code, tekst=str(syn).lower())

    cost_defaults = src["costs.yml"]
    costs = cost_defaults.get("kosten") or {}
    variant_id = 1
    for code, c in costs.items():
        c = c or {}
        for key in sorted(set(c) - COST_KEYS):
            r.problem("costs.yml", code, f"unknown field '{key}' (allowed: {', '.join(sorted(COST_KEYS))})")
        if not c.get("tekst"):
            r.problem("costs.yml", code, "no tekst")
        rows.add(m.Cost, code=code, tekst=str(c.get("tekst", "")).strip(), **r.sourced(c, "costs.yml", code, cost_defaults),
                 **r.period(c, "costs.yml", code))
        for pos, v in enumerate(c.get("varianten") or []):
            where = f"{code}, variant {pos + 1}"
            v = v or {}
            for key in sorted(set(v) - COST_VARIANT_KEYS):
                r.problem("costs.yml", where, f"unknown field '{key}' (allowed: {', '.join(sorted(COST_VARIANT_KEYS))})")
            conditions = v.get("als") or {}
            for key, value in conditions.items():
                if key not in COST_CONDITION_KEYS:
                    r.problem("costs.yml", where, f"unknown condition '{key}' (allowed: {', '.join(COST_CONDITION_KEYS)})")
                elif not isinstance(value, int) or isinstance(value, bool):
                    r.problem("costs.yml", where, f"condition '{key}' must be int")
            period = r.period(v, "costs.yml", where)
            if not conditions and not (period["geldig_vanaf"] or period["geldig_tot"]):
                r.problem("costs.yml", where, "variant without 'als' or geldig_vanaf/geldig_tot: it would always replace the base text")
            if not v.get("tekst"):
                r.problem("costs.yml", where, "no tekst")
            rows.add(m.CostVariant, id=variant_id, cost=code, position=pos, tekst=str(v.get("tekst", "")).strip(),
                     leeftijd_min=conditions.get("leeftijd_min"), leeftijd_max=conditions.get("leeftijd_max"),
                     **period, **r.sourced(v, "costs.yml", where, c if c.get("bron") else cost_defaults))
            variant_id += 1

    rule_defaults = src["rules.yml"]
    seen_needs: Dict[str, List[tuple]] = {}  # need -> [(rule number, period)]
    next_id = 1
    for i, rule in enumerate(rule_defaults.get("rules") or []):
        need = rule.get("need")
        entry = f"rule {i + 1} (need {need})"
        if need not in needs:
            r.problem("rules.yml", entry, f"unknown need '{need}'")
        period = r.period(rule, "rules.yml", entry)
        for other, other_period in seen_needs.get(need, []):
            if overlaps(period, other_period):
                r.problem("rules.yml", entry, f"need '{need}' already has a rule for (part of) this period (rule {other}); "
                                              "give the versions geldig_vanaf/geldig_tot that do not overlap")
        seen_needs.setdefault(need, []).append((i + 1, period))
        parent_id = next_id
        for pos, (variant, conditions) in enumerate(
            [(rule, {})] + [(ex, ex.get("als") or {}) for ex in rule.get("uitzonderingen") or []]
        ):
            where = entry if pos == 0 else f"{entry}, uitzondering {pos}"
            if pos and not conditions:
                r.problem("rules.yml", where, "uitzondering without 'als' conditions")
            for key in sorted(set(variant) - (RULE_KEYS if pos == 0 else VARIANT_KEYS)):
                r.problem("rules.yml", where, f"unknown field '{key}' (allowed: {', '.join(sorted(RULE_KEYS if pos == 0 else VARIANT_KEYS))})")
            for key, value in conditions.items():
                if key not in CONDITION_KEYS:
                    r.problem("rules.yml", where, f"unknown condition '{key}' (allowed: {', '.join(CONDITION_KEYS)})")
                elif not isinstance(value, CONDITION_KEYS[key]) or (CONDITION_KEYS[key] is int and isinstance(value, bool)):
                    r.problem("rules.yml", where, f"condition '{key}' must be {CONDITION_KEYS[key].__name__}")
            merged = dict(rule, **{k: v for k, v in variant.items() if k != "als"}) if pos else rule
            law = merged.get("law")
            if law not in laws:
                r.problem("rules.yml", where, f"unknown law '{law}'")
            check_type(merged.get("primary"), "rules.yml", where)
            if merged.get("kosten") is not None and merged.get("kosten") not in costs:
                r.problem("rules.yml", where, f"unknown kosten '{merged.get('kosten')}'")
            for key in ("waarom", "volgende_stap"):
                if not merged.get(key):
                    r.problem("rules.yml", where, f"no {key}")
            sourced = r.sourced(variant if pos else rule, "rules.yml", where, rule if pos else rule_defaults)
            if pos and "te_verifieren" not in variant:
                sourced["te_verifieren"] = None  # an exception is checked on its own
            rows.add(m.Rule, id=next_id, need=need, parent_id=None if pos == 0 else parent_id, position=pos,
                     **(period if pos == 0 else r.period(variant, "rules.yml", where)),
                     law=law, primary=merged.get("primary"), urgent=bool(merged.get("urgent")),
                     regie=bool(merged.get("regie")),
                     kosten=merged.get("kosten"), waarom=str(merged.get("waarom", "")).strip(),
                     volgende_stap=str(merged.get("volgende_stap", "")).strip(),
                     toelichting=merged.get("toelichting"), **sourced,
                     **{k: conditions.get(k) for k in CONDITION_KEYS})
            for j, also in enumerate(merged.get("also") or []):
                check_type(also, "rules.yml", where)
                rows.add(m.RuleAlso, rule_id=next_id, position=j, loket_type=also)
            for j, text in enumerate(merged.get("meenemen") or []):
                rows.add(m.RuleBring, rule_id=next_id, position=j, tekst=str(text))
            next_id += 1
    for code in needs:
        if code not in seen_needs:
            r.problem("rules.yml", f"need {code}", "no rule for this need (every need must route somewhere)")

    gem_defaults = src["gemeenten.yml"]
    gemeenten: Dict[str, str] = {}  # code -> naam
    by_name: Dict[str, str] = {}
    for i, g in enumerate(gem_defaults.get("gemeenten") or []):
        code, naam = g.get("code"), g.get("naam")
        entry = f"gemeente {i + 1} ({naam or code})"
        if not code or not GM_CODE.match(str(code)):
            r.problem("gemeenten.yml", entry, f"code '{code}' is not a CBS code like GM0505")
            continue
        if code in gemeenten:
            r.problem("gemeenten.yml", entry, f"code {code} appears twice")
            continue
        if not naam or not g.get("provincie"):
            r.problem("gemeenten.yml", entry, "naam and provincie are required")
        gemeenten[code] = naam
        by_name[str(naam).lower()] = code
        rows.add(m.Gemeente, code=code, naam=naam, provincie=g.get("provincie", ""), website=g.get("website"))
        names = {(naam, "naam")}
        for key, soort in (("aliassen", "alias"), ("voormalige_gemeenten", "voormalig"), ("plaatsen", "plaats")):
            names.update((str(n), soort) for n in g.get(key) or [] if n)
        for n, soort in sorted(names):
            rows.add(m.GemeenteName, gemeente=code, naam=n, soort=soort)

    def gemeente_code(ref: Any, file: str, entry: str) -> Optional[str]:
        ref = str(ref)
        code = ref if ref in gemeenten else by_name.get(ref.lower())
        if not code:
            r.problem(file, entry, f"unknown gemeente '{ref}'")
        return code

    reg_defaults = src["regions.yml"]
    seen_regions = set()
    for i, reg in enumerate(reg_defaults.get("regions") or []):
        code = reg.get("code")
        entry = f"region {i + 1} ({code})"
        if not code or code in seen_regions:
            r.problem("regions.yml", entry, "missing or duplicate code")
            continue
        seen_regions.add(code)
        if reg.get("type") not in REGION_TYPES:
            r.problem("regions.yml", entry, f"type '{reg.get('type')}' is not one of {sorted(REGION_TYPES)}")
        centrum = reg.get("centrumgemeente")
        if centrum is not None:
            centrum = gemeente_code(centrum, "regions.yml", entry)
        rows.add(m.Region, code=code, type=reg.get("type"), naam=reg.get("naam") or code, centrumgemeente=centrum,
                 organisatie=reg.get("organisatie"), website=reg.get("website"), telefoon=reg.get("telefoon"), hoe=reg.get("hoe"),
                 opmerking=reg.get("opmerking"), **r.sourced(reg, "regions.yml", entry, reg_defaults))
        for member in dict.fromkeys(reg.get("gemeenten") or []):
            gm = gemeente_code(member, "regions.yml", entry)
            if gm:
                rows.add(m.RegionMember, region=code, gemeente=gm)

    loket_ids = iter(range(1, 1_000_000))
    seen_lokets: Dict[tuple, List[tuple]] = {}  # (loket type, gemeente or None) -> [(entry, period)]

    def add_loket(item: Dict[str, Any], file: str, entry: str, gemeente: Optional[str], defaults: Dict[str, Any],
                  clash: str) -> None:
        """One loket (national organisation or municipal door): reachable, and not two for one period."""
        check_type(item.get("loket_type"), file, entry)
        contact = item.get("contact") or {}
        if not any(contact.get(k) for k in ("telefoon", "website", "hoe")):
            r.problem(file, entry, "no way to contact it (telefoon, website or hoe)")
        period = r.period(item, file, entry)
        key = (item.get("loket_type"), gemeente)
        for other, other_period in seen_lokets.get(key, []):
            if overlaps(period, other_period):
                r.problem(file, entry, f"{clash} for (part of) this period ({other}); use geldig_vanaf/geldig_tot")
        seen_lokets.setdefault(key, []).append((entry, period))
        rows.add(m.Loket, id=next(loket_ids), loket_type=item.get("loket_type"), gemeente=gemeente,
                 naam=item.get("naam") or "", telefoon=contact.get("telefoon"), website=contact.get("website"),
                 adres=contact.get("adres"), hoe=contact.get("hoe"), algemeen=bool(item.get("algemeen", False)),
                 toelichting=item.get("toelichting"), **r.sourced(item, file, entry, defaults), **period)

    org_defaults = src["organisations.yml"]
    for i, org in enumerate(org_defaults.get("organisations") or []):
        add_loket(org, "organisations.yml", f"organisation {i + 1} ({org.get('naam')})", None, org_defaults,
                  f"loket type '{org.get('loket_type')}' already has an organisation")

    gl = src["gemeente_lokets.yml"]
    for code, g in (gl.get("generiek") or {}).items():
        check_type(code, "gemeente_lokets.yml", f"generiek {code}")
        if not (g or {}).get("naam") or not (g or {}).get("hoe"):
            r.problem("gemeente_lokets.yml", f"generiek {code}", "naam and hoe are required")
        rows.add(m.GenericLoket, loket_type=code, naam=(g or {}).get("naam", ""), hoe=(g or {}).get("hoe", ""))
    for i, s in enumerate(gl.get("specifiek") or []):
        entry = f"specifiek {i + 1} ({s.get('gemeente')}, {s.get('loket_type')})"
        gm = gemeente_code(s.get("gemeente"), "gemeente_lokets.yml", entry)
        add_loket(s, "gemeente_lokets.yml", entry, gm, gl, f"this gemeente already has a '{s.get('loket_type')}' loket")

    # No dead ends: every loket type a rule can send someone to must be reachable somehow.
    generic = {row["loket_type"] for row in rows.tables.get(m.GenericLoket, [])}
    national = {row["loket_type"] for row in rows.tables.get(m.Loket, []) if row["gemeente"] is None}
    used = {row["primary"] for row in rows.tables.get(m.Rule, [])} | {row["loket_type"] for row in rows.tables.get(m.RuleAlso, [])}
    for code in sorted(used):
        if code in types and code not in generic and code not in national:
            r.problem("organisations.yml / gemeente_lokets.yml", code,
                      "rules send residents here but no organisation or generic loket says how to reach it")

    if r.problems:
        raise LoaderError(r.problems)
    return rows


def write(rows: Rows, database_url: str) -> None:
    """Replace the database's routing tables with ``rows``, all or nothing."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        target = Path(url.database)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(suffix=".db", dir=target.parent)
        os.close(fd)
        try:
            _write_into(create_engine(f"sqlite:///{tmp}"), rows)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    else:
        _write_into(create_engine(database_url), rows)


def _write_into(engine, rows: Rows) -> None:
    with engine.begin() as conn:
        m.Base.metadata.drop_all(conn)
        m.Base.metadata.create_all(conn)
        for table in m.Base.metadata.sorted_tables:
            model = next(c for c in m.Base.registry._class_registry.values()
                         if getattr(c, "__table__", None) is table)
            values = rows.tables.get(model)
            if values:
                conn.execute(insert(model), values)
    engine.dispose()


def load(database_url: Optional[str] = None, folder: Path = ROUTING_DATA) -> Rows:
    rows = read_rows(folder)
    write(rows, database_url or default_database_url())
    return rows


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Build the routing database from data/routing/.")
    parser.add_argument("--database-url", default=None, help="default: $DATABASE_URL or sqlite:///build/routing.db")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    url = args.database_url or default_database_url()
    try:
        rows = load(url)
    except LoaderError as err:
        print(f"ERROR: {err}\nThe database was not changed.", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"== Routing table loaded into {make_url(url).render_as_string(hide_password=True)}: "
              f"{rows.count(m.Gemeente)} gemeenten, {rows.count(m.Rule)} rules, {rows.count(m.Loket)} lokets")
    return 0


if __name__ == "__main__":
    sys.exit(main())
