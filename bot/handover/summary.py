"""The handover summary ("overdrachtssamenvatting"): what the next loket needs so that the resident
does not have to tell the story again.

Made only after the resident said yes, and always from masked text (bot.privacy.masking): the
story in the resident's own words, the needs found, the gemeente, who the help is for, urgency and
why, what was tried already (organisations named, refusals, waiting lists), what the resident
asks, the loket with its law and bron, and how the resident wants to be contacted. As JSON (schema
in docs/handover.md) and as text a staff member reads in half a minute.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Dict, List, Optional, Sequence

from bot.privacy.masking import mask

SCHEMA = "loketwijzer.handover/1"
MAX_WORDS_QUOTE = 40

# who the help is for, from the resident's words (the first person named wins)
_FOR_WHOM = (
    ("partner", r"\b(mijn|m'n|mn) (vrouw|man|partner|vriendin|vriend|echtgeno(o|te))\b"),
    ("ouder", r"\b(mijn|m'n|mn) (moeder|vader|ouders|moeke|pa|ma|schoonmoeder|schoonvader)\b"),
    ("kind", r"\b(mijn|m'n|mn|onze) (zoon|dochter|kind|kinderen|baby)\b"),
    ("familie", r"\b(mijn|m'n|mn) (broer|zus|oma|opa|tante|oom|neef|nicht|kleinzoon|kleindochter)\b"),
    ("buur of kennis", r"\b(mijn|m'n|mn|de) (buurman|buurvrouw|buren|vriend|kennis)\b"),
)
_ORGANISATIONS = ("gemeente", "wijkteam", "wmo", "zorgverzekeraar", "verzekeraar", "ciz", "zorgkantoor", "huisarts",
                  "ggd", "ggz", "skgz", "uwv", "svb", "cak", "woningcorporatie", "woningbouw", "thuiszorg",
                  "wijkverpleging", "zorgaanbieder", "schuldhulp", "bewindvoerder", "school", "leerplicht",
                  "jeugdzorg", "revalidatie", "ziekenhuis", "belastingdienst", "toeslagen")
_TRIED = re.compile(r"\b(zei|zegt|zeggen|zeiden|stuurt|stuurde|verwijst|verwees|afgewezen|geweigerd|weigert|"
                    r"wachtlijst|aangevraagd|gebeld|gevraagd|klacht|kregen|kreeg|toegekend|gestopt|stopt)\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
FOR_WHOM_TEXT = {"partner": "uw partner", "ouder": "uw vader of moeder", "kind": "uw kind",
                 "familie": "iemand uit uw familie", "buur of kennis": "iemand die u kent", "de inwoner zelf": "u zelf"}
CONTACT_WAYS = {"telefoon": "bellen", "e-mail": "mailen", "brief": "een brief sturen", "zelf": "u belt zelf"}


def sentences(text: str) -> List[str]:
    return [s.strip() for s in _SENTENCE.split(text or "") if s.strip()]


def for_whom(texts: Sequence[str]) -> str:
    joined = " ".join(texts).lower()
    hits = [(m.start(), who) for who, pattern in _FOR_WHOM for m in [re.search(pattern, joined)] if m]
    return min(hits)[1] if hits else "de inwoner zelf"


def tried(texts: Sequence[str]) -> List[str]:
    """Sentences about what was done already: an organisation named together with what it said or did."""
    out = []
    for s in (s for t in texts for s in sentences(t)):
        low = s.lower()
        if _TRIED.search(s) and any(re.search(rf"\b{o}\b", low) for o in _ORGANISATIONS):
            out.append(s)
    return out


def quote(text: str, words: int = MAX_WORDS_QUOTE) -> str:
    parts = (text or "").split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def build(story: Sequence[str], route: Dict[str, Any], needs: Sequence[Dict[str, str]], gemeente: Optional[Dict[str, str]],
          urgent: bool = False, urgent_why: Optional[str] = None, contact: Optional[Dict[str, Optional[str]]] = None,
          corrections: Sequence[str] = (), law_text: Optional[str] = None) -> Dict[str, Any]:
    """The summary as JSON. ``story``: what the resident typed (help messages, not yes/no answers);
    masked here, whatever the caller did. ``contact``: {"manier": telefoon|e-mail|brief|zelf,
    "gegeven": the number or address the resident chose to give} — the one value kept unmasked."""
    masked = [mask(t) for t in story if t and t.strip()]
    primary = route.get("primary") or {}
    questions = [s for t in masked for s in sentences(t) if s.endswith("?")]
    return {
        "schema": SCHEMA,
        "gemaakt_op": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "gemeente": gemeente,
        "situatie": {"citaat": quote(masked[0]) if masked else "", "eigen_woorden": masked},
        "hulpvragen": list(needs),
        "voor_wie": for_whom(masked),
        "urgentie": {"urgent": bool(urgent), "waarom": urgent_why},
        "al_geprobeerd": tried(masked),
        "vraag_van_de_inwoner": questions or [n["naam"] for n in needs],
        "loket": {"type": primary.get("loket_type"), "naam": primary.get("naam"), "wet": primary.get("law"),
                  "wet_omschrijving": law_text, "bron": primary.get("bron") or route.get("bron")},
        "ook_betrekken": [s.get("naam") for s in route.get("also") or [] if s.get("naam")],
        "contact": {"manier": (contact or {}).get("manier"),
                    # the one value the resident chose to give for this (read by value_in: only a
                    # number, an address or an e-mail address, nothing else they typed)
                    "gegeven": (contact or {}).get("gegeven")},
        "aanvullingen": [mask(c) for c in corrections],
    }


def as_text(summary: Dict[str, Any]) -> List[str]:
    """The summary in B1, short lines: what the resident sees before it is sent, and what the
    staff member reads first."""
    loket = (summary.get("loket") or {}).get("naam") or "de hulp"
    lines = [f"Dit geef ik door aan {loket}:"]
    needs = ", ".join(n["naam"] for n in summary.get("hulpvragen") or [])
    if needs:
        lines.append(f"- Waar het om gaat: {needs}.")
    lines.append(f"- Voor wie: {FOR_WHOM_TEXT.get(summary.get('voor_wie'), summary.get('voor_wie'))}.")
    citaat = (summary.get("situatie") or {}).get("citaat")
    if citaat:
        lines.append(f"- In uw woorden: \"{citaat}\"")
    for t in (summary.get("al_geprobeerd") or [])[:3]:
        lines.append(f"- Al geprobeerd: {quote(t, 25)}")
    if (summary.get("urgentie") or {}).get("urgent"):
        why = (summary.get("urgentie") or {}).get("waarom")
        lines.append(f"- Het is dringend{': ' + why if why else ''}.")
    for extra in summary.get("aanvullingen") or []:
        lines.append(f"- Aanvulling: {extra}")
    manier = (summary.get("contact") or {}).get("manier")
    if manier:
        lines.append(f"- Contact: {CONTACT_WAYS.get(manier, manier)}.")
    return ["\n".join(lines)]
