"""Make text from outside safe to store, read and print, the same way at every door.

The chat channels (REST, socket.io), the ``route`` command and the staff lookup page all take
text nobody checked: a browser or script can send lone surrogates in JSON, a terminal passes bytes
that are not UTF-8 (Python turns them into lone surrogates too), a paste can carry terminal colour
codes, NUL bytes or Windows line ends. Lone surrogates cannot be written as UTF-8: the language
detector failed on them and the resident got no answer, and printing them stopped the ``route``
command with a traceback; a NUL byte or an escape sequence ends up in the stored conversation, the
logs or a staff member's terminal. ``clean`` keeps every letter, digit,
emoji and newline and drops only what no person typed. It does not shorten text for the language
model (bot/nlu/components.py InputGuard does that) but cuts what is far longer than any question,
so one message cannot fill the tracker store.
"""
from __future__ import annotations

import re
from typing import Optional

MAX_CHARS = 10_000  # some 1 500 words; the language model reads the first 2 000 characters
MAX_SENDER_CHARS = 255  # Rasa's SQL tracker store keeps sender_id in a VARCHAR(255)

_SURROGATE = re.compile("[\ud800-\udfff]")
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
# control characters (C0 and C1) except tab and newline; DEL too
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: Optional[str], max_chars: Optional[int] = MAX_CHARS) -> str:
    """``text`` without lone surrogates (each becomes U+FFFD, the replacement character), without
    terminal escape sequences and control characters, with ``\\n`` for every line end, and at most
    ``max_chars`` characters long (cut at a space where there is one; ``None``: not cut)."""
    if not text:
        return ""
    text = _SURROGATE.sub("\ufffd", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", _ANSI.sub("", text))
    if max_chars is not None and len(text) > max_chars:
        cut = text[:max_chars]
        text = cut.rsplit(" ", 1)[0] if " " in cut[max_chars // 2:] else cut
    return text

