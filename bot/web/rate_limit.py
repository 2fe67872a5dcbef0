"""A per-sender message limit for the chat channels: a token bucket for each conversation id.

Why here and not only at the balancer: one script (or a stuck key) that sends hundreds of
messages a second into one conversation makes the Rasa server read, classify and store every one
of them, while the lock for that conversation makes the resident's own messages wait behind
them. A balancer can limit per address, but the embedded default (``make run``) has no balancer,
and many residents share one address (a library, a municipality's own network). So the channel
itself limits each *sender*: ``burst`` messages at once, then ``burst`` per ``seconds`` on
average. A resident types one message every few seconds and never meets the limit.

The buckets live in the memory of one Rasa process: with several servers behind a balancer a
sender can reach the limit once per server; a conversation that sticks to one server (or a
balancer limit) covers that. Senders that rotate their id are not stopped by this; that is the
balancer's part (a limit per address).

credentials.yml sets it per channel (``rate_limit_messages``, ``rate_limit_seconds``);
``rate_limit_messages: 0`` switches it off. bot/web/rest_channel.py and
bot/web/socket_channel.py use it; tests/test_bad_input.py floods both.
"""
from __future__ import annotations

import time
from typing import Any, Callable, Dict, List, Mapping, Optional

DEFAULT_MESSAGES = 10
DEFAULT_SECONDS = 10.0
MAX_SENDERS = 100_000  # buckets kept before the full (idle) ones are forgotten


class SenderRateLimit:
    """``allow(sender)`` is True while the sender has a token left; each message takes one, and
    tokens come back at ``messages / seconds`` per second, up to ``messages``."""

    def __init__(self, messages: int = DEFAULT_MESSAGES, seconds: float = DEFAULT_SECONDS,
                 clock: Callable[[], float] = time.monotonic, max_senders: int = MAX_SENDERS):
        self.capacity = float(messages)
        self.rate = float(messages) / float(seconds) if messages > 0 and seconds > 0 else 0.0
        self.clock = clock
        self.max_senders = max_senders
        self._buckets: Dict[str, List[float]] = {}  # sender -> [tokens, time of the last update]

    @classmethod
    def from_credentials(cls, credentials: Optional[Mapping[str, Any]]) -> "SenderRateLimit":
        credentials = credentials or {}
        messages = credentials.get("rate_limit_messages", DEFAULT_MESSAGES)
        seconds = credentials.get("rate_limit_seconds", DEFAULT_SECONDS)
        try:
            messages, seconds = int(messages), float(seconds)
        except (TypeError, ValueError):
            raise ValueError("credentials.yml: rate_limit_messages must be a whole number and "
                             f"rate_limit_seconds a number of seconds, not {messages!r} and {seconds!r}") from None
        if messages < 0 or seconds <= 0:
            raise ValueError("credentials.yml: rate_limit_messages must be 0 (off) or more and "
                             f"rate_limit_seconds more than 0, not {messages} and {seconds}")
        return cls(messages, seconds)

    @property
    def enabled(self) -> bool:
        return self.capacity > 0

    def allow(self, sender: str) -> bool:
        if not self.enabled:
            return True
        now = self.clock()
        bucket = self._buckets.get(sender)
        if bucket is None:
            if len(self._buckets) >= self.max_senders:
                self._forget_idle(now)
            bucket = self._buckets[sender] = [self.capacity, now]
        tokens = min(self.capacity, bucket[0] + (now - bucket[1]) * self.rate)
        bucket[1] = now
        if tokens < 1.0:
            bucket[0] = tokens
            return False
        bucket[0] = tokens - 1.0
        return True

    def seconds_until_allowed(self, sender: str) -> float:
        """How long ``sender`` waits for the next token (0 when one is there now)."""
        bucket = self._buckets.get(sender)
        if bucket is None or not self.enabled:
            return 0.0
        tokens = min(self.capacity, bucket[0] + (self.clock() - bucket[1]) * self.rate)
        return 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.rate

    def _forget_idle(self, now: float) -> None:
        """Drop every bucket that has filled up again (its sender is idle); if none has, the oldest half."""
        full = [s for s, (tokens, at) in self._buckets.items() if tokens + (now - at) * self.rate >= self.capacity]
        for sender in full:
            del self._buckets[sender]
        if len(self._buckets) >= self.max_senders:
            for sender in sorted(self._buckets, key=lambda s: self._buckets[s][1])[: len(self._buckets) // 2]:
                del self._buckets[sender]
