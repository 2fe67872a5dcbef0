"""Freshness report of the routing table: which facts are due for a check.

    python -m bot.routing.audit                      # for staff, today, facts older than 365 days
    python -m bot.routing.audit --max-dagen 180 --datum 2027-01-01
    python -m bot.routing.audit --json               # the same figures as one JSON object

Per source file it lists the facts (rules, exceptions, costs, regions, organisations, municipal
lokets) whose ``peildatum`` is older than the maximum age, and the facts marked *te verifiëren*:
an explicit ``te_verifieren`` field, or (older data) the words "te verifiëren", "niet geverifieerd"
or "niet nagegaan" in ``bron``, ``opmerking`` or ``toelichting`` — a sentence that only says
something was *left out* ("daarom niet opgenomen") does not count. It lists the national contacts
with their last check, and per municipal loket type how many gemeenten (and, when
``data/routing/sources/inwoners.csv`` is present, how many residents) have a concrete door: a
loket with its own name and a route of its own (website, phone, or more than the general
"bel of mail de gemeente").
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import yaml

from bot.paths import ROUTING_DATA

MUNICIPAL_DOOR_TYPES = ("gemeente-wmo", "sociaal-wijkteam", "gemeente-jeugd", "gemeente-werk-inkomen",
                        "gemeente-schuldhulp")
UNVERIFIED = re.compile(r"te verifi[eë]ren|niet geverifieerd|niet nagegaan", re.IGNORECASE)
LEFT_OUT = re.compile(r"niet opgenomen|niet verwerkt|niet genoemd|daarom niet|niet als belofte", re.IGNORECASE)
POPULATION_FILE = "sources/inwoners.csv"  # code,naam,inwoners,peildatum,bron (optional)


@dataclass
class Fact:
    file: str
    entry: str
    peildatum: Optional[str]
    te_verifieren: Optional[str] = None


@dataclass
class FileReport:
    file: str
    facts: int = 0
    oudste_peildatum: Optional[str] = None
    verouderd: List[Fact] = field(default_factory=list)
    te_verifieren: List[Fact] = field(default_factory=list)


def _date(value: Any) -> Optional[dt.date]:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        return None


def unverified_reason(item: Dict[str, Any]) -> Optional[str]:
    """Why a fact still has to be checked, or None."""
    if item.get("te_verifieren"):
        return " ".join(str(item["te_verifieren"]).split())
    for key in ("bron", "opmerking", "toelichting"):
        text = str(item.get(key) or "")
        for sentence in re.split(r"(?<=[.;])\s+", text):
            if UNVERIFIED.search(sentence) and not LEFT_OUT.search(sentence):
                return f"{key}: " + " ".join(sentence.split())[:200]
    return None


def facts(folder: Path) -> Iterator[Fact]:
    """Every dated fact in the source files, with its own or its file's peildatum."""
    def load(name):
        path = folder / name
        return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}

    def fact(file, entry, item, default):
        peil = _date(item.get("peildatum") or default.get("peildatum"))
        return Fact(file, entry, peil.isoformat() if peil else None, unverified_reason(item))

    rules = load("rules.yml")
    for i, rule in enumerate(rules.get("rules") or []):
        yield fact("rules.yml", f"{rule.get('need')} (regel {i + 1})", rule, rules)
        for j, ex in enumerate(rule.get("uitzonderingen") or []):
            yield fact("rules.yml", f"{rule.get('need')} uitzondering {j + 1} {ex.get('als')}", ex, rule)
    costs = load("costs.yml")
    for code, c in (costs.get("kosten") or {}).items():
        yield fact("costs.yml", code, c or {}, costs)
        for j, v in enumerate((c or {}).get("varianten") or []):
            yield fact("costs.yml", f"{code} variant {j + 1}", v, c)
    regions = load("regions.yml")
    for reg in regions.get("regions") or []:
        yield fact("regions.yml", f"{reg.get('code')} ({reg.get('type')})", reg, regions)
    orgs = load("organisations.yml")
    for org in orgs.get("organisations") or []:
        yield fact("organisations.yml", f"{org.get('naam')} ({org.get('loket_type')})", org, orgs)
    lokets = load("gemeente_lokets.yml")
    for s in lokets.get("specifiek") or []:
        yield fact("gemeente_lokets.yml", f"{s.get('gemeente')}, {s.get('loket_type')}", s, lokets)
    gemeenten = load("gemeenten.yml")
    if gemeenten:
        yield fact("gemeenten.yml", "indeling (hele bestand)", {k: gemeenten.get(k) for k in ("peildatum", "bron")}, {})


def national_contacts(folder: Path) -> List[Dict[str, Any]]:
    orgs = yaml.safe_load((folder / "organisations.yml").read_text(encoding="utf-8"))
    out = []
    for org in orgs.get("organisations") or []:
        contact = org.get("contact") or {}
        peil = _date(org.get("peildatum") or orgs.get("peildatum"))
        out.append({"naam": org.get("naam"), "loket_type": org.get("loket_type"), "telefoon": contact.get("telefoon"),
                    "website": contact.get("website"), "peildatum": peil.isoformat() if peil else None,
                    "te_verifieren": unverified_reason(org)})
    return out


def population_rows(folder: Path) -> List[Dict[str, str]]:
    path = folder / POPULATION_FILE
    if not path.exists():
        return []
    rows = csv.DictReader(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    return [r for r in rows if r.get("inwoners")]


def population(folder: Path) -> Dict[str, int]:
    return {r["code"]: int(r["inwoners"]) for r in population_rows(folder)}


GENERAL_ROUTE = re.compile(r"^bel of mail (de gemeente|uw gemeente)", re.IGNORECASE)


def is_concrete(algemeen: bool, contact) -> bool:
    """A real door: its own name (not the generic municipal text) and a route of its own: a website, a phone
    number, or a way to reach it that is more than 'bel of mail de gemeente'."""
    if algemeen:
        return False
    return bool(contact.website or contact.telefoon or (contact.hoe and not GENERAL_ROUTE.search(contact.hoe.strip())))


def door_coverage(folder: Path, datum: dt.date) -> Dict[str, Any]:
    """Per municipal loket type: gemeenten (and residents, when known) with a concrete door on ``datum``."""
    from bot.routing.loader import read_rows, write
    from bot.routing.router import concrete_loket
    from bot.routing.table import RoutingTable

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'audit.db'}"
        write(read_rows(folder), url)
        table = RoutingTable.from_database(url)
    rows = population_rows(folder)
    inwoners = {r["code"]: int(r["inwoners"]) for r in rows}
    known = [c for c in table.gemeenten if c in inwoners]
    total_pop = sum(inwoners[c] for c in known)
    out: Dict[str, Any] = {"gemeenten": len(table.gemeenten), "inwoners_bekend_voor": len(known),
                           "inwoners_bron": str(POPULATION_FILE) if inwoners else None,
                           "inwoners_peildatum": sorted({r.get("peildatum") or "" for r in rows}) or None,
                           "inwoners_totaal": total_pop or None, "per_loket_type": {}}
    for loket_type in MUNICIPAL_DOOR_TYPES:
        concrete = []
        for g in table.gemeenten.values():
            naam, contact, algemeen = concrete_loket(table, loket_type, g, datum)
            if is_concrete(algemeen, contact):
                concrete.append(g.code)
        entry: Dict[str, Any] = {"gemeenten_met_deur": len(concrete),
                                 "aandeel_gemeenten": round(len(concrete) / len(table.gemeenten), 4)}
        if total_pop and len(known) == len(table.gemeenten):
            pop = sum(inwoners[c] for c in concrete)
            entry.update(inwoners_met_deur=pop, aandeel_inwoners=round(pop / total_pop, 4))
        else:
            entry.update(inwoners_met_deur=None, aandeel_inwoners=None)
        out["per_loket_type"][loket_type] = entry
    return out


def report(folder: Path = ROUTING_DATA, max_dagen: int = 365, datum: Optional[dt.date] = None) -> Dict[str, Any]:
    datum = datum or dt.date.today()
    grens = datum - dt.timedelta(days=max_dagen)
    files: Dict[str, FileReport] = {}
    for f in facts(folder):
        fr = files.setdefault(f.file, FileReport(f.file))
        fr.facts += 1
        if f.peildatum and (fr.oudste_peildatum is None or f.peildatum < fr.oudste_peildatum):
            fr.oudste_peildatum = f.peildatum
        if f.peildatum is None or dt.date.fromisoformat(f.peildatum) < grens:
            fr.verouderd.append(f)
        if f.te_verifieren:
            fr.te_verifieren.append(f)
    return {
        "datum": datum.isoformat(),
        "max_dagen": max_dagen,
        "verouderd_voor": grens.isoformat(),
        "totaal": {"feiten": sum(f.facts for f in files.values()),
                   "verouderd": sum(len(f.verouderd) for f in files.values()),
                   "te_verifieren": sum(len(f.te_verifieren) for f in files.values())},
        "bestanden": [asdict(f) for f in files.values()],
        "landelijke_contacten": national_contacts(folder),
        "concrete_deuren": door_coverage(folder, datum),
    }


def _pct(x: Optional[float]) -> str:
    return "onbekend" if x is None else f"{100 * x:.1f}%"


def readable(r: Dict[str, Any], detail: int = 10) -> str:
    t = r["totaal"]
    lines = [f"Versheid van de routeringstabel op {r['datum']} (verouderd = peildatum voor {r['verouderd_voor']}, "
             f"ouder dan {r['max_dagen']} dagen)",
             f"Totaal: {t['feiten']} feiten, {t['verouderd']} verouderd, {t['te_verifieren']} te verifiëren.", ""]
    for f in r["bestanden"]:
        lines.append(f"{f['file']}: {f['facts']} feiten, oudste peildatum {f['oudste_peildatum']}, "
                     f"{len(f['verouderd'])} verouderd, {len(f['te_verifieren'])} te verifiëren")
        for x in f["te_verifieren"][:detail]:
            lines.append(f"    te verifiëren  {x['entry']}: {x['te_verifieren'][:140]}")
        if len(f["te_verifieren"]) > detail:
            lines.append(f"    ... en nog {len(f['te_verifieren']) - detail} (zie --json)")
    lines += ["", "Landelijke contacten (laatste controle):"]
    for c in r["landelijke_contacten"]:
        nummer = c["telefoon"] or "-"
        mark = "  TE VERIFIËREN" if c["te_verifieren"] else ""
        lines.append(f"  {c['peildatum']}  {c['naam']} [{c['loket_type']}]  tel. {nummer}  {c['website'] or ''}{mark}")
    d = r["concrete_deuren"]
    lines += ["", f"Concrete gemeentelijke deur (eigen naam en eigen route), {d['gemeenten']} gemeenten:"]
    for loket_type, e in d["per_loket_type"].items():
        lines.append(f"  {loket_type:24} {e['gemeenten_met_deur']:4} gemeenten ({_pct(e['aandeel_gemeenten'])}), "
                     f"inwoners {_pct(e['aandeel_inwoners'])}")
    if d["inwoners_bron"] is None:
        lines.append(f"  (Aandeel inwoners onbekend: geen {POPULATION_FILE} met CBS-inwonertallen per gemeente.)")
    else:
        lines.append(f"  (Inwoners uit {d['inwoners_bron']}, peildatum {', '.join(d['inwoners_peildatum'])}, "
                     f"{d['inwoners_bekend_voor']} van {d['gemeenten']} gemeenten, {d['inwoners_totaal']} inwoners.)")
    return "\n".join(lines)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Freshness report of the routing table (data/routing/).")
    parser.add_argument("--max-dagen", type=int, default=365, help="a peildatum older than this many days is due (default 365)")
    parser.add_argument("--datum", help="report as on this date, JJJJ-MM-DD (default: today)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--folder", type=Path, default=ROUTING_DATA, help="the routing data folder (default data/routing)")
    parser.add_argument("--detail", type=int, default=10, help="te verifiëren entries shown per file (default 10)")
    args = parser.parse_args(argv)
    if args.max_dagen < 0:
        print("ERROR: --max-dagen moet 0 of meer zijn.", file=sys.stderr)
        return 2
    datum = None
    if args.datum:
        try:
            datum = dt.date.fromisoformat(args.datum)
        except ValueError:
            print(f"ERROR: Ongeldige datum: '{args.datum}'. Gebruik JJJJ-MM-DD, bijvoorbeeld 2027-01-01.", file=sys.stderr)
            return 2
    if not (args.folder / "rules.yml").exists():
        print(f"ERROR: geen routeringsdata in {args.folder} (rules.yml ontbreekt).", file=sys.stderr)
        return 2
    from bot.routing.loader import LoaderError

    try:
        r = report(args.folder, args.max_dagen, datum)
    except LoaderError as err:
        print(f"ERROR: {err}", file=sys.stderr)
        return 1
    print(json.dumps(r, ensure_ascii=False, indent=2) if args.json else readable(r, args.detail))
    return 0


if __name__ == "__main__":
    sys.exit(main())
