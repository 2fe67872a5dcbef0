"""Mask residents' identifiers in log records, whoever logs them (Rasa, the action server, us).

A filter on the root logger's handlers (and on handlers added later through ``install`` again)
rewrites the formatted message before it is written. Installed by importing
bot.privacy.tracker_store (Rasa server) and by the action server's actions module.
"""
from __future__ import annotations

import logging

from bot.privacy.masking import mask


class MaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a record that cannot be formatted is left to the handler
            return True
        masked = mask(message)
        if masked != message:
            record.msg, record.args = masked, ()
        return True


_FILTER = MaskingFilter()


def install() -> None:
    """Add the filter to the root logger and to every handler that exists now."""
    root = logging.getLogger()
    if _FILTER not in root.filters:
        root.addFilter(_FILTER)
    for handler in root.handlers:
        if _FILTER not in handler.filters:
            handler.addFilter(_FILTER)
    for logger in logging.Logger.manager.loggerDict.values():
        for handler in getattr(logger, "handlers", []):
            if _FILTER not in handler.filters:
                handler.addFilter(_FILTER)
