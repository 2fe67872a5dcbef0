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
    jeugdhulp: Optional[bool] = None
    al_gekocht: Optional[bool] = None


# Yes/no facts a rule variant can depend on (rules.yml `als`, Context, data/signals/context.yml).
# jeugdhulp: the question is about youth care or child protection (jeugdhulp, jeugdbescherming); its
# patterns in data/signals/context.yml are still to be added (NLU side).
FLAGS = ("wlz_indicatie", "woont_in_instelling", "woont_alleen", "pgb", "psychische_problemen", "tijdelijk",
         "jeugdhulp", "al_gekocht")


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
    geldig_vanaf: Optional[dt.date] = None  # first day the rule holds (None: always has)
    geldig_tot: Optional[dt.date] = None  # first day the rule no longer holds (None: open)
    base_id: int = 0  # the id of the base rule this variant belongs to (its own id for a base rule)
    is_base: bool = True
    te_verifieren: Optional[str] = None

    def valid_on(self, datum: dt.date) -> bool:
        return valid_on(self.geldig_vanaf, self.geldig_tot, datum)


def valid_on(vanaf: Optional[dt.date], tot: Optional[dt.date], datum: dt.date) -> bool:
    """A fact with this validity period holds on ``datum`` (geldig_tot is the first day it no longer holds)."""
    return (vanaf is None or vanaf <= datum) and (tot is None or datum < tot)


@dataclass(frozen=True)
class CostVersion:
    """One text of a cost code: a variant (age, period) or the base text (``base``)."""

    tekst: str
    bron: str
    peildatum: dt.date
    leeftijd_min: Optional[int] = None
    leeftijd_max: Optional[int] = None
    geldig_vanaf: Optional[dt.date] = None
    geldig_tot: Optional[dt.date] = None
    base: bool = False

    def applies(self, leeftijd: Optional[int], datum: dt.date) -> bool:
        if not valid_on(self.geldig_vanaf, self.geldig_tot, datum):
            return False
        if self.leeftijd_min is not None and (leeftijd is None or leeftijd < self.leeftijd_min):
            return False
        if self.leeftijd_max is not None and (leeftijd is None or leeftijd > self.leeftijd_max):
            return False
        return True


@dataclass(frozen=True)
class NeedInfo:
    code: str
    naam: str
    beschrijving: str
    domein: Optional[str]
    crisis: bool
    synoniemen: Tuple[str, ...]
    follows_help_need: bool = False  # needs.yml `volgt_hulpvraag` (bot.routing.router)


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
    hoe: Optional[str] = None


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
    geldig_vanaf: Optional[dt.date] = None
    geldig_tot: Optional[dt.date] = None

    def valid_on(self, datum: dt.date) -> bool:
        return valid_on(self.geldig_vanaf, self.geldig_tot, datum)


@dataclass
class RoutingTable:
    laws: Dict[str, str]
    loket_types: Dict[str, m.LoketType]
    loket_type_laws: Dict[str, Tuple[str, ...]]
    needs: Dict[str, NeedInfo]
    costs: Dict[str, Tuple[CostVersion, ...]]  # code -> (variants in order..., base text)
    rules: Dict[str, Tuple[RuleVariant, ...]]  # need -> (base rule, its exceptions..., next dated base rule, ...)
    gemeenten: Dict[str, GemeenteInfo]
    names: List[Tuple[str, str, str]]  # (naam, soort, gemeente code)
    regions: Dict[str, RegionInfo]
    region_of: Dict[Tuple[str, str], str]  # (region type, gemeente) -> region code
    national_lokets: Dict[str, Tuple[LoketInfo, ...]]  # loket type -> versions (by geldig_vanaf)
    specific_lokets: Dict[Tuple[str, str], Tuple[LoketInfo, ...]]  # (loket type, gemeente) -> versions
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
        # base rules and their exceptions, grouped: (need, base id, position); a base's id is its own group
        for r in sorted(rows(m.Rule, m.Rule.id), key=lambda r: (r.need, r.parent_id or r.id, r.position)):
            rules[r.need].append(RuleVariant(
                need=r.need, law=r.law, primary=r.primary, also=tuple(also[r.id]), urgent=r.urgent,
                kosten=r.kosten, waarom=r.waarom, volgende_stap=r.volgende_stap, meenemen=tuple(bring[r.id]),
                bron=r.bron, peildatum=r.peildatum, toelichting=r.toelichting, regie=bool(r.regie),
                condition=Condition(leeftijd_min=r.leeftijd_min, leeftijd_max=r.leeftijd_max,
                                    **{flag: getattr(r, flag) for flag in FLAGS}),
                geldig_vanaf=r.geldig_vanaf, geldig_tot=r.geldig_tot, base_id=r.parent_id or r.id,
                is_base=r.parent_id is None, te_verifieren=r.te_verifieren))
        costs: Dict[str, List[CostVersion]] = defaultdict(list)
        for v in rows(m.CostVariant, m.CostVariant.cost, m.CostVariant.position):
            costs[v.cost].append(CostVersion(v.tekst, v.bron, v.peildatum, v.leeftijd_min, v.leeftijd_max,
                                             v.geldig_vanaf, v.geldig_tot))
        for c in rows(m.Cost, m.Cost.code):
            costs[c.code].append(CostVersion(c.tekst, c.bron, c.peildatum, geldig_vanaf=c.geldig_vanaf,
                                             geldig_tot=c.geldig_tot, base=True))
        region_of = {}
        for rm in rows(m.RegionMember, m.RegionMember.region):
            region_of[rm.region] = region_of.get(rm.region, []) + [rm.gemeente]
        regions = {r.code: RegionInfo(r.code, r.type, r.naam, r.centrumgemeente, r.organisatie, r.website,
                                      r.telefoon, r.bron, r.peildatum, r.hoe) for r in rows(m.Region, m.Region.code)}
        membership = {}
        for code, members in region_of.items():
            for gm in members:
                membership.setdefault((regions[code].type, gm), code)
        national: Dict[str, List[LoketInfo]] = defaultdict(list)
        specific: Dict[Tuple[str, str], List[LoketInfo]] = defaultdict(list)
        for lk in rows(m.Loket, m.Loket.id):
            info = LoketInfo(lk.loket_type, lk.naam, lk.telefoon, lk.website, lk.adres, lk.hoe, lk.algemeen,
                             lk.bron, lk.peildatum, lk.geldig_vanaf, lk.geldig_tot)
            if lk.gemeente is None:
                national[lk.loket_type].append(info)
            else:
                specific[(lk.loket_type, lk.gemeente)].append(info)
        by_start = lambda i: i.geldig_vanaf or dt.date.min  # noqa: E731
        return cls(
            laws={law.code: law.omschrijving for law in rows(m.Law, m.Law.code)},
            loket_types={t.code: t for t in rows(m.LoketType, m.LoketType.code)},
            loket_type_laws={k: tuple(v) for k, v in type_laws.items()},
            needs={n.code: NeedInfo(n.code, n.naam, n.beschrijving, n.domein, n.crisis, tuple(synonyms[n.code]),
                                     bool(n.follows_help_need))
                   for n in rows(m.Need, m.Need.position)},
            costs={k: tuple(v) for k, v in costs.items()},
            rules={k: tuple(v) for k, v in rules.items()},
            gemeenten={g.code: GemeenteInfo(g.code, g.naam, g.provincie, g.website) for g in rows(m.Gemeente, m.Gemeente.code)},
            names=[(n.naam, n.soort, n.gemeente) for n in rows(m.GemeenteName, m.GemeenteName.id)],
            regions=regions,
            region_of=membership,
            national_lokets={k: tuple(sorted(v, key=by_start)) for k, v in national.items()},
            specific_lokets={k: tuple(sorted(v, key=by_start)) for k, v in specific.items()},
            generic_lokets={g.loket_type: (g.naam, g.hoe) for g in rows(m.GenericLoket, m.GenericLoket.loket_type)},
        )

    def cost_text(self, code: Optional[str], leeftijd: Optional[int] = None,
                  datum: Optional[dt.date] = None) -> Optional[str]:
        """The text of a cost code for this age on this date: the first variant that applies, else the base."""
        if not code:
            return None
        datum = datum or dt.date.today()
        for version in self.costs.get(code, ()):
            if version.applies(leeftijd, datum):
                return version.tekst
        return None

    def national_loket(self, loket_type: str, datum: Optional[dt.date] = None) -> Optional[LoketInfo]:
        return _on(self.national_lokets.get(loket_type, ()), datum)

    def specific_loket(self, loket_type: str, gemeente: str, datum: Optional[dt.date] = None) -> Optional[LoketInfo]:
        return _on(self.specific_lokets.get((loket_type, gemeente), ()), datum)

    @property
    def matcher(self):
        """The municipality matcher over this table's names (built on first use)."""
        if self._matcher is None:
            from bot.routing.gemeenten import GemeenteMatcher

            self._matcher = GemeenteMatcher(self.gemeenten, self.names)
        return self._matcher


def _on(versions: Tuple[LoketInfo, ...], datum: Optional[dt.date]) -> Optional[LoketInfo]:
    datum = datum or dt.date.today()
    return next((v for v in versions if v.valid_on(datum)), None)


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
