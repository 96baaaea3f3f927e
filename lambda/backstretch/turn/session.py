"""What a session carries between turns (Alexa's session attributes): one schema, versioned
and bounded, so an old session's attributes never crash a new deploy.

Version 2 nests each owner's part under its own key::

    {"v": 2, "coach": {...CoachState...}, "reminder": {...}, "unsaved": {...}}

Version 1 (no "v") kept the coaching state's keys at the top level beside "reminder" and
"unsaved"; it is still read, so a session that spans a deploy keeps its place. Anything else
(a newer version after a rollback, the wrong types, too large) is read as an empty session.

>>> SessionAttributes.read({"phase": "coaching", "unsaved": {"kind": "hold"}}).coach
{'phase': 'coaching'}
>>> SessionAttributes.read({"v": 99, "coach": {"phase": "coaching"}}).coach
{}
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)

VERSION = 2
_VERSION_KEY = "v"
_COACH, _REMINDER, _UNSAVED = "coach", "reminder", "unsaved"
# Alexa's whole response may be 24 KB; the attributes go back in it, so a session that grew
# past this was not written by this skill.
MAX_ATTRIBUTES_BYTES = 16 * 1024
# JSON nested deeper than this is not ours either (ours is three levels deep at most).
MAX_DEPTH = 8


@dataclass(frozen=True)
class SessionAttributes:
    """The session's parts, each owned by one module that reads and writes its own dict:
    the coaching state (`routine.state`), a reminder question waiting for its answer
    (`reminders.dialog`), and a write this session still has to make (`coaching.saves`)."""

    coach: dict[str, Any] = field(default_factory=dict)
    reminder: dict[str, Any] | None = None
    unsaved: dict[str, Any] | None = None

    @classmethod
    def read(cls, raw: Any) -> SessionAttributes:
        """The session as Alexa sent it back; empty for anything this skill did not write."""
        if not raw:
            return cls()
        if not isinstance(raw, dict) or not _within_bounds(raw):
            logger.warning("session attributes out of bounds: starting fresh")
            return cls()
        version = raw.get(_VERSION_KEY, 1)
        if version == 1:
            coach = {k: v for k, v in raw.items() if k not in (_REMINDER, _UNSAVED)}
            return cls(coach, _dict_or_none(raw.get(_REMINDER)), _dict_or_none(raw.get(_UNSAVED)))
        if version == VERSION:
            return cls(
                _dict_or_none(raw.get(_COACH)) or {},
                _dict_or_none(raw.get(_REMINDER)),
                _dict_or_none(raw.get(_UNSAVED)),
            )
        logger.warning("session attributes of unknown version %r: starting fresh", version)
        return cls()

    @staticmethod
    def reminder_waiting(raw: Any) -> bool:
        """Whether a reminder question waits for its answer: a cheap look, for deciding which
        handler takes a request (the whole session is read once, by the one that does).

        >>> SessionAttributes.reminder_waiting({"v": 2, "reminder": {"ask": "set"}})
        True
        """
        # Both versions keep the reminder's question under the same top-level key.
        return isinstance(raw, dict) and bool(_dict_or_none(raw.get(_REMINDER)))

    def to_attributes(self) -> dict[str, Any]:
        """The attributes to send back with the response."""
        attributes: dict[str, Any] = {_VERSION_KEY: VERSION, _COACH: self.coach}
        if self.reminder is not None:
            attributes[_REMINDER] = self.reminder
        if self.unsaved is not None:
            attributes[_UNSAVED] = self.unsaved
        return attributes


def _dict_or_none(value: Any) -> dict[str, Any] | None:
    return value if isinstance(value, dict) and value else None


def _within_bounds(raw: dict[str, Any]) -> bool:
    if nested_deeper_than(raw, MAX_DEPTH):
        return False
    try:
        size = len(json.dumps(raw))
    except (TypeError, ValueError, RecursionError):
        return False
    return size <= MAX_ATTRIBUTES_BYTES


def nested_deeper_than(value: Any, limit: int) -> bool:
    """Whether objects and arrays nest in ``value`` more than ``limit`` levels; looked at
    without recursion, so no depth can make the look itself fail.

    >>> nested_deeper_than({"a": [{"b": 1}]}, 3), nested_deeper_than({"a": [{"b": 1}]}, 2)
    (False, True)
    """
    containers = (dict, list)
    pending: list[tuple[Any, int]] = [(value, 1)] if isinstance(value, containers) else []
    while pending:
        item, depth = pending.pop()
        if depth > limit:
            return True
        children = item.values() if isinstance(item, dict) else item
        pending.extend((child, depth + 1) for child in children if isinstance(child, containers))
    return False
