"""Rasa custom actions: thin adapters between the Rasa tracker and the ``bot`` package.

All routing knowledge lives in data/routing/ (via bot.routing); all texts in bot.dialogue.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.crisis.model import LOKET_OF_NEED
from bot.dialogue import languages, replies, turns
from bot.nlu.understand import NeedReader
from bot.routing import Context, default_table, route
from bot.routing.gemeenten import Match

TABLE = default_table()
READER = NeedReader(TABLE)
CRISIS = {code for code, need in TABLE.needs.items() if need.crisis}


def _facts(tracker: Tracker) -> Context:
    return Context(**(tracker.get_slot("context") or {}))


def _gemeente(tracker: Tracker):
    """The gemeente of the conversation: by CBS code, or by the name the form filled in."""
    code = tracker.get_slot("gemeente_code")
    if code in TABLE.gemeenten:
        return TABLE.gemeenten[code]
    name = tracker.get_slot("gemeente")
    found = TABLE.matcher.resolve(name) if name else None
    return TABLE.gemeenten[found.code] if isinstance(found, Match) else None


def _gemeente_events(match: Match) -> List[EventType]:
    return [SlotSet("gemeente", match.naam), SlotSet("gemeente_code", match.code)]


def _route_events(dispatcher: CollectingDispatcher, tracker: Tracker, needs: List[str], gemeente,
                  skip_crisis: bool = False) -> List[EventType]:
    """Route the conversation's needs, say the answer, remember the decision."""
    ctx = _facts(tracker)
    decision = route(needs, gemeente, ctx, TABLE)
    spoken = decision
    if skip_crisis and decision.crisis:
        rest = [n for n in needs if n not in CRISIS]
        spoken = route(rest, gemeente, ctx, TABLE) if rest else None
    possible = tracker.get_slot("safety") if not decision.crisis else None
    note = replies.safety_note(TABLE, possible)["text"] if possible else None
    for text in replies.route_messages(spoken, safety=note) if spoken else []:
        dispatcher.utter_message(text=text)
    summary = {"needs": list(decision.needs), "crisis": decision.crisis, "urgent": decision.urgent,
               "crisis_tier": "sure" if decision.crisis else ("possible" if possible else None),
               "safety_note": possible,
               "gemeente": gemeente.code if gemeente else None, "route": replies.route_json(decision)}
    return [SlotSet("last_route", summary), SlotSet("safety", None)]


class ActionSessionStart(Action):
    """Start a session; take the gemeente from the widget's session metadata when it is given."""

    def name(self) -> Text:
        return "action_session_start"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        events: List[EventType] = [SessionStarted()]
        metadata = tracker.get_slot("session_started_metadata") or {}
        name = metadata.get("gemeente") if isinstance(metadata, dict) else None
        if name:
            found = TABLE.matcher.resolve(str(name))
            if isinstance(found, Match):
                events += _gemeente_events(found)
        events.append(ActionExecuted("action_listen"))
        return events


class ActionUnderstand(Action):
    """Read a help question: needs, facts, a gemeente named in passing; crisis is answered at once."""

    def name(self) -> Text:
        return "action_understand"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        u = READER.read(tracker.latest_message)
        needs = turns.merge_needs(tracker.get_slot("needs"), u.needs)
        facts = _facts(tracker).merged_with(u.facts)
        events: List[EventType] = [SlotSet("needs", needs), SlotSet("context", facts.as_dict())]
        if not tracker.get_slot("gemeente_code"):
            # a widget may send the gemeente with every message, not only at the session start
            given = (tracker.latest_message.get("metadata") or {}).get("gemeente")
            found = TABLE.matcher.resolve(str(given)) if given else TABLE.matcher.find_in_text(u.text)
            if isinstance(found, Match):
                events += _gemeente_events(found)
        language = (tracker.latest_message.get("language") or {}).get("code") or "nl"
        crisis_type = LOKET_OF_NEED.get(u.crisis or u.safety)
        if language != "nl":
            # in the resident's own language: we speak Dutch, and the numbers (the crisis one first)
            for text in languages.reply(TABLE, language, crisis_type):
                dispatcher.utter_message(text=text)
            events.append(SlotSet("language", language))
        if u.crisis:
            if language == "nl":
                crisis_route = route([u.crisis], None, Context(), TABLE)
                for text in replies.route_messages(crisis_route):
                    dispatcher.utter_message(text=text)
            events.append(SlotSet("crisis", u.crisis))
        elif u.safety and language == "nl":
            events.append(SlotSet("safety", crisis_type))  # said with the answer (_route_events)
        return events


class ValidateGemeenteForm(FormValidationAction):
    """Ask the gemeente only when it is not known, and only when a route depends on it."""

    def name(self) -> Text:
        return "validate_gemeente_form"

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        needs = tracker.get_slot("needs") or []
        if needs and all(n in CRISIS for n in needs):
            return []  # the emergency numbers are national
        if not needs and tracker.get_slot("language"):
            return []  # a message we could not read was answered in its own language
        return domain_slots

    async def extract_gemeente(self, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != "gemeente":
            return {}
        values = list(tracker.get_latest_entity_values("GEMEENTE"))
        found = turns.gemeente_from_reply(TABLE, tracker.latest_message.get("text") or "", values)
        if isinstance(found, Match):
            return {"gemeente": found.code}  # the CBS code: unambiguous, and resolves again in _gemeente
        return {}  # ActionAskGemeente asks again, saying what was unclear

    async def validate_gemeente(self, value, dispatcher, tracker: Tracker, domain) -> Dict[Text, Any]:
        found = TABLE.matcher.resolve(str(value or ""))
        return {"gemeente": found.naam if isinstance(found, Match) else None}


class ActionAskGemeente(Action):
    """Ask the gemeente; when the previous answer was unclear, say why and offer choices."""

    def name(self) -> Text:
        return "action_ask_gemeente"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        if tracker.get_slot("requested_slot") == "gemeente" and tracker.latest_message.get("text"):
            values = list(tracker.get_latest_entity_values("GEMEENTE"))
            found = turns.gemeente_from_reply(TABLE, tracker.latest_message.get("text") or "", values)
            if not isinstance(found, Match):
                text, buttons = turns.gemeente_question(found)
                dispatcher.utter_message(text=text, buttons=buttons)
                return []
        dispatcher.utter_message(text=turns.ASK_GEMEENTE)
        return []


class ActionRoute(Action):
    def name(self) -> Text:
        return "action_route"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        needs = tracker.get_slot("needs") or []
        if not needs:
            if not tracker.get_slot("language"):  # else the answer in their own language was given
                dispatcher.utter_message(text=turns.PLEASE_REPHRASE)
            return []
        # a crisis was answered the moment it was read (ActionUnderstand); do not repeat it
        gemeente = _gemeente(tracker)
        events = [SlotSet("gemeente_code", gemeente.code)] if gemeente else []
        return events + _route_events(dispatcher, tracker, needs, gemeente,
                                      skip_crisis=bool(tracker.get_slot("crisis")))


class ActionSetGemeente(Action):
    """The resident names a gemeente outside the question (e.g. to correct it)."""

    def name(self) -> Text:
        return "action_set_gemeente"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        values = list(tracker.get_latest_entity_values("GEMEENTE"))
        found = turns.gemeente_from_reply(TABLE, tracker.latest_message.get("text") or "", values)
        if not isinstance(found, Match):
            text, buttons = turns.gemeente_question(found)
            dispatcher.utter_message(text=text, buttons=buttons)
            return []
        events = _gemeente_events(found)
        needs = tracker.get_slot("needs") or []
        if needs:
            dispatcher.utter_message(text=f"Dank u. Ik kijk wat er in de gemeente {found.naam} voor u is.")
            events += _route_events(dispatcher, tracker, needs, TABLE.gemeenten[found.code],
                                    skip_crisis=bool(tracker.get_slot("crisis")))
        else:
            dispatcher.utter_message(text=f"Dank u, ik weet nu dat het om de gemeente {found.naam} gaat. "
                                          "Waar kan ik u mee helpen?")
        return events


class ActionClarify(Action):
    """Low confidence: one question back, with the two most likely needs as buttons."""

    def name(self) -> Text:
        return "action_clarify"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        u = READER.read(tracker.latest_message)
        if u.unreadable and _other_language(dispatcher, tracker):
            return []
        if not u.text.strip() or u.intent == "out_of_scope":
            dispatcher.utter_message(text=turns.non_question_reply(u.text))
            return []
        text, buttons = turns.clarify_question(TABLE, u.candidates)
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


def _other_language(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Answer a message in another language in that language; True when that was done."""
    language = (tracker.latest_message.get("language") or {}).get("code") or "nl"
    if language == "nl":
        return False
    for text in languages.reply(TABLE, language):
        dispatcher.utter_message(text=text)
    return True


class ActionOutOfScope(Action):
    def name(self) -> Text:
        return "action_out_of_scope"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        if not _other_language(dispatcher, tracker):
            dispatcher.utter_message(text=turns.non_question_reply(tracker.latest_message.get("text") or ""))
        return []


class ActionAskHuman(Action):
    """Asking for a person: say how to reach people at the gemeente, never an invented number."""

    def name(self) -> Text:
        return "action_ask_human"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        gemeente = _gemeente(tracker)
        if gemeente:
            where = f"de gemeente {gemeente.naam}"
            web = f" Het telefoonnummer staat op {gemeente.website}." if gemeente.website else \
                " Het telefoonnummer staat op de website van de gemeente."
        else:
            where, web = "uw gemeente", " Het telefoonnummer staat op de website van uw gemeente."
        dispatcher.utter_message(text=f"U kunt ook met een mens praten. Bel {where} en vraag naar het sociaal wijkteam "
                                      f"of het Wmo-loket.{web}")
        dispatcher.utter_message(text="U kunt ook langsgaan bij het gemeentehuis. Neem iemand mee als u dat fijn vindt.")
        return []
