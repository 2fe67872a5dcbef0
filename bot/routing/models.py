"""SQLAlchemy models of the routing table.

Names follow Open Referral (HSDS) where they fit: an *organization* offers a *loket*
(HSDS: service at a location) to a *service area* (here: one gemeente or a region).
Law and loket type codes are the contract's (docs/contract/*.yml). Every fact that can
change carries ``bron`` (source) and ``peildatum`` (the date the fact describes).
"""
from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Law(Base):
    __tablename__ = "law"
    code = Column(String(40), primary_key=True)
    omschrijving = Column(Text, nullable=False)


class LoketType(Base):
    __tablename__ = "loket_type"
    code = Column(String(60), primary_key=True)
    naam = Column(Text, nullable=False)
    scope = Column(String(20), nullable=False)  # gemeente | regio | landelijk | lokaal-zorg
    uitleg = Column(Text, nullable=False)  # one B1 sentence: what this loket does for you


class LoketTypeLaw(Base):
    __tablename__ = "loket_type_law"
    loket_type = Column(ForeignKey("loket_type.code"), primary_key=True)
    law = Column(ForeignKey("law.code"), primary_key=True)
    position = Column(Integer, nullable=False)


class Need(Base):
    __tablename__ = "need"
    code = Column(String(60), primary_key=True)
    naam = Column(Text, nullable=False)
    beschrijving = Column(Text, nullable=False, default="")
    domein = Column(String(20))  # wmo | jeugd | inkomen | schulden | NULL
    crisis = Column(Boolean, nullable=False, default=False)
    # a need about the way the resident was helped (a complaint about being sent around): when the
    # conversation also holds a help need, that need's door leads and this one's lokets follow
    follows_help_need = Column(Boolean, nullable=False, default=False)
    position = Column(Integer, nullable=False)


class NeedSynonym(Base):
    __tablename__ = "need_synonym"
    id = Column(Integer, primary_key=True)
    need = Column(ForeignKey("need.code"), nullable=False, index=True)
    tekst = Column(Text, nullable=False)


class Cost(Base):
    """What a route costs, in B1. ``geldig_vanaf``/``geldig_tot`` bound the base text in time
    (``geldig_tot`` is the first day it no longer holds); ``CostVariant`` rows replace it for an
    age group or from a date."""

    __tablename__ = "cost"
    code = Column(String(60), primary_key=True)
    tekst = Column(Text, nullable=False)
    bron = Column(Text, nullable=False)
    peildatum = Column(Date, nullable=False)
    geldig_vanaf = Column(Date)
    geldig_tot = Column(Date)
    te_verifieren = Column(Text)


class CostVariant(Base):
    """A cost text that replaces the base text when its conditions hold (first match wins)."""

    __tablename__ = "cost_variant"
    id = Column(Integer, primary_key=True)
    cost = Column(ForeignKey("cost.code"), nullable=False, index=True)
    position = Column(Integer, nullable=False)
    leeftijd_min = Column(Integer)
    leeftijd_max = Column(Integer)
    geldig_vanaf = Column(Date)
    geldig_tot = Column(Date)
    tekst = Column(Text, nullable=False)
    bron = Column(Text, nullable=False)
    peildatum = Column(Date, nullable=False)
    te_verifieren = Column(Text)


class Rule(Base):
    """need -> law -> primary loket type, optionally only under conditions.

    A rule with ``parent_id`` is an exception (``uitzondering``) of its parent: it applies when
    all its non-null conditions hold; exceptions are tried in ``position`` order, first match wins.
    """

    __tablename__ = "rule"
    id = Column(Integer, primary_key=True)
    need = Column(ForeignKey("need.code"), nullable=False, index=True)
    parent_id = Column(ForeignKey("rule.id"))
    position = Column(Integer, nullable=False, default=0)
    law = Column(ForeignKey("law.code"), nullable=False)
    primary = Column(ForeignKey("loket_type.code"), nullable=False)
    urgent = Column(Boolean, nullable=False, default=False)
    regie = Column(Boolean, nullable=False, default=False)  # this loket coordinates the needs in `also`
    kosten = Column(ForeignKey("cost.code"))
    waarom = Column(Text, nullable=False)
    volgende_stap = Column(Text, nullable=False)
    toelichting = Column(Text)
    bron = Column(Text, nullable=False)
    peildatum = Column(Date, nullable=False)
    te_verifieren = Column(Text)  # what still has to be checked, or NULL
    # validity in time (NULL = open); geldig_tot is the first day the rule no longer holds
    geldig_vanaf = Column(Date)
    geldig_tot = Column(Date)
    # conditions (NULL = does not matter)
    leeftijd_min = Column(Integer)
    leeftijd_max = Column(Integer)
    wlz_indicatie = Column(Boolean)
    woont_in_instelling = Column(Boolean)
    woont_alleen = Column(Boolean)
    pgb = Column(Boolean)
    psychische_problemen = Column(Boolean)
    tijdelijk = Column(Boolean)
    jeugdhulp = Column(Boolean)  # the question is about youth care or child protection
    al_gekocht = Column(Boolean)  # the resident already bought the aid or had the adaptation made


class RuleAlso(Base):
    __tablename__ = "rule_also"
    rule_id = Column(ForeignKey("rule.id"), primary_key=True)
    position = Column(Integer, primary_key=True)
    loket_type = Column(ForeignKey("loket_type.code"), nullable=False)


class RuleBring(Base):
    """What to have at hand (``meenemen``)."""

    __tablename__ = "rule_bring"
    rule_id = Column(ForeignKey("rule.id"), primary_key=True)
    position = Column(Integer, primary_key=True)
    tekst = Column(Text, nullable=False)


class Gemeente(Base):
    __tablename__ = "gemeente"
    code = Column(String(6), primary_key=True)  # CBS code, GM0505
    naam = Column(Text, nullable=False)
    provincie = Column(Text, nullable=False)
    website = Column(Text)


class GemeenteName(Base):
    """Every name a resident may use for a gemeente: its name, aliases, former names, places."""

    __tablename__ = "gemeente_name"
    id = Column(Integer, primary_key=True)
    gemeente = Column(ForeignKey("gemeente.code"), nullable=False, index=True)
    naam = Column(Text, nullable=False)
    soort = Column(String(12), nullable=False)  # naam | alias | voormalig | plaats
    __table_args__ = (UniqueConstraint("gemeente", "naam", "soort"),)


class Region(Base):
    """A regional arrangement (HSDS: service area) that changes the concrete loket."""

    __tablename__ = "region"
    code = Column(String(80), primary_key=True)
    type = Column(String(40), nullable=False)  # veilig-thuis | centrumgemeente-opvang | zorgkantoor | werk-inkomen | schuldhulp | ggd
    naam = Column(Text, nullable=False)
    centrumgemeente = Column(ForeignKey("gemeente.code"))
    organisatie = Column(Text)
    website = Column(Text)
    telefoon = Column(Text)
    hoe = Column(Text)  # how a resident reaches it (B1), when it differs from the general route
    opmerking = Column(Text)
    bron = Column(Text, nullable=False)
    peildatum = Column(Date, nullable=False)
    te_verifieren = Column(Text)


class RegionMember(Base):
    __tablename__ = "region_member"
    region = Column(ForeignKey("region.code"), primary_key=True)
    gemeente = Column(ForeignKey("gemeente.code"), primary_key=True)


class Loket(Base):
    """A concrete loket: national (no gemeente), or specific to one gemeente.

    ``algemeen`` marks a loket whose contact is only the organisation's general route
    (its website or general number), not a known direct line.
    """

    __tablename__ = "loket"
    id = Column(Integer, primary_key=True)
    loket_type = Column(ForeignKey("loket_type.code"), nullable=False, index=True)
    gemeente = Column(ForeignKey("gemeente.code"), index=True)
    naam = Column(Text, nullable=False)
    telefoon = Column(Text)
    website = Column(Text)
    adres = Column(Text)
    hoe = Column(Text)
    algemeen = Column(Boolean, nullable=False, default=False)
    toelichting = Column(Text)
    bron = Column(Text, nullable=False)
    peildatum = Column(Date, nullable=False)
    te_verifieren = Column(Text)
    geldig_vanaf = Column(Date)  # NULL = open; geldig_tot is the first day it no longer holds
    geldig_tot = Column(Date)


class GenericLoket(Base):
    """How a municipal loket type is named and reached when nothing specific is known.

    ``{gemeente}`` in the texts is replaced by the municipality's name.
    """

    __tablename__ = "generic_loket"
    loket_type = Column(ForeignKey("loket_type.code"), primary_key=True)
    naam = Column(Text, nullable=False)
    hoe = Column(Text, nullable=False)
