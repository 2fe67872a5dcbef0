"""The routing table in memory, read once from the database.

Routing a question must take well under a millisecond, so the router never queries the
database: it works on these frozen dataclasses, loaded with a handful of SELECTs.
"""
from __future__ import annotations

import datetime as dt
import os
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from bot.routing import models as m


@dataclass(frozen=True)
class Condition:
    leeftijd_min: Optional[int] = None
    leeftijd_max: Optional[int] = None
    wlz_indicatie: Optional[bool] = None
    woont_in_instelling: Optional[bool] = None
    woont_alleen: Optional[bool] = None
    pgb: Optional[bool] = None
    psychische_problemen: Optional[bool] = None
    tijdelijk: Optional[bool] = None


# Yes/no facts a rule variant can depend on (rules.yml `als`, Context, data/signals/context.yml).
FLAGS = ("wlz_indicatie", "woont_in_instelling", "woont_alleen", "pgb", "psychische_problemen", "tijdelijk")


@dataclass(frozen=True)
class RuleVariant:
    need: str
    law: str
    primary: str
    also: Tuple[str, ...]
    urgent: bool
    kosten: Optional[str]
    waarom: str
    volgende_stap: str
    meenemen: Tuple[str, ...]
    bron: str
    peildatum: dt.date
    condition: Condition = Condition()
    toelichting: Optional[str] = None
    regie: bool = False  # the primary loket coordinates the needs whose loket is in `also` (e.g. the opvang)


@dataclass(frozen=True)
class NeedInfo:
    code: str
    naam: str
    beschrijving: str
    domein: Optional[str]
    crisis: bool
    synoniemen: Tuple[str, ...]


@dataclass(frozen=True)
class GemeenteInfo:
    code: str
    naam: str
    provincie: str
    website: Optional[str]


@dataclass(frozen=True)
class RegionInfo:
    code: str
    type: str
    naam: str
    centrumgemeente: Optional[str]
    organisatie: Optional[str]
    website: Optional[str]
    telefoon: Optional[str]
    bron: str
    peildatum: dt.date


@dataclass(frozen=True)
class LoketInfo:
    loket_type: str
    naam: str
    telefoon: Optional[str]
    website: Optional[str]
    adres: Optional[str]
    hoe: Optional[str]
    algemeen: bool
    bron: str
    peildatum: Optional[dt.date]


@dataclass
class RoutingTable:
    laws: Dict[str, str]
    loket_types: Dict[str, m.LoketType]
    loket_type_laws: Dict[str, Tuple[str, ...]]
    needs: Dict[str, NeedInfo]
    costs: Dict[str, str]
    rules: Dict[str, Tuple[RuleVariant, ...]]  # need -> (base rule, exceptions...)
    gemeenten: Dict[str, GemeenteInfo]
    names: List[Tuple[str, str, str]]  # (naam, soort, gemeente code)
    regions: Dict[str, RegionInfo]
    region_of: Dict[Tuple[str, str], str]  # (region type, gemeente) -> region code
    national_lokets: Dict[str, LoketInfo]
    specific_lokets: Dict[Tuple[str, str], LoketInfo]  # (loket type, gemeente) -> loket
    generic_lokets: Dict[str, Tuple[str, str]]  # loket type -> (naam, hoe) templates
    _matcher: object = field(default=None, repr=False)

    @classmethod
    def from_database(cls, database_url: str) -> "RoutingTable":
        engine = create_engine(database_url)
        try:
            with Session(engine) as s:
                return cls._read(s)
        finally:
            engine.dispose()

    @classmethod
    def _read(cls, s: Session) -> "RoutingTable":
        def rows(model, *order):
            return s.execute(select(model).order_by(*order)).scalars().all()

        type_laws: Dict[str, List[str]] = defaultdict(list)
        for tl in rows(m.LoketTypeLaw, m.LoketTypeLaw.loket_type, m.LoketTypeLaw.position):
            type_laws[tl.loket_type].append(tl.law)
        synonyms: Dict[str, List[str]] = defaultdict(list)
        for syn in rows(m.NeedSynonym, m.NeedSynonym.id):
            synonyms[syn.need].append(syn.tekst)
        also: Dict[int, List[str]] = defaultdict(list)
        for a in rows(m.RuleAlso, m.RuleAlso.rule_id, m.RuleAlso.position):
            also[a.rule_id].append(a.loket_type)
        bring: Dict[int, List[str]] = defaultdict(list)
        for b in rows(m.RuleBring, m.RuleBring.rule_id, m.RuleBring.position):
            bring[b.rule_id].append(b.tekst)
        rules: Dict[str, List[RuleVariant]] = defaultdict(list)
        for r in rows(m.Rule, m.Rule.need, m.Rule.position):
            rules[r.need].append(RuleVariant(
                need=r.need, law=r.law, primary=r.primary, also=tuple(also[r.id]), urgent=r.urgent,
                kosten=r.kosten, waarom=r.waarom, volgende_stap=r.volgende_stap, meenemen=tuple(bring[r.id]),
                bron=r.bron, peildatum=r.peildatum, toelichting=r.toelichting, regie=bool(r.regie),
                condition=Condition(leeftijd_min=r.leeftijd_min, leeftijd_max=r.leeftijd_max,
                                    **{flag: getattr(r, flag) for flag in FLAGS})))
        region_of = {}
        for rm in rows(m.RegionMember, m.RegionMember.region):
            region_of[rm.region] = region_of.get(rm.region, []) + [rm.gemeente]
        regions = {r.code: RegionInfo(r.code, r.type, r.naam, r.centrumgemeente, r.organisatie, r.website,
                                      r.telefoon, r.bron, r.peildatum) for r in rows(m.Region, m.Region.code)}
        membership = {}
        for code, members in region_of.items():
            for gm in members:
                membership.setdefault((regions[code].type, gm), code)
        national, specific = {}, {}
        for lk in rows(m.Loket, m.Loket.id):
            info = LoketInfo(lk.loket_type, lk.naam, lk.telefoon, lk.website, lk.adres, lk.hoe, lk.algemeen,
                             lk.bron, lk.peildatum)
            if lk.gemeente is None:
                national.setdefault(lk.loket_type, info)
            else:
                specific[(lk.loket_type, lk.gemeente)] = info
        return cls(
            laws={law.code: law.omschrijving for law in rows(m.Law, m.Law.code)},
            loket_types={t.code: t for t in rows(m.LoketType, m.LoketType.code)},
            loket_type_laws={k: tuple(v) for k, v in type_laws.items()},
            needs={n.code: NeedInfo(n.code, n.naam, n.beschrijving, n.domein, n.crisis, tuple(synonyms[n.code]))
                   for n in rows(m.Need, m.Need.position)},
            costs={c.code: c.tekst for c in rows(m.Cost, m.Cost.code)},
            rules={k: tuple(v) for k, v in rules.items()},
            gemeenten={g.code: GemeenteInfo(g.code, g.naam, g.provincie, g.website) for g in rows(m.Gemeente, m.Gemeente.code)},
            names=[(n.naam, n.soort, n.gemeente) for n in rows(m.GemeenteName, m.GemeenteName.id)],
            regions=regions,
            region_of=membership,
            national_lokets=national,
            specific_lokets=specific,
            generic_lokets={g.loket_type: (g.naam, g.hoe) for g in rows(m.GenericLoket, m.GenericLoket.loket_type)},
        )

    @property
    def matcher(self):
        """The municipality matcher over this table's names (built on first use)."""
        if self._matcher is None:
            from bot.routing.gemeenten import GemeenteMatcher

            self._matcher = GemeenteMatcher(self.gemeenten, self.names)
        return self._matcher


def _stale(db) -> bool:
    """The embedded SQLite table is missing or older than a source file in data/routing/."""
    from bot.paths import ROUTING_DATA

    if not db.exists():
        return True
    built = db.stat().st_mtime
    return any(p.stat().st_mtime > built for p in ROUTING_DATA.glob("*.yml"))


_default: Optional[RoutingTable] = None
_lock = threading.Lock()


def default_table() -> RoutingTable:
    """The project's routing table: $DATABASE_URL, else build/routing.db (built when missing)."""
    global _default
    with _lock:
        if _default is None:
            from bot.routing.loader import default_database_url, load
            from bot.paths import ROUTING_DB

            url = default_database_url()
            if not os.environ.get("DATABASE_URL") and _stale(ROUTING_DB):
                load(url)
            _default = RoutingTable.from_database(url)
        return _default
