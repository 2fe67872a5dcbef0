"""Compose the assistant's answer to a route, in plain Dutch (B1).

Short sentences, one idea per message, never a promise of an outcome, and never a bare
referral: every answer names the loket, says why, what it costs, what to do next and how to
reach it (kennisbank.md section 3, AC-1, AC-5, AC-6, AC-7, AC-9, AC-10).
"""
from __future__ import annotations

from typing import Dict, List, Optional

from bot.routing.router import Contact, Route, Step

MUNICIPAL_DIFFERENCES = ("Elke gemeente regelt dit op haar eigen manier. "
                         "Wat er mogelijk is, bekijkt de gemeente samen met u.")
URGENT = "Uw vraag is dringend. Zeg dat er meteen bij en vraag om spoed."
# The possible tier of the crisis net (bot.crisis): one calm sentence beside the answer, with the
# number from the routing table (data/routing/organisations.yml), never typed in here.
SAFETY_NOTES = {
    "alarmnummer-112": "Is er nu gevaar voor iemands leven of gezondheid? Bel dan meteen {telefoon}.",
    "zelfmoordpreventie-113": ("Denkt u weleens aan zelfdoding? Praat er dan over met 113 Zelfmoordpreventie: "
                               "bel {telefoon} of chat via {site}, dag en nacht."),
    "veilig-thuis": "Voelt u zich thuis niet veilig, of iemand anders? Bel dan gratis Veilig Thuis: {telefoon}, dag en nacht.",
}
CLIENTONDERSTEUNING = ("U kunt gratis hulp krijgen van een cliëntondersteuner. Die helpt u met uw vraag "
                       "en kan mee naar gesprekken. Vraag er naar bij de gemeente.")


def short_site(url: Optional[str]) -> str:
    """A website as a resident types it: no scheme, no www, no trailing slash (113.nl)."""
    site = (url or "").strip()
    for prefix in ("https://", "http://", "www."):
        if site.startswith(prefix):
            site = site[len(prefix):]
    return site.rstrip("/")


def safety_note(table, loket_type: str) -> Dict[str, str]:
    """The one safety sentence for a possible crisis of ``loket_type`` (a crisis loket type)."""
    loket = table.national_loket(loket_type)
    site = short_site(loket.website)
    return {"loket_type": loket_type, "telefoon": loket.telefoon or "",
            "text": SAFETY_NOTES[loket_type].format(telefoon=loket.telefoon, site=site)}


def contact_text(contact: Contact) -> str:
    """How to reach a loket, one thing per line (a web address is never the end of a sentence)."""
    parts = []
    if contact.hoe:
        parts.append(contact.hoe)
    if contact.telefoon:
        parts.append(f"Telefoon: {contact.telefoon}")
    if contact.website:
        parts.append(f"Website: {contact.website}")
    if contact.adres:
        parts.append(f"Adres: {contact.adres}")
    return "\n".join(parts)


def bring_list(items) -> str:
    """What to have at hand, as a list: one thing per line reads easier than a long sentence."""
    return "Handig om bij de hand te hebben:\n" + "\n".join(f"- {x.rstrip('.')}" for x in items)


def _crisis_messages(route: Route) -> List[str]:
    p = route.primary
    msgs = [p.waarom]  # crisis rules start with the number to call
    if p.volgende_stap:
        msgs.append(p.volgende_stap)
    rest = [s for s in route.also if s.need]
    if rest:
        names = ", ".join(s.naam for s in rest)
        msgs.append(f"Uw andere vraag is ook belangrijk. Daarvoor kunt u daarna terecht bij: {names}. "
                    "Wilt u daar nu ook meer over weten? Dan help ik u graag verder.")
    else:
        msgs.append("Had u ook nog een andere vraag? Typ die gerust. Ik help u daarna graag verder.")
    return msgs


def route_messages(route: Route, safety: Optional[str] = None) -> List[str]:
    """The answer as a list of short chat messages; ``safety`` is a safety sentence (the crisis
    net's possible tier) that follows the first message."""
    if route.crisis:
        return _crisis_messages(route)
    p = route.primary
    first = f"U kunt het beste terecht bij: {p.naam}. {p.waarom}"
    msgs = [first]
    if safety:
        msgs.append(safety)
    if route.urgent:
        msgs.append(URGENT)
    if p.volgende_stap:
        msgs.append(f"Wat u kunt doen: {p.volgende_stap}")
    contact = contact_text(p.contact)
    if contact:
        msgs.append(f"Zo neemt u contact op:\n{contact}")
    if p.meenemen:
        msgs.append(bring_list(p.meenemen))
    if p.kosten:
        msgs.append(f"Kosten: {p.kosten}")
    others = [s for s in route.also if s.loket_type != "clientondersteuning"]
    if others:
        lines = [f"- {s.naam}: {s.waarom}" for s in others]
        msgs.append("Ook belangrijk voor u:\n" + "\n".join(lines))
    if route.offers_clientondersteuning:
        msgs.append(CLIENTONDERSTEUNING)
    if p.loket_type.startswith("gemeente-") or p.loket_type in ("sociaal-wijkteam", "centrumgemeente-opvang"):
        msgs.append(MUNICIPAL_DIFFERENCES)
    return msgs


def step_json(step: Step, full: bool = True) -> Dict[str, object]:
    out: Dict[str, object] = {"loket_type": step.loket_type, "law": step.law, "naam": step.naam,
                              "waarom": step.waarom}
    if full:
        out.update({"contact": step.contact.as_dict(), "bron": step.bron})
        if step.kosten:
            out["kosten"] = step.kosten
        if step.volgende_stap:
            out["volgende_stap"] = step.volgende_stap
        if step.meenemen:
            out["meenemen"] = list(step.meenemen)
    else:
        out["contact"] = step.contact.as_dict()
    out["algemeen_contact"] = step.algemeen
    if step.need:
        out["need"] = step.need
    return out


def route_json(route: Optional[Route]) -> Optional[Dict[str, object]]:
    if route is None:
        return None
    return {
        "primary": step_json(route.primary),
        "also": [step_json(s, full=False) for s in route.also],
        "regisseur": route.regisseur,
        "peildatum": route.peildatum,
        "datum": route.datum,
    }
