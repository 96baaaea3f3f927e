"""A write owed when a session ends, as the outbox carries it, and how the consumer makes it.

The message holds what the turn would have written (``Save``, the same value a session keeps
in its attributes), whose it is, and the zone Alexa told the turn if it did. The consumer makes
the very write the turn would have made (``progress_write``, then the store's conditional
writes), so a message delivered twice, or after the turn's own write did land, changes
nothing: a finished routine is final, a stopped one is overwritten with the same, and the
profile's version check refuses a stale copy.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from backstretch.coaching.saves import Save, progress_write
from backstretch.progress.changes import with_zone
from backstretch.progress.model import Profile
from backstretch.progress.store import ProgressStore, retry_on_conflict
from backstretch.progress.summary import remembered_zone

logger = logging.getLogger(__name__)

MESSAGE_VERSION = 1


@dataclass(frozen=True)
class OwedWrite:
    """One write for the outbox.

    >>> from datetime import UTC, datetime
    >>> from backstretch.coaching.saves import SaveKind
    >>> hold = Save(SaveKind.HOLD, datetime(2026, 1, 1, tzinfo=UTC), 25)
    >>> owed = OwedWrite("amzn1.ask.account.A", hold)
    >>> OwedWrite.from_message(owed.to_message()) == owed
    True
    """

    user_id: str
    save: Save
    zone: str | None = None  # a zone Alexa told the turn, for a profile that has none yet
    locale: str = "en-US"

    def to_message(self) -> str:
        return json.dumps(
            {
                "v": MESSAGE_VERSION,
                "user": self.user_id,
                "save": self.save.to_attribute(),
                "zone": self.zone,
                "locale": self.locale,
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_message(cls, body: str) -> OwedWrite | None:
        """The write a message describes; None for anything this skill did not send."""
        try:
            value: Any = json.loads(body)
        except ValueError:
            return None
        if not isinstance(value, dict) or value.get("v") != MESSAGE_VERSION:
            return None
        user, zone, locale = value.get("user"), value.get("zone"), value.get("locale")
        save = Save.from_attribute(value.get("save"))
        if not isinstance(user, str) or not user or save is None:
            return None
        return cls(user, save, _zone_or_none(zone), locale if isinstance(locale, str) else "en-US")


def make_owed_write(store: ProgressStore, owed: OwedWrite) -> Profile:
    """Make the write on the table as the turn would have; the profile as stored.

    Raises ``ProgressUnavailable`` (the message goes back to the queue) when the table still
    cannot take it, or loses the version check twice.
    """
    user_id, save = owed.user_id, owed.save
    stored = store.load_profile(user_id)
    local = remembered_zone(with_zone(stored, owed.zone), owed.locale)
    # The reminder offer belongs to a conversation; nobody is here to hear one.
    work = progress_write(save, local, owed.zone, may_offer=False)
    return retry_on_conflict(
        lambda: store.load_profile(user_id),
        stored,
        lambda current: work.store(store, user_id, current),
    )


def _zone_or_none(name: Any) -> str | None:
    if not isinstance(name, str) or not name:
        return None
    try:
        ZoneInfo(name)
    except (ValueError, KeyError):  # ZoneInfoNotFoundError is a KeyError
        return None
    return name
