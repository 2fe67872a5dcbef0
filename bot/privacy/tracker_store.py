"""Rasa's SQL tracker store, with the resident's identifiers masked before an event is stored.

Why a subclass and not a cleaning job afterwards: what is never written cannot leak (a backup, a
replica, a log of the database). The conversation in memory keeps the text as typed, so the
action that asks for a phone number can read it; what reaches the database is masked
(bot.privacy.masking): user and bot texts, the parse's text and entity values, and text in slot
values. Works on every database SQLTrackerStore supports (SQLite by default, PostgreSQL in
production: endpoints files in the repository root and deploy/).
Importing this module also masks the log records of the process (bot.privacy.logs).
"""
from __future__ import annotations

import json
from typing import Any, Dict

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.privacy import logs
from bot.privacy.masking import mask

logs.install()


def _mask_value(value: Any) -> Any:
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, list):
        return [_mask_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _mask_value(v) for k, v in value.items()}
    return value


def masked_event(data: Dict[str, Any]) -> Dict[str, Any]:
    """One event as Rasa serialises it, with identifiers masked where residents' words can be."""
    data = dict(data)
    if isinstance(data.get("text"), str):
        data["text"] = mask(data["text"])
    parse = data.get("parse_data")
    if isinstance(parse, dict):
        parse = dict(parse)
        if isinstance(parse.get("text"), str):
            parse["text"] = mask(parse["text"])
        parse["entities"] = [dict(e, value=_mask_value(e.get("value"))) for e in parse.get("entities") or []]
        data["parse_data"] = parse
    if data.get("event") == "slot":
        data["value"] = _mask_value(data.get("value"))
    if isinstance(data.get("data"), dict):  # a bot message's buttons and custom data
        data["data"] = _mask_value(data["data"])
    return data


class MaskingSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore that writes masked events (see the module docstring).

    At start it checks that the database answers (a clear error naming the URL without its
    password, instead of Rasa's endless retry) and brings the table's indexes up to date
    (bot.privacy.tracker_schema)."""

    def __init__(self, domain=None, dialect: str = "sqlite", host=None, port=None, db: str = "rasa.db",
                 username=None, password=None, event_broker=None, login_db=None, query=None,
                 connect_timeout: float = 5.0, **kwargs: Any) -> None:
        from bot.production.dependencies import DependencyUnavailable, exit_server, require_database
        from bot.privacy.tracker_schema import migrate

        if dialect != "sqlite":
            url = self.get_db_url(dialect, host, port, login_db or db, username, password, None, query)
            try:
                require_database(url, "tracker store database", timeout=float(connect_timeout))
            except DependencyUnavailable as error:
                exit_server(error)
        super().__init__(domain, dialect, host, port, db, username, password, event_broker, login_db, query,
                         **kwargs)
        migrate(self.engine)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        with self.session_scope() as session:
            for event in self._additional_events(session, tracker):
                data = masked_event(event.as_dict())
                session.add(self.SQLEvent(
                    sender_id=tracker.sender_id, type_name=event.type_name, timestamp=data.get("timestamp"),
                    intent_name=(data.get("parse_data") or {}).get("intent", {}).get(INTENT_NAME_KEY),
                    action_name=data.get("name"), data=json.dumps(data)))
            session.commit()
