"""Dialogue decisions that do not depend on Rasa, so the actions, the command line and the
replay share them: merging what was said, asking about the gemeente, asking back when unsure,
answering input that is not a question."""
from __future__ import annotations

import re
from typing import Dict, List, Optional, Sequence, Tuple

from bot.routing.gemeenten import Ambiguous, Match, Unknown
from bot.routing.table import RoutingTable

Button = Dict[str, str]

ASK_GEMEENTE = ("In welke gemeente woont u? Of woont de persoon om wie het gaat ergens anders? "
                "Noem dan die gemeente.")
DENY_NO_ANSWER = "Dat is goed. Als u nog een vraag heeft, typ die dan gewoon hier."
PLEASE_REPHRASE = ("Dat begrijp ik niet goed. Kunt u het in andere woorden zeggen? "
                   "Vertel bijvoorbeeld wat er niet lukt, of voor wie u hulp zoekt.")
# said by the chat channels, not by the dialogue (bot/web/rest_channel.py, bot/web/socket_channel.py):
# a sender over the message limit (bot/web/rate_limit.py), and a message that arrived broken
TOO_FAST = ("U stuurt veel berichten snel na elkaar. Dit bericht heb ik daarom niet gelezen. "
            "Wacht even. Stuur het daarna nog een keer.")
NOT_RECEIVED = ("Uw bericht kwam niet goed aan. Ik heb het niet gelezen. "
                "Probeer het nog een keer.")

_EMOJI_ONLY = re.compile(r"^[\W\d_]*$", re.UNICODE)
_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


_CORRECTION = re.compile(
    r"^\W*(nee|neen|nope)\b"
    r"|\b(niet|geen) (naar )?(het |de |een )?(\w+[- ])?(wijkteam|buurtteam|gemeente|loket|uwv|svb|huisarts|zorgkantoor|ciz)\b"
    r"|\b(dat )?klopt niet\b|\bdat bedoel ik niet\b|\b(ik wil|het gaat|gaat het) (alleen|enkel|maar) (om|over|hulp)\b",
    re.IGNORECASE)


def is_correction(text: str) -> bool:
    """"nee, geen wijkteam, ik wil alleen hulp met de schulden": the new needs replace the earlier
    ones instead of adding to them."""
    return bool(_CORRECTION.search(text or ""))


def merge_needs(earlier: Optional[Sequence[str]], new: Sequence[str]) -> List[str]:
    """Needs of the conversation so far, the first-mentioned first; crisis needs are ordered by the router."""
    return list(dict.fromkeys(list(earlier or []) + list(new)))


def gemeente_from_reply(table: RoutingTable, text: str, entity_values: Sequence[str] = ()):
    """Resolve the answer to "in welke gemeente woont u?": a button's CBS code, the text ("Zwolle",
    "ik woon in Echt"), or else a place name the NLU found in it ("bij ons in het dorp, Nes")."""
    found = table.matcher.find_in_text(text or "")
    if isinstance(found, Match):
        return found
    for value in entity_values:
        hit = table.matcher.resolve(value)
        if isinstance(hit, Match):
            return hit
    return found if found is not None else table.matcher.resolve(text or "")


_OTHER_PERSON = {"moeder", "vader", "ma", "pa", "mam", "mama", "papa", "zoon", "dochter", "oma", "opa", "broer",
                 "zus", "zuster", "kind", "kinderen", "schoonmoeder", "schoonvader", "tante", "oom", "buurman",
                 "buurvrouw", "vriend", "vriendin", "ze", "zij", "hij", "hun", "ouders", "kleinzoon", "kleindochter"}


def _hits(table: RoutingTable, text: str):
    from bot.routing.gemeenten import normalize

    hits = [(pos, hit) for pos, hit in table.matcher.places_in_text(text or "") if isinstance(hit, Match)]
    words = normalize(text or "").split()
    person = [hit for pos, hit in hits if _OTHER_PERSON & set(words[max(0, pos - 5):pos])]
    return hits, words, person


def gemeente_in_question(table: RoutingTable, text: str):
    """The gemeente a help question names, only where the wording makes it certain, and where the
    help is for someone else, *their* gemeente: "mijn moeder woont in Zwolle, ik woon zelf in
    Utrecht" is help in Zwolle. None when no gemeente is named for certain, also when the resident
    names their own but the person the help is for lives somewhere not named for certain ("ik woon
    in Nijmegen, mijn ouders wonen in Zuid-Limburg")."""
    hits, words, person = _hits(table, text)
    if person:
        return person[0]
    if not hits or _someone_lives_elsewhere(text):
        return None
    living = [hit for pos, hit in hits if any(w.startswith("woon") for w in words[max(0, pos - 4):pos])]
    return (living or [hit for _, hit in hits])[-1 if living else 0]


_LIVES_ELSEWHERE = re.compile(
    r"\b(mijn|m'n|mn|onze|ons|haar|zijn)\s+(\w+\s+)?(" + "|".join(sorted(_OTHER_PERSON - {"ze", "zij", "hij", "hun"})) +
    r")\b[^.?!]{0,60}?\b(woont|wonen|woonde)(\s+(?!bij\b)\w+){0,2}?\s+(in|op|ver|ergens|aan)\b", re.IGNORECASE)
_OWN_HOME = re.compile(r"\b(bij (mij|ons)|bij me|in huis|thuis bij)\b", re.IGNORECASE)


def _someone_lives_elsewhere(text: str) -> bool:
    m = _LIVES_ELSEWHERE.search(text or "")
    return bool(m) and not _OWN_HOME.search((text or "")[m.end():m.end() + 40])


def lives_elsewhere(table: RoutingTable, text: str) -> bool:
    """The help is for someone who lives somewhere the message does not name for certain ("mijn
    moeder woont in Friesland"): the widget's gemeente may be the wrong one, so ask."""
    return _someone_lives_elsewhere(text) and not _hits(table, text)[2]


def gemeente_question(result) -> Tuple[str, List[Button]]:
    """The question back when a gemeente name was not clear."""
    if isinstance(result, Ambiguous):
        names = [c.naam for c in result.candidates]
        text = (f"De plaats '{result.name.title()}' hoort bij meer dan één gemeente. "
                f"Welke gemeente bedoelt u?")
        return text, [{"title": n, "payload": f'/inform_gemeente{{"GEMEENTE": "{c.code}"}}'}
                      for n, c in zip(names, result.candidates)]
    if isinstance(result, Unknown) and result.suggestions:
        return ("Die gemeente ken ik niet. Bedoelt u een van deze? Of typ de naam nog een keer.",
                [{"title": s, "payload": f'/inform_gemeente{{"GEMEENTE": "{s}"}}'} for s in result.suggestions])
    return ("Die gemeente ken ik niet. Typ de naam van uw gemeente of woonplaats, bijvoorbeeld 'Utrecht'.", [])


def clarify_question(table: RoutingTable, candidates: Sequence[str]) -> Tuple[str, List[Button]]:
    """One question back with the two most likely needs as buttons."""
    options = [c for c in candidates if c in table.needs][:2]
    if not options:
        return PLEASE_REPHRASE, []
    buttons = [{"title": table.needs[c].naam, "payload": f"/need_{c}"} for c in options]
    buttons.append({"title": "Iets anders", "payload": "/deny"})
    return "Ik wil zeker weten dat ik u goed begrijp. Gaat uw vraag hierover?", buttons


def runner_up_question(table: RoutingTable, others: Sequence[str]) -> Tuple[str, List[Button]]:
    """After "nee, dat klopt niet": the other likely needs as buttons, and room for own words."""
    options = [c for c in others if c in table.needs and not table.needs[c].crisis][:2]
    text = "Sorry, dan begreep ik u niet goed. Vertel in uw eigen woorden waar u hulp bij zoekt."
    if not options:
        return text, []
    return ("Sorry, dan begreep ik u niet goed. Gaat het hierover? Of vertel in uw eigen woorden waar u "
            "hulp bij zoekt.", [{"title": table.needs[c].naam, "payload": f"/need_{c}"} for c in options])


def non_question_reply(text: str) -> str:
    """A friendly answer to input that is not a question we can route (chit-chat, emoji, HTML).
    A message in another language gets bot.dialogue.languages.reply instead."""
    stripped = (text or "").strip()
    if not stripped:
        return "Uw bericht is leeg. Typ uw vraag in uw eigen woorden. Bijvoorbeeld: 'Ik kan mijn huis niet meer schoonhouden.'"
    if _EMOJI_ONLY.match(stripped):
        return "Ik zie alleen tekens of plaatjes. Wilt u uw vraag in woorden typen? Dan help ik u verder."
    if _HTML.search(stripped):
        return "Ik kan alleen gewone tekst lezen. Typ uw vraag in uw eigen woorden, zonder code."
    return ("Daar kan ik u helaas niet mee helpen. Ik help bij vragen over zorg, hulp thuis, geld, "
            "schulden, werk, opvoeden en wonen. Waar kan ik u mee helpen?")
