"""Rasa custom actions of the warm handover (issue 12): the offer under an answer, consent,
the summary shown and corrected, the contact choice, the referral, and a resident who comes back
with a reference code. Thin: texts in bot.handover.dialogue, records in bot.handover.store."""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.handover import dialogue as hd
from bot.handover.store import HandoverStore, resident_status
from bot.handover.summary import FOR_WHOM_TEXT, as_text, build, for_whom
from bot.privacy.masking import mask
from bot.routing import default_table

logger = logging.getLogger(__name__)
TABLE = default_table()  # the same cached table as actions.actions
_STORE: Optional[HandoverStore] = None
# doors the resident calls or visits on their own: a crisis line (now, themselves) and the
# anonymous first step for money worries (Geldfit: no name is the point)
NO_HANDOVER = frozenset({"alarmnummer-112", "zelfmoordpreventie-113", "veilig-thuis", "geldfit"})


def store() -> HandoverStore:
    global _STORE
    if _STORE is None:
        _STORE = HandoverStore()
    return _STORE


def can_offer(tracker: Tracker, spoken: Optional[Dict[str, Any]]) -> bool:
    """A handover fits this answer, unless the resident said no already, it was handed over
    already, the conversation had a crisis, or the door is one to call oneself."""
    primary = (spoken or {}).get("primary") or {}
    if not primary or primary.get("loket_type") in NO_HANDOVER:
        return False
    if tracker.get_slot("handover_stage") in (hd.DECLINED, hd.DONE):
        return False
    return not tracker.get_slot("crisis")  # after 112, 113 or Veilig Thuis they call; nothing is passed on


def offer_events(dispatcher: CollectingDispatcher, tracker: Tracker, spoken: Optional[Dict[str, Any]],
                 first: bool = False) -> List[EventType]:
    """After an answer: on the first answer the handover is only the button "Geef mijn vraag
    door" (the caller put it under the answer; the first answer stays short); on a later answer,
    or when the resident asks for a person, the offer is asked as a question."""
    if not can_offer(tracker, spoken):
        return []
    primary = (spoken or {}).get("primary") or {}
    where = SlotSet("handover_offer", {"loket_type": primary.get("loket_type"), "naam": primary.get("naam")})
    if first:
        return [SlotSet("handover_stage", hd.AVAILABLE), where]
    text, buttons = hd.offer(primary.get("naam") or "de hulp")
    dispatcher.utter_message(text=text, buttons=buttons)
    return [SlotSet("handover_stage", hd.OFFERED), where]


def _story(tracker: Tracker) -> List[str]:
    """What the resident told: their messages with some content, not the yes/no answers or buttons."""
    out = []
    for e in tracker.events:
        if e.get("event") != "user":
            continue
        text = (e.get("text") or "").strip()
        intent = ((e.get("parse_data") or {}).get("intent") or {}).get("name") or ""
        if not text or text.startswith("/") or intent in ("affirm", "deny", "greet", "thanks", "goodbye"):
            continue
        if hd.answer_to_offer(text, intent) is not None and len(text.split()) <= 12:
            continue
        out.append(text)
    return out


def _needs(last: Dict[str, Any]) -> List[Dict[str, str]]:
    """The needs of the last route, with their names."""
    return [{"code": n, "naam": TABLE.needs[n].naam} for n in last.get("needs") or [] if n in TABLE.needs]


def _summary(tracker: Tracker, corrections: List[str], contact: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    last = tracker.get_slot("last_route") or {}
    route = last.get("spoken") or last.get("route") or {}
    code = last.get("gemeente") or tracker.get_slot("gemeente_code")
    gemeente = {"code": code, "naam": TABLE.gemeenten[code].naam} if code in TABLE.gemeenten else None
    law = ((route.get("primary") or {}).get("law"))
    context = tracker.get_slot("context") or {}
    why = "geen slaapplek voor vannacht" if context.get("vannacht") else ("spoed" if context.get("spoed") else None)
    return build(_story(tracker), route, _needs(last), gemeente, urgent=bool(last.get("urgent")), urgent_why=why,
                 contact=contact, corrections=corrections, law_text=TABLE.laws.get(law) if law else None)


class ActionHandover(Action):
    """The answer to an open handover question (bot.handover.policy sends it here)."""

    def name(self) -> Text:
        return "action_handover"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        stage = tracker.get_slot("handover_stage")
        text = tracker.latest_message.get("text") or ""
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        offer = tracker.get_slot("handover_offer") or {}
        naam = offer.get("naam") or "de hulp"
        if stage == hd.AVAILABLE:
            # the button "Geef mijn vraag door": say what will be passed on, and to whom; ask
            text_, buttons = hd.offer(naam)
            dispatcher.utter_message(text=text_, buttons=buttons)
            return [SlotSet("handover_stage", hd.OFFERED)]
        if stage == hd.OFFERED:
            yes = hd.answer_to_offer(text, intent)
            return self._consent(dispatcher, tracker, offer, bool(yes))
        if stage == hd.CORRECT:
            corrections = list(tracker.get_slot("handover_corrections") or []) + [mask(text)]
            return self._show(dispatcher, tracker, corrections)
        if stage == hd.CONTACT:
            way = hd.contact_way(text)
            if way is None and hd.answer_to_offer(text, intent) is True:
                way = "telefoon" if hd.phone_in(text) else None
            if way == "veranderen":
                dispatcher.utter_message(text="Wat moet er anders, of wat moet erbij? Typ het hieronder.")
                return [SlotSet("handover_stage", hd.CORRECT)]
            if way in ("telefoon", "e-mail", "brief"):
                value = hd.value_in(way, text)
                if value:
                    return self._refer(dispatcher, tracker, offer, way, value)
                dispatcher.utter_message(text=hd.ask_value(way))
                return [SlotSet("handover_stage", hd.CONTACT_VALUE), SlotSet("handover_contact_way", way)]
            if way == "zelf":
                return self._refer(dispatcher, tracker, offer, "zelf", None)
            text_, buttons = hd.contact_question()
            dispatcher.utter_message(text=text_, buttons=buttons)
            return []
        if stage == hd.CONTACT_VALUE:
            way = tracker.get_slot("handover_contact_way") or "telefoon"
            value = hd.value_in(way, text)
            if value:
                return self._refer(dispatcher, tracker, offer, way, value)
            if hd.contact_way(text) == "zelf":
                return self._refer(dispatcher, tracker, offer, "zelf", None)
            dispatcher.utter_message(text=f"Dat lees ik niet als {hd.VALUE_NAME.get(way, 'een adres')}. "
                                          f"Probeer het nog eens, of kies 'Ik bel zelf'.",
                                     buttons=[{"title": hd.WAYS["zelf"], "payload": hd.WAYS["zelf"]}])
            return []
        logger.warning("action_handover without an open question (stage %s)", stage)
        return []

    def _consent(self, dispatcher, tracker: Tracker, offer: Dict[str, Any], yes: bool) -> List[EventType]:
        naam = offer.get("naam") or "de hulp"
        # the record of the answer holds what was asked and to whom, never the story; a yes is the
        # consent the referral will point to (its id kept with the offer)
        consent = store().record_consent(offer.get("loket_type") or "", naam, hd.DATA_CATEGORIES,
                                         hd.consent_wording(naam), yes)
        events: List[EventType] = [SlotSet("consent_asked", True)]
        if not yes:
            last = tracker.get_slot("last_route") or {}
            primary = ((last.get("spoken") or last.get("route") or {}).get("primary")) or {}
            from bot.dialogue.followups import _reach

            who = FOR_WHOM_TEXT.get(for_whom(_story(tracker)), "u zelf")
            for msg in hd.declined(naam, _reach(primary), hd.say_this(_needs(last), who)):
                dispatcher.utter_message(text=msg)
            return events + [SlotSet("handover_stage", hd.DECLINED), SlotSet("handoff_summary", None)]
        return events + [SlotSet("handover_offer", dict(offer, consent_id=consent.id))] + self._show(dispatcher, tracker, [])

    def _show(self, dispatcher, tracker: Tracker, corrections: List[str]) -> List[EventType]:
        summary = _summary(tracker, corrections)
        for msg in as_text(summary):
            dispatcher.utter_message(text=msg)
        text, buttons = hd.contact_question()
        dispatcher.utter_message(text=text, buttons=buttons)
        return [SlotSet("handoff_summary", summary), SlotSet("handover_corrections", corrections),
                SlotSet("handover_stage", hd.CONTACT)]

    def _refer(self, dispatcher, tracker: Tracker, offer: Dict[str, Any], way: str, value: Optional[str]) -> List[EventType]:
        corrections = list(tracker.get_slot("handover_corrections") or [])
        summary = _summary(tracker, corrections, contact={"manier": way, "gegeven": value})
        naam = offer.get("naam") or "de hulp"
        # the yes recorded when it was given (_consent); the referral points to that record
        consent = store().consent(offer["consent_id"])
        referral = store().create_referral(consent, summary, (summary.get("gemeente") or {}).get("code"),
                                           tracker.sender_id)
        for msg in hd.done(naam, referral.code, way):
            dispatcher.utter_message(text=msg)
        # the slot keeps the summary without the contact value: the tracker is no place for it
        shown = dict(summary, contact={"manier": way, "gegeven": None})
        return [SlotSet("handoff_summary", shown), SlotSet("handover_stage", hd.DONE),
                SlotSet("handover_code", referral.code), SlotSet("handover_contact_way", None)]


class ActionReferralStatus(Action):
    """A resident comes back with the reference code: the status in B1, and what to do if stuck."""

    def name(self) -> Text:
        return "action_referral_status"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        code = hd.is_referral_code(tracker.latest_message.get("text") or "")
        for msg in resident_status(store().get(code) if code else None):
            dispatcher.utter_message(text=msg)
        return []
