"""When a stretch reminder goes off: days and a time, said aloud and sent to Alexa. Pure.

A schedule is either weekly on some days (every day, weekdays, weekends, named days) or once,
on one date. It travels between turns as a short token ("MO,TU,WE,TH,FR@15:00",
"2026-12-02@08:00"), and reaches the Reminders API as a SCHEDULED_ABSOLUTE trigger in the
person's own time zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAYS = DAYS[:5]  # where the weekend is Saturday and Sunday (`working_week` elsewhere)
WEEKEND = DAYS[5:]
_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# What AMAZON.TIME gives for a vague time of day, and the hour each stands for: said back
# to the person, who can change it.
VAGUE_TIMES = {"MO": 8, "AF": 15, "EV": 18, "NI": 20}
_TOKEN = re.compile(
    r"^(?:(?P<days>[A-Z,]{2,20})|(?P<date>\d{4}-\d{2}-\d{2}))@(?P<h>\d{2}):(?P<m>\d{2})$"
)


@dataclass(frozen=True)
class ClockTime:
    hour: int
    minute: int
    vague: bool = False  # "morning": mapped to an hour the person has not said


@dataclass(frozen=True)
class ReminderSchedule:
    """Weekly on ``days`` (in week order), or once on ``on_date``, at ``hour``:``minute``.

    >>> ReminderSchedule(WEEKDAYS, 15, 0).token
    'MO,TU,WE,TH,FR@15:00'
    >>> ReminderSchedule.from_token("SA,SU@07:30") == ReminderSchedule(WEEKEND, 7, 30)
    True
    """

    days: tuple[str, ...]
    hour: int
    minute: int
    on_date: date | None = None

    def __post_init__(self) -> None:
        if not (0 <= self.hour < 24 and 0 <= self.minute < 60):
            raise ValueError(f"not a time of day: {self.hour}:{self.minute}")
        if (self.on_date is None) == (not self.days) or any(d not in DAYS for d in self.days):
            raise ValueError("a schedule is weekly on some days, or once on a date")

    @property
    def token(self) -> str:
        when = self.on_date.isoformat() if self.on_date else ",".join(self.days)
        return f"{when}@{self.hour:02d}:{self.minute:02d}"

    @classmethod
    def from_token(cls, token: object) -> ReminderSchedule | None:
        """The schedule a token stands for; None for anything that is not one."""
        match = _TOKEN.match(token) if isinstance(token, str) else None
        if match is None:
            return None
        try:
            if match["date"]:
                on = date.fromisoformat(match["date"])
                return cls((), int(match["h"]), int(match["m"]), on)
            days = tuple(d for d in DAYS if d in match["days"].split(","))
            return cls(days, int(match["h"]), int(match["m"]))
        except ValueError:
            return None

    def with_time(self, time: ClockTime) -> ReminderSchedule:
        return ReminderSchedule(self.days, time.hour, time.minute, self.on_date)

    def recurrence_rule(self) -> str:
        """RFC 5545 rule the Reminders API takes.

        >>> ReminderSchedule(WEEKEND, 9, 5).recurrence_rule()
        'FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=9;BYMINUTE=5;BYSECOND=0;INTERVAL=1'
        """
        return (
            f"FREQ=WEEKLY;BYDAY={','.join(self.days)};BYHOUR={self.hour};"
            f"BYMINUTE={self.minute};BYSECOND=0;INTERVAL=1"
        )

    def reminder_request(
        self, local_now: datetime, zone: str, locale: str, text: str
    ) -> dict[str, object]:
        """The body of ``POST /v1/alerts/reminders``: local times with no offset, the zone
        named, and what Alexa says when it goes off."""
        trigger: dict[str, object] = {"type": "SCHEDULED_ABSOLUTE", "timeZoneId": zone}
        if self.on_date is not None:
            at = datetime.combine(self.on_date, datetime.min.time()).replace(
                hour=self.hour, minute=self.minute
            )
            trigger["scheduledTime"] = _local(at)
        else:
            trigger["recurrence"] = {
                "startDateTime": _local(local_now.replace(tzinfo=None, second=0, microsecond=0)),
                "recurrenceRules": [self.recurrence_rule()],
            }
        return {
            "requestTime": _local(local_now.replace(tzinfo=None)),
            "trigger": trigger,
            "alertInfo": {"spokenInfo": {"content": [{"locale": locale, "text": text}]}},
            "pushNotification": {"status": "ENABLED"},
        }


def _local(moment: datetime) -> str:
    return moment.replace(tzinfo=None).isoformat(timespec="milliseconds")


def parse_time(value: str | None) -> ClockTime | None:
    """AMAZON.TIME's value: "15:00", "07:30", or a vague part of the day ("MO", "EV").

    >>> parse_time("EV")
    ClockTime(hour=18, minute=0, vague=True)
    >>> parse_time("25:00") is None
    True
    """
    if not value:
        return None
    if value in VAGUE_TIMES:
        return ClockTime(VAGUE_TIMES[value], 0, vague=True)
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", value.strip())
    if match is None:
        return None
    hour, minute = int(match[1]), int(match[2])
    return ClockTime(hour, minute) if hour < 24 and minute < 60 else None


def working_week(weekend: tuple[str, ...]) -> tuple[str, ...]:
    """The weekdays where the weekend is `weekend`.

    >>> working_week(("FR", "SA"))
    ('MO', 'TU', 'WE', 'TH', 'SU')
    """
    return tuple(day for day in DAYS if day not in weekend)


def parse_days(
    value: str | None, today: date, weekend: tuple[str, ...] = WEEKEND
) -> tuple[tuple[str, ...], date | None] | None:
    """Days said by a person ("weekdays", "every day", "monday and thursday", "tomorrow"):
    weekly days, or one date; None when nothing was said or nothing could be understood.
    Weekdays and the weekend are the person's own (`weekend`: Friday and Saturday in Saudi
    Arabia).

    >>> parse_days("weekends", date(2026, 12, 1))
    (('SA', 'SU'), None)
    >>> parse_days("weekdays", date(2026, 12, 1), weekend=("FR", "SA"))
    (('MO', 'TU', 'WE', 'TH', 'SU'), None)
    >>> parse_days("tomorrow", date(2026, 12, 1))
    ((), datetime.date(2026, 12, 2))
    """
    if not value:
        return None
    said = value.lower()
    if "tomorrow" in said:
        return (), today + timedelta(days=1)
    if "today" in said or "tonight" in said:
        return (), today
    # The interaction models' ids (every_day, weekdays, weekends, monday, ..., tomorrow, today)
    # are read here in every language; the phrases beside them are en-US's values as said.
    if any(
        word in said
        for word in ("every_day", "every day", "everyday", "daily", "each day", "all week")
    ):
        return DAYS, None
    if "weekday" in said or "work day" in said or "workday" in said:
        return working_week(weekend), None
    if "weekend" in said:
        return weekend, None
    named = tuple(code for code, name in zip(DAYS, _DAY_NAMES, strict=True) if name in said)
    return (named, None) if named else None
