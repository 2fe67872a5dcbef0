"""Rasa custom actions: thin adapters between the Rasa tracker and the ``bot`` package.

All routing knowledge lives in data/routing/ (via bot.routing); all texts in bot.dialogue.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text, Tuple

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActionExecuted, ConversationPaused, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.handover import can_offer, offer_events
from bot.handover import dialogue as hd
from bot.handover import staff
from bot.crisis.model import LOKET_OF_NEED
from bot.dialogue import followups, languages, replies, turns
from bot.nlu.understand import NeedReader, best_guess
from bot.routing import Context, default_table, route
from bot.routing.gemeenten import Match
from bot.privacy import logs

logs.install()  # residents' identifiers never reach the action server's log
TABLE = default_table()
READER = NeedReader(TABLE)
CRISIS = {code for code, need in TABLE.needs.items() if need.crisis}


def _facts(tracker: Tracker) -> Context:
    return Context(**(tracker.get_slot("context") or {}))


def _facts_with(tracker: Tracker, u) -> Context:
    """The chat's facts so far with those of the latest message (``u``, an Understanding): what
    it tells adds or replaces, what it sets aside (a new Wlz indication asked about) is dropped."""
    return _facts(tracker).merged_with(u.facts, u.cleared)


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


def _utter(dispatcher: CollectingDispatcher, texts: List[str], buttons: Optional[List[Dict[str, str]]] = None) -> None:
    """Say ``texts`` as separate chat messages; the buttons go under the last one."""
    for text in texts[:-1]:
        dispatcher.utter_message(text=text)
    dispatcher.utter_message(text=texts[-1], buttons=buttons or [])


def _gemeente_question_text(tracker: Tracker) -> str:
    """"In welke gemeente woont u?", in the resident's language when it is not Dutch."""
    return languages.ask_gemeente(tracker.get_slot("language")) or turns.ASK_GEMEENTE


def _slot_event(events: List[EventType], name: str) -> Tuple[bool, Any]:
    """(whether ``events`` set slot ``name``, the value it was set to)."""
    for e in reversed(events):
        if isinstance(e, dict) and e.get("event") == "slot" and e.get("name") == name:
            return True, e.get("value")
    return False, None


def _gemeente_from_text(tracker: Tracker, text: str, named=None) -> List[EventType]:
    """A gemeente the resident names for certain wins over the widget's: it is where the help is
    needed ("mijn moeder woont in Zwolle"), or a correction ("niet in X maar in Y"). When the help
    is for someone who lives elsewhere and the place is not certain, the gemeente is asked.
    ``named``: turns.gemeente_in_question of ``text``, when the caller has it already."""
    named = named if named is not None else turns.gemeente_in_question(TABLE, text)
    if isinstance(named, Match):
        return _gemeente_events(named) if named.code != tracker.get_slot("gemeente_code") else []
    if turns.lives_elsewhere(TABLE, text) and tracker.get_slot("gemeente_code"):
        return [SlotSet("gemeente", None), SlotSet("gemeente_code", None)]
    return []


def _route_events(dispatcher: CollectingDispatcher, tracker: Tracker, needs: List[str], gemeente,
                  skip_crisis: bool = False, context: Optional[Context] = None) -> List[EventType]:
    """Route the conversation's needs, say the answer, remember the decision."""
    ctx = context or _facts(tracker)
    decision = route(needs, gemeente, ctx, TABLE)
    spoken = decision
    if skip_crisis and decision.crisis:
        rest = [n for n in needs if n not in CRISIS]
        spoken = route(rest, gemeente, ctx, TABLE) if rest else None
    possible = tracker.get_slot("safety") if not decision.crisis else None
    note = replies.safety_note(TABLE, possible)["text"] if possible else None
    spoken_json = replies.route_json(spoken)
    first = not (tracker.get_slot("last_route") or {}).get("route")
    handover_button = [hd.REQUEST_BUTTON] if first and spoken is not None and not spoken.crisis \
        and can_offer(tracker, spoken_json) else []
    if spoken is not None and spoken.crisis:
        for text in replies.route_messages(spoken):
            dispatcher.utter_message(text=text)
    elif spoken is not None and _same_door(tracker, spoken_json):
        # the resident said more, but the door stays the same: never the same answer again
        _utter(dispatcher, followups.same_door(spoken_json, (tracker.get_slot("last_route") or {}).get("spoken"),
                                               _followup_intent(tracker), safety=note),
               followups.buttons(spoken_json))
    elif spoken is not None:
        # short first, more on request: the one door, why, the next step; the rest behind buttons
        _utter(dispatcher, followups.short_answer(spoken_json, safety=note, urgent=spoken.urgent),
               followups.buttons(spoken_json) + handover_button)
    offer = offer_events(dispatcher, tracker, spoken_json, first=first) if spoken is not None and not spoken.crisis else []
    summary = {"needs": list(decision.needs), "crisis": decision.crisis, "urgent": decision.urgent,
               "crisis_tier": "sure" if decision.crisis else ("possible" if possible else None),
               "safety_note": possible,
               "gemeente": gemeente.code if gemeente else None, "route": replies.route_json(decision),
               "spoken": spoken_json}
    return [SlotSet("last_route", summary), SlotSet("safety", None), SlotSet("asked_back", None)] + offer


def _same_door(tracker: Tracker, spoken_json) -> bool:
    """The new route has the same primary loket as the answer already given."""
    last = ((tracker.get_slot("last_route") or {}).get("spoken") or {}).get("primary") or {}
    new = (spoken_json or {}).get("primary") or {}
    return bool(last) and (last.get("loket_type"), last.get("naam")) == (new.get("loket_type"), new.get("naam"))


def _followup_intent(tracker: Tracker) -> Optional[str]:
    """A follow-up intent close behind the classifier's choice ("hoe lang heb ik voor bezwaar"
    reads as a legal question first), or None."""
    for r in (tracker.latest_message.get("intent_ranking") or [])[:3]:
        name = r.get("name") or ""
        if name in followups.INTENTS and float(r.get("confidence") or 0) >= 0.1:
            return name
    return followups.aspect(tracker.latest_message.get("text") or "")


def _after_ask_back(dispatcher: CollectingDispatcher, tracker: Tracker, u, events: List[EventType],
                    gemeente=None) -> List[EventType]:
    """The assistant asked back and the resident typed something else instead of choosing (more
    story, a place, a question about the question). Never ask twice: take the need both messages
    point to, else the first message's best, and route it with what is known (or ask the gemeente)."""
    earlier = [c for c in tracker.get_slot("asked_back") or [] if c in TABLE.needs]
    both = [c for c in (u.candidates if u else ()) if c in earlier]
    needs = turns.merge_needs(tracker.get_slot("needs"), [both[0] if both else earlier[0]])
    events = list(events) + [SlotSet("needs", needs), SlotSet("asked_back", None)]
    given, code = _slot_event(events, "gemeente_code")
    gemeente = gemeente or (None if given and code is None else _gemeente(tracker))
    if gemeente:
        return events + _route_events(dispatcher, tracker, needs, gemeente)
    dispatcher.utter_message(text=_gemeente_question_text(tracker))
    return events


def _answered_this_turn(tracker: Tracker) -> bool:
    """A route was already given since the resident's last message."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "slot" and event.get("name") == "last_route" and event.get("value"):
            return True
    return False


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
        named = turns.gemeente_in_question(TABLE, u.text)
        if tracker.get_slot("asked_back") and len(u.text.split()) <= 6 and isinstance(named, Match):
            # "Wij wonen in Ede." after a question back is the place, not a question about housing
            return _after_ask_back(dispatcher, tracker, u, _gemeente_events(named), TABLE.gemeenten[named.code])
        # a "no" with content, or a button the resident chose: the new needs replace the earlier
        corrected = u.needs and (turns.is_correction(u.text) or (u.text or "").startswith("/"))
        needs = list(u.needs) if corrected else turns.merge_needs(tracker.get_slot("needs"), u.needs)
        facts = _facts_with(tracker, u)
        events: List[EventType] = [SlotSet("needs", needs), SlotSet("context", facts.as_dict()),
                                   SlotSet("candidates", list(u.candidates))]
        # a gemeente the resident names for certain wins over the widget's: it is where the help
        # is needed ("mijn moeder woont in Zwolle"), or a correction ("niet in X maar in Y")
        from_text = _gemeente_from_text(tracker, u.text, named)
        events += from_text
        if not from_text and not tracker.get_slot("gemeente_code") and not turns.lives_elsewhere(TABLE, u.text):
            # a widget may send the gemeente with every message, not only at the session start
            given = (tracker.latest_message.get("metadata") or {}).get("gemeente")
            found = TABLE.matcher.resolve(str(given)) if given else None
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
                if _other_language(dispatcher, tracker):
                    return []  # no place name but a message in another language: answered in it
                text, buttons = turns.gemeente_question(found)
                dispatcher.utter_message(text=text, buttons=buttons)
                return []
        dispatcher.utter_message(text=_gemeente_question_text(tracker))
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
        if _answered_this_turn(tracker):
            return []  # e.g. the place given after a question back was routed already
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
            if _other_language(dispatcher, tracker):
                return []  # a message in Arabic, Polish, ... read as a place name: answered in its language
            text, buttons = turns.gemeente_question(found)
            dispatcher.utter_message(text=text, buttons=buttons)
            return []
        events = _gemeente_events(found)
        needs = tracker.get_slot("needs") or []
        if needs:
            dispatcher.utter_message(text=f"Dank u. Ik kijk wat er in de gemeente {found.naam} voor u is.")
            events += _route_events(dispatcher, tracker, needs, TABLE.gemeenten[found.code],
                                    skip_crisis=bool(tracker.get_slot("crisis")))
        elif tracker.get_slot("asked_back"):
            # the resident answered the question back with a place, not a choice
            events = _after_ask_back(dispatcher, tracker, None, events, TABLE.gemeenten[found.code])
        else:
            dispatcher.utter_message(text=f"Dank u, ik weet nu dat het om de gemeente {found.naam} gaat. "
                                          "Waar kan ik u mee helpen?")
        return events


class ActionClarify(Action):
    """Low confidence: one question back, with the two most likely needs as buttons. Never twice
    in a row: a resident who types more instead of choosing gets the need both messages point to
    (or the first message's best), with what was said kept (gemeente, facts)."""

    def name(self) -> Text:
        return "action_clarify"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        u = READER.read(tracker.latest_message)
        if _other_language(dispatcher, tracker) and u.unreadable:
            return []
        # English is read, but its writer may not read Dutch: what is said next (in Dutch) comes
        # after the same few sentences in English that action_understand gives
        if not u.text.strip() or u.intent == "out_of_scope":
            dispatcher.utter_message(text=turns.non_question_reply(u.text))
            return []
        match = turns.gemeente_in_question(TABLE, u.text)
        events: List[EventType] = _gemeente_from_text(tracker, u.text, match)
        facts = _facts_with(tracker, u)
        events.append(SlotSet("context", facts.as_dict()))
        named = TABLE.gemeenten[match.code] if isinstance(match, Match) else None
        if tracker.get_slot("asked_back"):
            return _after_ask_back(dispatcher, tracker, u, events, named)
        needs = tracker.get_slot("needs") or []
        if named and needs and (tracker.get_slot("last_route") or {}).get("route"):
            # "zij woont trouwens niet in Apeldoorn maar in Deventer": the same question, another gemeente
            dispatcher.utter_message(text=f"Dank u. Ik kijk wat er in de gemeente {named.naam} voor u is.")
            return events + _route_events(dispatcher, tracker, needs, named, skip_crisis=bool(tracker.get_slot("crisis")))
        if needs and (tracker.get_slot("last_route") or {}).get("route") and u.candidates:
            # more of the story after an answer, unclear on its own: answer again with what it adds
            # (facts such as "al gekocht", a new gemeente); the same door is said in one sentence.
            # A guessed extra need is not added: two domains would turn the door into the wijkteam.
            gemeente = named or _gemeente(tracker)
            if gemeente:
                return events + _route_events(dispatcher, tracker, needs, gemeente, context=facts)
        given, code = _slot_event(events, "gemeente_code")
        if (code is None) if given else not tracker.get_slot("gemeente_code"):
            # no gemeente known for certain: ask it now too, so the answer after the choice is complete
            dispatcher.utter_message(text=_gemeente_question_text(tracker))
        text, buttons = turns.clarify_question(TABLE, u.candidates)
        dispatcher.utter_message(text=text, buttons=buttons)
        return events + [SlotSet("asked_back", list(u.candidates))]


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
        if tracker.get_slot("asked_back") and (tracker.latest_message.get("text") or "").strip():
            # "moet dat bij onze gemeente of bij die van hem?" after a question back: not out of scope
            u = READER.read(tracker.latest_message)
            if not u.unreadable:
                return _after_ask_back(dispatcher, tracker, u, _gemeente_from_text(tracker, u.text))
        if not _other_language(dispatcher, tracker):
            dispatcher.utter_message(text=turns.non_question_reply(tracker.latest_message.get("text") or ""))
        return []


class ActionAskHuman(Action):
    """Asking for a person: say how to reach people at the gemeente, never an invented number."""

    def name(self) -> Text:
        return "action_ask_human"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        if staff.staff_chat_enabled():
            # staff watch the chat: pause the bot, a person takes over (bot.handover.staff)
            dispatcher.utter_message(text=staff.TAKEN_OVER)
            return [ConversationPaused()]
        gemeente = _gemeente(tracker)
        if gemeente:
            where = f"de gemeente {gemeente.naam}"
            web = f" Het telefoonnummer staat op {gemeente.website}." if gemeente.website else \
                " Het nummer staat op de website van de gemeente."
        else:
            where, web = "uw gemeente", " Het nummer staat op de website van uw gemeente."
        dispatcher.utter_message(text=f"U kunt ook met een mens praten. Bel {where} en vraag naar het sociaal wijkteam "
                                      f"of het Wmo-loket.{web}")
        dispatcher.utter_message(text="U kunt ook langsgaan bij het gemeentehuis. Neem iemand mee als u dat fijn vindt.")
        last = tracker.get_slot("last_route") or {}
        # a resident who asks for a person after an answer: offer to pass the question on
        return offer_events(dispatcher, tracker, last.get("spoken") or last.get("route")) if last.get("route") else []


class ActionFollowup(Action):
    """A follow-up question about the route just given ("wat kost dat?", "ik snap het niet"):
    answered from the last route, never with the whole answer again."""

    def name(self) -> Text:
        return "action_followup"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
        last = tracker.get_slot("last_route") or {}
        route = last.get("spoken") or last.get("route")
        gemeente = _gemeente(tracker)
        if not route and tracker.get_slot("asked_back") and intent != "not_understood":
            # "welk nummer moet ik bellen?" while the question back is open: never ask twice, the
            # answer to the likeliest need holds the number
            return _after_ask_back(dispatcher, tracker, READER.read(tracker.latest_message), [])
        if not route:
            # no answer yet to ask about: "hoe maak ik bezwaar tegen de WW?" is a question of its own
            u = READER.read(tracker.latest_message)
            needs = [n for n in best_guess(u, tracker.latest_message, READER) if n not in CRISIS]
            if needs:
                events: List[EventType] = [SlotSet("needs", needs), SlotSet("context", _facts_with(tracker, u).as_dict())]
                if gemeente:
                    return events + _route_events(dispatcher, tracker, needs, gemeente)
                dispatcher.utter_message(text=turns.ASK_GEMEENTE)
                return events
        rest = [b for b in followups.buttons(route) if b["payload"] != f"/{intent}"] if route else []
        _utter(dispatcher, followups.answer(intent, route, gemeente.naam if gemeente else None), rest)
        return []


class ActionDeny(Action):
    """A plain "nee" / "dat klopt niet". After an answer: the route may be wrong, so offer the
    other likely needs of the question as buttons; without an answer, an open door."""

    def name(self) -> Text:
        return "action_deny"

    async def run(self, dispatcher, tracker: Tracker, domain) -> List[EventType]:
        last = tracker.get_slot("last_route") or {}
        if not last.get("route"):
            dispatcher.utter_message(text=turns.DENY_NO_ANSWER)
            return []
        others = [c for c in tracker.get_slot("candidates") or [] if c not in (last.get("needs") or [])]
        text, buttons = turns.runner_up_question(TABLE, others)
        dispatcher.utter_message(text=text, buttons=buttons)
        return []
