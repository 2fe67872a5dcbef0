"""The router: (needs, gemeente, context) -> route. A pure function over the routing table.

It follows the principles at the top of routeringsregels.md:
1. crisis first, whatever else was asked;
2. needs in two or more municipal domains -> one regisseur (sociaal wijkteam), every domain's
   loket in ``also``;
3. otherwise the first (main) need decides the primary loket, the others follow in ``also``;
and every route says why (B1), what it costs, what to do next and where the rule comes from.
The concrete loket for a loket type comes from the gemeente, its regions, or the national
organisation; when only the general route is known it is marked ``algemeen``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Sequence, Tuple

from bot.routing.table import FLAGS, Condition, GemeenteInfo, LoketInfo, RoutingTable, RuleVariant

CRISIS_ORDER = ("levensgevaar", "suicidaal", "huiselijk_geweld")
MUNICIPAL_DOMAINS = ("wmo", "jeugd", "inkomen", "schulden")
REGISSEUR = "sociaal-wijkteam"
REGION_TYPE_OF = {  # loket type -> region type whose arrangement decides the concrete loket
    "veilig-thuis": "veilig-thuis",
    "centrumgemeente-opvang": "centrumgemeente-opvang",
    "zorgkantoor": "zorgkantoor",
    "gemeente-werk-inkomen": "werk-inkomen",
    "gemeente-schuldhulp": "schuldhulp",
    "ggd": "ggd",
}
REGISSEUR_WAAROM = ("U heeft vragen op meer dan één gebied. Het sociaal wijkteam kijkt naar alles samen. "
                    "Dan heeft u één contactpersoon en hoeft u uw verhaal maar één keer te vertellen.")
REGISSEUR_STAP = ("Bel of mail de gemeente en vraag naar het sociaal wijkteam. "
                  "Zeg dat u hulp zoekt voor meer dingen tegelijk.")
REGISSEUR_BRON = "routeringsregels.md principe 2; 002_8f711c6fb5ac4ec8.txt; 003_9bc7dd9dae66646b.txt"


@dataclass(frozen=True)
class Context:
    """Facts about the resident that change a route. None = not known."""

    leeftijd: Optional[int] = None
    wlz_indicatie: Optional[bool] = None
    woont_in_instelling: Optional[bool] = None
    woont_alleen: Optional[bool] = None
    pgb: Optional[bool] = None
    psychische_problemen: Optional[bool] = None  # psychiatric problems behind the need (changes care at home)
    tijdelijk: Optional[bool] = None  # a short-term need, e.g. after an accident (changes aids)
    jeugdhulp: Optional[bool] = None  # the question is about youth care or child protection (complaints)
    al_gekocht: Optional[bool] = None  # already bought or had it made, before a melding (principle 7 is too late)
    spoed: bool = False  # urgency signals in the question itself (acute injury, help stopped, ...)

    def merged_with(self, newer: "Context", cleared: Sequence[str] = ()) -> "Context":
        """Facts from a later message add to, and where given replace, earlier ones. ``cleared``:
        facts the later message sets aside ("moet de indicatie opnieuw?" sets aside the Wlz
        indication told before: a new one is asked of the CIZ, not of the zorgkantoor)."""
        return Context(**{k: (getattr(newer, k) if getattr(newer, k) not in (None, False)
                              else None if k in cleared else getattr(self, k))
                          for k in self.__dataclass_fields__})

    def as_dict(self) -> Dict[str, object]:
        """Only the known facts (for a slot or a summary)."""
        return {k: v for k, v in self.__dict__.items() if v not in (None, False)}


@dataclass(frozen=True)
class Contact:
    telefoon: Optional[str] = None
    website: Optional[str] = None
    adres: Optional[str] = None
    hoe: Optional[str] = None

    def as_dict(self) -> Dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


@dataclass(frozen=True)
class Step:
    """One loket in a route: the primary one or one of ``also``."""

    loket_type: str
    law: str
    naam: str
    contact: Contact
    waarom: str
    bron: str
    algemeen: bool = False
    need: Optional[str] = None
    kosten: Optional[str] = None
    volgende_stap: Optional[str] = None
    meenemen: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Route:
    needs: Tuple[str, ...]
    primary: Step
    also: Tuple[Step, ...]
    urgent: bool
    crisis: Optional[str]
    waarom: str
    bron: str
    peildatum: str
    gemeente: Optional[GemeenteInfo] = None
    regisseur: bool = False
    datum: Optional[str] = None  # the date the route is valid on (the rules, costs and contacts of that day)

    @property
    def types(self) -> List[str]:
        return [self.primary.loket_type] + [s.loket_type for s in self.also]

    @property
    def offers_clientondersteuning(self) -> bool:
        return "clientondersteuning" in self.types


class UnknownNeed(ValueError):
    pass


class NoRuleOnDate(UnknownNeed):
    """The need exists, but none of its rule versions holds on the date asked."""


def select_rule(table: RoutingTable, need: str, ctx: Context, datum: Optional[dt.date] = None) -> RuleVariant:
    """The base rule of a need valid on ``datum`` (default today), or its first exception valid on that
    date whose conditions all hold."""
    datum = datum or dt.date.today()
    try:
        variants = table.rules[need]
    except KeyError:
        raise UnknownNeed(f"unknown need '{need}'") from None
    base = next((v for v in variants if v.is_base and v.valid_on(datum)), None)
    if base is None:
        raise NoRuleOnDate(f"need '{need}' has no rule valid on {datum.isoformat()}")
    for rule in variants:
        if not rule.is_base and rule.base_id == base.base_id and rule.valid_on(datum) and _holds(rule.condition, ctx):
            return rule
    return base


def _holds(cond: Condition, ctx: Context) -> bool:
    if cond.leeftijd_min is not None and (ctx.leeftijd is None or ctx.leeftijd < cond.leeftijd_min):
        return False
    if cond.leeftijd_max is not None and (ctx.leeftijd is None or ctx.leeftijd > cond.leeftijd_max):
        return False
    for flag in FLAGS:
        want = getattr(cond, flag)
        if want is not None and getattr(ctx, flag) is not want:
            return False
    return True


def concrete_loket(table: RoutingTable, loket_type: str, gemeente: Optional[GemeenteInfo],
                   datum: Optional[dt.date] = None) -> Tuple[str, Contact, bool]:
    """(naam, contact, algemeen) of the loket that serves ``gemeente`` for ``loket_type`` on ``datum``."""
    datum = datum or dt.date.today()
    code = gemeente.code if gemeente else None
    specific = table.specific_loket(loket_type, code, datum) if code else None
    if specific:
        return _from_loket(specific)
    region_type = REGION_TYPE_OF.get(loket_type)
    if code and region_type and (region_type, code) in table.region_of:
        region = table.regions[table.region_of[(region_type, code)]]
        centrum = table.gemeenten.get(region.centrumgemeente) if region.centrumgemeente else None
        naam = region.organisatie or region.naam
        if centrum and loket_type == "centrumgemeente-opvang":
            naam = f"{region.naam} (centrumgemeente {centrum.naam})"
        national = table.national_loket(loket_type, datum)
        website = region.website or (centrum.website if centrum else None) or (national.website if national else None)
        telefoon = region.telefoon or (national.telefoon if national else None)
        hoe = region.hoe or (national.hoe if national else None)
        if not hoe and loket_type in table.generic_lokets:
            hoe = _fill(table.generic_lokets[loket_type][1], gemeente)
        return naam, Contact(telefoon=telefoon, website=website, hoe=hoe), not (region.website or region.telefoon)
    national = table.national_loket(loket_type, datum)
    if national and not (gemeente and loket_type in table.generic_lokets):
        return _from_loket(national)
    if loket_type in table.generic_lokets:
        naam, hoe = (_fill(t, gemeente) for t in table.generic_lokets[loket_type])
        website = gemeente.website if gemeente else None
        return naam, Contact(website=website, hoe=hoe), True
    # the loader guarantees an organisation exists; none holds on this date: the nearest version
    versions = table.national_lokets[loket_type]
    before = [v for v in versions if v.geldig_vanaf is None or v.geldig_vanaf <= datum]
    return _from_loket(before[-1] if before else versions[0])


def _fill(template: str, gemeente: Optional[GemeenteInfo]) -> str:
    """Put the gemeente's name in a generic text; without one, speak of "uw gemeente"."""
    if gemeente:
        return template.replace("{gemeente}", gemeente.naam)
    for phrase in ("van de gemeente {gemeente}", "de gemeente {gemeente}", "gemeente {gemeente}"):
        template = template.replace(phrase, "van uw gemeente" if phrase.startswith("van") else "uw gemeente")
    return template.replace("{gemeente}", "uw gemeente")


def _from_loket(lk: LoketInfo) -> Tuple[str, Contact, bool]:
    return lk.naam, Contact(lk.telefoon, lk.website, lk.adres, lk.hoe), lk.algemeen


def _step(table: RoutingTable, loket_type: str, law: str, waarom: str, bron: str,
          gemeente: Optional[GemeenteInfo], datum: Optional[dt.date] = None, **extra) -> Step:
    naam, contact, algemeen = concrete_loket(table, loket_type, gemeente, datum)
    return Step(loket_type=loket_type, law=law, naam=naam, contact=contact, waarom=waarom, bron=bron,
                algemeen=algemeen, **extra)


def _rule_step(table: RoutingTable, rule: RuleVariant, gemeente: Optional[GemeenteInfo], ctx: Context,
               datum: dt.date) -> Step:
    return _step(table, rule.primary, rule.law, rule.waarom, rule.bron, gemeente, datum, need=rule.need,
                 kosten=table.cost_text(rule.kosten, ctx.leeftijd, datum),
                 volgende_stap=rule.volgende_stap, meenemen=rule.meenemen)


def _also_step(table: RoutingTable, loket_type: str, gemeente: Optional[GemeenteInfo], bron: str,
               datum: dt.date) -> Step:
    laws = table.loket_type_laws.get(loket_type, ("geen",))
    return _step(table, loket_type, laws[0], table.loket_types[loket_type].uitleg, bron, gemeente, datum)


def main_need(table: RoutingTable, needs: Sequence[str], rules: Dict[str, RuleVariant]) -> str:
    """The household's main need for a regisseur route: the first need in a municipal domain
    whose law the wijkteam works under (loket_types.yml), else the first municipal need with a
    law, else the first need with a law, else the first. Its law is the route's law, so a
    regisseur route says "participatiewet" rather than "geen" (contract, issue 9 point 7)."""
    own = set(table.loket_type_laws.get(REGISSEUR, ()))
    needs = [n for n in needs if not table.needs[n].follows_help_need] or list(needs)
    with_law = [n for n in needs if rules[n].law != "geen"]
    municipal = [n for n in with_law if table.needs[n].domein in MUNICIPAL_DOMAINS]
    regisseur_law = [n for n in municipal if rules[n].law in own]
    return (regisseur_law or municipal or with_law or list(needs))[0]


def _help_needs_first(table: RoutingTable, needs: List[str]) -> List[str]:
    """A need about how the resident was helped (needs.yml ``volgt_hulpvraag``: a complaint about
    being sent from pillar to post) goes behind the help needs of the same conversation: the door
    for the help leads, the complaint's lokets come with it (routeringsregels.md: "route the
    underlying need too"; principle 4, Jos en Mariska). Alone, it keeps its own route."""
    follow = [n for n in needs if table.needs[n].follows_help_need]
    lead = [n for n in needs if n not in follow]
    return lead + follow if lead else needs


def route(needs: Sequence[str], gemeente: Optional[GemeenteInfo], context: Context = Context(),
          table: Optional[RoutingTable] = None, datum: Optional[dt.date] = None) -> Route:
    """Route a household's needs (main need first) in a gemeente (None when not yet known), with the
    rules, costs and contacts valid on ``datum`` (default: today)."""
    if table is None:
        from bot.routing.table import default_table

        table = default_table()
    datum = datum or dt.date.today()
    ordered = list(dict.fromkeys(needs))
    if not ordered:
        raise UnknownNeed("no need given")
    rules = {n: select_rule(table, n, context, datum) for n in ordered}

    crisis_needs = [n for n in CRISIS_ORDER if n in rules]
    other = _help_needs_first(table, [n for n in ordered if n not in crisis_needs])
    # A need whose loket is among the extra lokets of an earlier need that takes the lead (`regie`)
    # is covered by that route (no income while homeless: werk en inkomen is part of the opvang
    # route). Otherwise two municipal domains get one regisseur (principle 2).
    kept: List[str] = []
    for n in other:
        covered = any(rules[k].regie and rules[n].primary in rules[k].also for k in kept)
        if not covered:
            kept.append(n)
    domains = list(dict.fromkeys(table.needs[n].domein for n in kept if table.needs[n].domein in MUNICIPAL_DOMAINS))

    also_types: List[Tuple[str, str]] = []  # (loket type, law or "")
    if crisis_needs:
        main = rules[crisis_needs[0]]
        primary = _rule_step(table, main, gemeente, context, datum)
        followers = crisis_needs[1:] + other
        waarom, bron, regisseur = main.waarom, main.bron, False
    elif len(domains) >= 2:
        lead = rules[main_need(table, kept, rules)]
        primary = _step(table, REGISSEUR, lead.law, REGISSEUR_WAAROM, REGISSEUR_BRON, gemeente, datum,
                        volgende_stap=REGISSEUR_STAP,
                        kosten=table.cost_text(lead.kosten, context.leeftijd, datum))
        followers = other
        waarom, bron, regisseur = REGISSEUR_WAAROM, REGISSEUR_BRON, True
    else:
        main = rules[kept[0]]
        primary = _rule_step(table, main, gemeente, context, datum)
        if primary.loket_type == REGISSEUR and primary.law == "geen" and len(kept) > 1:
            # "several problems at once" with the problems named: the wijkteam works under the
            # law of the household's main need (issue 9 point 7)
            primary = replace(primary, law=rules[main_need(table, kept, rules)].law)
        followers = [n for n in other if n != kept[0]]
        waarom, bron, regisseur = main.waarom, main.bron, False
        also_types.extend((t, "") for t in main.also)

    also_steps: List[Step] = []
    seen = {primary.loket_type}
    for n in followers:  # each further need: its own loket first, with its reason
        rule = rules[n]
        if rule.primary not in seen:
            seen.add(rule.primary)
            also_steps.append(_rule_step(table, rule, gemeente, context, datum))
    for n in ([crisis_needs[0]] if crisis_needs else []) + followers:
        also_types.extend((t, "") for t in rules[n].also)
    for loket_type, _ in also_types:
        if loket_type not in seen:
            seen.add(loket_type)
            also_steps.append(_also_step(table, loket_type, gemeente, bron, datum))

    urgent = bool(crisis_needs) or context.spoed or any(rules[n].urgent for n in ordered)
    peildatum = max(r.peildatum for r in rules.values()).isoformat()
    return Route(needs=tuple(ordered), primary=primary, also=tuple(also_steps), urgent=urgent,
                 crisis=rules[crisis_needs[0]].primary if crisis_needs else None, waarom=waarom, bron=bron,
                 peildatum=peildatum, gemeente=gemeente, regisseur=regisseur, datum=datum.isoformat())
