"""The checks of a scenario's ``expect``, on the conversation as a whole (docs/contract/interfaces.md
section 2): the last routing decision, whether a handover summary was made, what the assistant
said at any point. Each check names the ombudsman's principle behind it (routeringsregels.md), so
the report reads as the ombudsman's own checklist."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional

PRINCIPLES = {
    "primary_loket_type": "Geen verkeerde deur: de eerste deur is de juiste.",
    "law": "Geen verkeerde deur: de juiste wet hoort bij de vraag.",
    "also_includes": "Eén vraag, één deur: de andere loketten worden genoemd (principe 2).",
    "not_primary": "Geen verkeerde deur: niet naar een loket dat de vraag terugstuurt.",
    "crisis": "Crisis eerst (principe 1).",
    "urgent": "Spoed wordt herkend (principe 8).",
    "handoff": "Niemand vertelt zijn verhaal twee keer: warme overdracht.",
    "consent_asked": "Toestemming vóór iets wordt doorgegeven (AVG).",
    "summary_mentions": "De samenvatting bevat wat de inwoner vertelde.",
    "offers_clientondersteuning": "Bied onafhankelijke cliëntondersteuning aan (principe 5).",
    "mentions_costs": "Zeg wat het kost (principe 6).",
    "says": "De inwoner krijgt dit te horen.",
    "never_says": "De inwoner krijgt dit niet te horen.",
    "max_words_first_answer": "Kort eerst, meer op verzoek.",
    "gemeente": "De gemeente van wie de hulp nodig heeft (niet geraden).",
    "asks_gemeente": "De gemeente wordt gevraagd of bevestigd als die niet zeker is.",
    "answers_followups": "Een vervolgvraag krijgt een antwoord, niet hetzelfde blok of 'daar kan ik niet mee helpen'.",
}
HANDOVER_MISSING = "geen overdrachtssamenvatting gemaakt (niet aangeboden, of geen ja van de inwoner)"
COST_WORDS = ("kosten", "kost ", "kost.", "eigen bijdrage", "abonnementstarief", "gratis", "betaalt", "eigen risico")


@dataclass(frozen=True)
class Check:
    check: str
    passed: bool
    detail: str

    def as_dict(self) -> Dict[str, Any]:
        return {"check": self.check, "passed": self.passed, "detail": self.detail,
                "principle": PRINCIPLES.get(self.check, "")}


def _as_list(value) -> List[str]:
    return list(value) if isinstance(value, list) else [value]


def evaluate(expect: Dict[str, Any], outcome: Dict[str, Any]) -> List[Check]:
    """``outcome``: route (route JSON of the last decision or None), crisis (loket type or None),
    urgent, gemeente (CBS code or None), said (all assistant texts), first_answer_words,
    handoff (the summary or None), consent_asked."""
    route = outcome.get("route") or {}
    primary = (route.get("primary") or {})
    said = " \n".join(outcome.get("said") or [])
    low = said.lower()
    out: List[Check] = []
    for key, want in expect.items():
        if key == "primary_loket_type":
            got = primary.get("loket_type")
            out.append(Check(key, got in _as_list(want), f"verwacht {' of '.join(_as_list(want))}, kreeg {got}"))
        elif key == "law":
            got = primary.get("law")
            out.append(Check(key, got == want, f"verwacht {want}, kreeg {got}"))
        elif key == "also_includes":
            also = [s.get("loket_type") for s in route.get("also") or []]
            missing = [t for t in want if t not in also]
            out.append(Check(key, not missing, f"ook genoemd: {', '.join(also) or 'niets'}" +
                             (f"; ontbreekt: {', '.join(missing)}" if missing else "")))
        elif key == "not_primary":
            got = primary.get("loket_type")
            out.append(Check(key, got not in want, f"eerste deur: {got}"))
        elif key == "crisis":
            got = outcome.get("crisis")
            out.append(Check(key, got == want, f"verwacht {want or 'geen crisis'}, kreeg {got or 'geen crisis'}"))
        elif key == "urgent":
            got = bool(outcome.get("urgent"))
            out.append(Check(key, got == want, f"verwacht {'spoed' if want else 'geen spoed'}, kreeg {'spoed' if got else 'geen spoed'}"))
        elif key in ("handoff", "consent_asked", "summary_mentions"):
            summary = outcome.get("handoff")
            if summary is None:
                passed = want is False if key != "summary_mentions" else False
                out.append(Check(key, passed, HANDOVER_MISSING))
            elif key == "handoff":
                out.append(Check(key, bool(summary) == want, "samenvatting gemaakt"))
            elif key == "consent_asked":
                out.append(Check(key, bool(outcome.get("consent_asked")) == want, "toestemming gevraagd"))
            else:
                text = str(summary).lower()
                missing = [w for w in want if w.lower() not in text]
                out.append(Check(key, not missing, "ontbreekt: " + ", ".join(missing) if missing else "alles genoemd"))
        elif key == "offers_clientondersteuning":
            got = "cliëntondersteun" in low or "clientondersteun" in low
            out.append(Check(key, got == want, "genoemd" if got else "niet genoemd"))
        elif key == "mentions_costs":
            got = any(w in low for w in COST_WORDS)
            out.append(Check(key, got == want, "kosten genoemd" if got else "kosten niet genoemd"))
        elif key == "says":
            missing = [w for w in want if w.lower() not in low]
            out.append(Check(key, not missing, "ontbreekt: " + ", ".join(missing) if missing else "alles gezegd"))
        elif key == "never_says":
            found = [w for w in want if w.lower() in low]
            out.append(Check(key, not found, "toch gezegd: " + ", ".join(found) if found else "niet gezegd"))
        elif key == "max_words_first_answer":
            got = outcome.get("first_answer_words")
            out.append(Check(key, got is not None and got <= want, f"{got} woorden (hoogstens {want})"))
        elif key == "gemeente":
            got = outcome.get("gemeente")
            out.append(Check(key, got == want, f"verwacht {want}, kreeg {got}"))
        elif key == "answers_followups":
            dead = outcome.get("dead_ends") or []
            got = outcome.get("first_answer_words") is not None and not dead
            detail = ("geen eerste antwoord" if outcome.get("first_answer_words") is None else
                      "; ".join(dead) if dead else "elke vervolgvraag beantwoord")
            out.append(Check(key, got == want, detail))
        elif key == "asks_gemeente":
            got = "in welke gemeente" in low or "woont u in" in low
            out.append(Check(key, got == want, "gevraagd" if got else "niet gevraagd"))
    return out
