"""When the action server is away: a clear message for the resident instead of silence.

Why: Rasa 3.6 logs a traceback when a custom action cannot reach the action server (stopped,
restarting, overloaded) and drops the action's events; the resident gets no answer at all and does
not know whether to wait. ``install()`` (applied by bot.tools.rasa_main before Rasa starts) wraps
``RemoteAction.run``: on such a failure the turn ends with one short message that says it did not
work now, that trying again later is fine, and where the municipality can be reached (its website
from the routing table; never an invented phone number), with 112 for danger. The conversation
is kept in the tracker store, so the next message after the action server is back goes on as if
nothing happened. A form's validation is not wrapped: Rasa already goes on without it.
"""
from __future__ import annotations

import logging
from typing import Any, List, Optional

logger = logging.getLogger(__name__)

OUTAGE_KEY = "loketwijzer_outage"
TEXT = ("Het lukt nu even niet om uw vraag te beantwoorden. Dat ligt aan ons, niet aan u. "
        "Probeer het over een paar minuten nog eens. Uw gesprek blijft bewaard.")
TEXT_SITE = "Hebt u nu hulp nodig? Bel uw gemeente. Het nummer staat op {website}."
TEXT_NO_SITE = "Hebt u nu hulp nodig? Bel uw gemeente."
TEXT_DANGER = "Is er gevaar? Bel 112."


def gemeente_website(code: Optional[str]) -> Optional[str]:
    if not code:
        return None
    try:
        from bot.routing.table import default_table

        info = default_table().gemeenten.get(code)
        return info.website if info else None
    except Exception:  # the message must be sent even when the routing table cannot be read
        logger.warning("routing table not readable for the outage message", exc_info=True)
        return None


def outage_text(gemeente_code: Optional[str]) -> str:
    website = gemeente_website(gemeente_code)
    help_line = TEXT_SITE.format(website=website) if website else TEXT_NO_SITE
    return " ".join([TEXT, help_line, TEXT_DANGER])


def already_told(tracker: Any) -> bool:
    """One message per turn, also when several actions of the turn fail."""
    for event in reversed(tracker.events):
        if getattr(event, "type_name", None) == "user":
            return False
        if getattr(event, "type_name", None) == "bot" and (getattr(event, "metadata", None) or {}).get(OUTAGE_KEY):
            return True
    return False


def install() -> None:
    from rasa.core.actions import action
    from rasa.shared.core.events import BotUttered
    from rasa.shared.exceptions import RasaException

    original = action.RemoteAction.run
    if getattr(original, "_loketwijzer_outage", False):
        return

    async def run(self, output_channel, nlg, tracker, domain) -> List[Any]:
        try:
            return await original(self, output_channel, nlg, tracker, domain)
        except action.ActionExecutionRejection:
            raise
        except RasaException as error:
            logger.error("Action server unavailable for '%s': %s. The resident was told to try again later.",
                         self.name(), error)
            if already_told(tracker):
                return []
            return [BotUttered(text=outage_text(tracker.get_slot("gemeente_code")), metadata={OUTAGE_KEY: True})]

    run._loketwijzer_outage = True
    action.RemoteAction.run = run
