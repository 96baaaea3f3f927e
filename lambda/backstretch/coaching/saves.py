"""What a turn writes, as a value: a finished or stopped routine, or a new hold length.

A write that failed, or whose answer was lost, is kept in the session's attributes and tried
again on a later turn of the same session (still at most one write a turn), so a short
outage loses nothing. Every write is safe to repeat: a finished routine is final, a stopped
one is overwritten, and the profile's version check refuses a stale copy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from backstretch.progress.changes import (
    reminder_offer_due,
    with_hold,
    with_warning,
    with_zone,
    without_warning,
)
from backstretch.progress.model import Profile, ResumePoint, RoutineRecord
from backstretch.progress.summary import apply_completed_routine
from backstretch.turn.storage import ProgressWrite


class SaveKind(StrEnum):
    FINISH = "finish"
    STOP = "stop"
    HOLD = "hold"
    WARNING = "warning"  # stopped for a warning sign: what was held, if anything, and the mark


@dataclass(frozen=True)
class Save:
    """One write: ``at`` is when it happened (the request's time), whenever it is written."""

    kind: SaveKind
    at: datetime
    hold_seconds: int | None = None
    record: RoutineRecord | None = None  # FINISH and STOP
    resume: ResumePoint | None = None  # STOP: where to pick up

    def to_attribute(self) -> dict[str, Any]:
        record = self.record
        return {
            "kind": str(self.kind),
            "at": self.at.isoformat(),
            "hold": self.hold_seconds,
            "record": None
            if record is None
            else {
                "id": record.routine_id,
                "started": record.started_at.isoformat(),
                "sides": record.sides_completed,
                "seconds": record.seconds_held,
                "completed": record.completed,
            },
            "resume": None
            if self.resume is None
            else [self.resume.stretch_index, self.resume.side_index],
        }

    @classmethod
    def from_attribute(cls, value: Any) -> Save | None:
        """The save a session kept; None for anything this skill did not write there."""
        if not isinstance(value, dict):
            return None
        try:
            kind = SaveKind(str(value["kind"]))
            at = _aware(value["at"])
            hold = value.get("hold")
            kept = value.get("record")
            record = None
            if isinstance(kept, dict):
                record = RoutineRecord(
                    routine_id=str(kept["id"]),
                    started_at=_aware(kept["started"]),
                    sides_completed=_small(kept["sides"]),
                    seconds_held=_small(kept["seconds"]),
                    completed=bool(kept["completed"]),
                )
            spot = value.get("resume")
            resume = None
            if isinstance(spot, list) and len(spot) == 2:
                resume = ResumePoint(_small(spot[0]), _small(spot[1]), at)
        except (KeyError, TypeError, ValueError):
            return None
        if kind in (SaveKind.FINISH, SaveKind.STOP) and record is None:
            return None
        return cls(kind, at, hold if isinstance(hold, int) else None, record, resume)


# Writes one session may owe at once: far more than a session makes (a finish, a stop, a
# hold length), so none is ever dropped, and a bound on what a session's attributes carry.
MAX_OWED = 6


def owed_saves(value: Any) -> tuple[Save, ...]:
    """The writes a session still owes, oldest first: the first as one save (as every
    version wrote it), any more under its ``then``; nothing for what we did not write."""
    first = Save.from_attribute(value)
    if first is None:
        return ()
    more = value.get("then") if isinstance(value, dict) else None
    rest = [Save.from_attribute(v) for v in (more if isinstance(more, list) else [])]
    return (first, *[save for save in rest if save is not None])[:MAX_OWED]


def owed_attribute(saves: tuple[Save, ...]) -> dict[str, Any] | None:
    """What to keep in the session for ``saves`` (see `owed_saves`).

    >>> from datetime import UTC, datetime
    >>> hold = Save(SaveKind.HOLD, datetime(2026, 1, 1, tzinfo=UTC), 25)
    >>> len(owed_saves(owed_attribute((hold, hold))))
    2
    """
    if not saves:
        return None
    kept = saves[:MAX_OWED]
    attribute = kept[0].to_attribute()
    if len(kept) > 1:
        attribute["then"] = [save.to_attribute() for save in kept[1:]]
    return attribute


def progress_write(
    save: Save, local: ZoneInfo, learned_zone: str | None, *, may_offer: bool
) -> ProgressWrite:
    """The unit of work that stores ``save``: pure changes, no call made here. ``local`` is
    the person's zone (found before the write), ``learned_zone`` one Alexa told us this turn;
    ``may_offer`` marks the one-time reminder offer as made (only the turn that makes the
    offer may)."""
    if save.kind is SaveKind.HOLD:
        return ProgressWrite(lambda current: with_hold(current, save.hold_seconds))
    if save.kind is SaveKind.WARNING:

        def warned(current: Profile) -> Profile:
            # No place to pick up: the next launch asks how they are, and starts from there.
            return with_warning(replace(current, resume=None), save.at)

        return ProgressWrite(warned, save.record)
    if save.kind is SaveKind.STOP:

        def stop(current: Profile) -> Profile:
            # A stop written late (kept in the session, or from the outbox days later) never
            # moves the place to pick up back behind a newer one.
            newer = current.resume is not None and current.resume.saved_at > save.at
            kept = current if newer else replace(current, resume=save.resume)
            return with_hold(without_warning(kept, save.at), save.hold_seconds)

        return ProgressWrite(stop, save.record)

    def finish(current: Profile) -> Profile:
        done = without_warning(apply_completed_routine(current, save.at, local), save.at)
        updated = with_hold(done, save.hold_seconds)
        if learned_zone is not None and learned_zone == local.key:
            updated = with_zone(updated, learned_zone)
        if may_offer and reminder_offer_due(updated):
            updated = replace(updated, reminder_offered=True)  # offered once, never again
        return updated

    record = save.record
    return ProgressWrite(finish, replace(record, completed=True) if record else None)


def _aware(value: Any) -> datetime:
    moment = datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        raise ValueError("a kept time must carry its zone")
    return moment


def _small(value: Any) -> int:
    number = int(value)
    if not 0 <= number <= 100_000:
        raise ValueError("out of range")
    return number
