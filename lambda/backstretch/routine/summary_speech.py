"""How a week of progress is said aloud: short, true, and encouraging."""

from __future__ import annotations

from datetime import date, timedelta

from backstretch.progress.model import WeeklySummary
from backstretch.routine.content import Routine
from backstretch.speech.plan import SpeechPlan, say


def summary_speech(summary: WeeklySummary, today: date, routine: Routine) -> SpeechPlan:
    """The weekly summary, for someone in their own week (`today` is their local date)."""
    lines, words = routine.lines, routine.words
    days = len(summary.days_stretched)
    if days == 0:
        last_week = (
            lines.summary_none_last_week.format(days=words.count(summary.last_week_days, "day"))
            if summary.last_week_days
            else ""
        )
        return say(lines.summary_none, last_week, lines.summary_none_encourage)
    time = words.duration(summary.seconds_held)
    if summary.routines_completed:
        routines = words.count(summary.routines_completed, "routine")
        work = lines.summary_work.format(routines=routines, time=time)
    else:
        work = lines.summary_work_no_routine.format(time=time)
    streak = (
        lines.summary_streak.format(streak=words.count(summary.streak_days, "days_in_a_row"))
        if summary.streak_days > 1
        else ""
    )
    if days > summary.last_week_days:
        compare = lines.summary_more_than_last_week if summary.last_week_days else ""
    elif days == summary.last_week_days:
        compare = lines.summary_same_as_last_week
    else:
        compare = lines.summary_fewer_than_last_week.format(
            days=words.count(summary.last_week_days, "day")
        )
    if days == 1:
        day = summary.days_stretched[0]
        name = day_name(day, today, routine)
        when = name if day >= today - timedelta(days=1) else lines.on_day.format(day=name)
        opening = lines.summary_one_day.format(when=when)
    else:
        day_list = words.listed([day_name(d, today, routine) for d in summary.days_stretched])
        opening = lines.summary_days.format(days=words.count(days, "day"), day_list=day_list)
    return say(opening, work, streak, compare)


def finish_note(streak_days: int, routine: Routine) -> SpeechPlan:
    """What is said of progress when a routine is finished: the streak, and the summary offer."""
    lines = routine.lines
    in_a_row = routine.words.count(streak_days, "days_in_a_row")
    streak = lines.finish_streak.format(streak=in_a_row) if streak_days > 1 else ""
    return say(streak, lines.summary_offer)


def day_name(day: date, today: date, routine: Routine) -> str:
    """'today', 'yesterday', or the weekday's name."""
    if day == today:
        return routine.lines.today
    if day == today - timedelta(days=1):
        return routine.lines.yesterday
    return routine.words.weekdays[day.weekday()]


def spoken_duration(seconds: int, routine: Routine) -> str:
    """Seconds under a minute, else minutes to the nearest half, in the routine's language."""
    return routine.words.duration(seconds)
