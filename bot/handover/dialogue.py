"""The handover in the chat: the offer, the consent question, reading the resident's answer, the
contact choice. Texts in B1; the actions (actions/actions.py) stay thin.

The conversation's handover stage is one slot (``handover_stage``):

    None -> available (first answer: a button) -> offered -> (yes) contact -> [contact_value] -> done
    None -> offered (a later answer: the question)
                    -> (no) declined
    contact -> correct -> contact        ("Iets veranderen": the resident adds or corrects)

While a question of the handover is open, bot.handover.policy sends the answer to
``action_handover`` — only when the message reads as an answer to that question; anything else
("nee, we hebben nog niks aangevraagd", more of the story) is understood as usual and the offer
is made again under the next answer.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Tuple

import phonenumbers

AVAILABLE, OFFERED, CONTACT, CONTACT_VALUE, CORRECT, DONE, DECLINED = (
    "available", "offered", "contact", "contact_value", "correct", "done", "declined")
OPEN_STAGES = (AVAILABLE, OFFERED, CONTACT, CONTACT_VALUE, CORRECT)
# the first answer stays short: the handover is a button under it; from the next answer on, the
# offer is said as a question
REQUEST_TITLE = "Geef mijn vraag door"
REQUEST_BUTTON = {"title": REQUEST_TITLE, "payload": REQUEST_TITLE}
_REQUEST = re.compile(r"(geef|stuur) (mijn|m'n|mn|de|deze|het|onze) (vraag|verhaal) (maar )?door|"
                      r"(vraag|verhaal) doorgeven|doorgeven aan", re.I)
DATA_CATEGORIES = ["wat u vertelde", "uw hulpvraag", "uw gemeente", "hoe zij u kunnen bereiken"]

YES_PAYLOAD, NO_PAYLOAD = "/affirm", "/deny"
WAYS = {"telefoon": "Bel mij", "e-mail": "Mail mij", "brief": "Stuur een brief", "zelf": "Ik bel zelf"}
CHANGE = "Iets veranderen"

_YES = re.compile(r"^\s*(ja+|jawel|jep|ja hoor|graag|ok(e|é|ay)?|oké|prima|goed|dat is goed|dat mag|doe maar|"
                  r"is goed|akkoord|yes|yes please|tak|evet)\b", re.I)
_NO = re.compile(r"^\s*(nee+|neen|nope|liever niet|niet doen|hoeft niet|no|nie)\b", re.I)
_SELF = re.compile(r"\b(ik bel zelf|bel zelf|ik ga zelf|zelf bellen|zelf contact)\b", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def offer(loket_naam: str) -> Tuple[str, List[Dict[str, str]]]:
    """The offer under an answer: what will be passed on, to whom, and the consent question."""
    text = (f"Zal ik uw vraag doorgeven aan {loket_naam}? Ik geef dan door wat u hier schreef. "
            "Dan hoeft u uw verhaal niet opnieuw te vertellen.")
    return text, [{"title": "Ja, geef het door", "payload": YES_PAYLOAD}, {"title": "Nee, ik bel zelf", "payload": NO_PAYLOAD}]


def consent_wording(loket_naam: str) -> str:
    """The exact words the consent record keeps."""
    return offer(loket_naam)[0]


def asks_handover(text: str) -> bool:
    """"Geef mijn vraag door" (the button) or the same words typed."""
    return bool(_REQUEST.search(text or ""))


def answer_to_offer(text: str, intent: Optional[str]) -> Optional[bool]:
    """True (yes), False (no) or None (not an answer to the offer: more story, another question).
    A "no" counts only when it is short or says "ik bel zelf": "Nee, we hebben nog niks
    aangevraagd" answers something else."""
    text = (text or "").strip()
    if text == YES_PAYLOAD or _REQUEST.search(text):
        return True
    if text == NO_PAYLOAD or _SELF.search(text):
        return False
    words = len(text.split())
    if _YES.match(text) and (words <= 12 or intent == "affirm"):
        return True
    if _NO.match(text) and words <= 4:
        return False
    if intent == "affirm" and words <= 6:
        return True
    if intent == "deny" and words <= 4:
        return False
    return None


def contact_question() -> Tuple[str, List[Dict[str, str]]]:
    # plain-text payloads: a button reads as the same words typed (contact_way), no extra intents
    buttons = [{"title": title, "payload": title} for title in WAYS.values()]
    buttons.append({"title": CHANGE, "payload": CHANGE})
    return "Klopt dit? Hoe wil de hulp contact met u opnemen?", buttons


def contact_way(text: str) -> Optional[str]:
    """telefoon, e-mail, zelf, veranderen or None, from a button or typed words."""
    low = (text or "").lower()
    if _SELF.search(low):
        return "zelf"
    if re.search(r"\b(verander\w*|aanpass\w*|klopt niet|fout|anders)\b", low):
        return "veranderen"
    if phone_in(text) or re.search(r"\b(bel|bellen|telefoon|mobiel)\b", low):
        return "telefoon"
    if _EMAIL.search(text or "") or re.search(r"\b(mail|e-mail|email)\b", low):
        return "e-mail"
    if re.search(r"\b(brief|post|per post)\b", low) or address_in(text):
        return "brief"
    return None


def phone_in(text: str) -> Optional[str]:
    for match in phonenumbers.PhoneNumberMatcher(text or "", "NL", leniency=phonenumbers.Leniency.VALID):
        return match.raw_string
    return None


def email_in(text: str) -> Optional[str]:
    m = _EMAIL.search(text or "")
    return m.group(0) if m else None


def address_in(text: str) -> Optional[str]:
    """Street and number and/or postcode, as the masker finds them ("Dorpsstraat 4, 1234 AB")."""
    from bot.privacy.masking import ADDRESS, find

    parts = [text[f.start:f.end] for f in find(text or "") if f.kind == ADDRESS]
    return ", ".join(parts) if parts else None


ASK_VALUE = {"telefoon": "Op welk nummer kunnen zij u bellen?", "e-mail": "Wat is uw e-mailadres?",
             "brief": "Wat is uw adres? Schrijf de straat, het huisnummer en de postcode."}
VALUE_NAME = {"telefoon": "een telefoonnummer", "e-mail": "een e-mailadres", "brief": "een adres"}


def ask_value(way: str) -> str:
    return ASK_VALUE[way]


def value_in(way: str, text: str) -> Optional[str]:
    return {"telefoon": phone_in, "e-mail": email_in, "brief": address_in}[way](text)


def done(loket_naam: str, code: str, way: str) -> List[str]:
    how = {"telefoon": f"{loket_naam} belt u.", "e-mail": f"{loket_naam} mailt u.",
           "brief": f"{loket_naam} stuurt u een brief.",
           "zelf": f"Bel zelf met {loket_naam}. Noem dan uw code."}.get(way, "")
    return [f"Ik heb uw vraag doorgegeven aan {loket_naam}. {how}",
            f"Uw code is {code}. Bewaar deze code. Wilt u later weten hoe het staat? Typ dan uw code hier."]


def declined(loket_naam: str, reach: str, say_this: str) -> List[str]:
    """No: nothing is stored; the contact, and a short text to say when calling."""
    return ["Goed. Ik geef niets door.", f"U kunt zelf contact opnemen met {loket_naam}. {reach}".strip(),
            f"Zeg dit als u belt: \"{say_this}\""]


def say_this(needs: List[Dict[str, str]], for_whom_text: str) -> str:
    names = " en ".join(n["naam"].lower() for n in needs[:2]) or "hulp"
    who = "" if for_whom_text == "u zelf" else f" voor {for_whom_text.replace('uw ', 'mijn ')}"
    return f"Ik bel over {names}{who}. Ik wil graag weten wat ik nu kan doen."


def is_referral_code(text: str) -> Optional[str]:
    m = re.search(r"\bLW-?([2-9A-HJ-NP-Z]{5})-?([2-9A-HJ-NP-Z]{5})\b", (text or "").upper())
    return f"LW-{m.group(1)}-{m.group(2)}" if m else None


def reads_as_answer(stage: Optional[str], text: str, intent: Optional[str]) -> bool:
    """Whether a message answers the open handover question (bot.handover.policy)."""
    if stage == AVAILABLE:
        return bool(_REQUEST.search(text or ""))
    if stage == OFFERED:
        return answer_to_offer(text, intent) is not None or bool(_REQUEST.search(text or ""))
    if stage == CONTACT:
        return contact_way(text) is not None or answer_to_offer(text, intent) is not None
    if stage in (CONTACT_VALUE, CORRECT):
        return bool((text or "").strip())
    return False
