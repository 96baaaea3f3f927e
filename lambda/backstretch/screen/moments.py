"""The data each screen is drawn from: one side of a stretch with its hold's clock, and the week.

Pure: no clock, no storage, no ask-sdk. The hold's clock is the request's time plus where the
speech plan puts the hold (`plan_timing`, at the stated speaking rate), so the device counts
it down by its own clock, in step with the spoken count, without calling the skill again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from backstretch.progress.model import WeeklySummary
from backstretch.routine.content import Routine, Words
from backstretch.routine.state import step_ref
from backstretch.screen.words import ScreenWords, SideWords
from backstretch.speech.hold import HoldLines
from backstretch.speech.plan import SpeechPlan
from backstretch.speech.ssml import plan_timing

DAYS_IN_A_WEEK = 7


@dataclass(frozen=True)
class HoldClock:
    """A counted hold on the request's clock, in milliseconds since the epoch: when the request
    was made, when the spoken count begins, and when it ends."""

    seconds: int
    requested_at: int
    starts_at: int
    ends_at: int

    @classmethod
    def of(cls, plan: SpeechPlan, hold_lines: HoldLines, now: datetime) -> HoldClock | None:
        """The clock of the plan's hold; None when the plan counts none.

        >>> from datetime import UTC
        >>> from backstretch.speech.plan import HoldCount, Say
        >>> lines = HoldLines("Hold it.", "On.", "{elapsed} s.", ("Three.", "Two.", "One."), "Go.")
        >>> plan = SpeechPlan((Say("Lean forward slowly."), HoldCount(20)))
        >>> clock = HoldClock.of(plan, lines, datetime(2026, 12, 1, tzinfo=UTC))
        >>> clock.starts_at - clock.requested_at, round((clock.ends_at - clock.starts_at) / 1000)
        (1200, 20)
        """
        hold = plan.hold
        if hold is None:
            return None
        timing = plan_timing(plan, hold_lines)
        at = round(now.timestamp() * 1000)
        start, end = timing.hold_start or 0.0, timing.hold_end or 0.0
        return cls(hold.seconds, at, at + round(start * 1000), at + round(end * 1000))


def step_data(
    routine: Routine,
    words: ScreenWords,
    step: int,
    clock: HoldClock | None = None,
    *,
    paused: bool = False,
    now: datetime | None = None,
) -> dict[str, Any]:
    """The step screen's data: which stretch and side, the pose, the set-up in a few words,
    where it is felt, and the hold's clock (`seconds` 0: nothing is counted).

    A stretch the screen has no words for is shown with the routine's own: its name, its
    first and last set-up lines, and no drawing.
    """
    ref = step_ref(routine, step)
    stretch = routine.stretches[ref.stretch]
    said = words.stretches.get(stretch.id)
    side = said.sides[ref.side] if said is not None and ref.side < len(said.sides) else None
    if side is None:
        setup = stretch.sides[ref.side].setup
        side = SideWords(stretch.sides[ref.side].name, setup[0].text, setup[-1].text)
    labels = words.labels
    at = round(now.timestamp() * 1000) if now is not None else 0
    hold = clock or HoldClock(0, at, at, at)
    return {
        "step": {
            "title": said.title if said is not None else stretch.name,
            "side": side.side,
            "progress": labels["step"].format(number=step + 1, total=routine.step_count),
            "instruction": side.instruction,
            "feel": labels["feel"].format(where=side.feel),
            "pose": said.pose if said is not None else "",
            "mirror": ref.side % 2 == 1,  # the other side: the same drawing, mirrored
        },
        "hold": {
            "seconds": hold.seconds,
            "requestedAt": hold.requested_at,
            "startsAt": hold.starts_at,
            "endsAt": hold.ends_at,
            "paused": paused,
        },
        "labels": labels,
        "direction": words.direction,
    }


def week_data(
    summary: WeeklySummary,
    today: date,
    words: ScreenWords,
    said: Words,
    reminder: str | None = None,
) -> dict[str, Any]:
    """The week, Monday to Sunday in the person's zone, with last week beside it and the
    reminder when one is set.

    >>> from backstretch.screen.words import screen_words
    >>> from backstretch.routine.content import load_routine
    >>> week = WeeklySummary((date(2026, 11, 23),), 1, 150, 1, 3, 3)
    >>> said = load_routine().words
    >>> data = week_data(week, date(2026, 11, 25), screen_words("en-US"), said)
    >>> [d["stretched"] for d in data["days"]][:3], data["minutesHeld"], data["thisWeekSaid"]
    ([True, False, False], '2.5', '1 day')
    """
    monday = today - timedelta(days=today.weekday())
    days = [monday + timedelta(days=offset) for offset in range(DAYS_IN_A_WEEK)]
    return {
        "days": [
            {
                "date": day.isoformat(),
                "name": name,
                "short": short,
                "stretched": day in summary.days_stretched,
                "today": day == today,
                "future": day > today,
            }
            for day, name, short in zip(days, said.weekdays, words.days, strict=True)
        ],
        "daysStretched": len(summary.days_stretched),
        "routinesCompleted": summary.routines_completed,
        "secondsHeld": summary.seconds_held,
        "minutesHeld": _minutes(summary.seconds_held),
        "streakDays": summary.streak_days,
        "lastWeekDays": summary.last_week_days,
        "thisWeekWidth": _share(len(summary.days_stretched)),
        "lastWeekWidth": _share(summary.last_week_days),
        "thisWeekSaid": said.count(len(summary.days_stretched), "day"),
        "lastWeekSaid": said.count(summary.last_week_days, "day"),
        "reminder": words.week["reminder"].format(when=reminder) if reminder else "",
        "labels": words.week,
        "direction": words.direction,
    }


def _minutes(seconds: int) -> str:
    """'2.5' minutes, '12' minutes: a tenth while it is small, whole minutes after."""
    minutes = seconds / 60
    return f"{minutes:.0f}" if minutes >= 10 or seconds % 60 == 0 else f"{minutes:.1f}"


def _share(days: int) -> str:
    return f"{round(100 * min(max(days, 0), DAYS_IN_A_WEEK) / DAYS_IN_A_WEEK)}%"
