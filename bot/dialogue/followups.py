"""Short first, more on request: the chat's first answer to a route, and the answers to the
resident's follow-up questions about it.

Residents who tried the assistant got a block of eight or nine messages (median 212 words) and
their follow-up questions were misread. The chat now says the one door, why (one sentence) and
the one next step with the contact, and offers buttons for the rest. Follow-ups are answered from
the last route (kept in the tracker's ``last_route`` slot as route JSON), never by sending the
whole block again. Facts that are not in the route (how long, objection, anonymity) come from
``data/routing/followups.yml``, each with its bron and peildatum.

The command line and the route JSON keep everything (bot.dialogue.replies).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

from bot.dialogue.replies import bring_list
from bot.paths import ROOT

Button = Dict[str, str]
FOLLOWUPS_FILE = ROOT / "data" / "routing" / "followups.yml"

# The buttons under a first answer: (title, intent). Each intent is answered by ``answer``.
BUTTONS: Tuple[Tuple[str, str], ...] = (
    ("Wat kost het?", "followup_costs"),
    ("Wat neem ik mee?", "followup_bring"),
    ("Wie kan nog meer helpen?", "followup_other_help"),
    ("Ik snap het niet", "not_understood"),
)
INTENTS = ("followup_costs", "followup_contact", "followup_bring", "followup_duration",
           "followup_first_step", "followup_anonymous", "followup_objection", "followup_who_pays",
           "followup_other_help", "not_understood")

NO_ROUTE_YET = ("Daar kan ik pas iets over zeggen als ik weet waar uw vraag over gaat. "
                "Vertel in uw eigen woorden waar u hulp bij zoekt.")
NOT_UNDERSTOOD_NO_ROUTE = ("Dat geeft niet. Vertel in een paar woorden waar u hulp bij zoekt. "
                           "Bijvoorbeeld: 'hulp in huis' of 'schulden'. U kunt ook vragen om een medewerker.")
PERSON = ("Wilt u liever met iemand praten? Bel dan {wie}. Zeg dat lezen of begrijpen moeilijk is. "
          "Dan helpen zij u verder.")
CLIENTONDERSTEUNING = ("Een cliëntondersteuner kan gratis met u meedenken en mee naar gesprekken. "
                       "Vraag ernaar bij de gemeente.")

CLIENTONDERSTEUNING_SHORT = "U kunt gratis hulp krijgen van een cliëntondersteuner."

_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def first_sentence(text: Optional[str]) -> str:
    """The first sentence of a rule text (rule texts are written one idea per sentence)."""
    text = " ".join((text or "").split())
    return _SENTENCE.split(text, maxsplit=1)[0] if text else ""


def words(messages: List[str]) -> int:
    return sum(len(m.split()) for m in messages)


def buttons(route: Optional[Dict[str, Any]] = None) -> List[Button]:
    """The follow-up buttons; "Wat kost het?" only when the route says something about costs."""
    primary = (route or {}).get("primary") or {}
    out = []
    for title, intent in BUTTONS:
        if intent == "followup_costs" and not primary.get("kosten"):
            continue
        if intent == "followup_bring" and not primary.get("meenemen"):
            continue
        out.append({"title": title, "payload": f"/{intent}"})
    return out


def _reach(primary: Dict[str, Any]) -> str:
    """The shortest way to reach the loket: a phone number, else a website, else how."""
    contact = primary.get("contact") or {}
    if contact.get("telefoon"):
        return f"Bel {contact['telefoon']}."
    if contact.get("website"):
        return f"Kijk op {contact['website']}."
    return contact.get("hoe") or ""


def short_answer(route: Dict[str, Any], safety: Optional[str] = None, urgent: bool = False) -> List[str]:
    """The first answer in the chat: the one door and why, the one next step with the contact,
    and one sentence each on costs and free client support where the route has them.

    ``route`` is route JSON (bot.dialogue.replies.route_json). About 60 words; the rest (the
    whole cost text, what to bring, other doors) waits behind the buttons."""
    p = route["primary"]
    msgs = [f"U kunt het beste terecht bij: {p['naam']}. {first_sentence(p.get('waarom'))}"]
    if safety:
        msgs.append(safety)
    if urgent:
        msgs.append("Uw vraag is dringend. Zeg dat er meteen bij.")
    step = first_sentence(p.get("volgende_stap"))
    reach = _reach(p)
    contact = p.get("contact") or {}
    if step and not (contact.get("telefoon") or contact.get("website")):
        reach = ""  # only a "how" text, which repeats the step in other words
    if step and any(v and v in step for v in (contact.get("telefoon"), contact.get("website"))):
        reach = ""  # the step already says the number or the site
    if step or reach:
        msgs.append("Wat u nu kunt doen: " + " ".join(x for x in (step, reach) if x))
    # the ombudsman's principles 6 and 5: say what it costs, offer free client support
    if p.get("kosten"):
        msgs.append(f"Kosten: {first_sentence(p['kosten'])}")
    if any(s.get("loket_type") == "clientondersteuning" for s in route.get("also") or []):
        msgs.append(CLIENTONDERSTEUNING_SHORT)
    return msgs


@lru_cache(maxsize=1)
def _facts(path: Path = FOLLOWUPS_FILE) -> Dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _fact(kind: str, primary: Dict[str, Any]) -> Dict[str, str]:
    """The follow-up fact of ``kind`` (termijn, bezwaar, anoniem) for the route's primary loket."""
    facts = _facts()
    table = facts.get(kind) or {}
    law, loket = primary.get("law"), primary.get("loket_type")
    if kind == "anoniem":
        return table.get(loket) or table["default"]
    if law in table:
        return table[law]
    if law in facts.get("besluit_laws", []) and "besluit" in table:
        return table["besluit"]
    return facts["default"]


def _say(fact: Dict[str, str], primary: Dict[str, Any]) -> str:
    return " ".join(str(fact["text"]).split()).replace("{naam}", primary.get("naam") or "de organisatie")


def answer(intent: str, route: Optional[Dict[str, Any]], gemeente_naam: Optional[str] = None) -> List[str]:
    """The answer to a follow-up ``intent`` about ``route`` (route JSON), in short messages."""
    if not route or not route.get("primary"):
        return [NOT_UNDERSTOOD_NO_ROUTE if intent == "not_understood" else NO_ROUTE_YET]
    p = route["primary"]
    naam = p.get("naam") or "de organisatie"
    if intent == "followup_costs" or intent == "followup_who_pays":
        if p.get("kosten"):
            return [f"Kosten: {' '.join(p['kosten'].split())}"]
        return [f"Over de kosten weet ik niets zeker. Vraag het aan {naam}."]
    if intent == "followup_contact":
        contact = p.get("contact") or {}
        parts = [f"{naam}:"]
        if contact.get("telefoon"):
            parts.append(f"Telefoon: {contact['telefoon']}")
        if contact.get("website"):
            parts.append(f"Website: {contact['website']}")
        if contact.get("adres"):
            parts.append(f"Adres: {contact['adres']}")
        if contact.get("hoe"):
            parts.append(contact["hoe"])
        if len(parts) == 1:
            parts.append("Het nummer staat op de website van de gemeente." if not gemeente_naam else
                         f"Het nummer staat op de website van de gemeente {gemeente_naam}.")
        return ["\n".join(parts)]
    if intent == "followup_bring":
        if p.get("meenemen"):
            return [bring_list(p["meenemen"])]
        return [f"Neem uw identiteitsbewijs mee. Vraag {naam} wat u nog meer nodig heeft."]
    if intent == "followup_first_step":
        step = " ".join((p.get("volgende_stap") or "").split())
        reach = _reach(p)
        return [f"Wat u als eerste doet: {step or 'neem contact op met ' + naam + '.'} {reach}".strip()]
    if intent == "followup_duration":
        return [_say(_fact("termijn", p), p)]
    if intent == "followup_objection":
        return [_say(_fact("bezwaar", p), p)]
    if intent == "followup_anonymous":
        return [_say(_fact("anoniem", p), p)]
    if intent == "followup_other_help":
        others = [s for s in route.get("also") or [] if s.get("loket_type") != "clientondersteuning"]
        msgs = [_other_doors(others)] if others else []
        msgs.append(CLIENTONDERSTEUNING)
        return msgs
    if intent == "not_understood":
        return simpler(route, gemeente_naam)
    raise ValueError(f"not a follow-up intent: {intent}")


def _other_doors(steps: List[Dict[str, Any]]) -> str:
    """The other lokets of a route as one message: name and the first sentence of why."""
    return "Ook belangrijk voor u:\n" + "\n".join(f"- {s['naam']}: {first_sentence(s.get('waarom'))}" for s in steps)


def simpler(route: Dict[str, Any], gemeente_naam: Optional[str] = None) -> List[str]:
    """For a resident who says they do not understand: one short sentence, one step, a person."""
    p = route["primary"]
    reach = _reach(p)
    first = f"Hulp krijgt u bij: {p['naam']}."
    step = reach or "Zij staan op de website van de gemeente."
    wie = f"de gemeente {gemeente_naam}" if gemeente_naam and not (p.get("contact") or {}).get("telefoon") \
        else p["naam"] if (p.get("contact") or {}).get("telefoon") else "uw gemeente"
    return [first, step, PERSON.format(wie=wie)]


def same_door(route: Dict[str, Any], earlier: Optional[Dict[str, Any]], followup: Optional[str] = None,
              safety: Optional[str] = None) -> List[str]:
    """What the resident said next leads to the same door: say so in one sentence, answer the
    follow-up question it holds (if any), and name only the doors that are new."""
    p = route["primary"]
    msgs = [f"Daarvoor blijft {p['naam']} de goede plek."]
    if safety:
        msgs.append(safety)
    step = " ".join((p.get("volgende_stap") or "").split())
    if step and step != " ".join((((earlier or {}).get("primary") or {}).get("volgende_stap") or "").split()):
        msgs.append(f"Wat u nu kunt doen: {step}")  # what was said changed the advice ("al gekocht")
    if followup:
        msgs += answer(followup, route)
    seen = {s.get("loket_type") for s in (earlier or {}).get("also") or []}
    new = [s for s in route.get("also") or [] if s.get("loket_type") not in seen | {"clientondersteuning"}]
    if new:
        msgs.append(_other_doors(new))
    if len(msgs) == 1:
        msgs.append("Wilt u meer weten? Kies hieronder, of stel uw vraag.")
    return msgs


# What a message that goes to the same door asks about ("Wat kost zo'n traplift ons als het via de
# gemeente gaat?" reads as the need, not as a follow-up): the aspect, from the question words.
_ASPECTS = (
    ("followup_objection", re.compile(r"\b(bezwaar|beroep|nee zeggen|afgewezen|weigeren|weigert)\b", re.I)),
    ("followup_costs", re.compile(r"\b(wat|hoeveel) (kost|kosten|betaal)|\beigen bijdrage\b|\bkost (dat|het|dit)\b|\bmoet(en)? (ik|we|wij) (zelf )?(iets )?betalen\b", re.I)),
    ("followup_duration", re.compile(r"\bhoe (lang|snel)\b|\bwanneer (hoor|krijg|komt)\b|\bwachttijd\b", re.I)),
    ("followup_contact", re.compile(r"\b(welk|wat is het) (telefoon)?nummer\b|\bhoe (bereik|bel)\b|\bwaar (moet|kan) ik (heen|naartoe|bellen)\b", re.I)),
    ("followup_bring", re.compile(r"\b(wat|welke papieren) (moet|neem) ik (mee|meenemen)\b|\bmeenemen\b", re.I)),
    ("followup_anonymous", re.compile(r"\banoniem\b|\bzonder (mijn )?naam\b", re.I)),
)


def aspect(text: str) -> Optional[str]:
    """The follow-up a message asks about by its question words, or None."""
    for intent, pattern in _ASPECTS:
        if pattern.search(text or ""):
            return intent
    return None
