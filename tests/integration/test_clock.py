"""A reminder's time said as people there say it: the hour's own words, the day's parts.

Spanish says "a la una" (the article agrees with the hour) and Brazilian Portuguese "à uma
hora"; Mexico and the US say "de la noche" at 9 PM and "de la madrugada" at 3 AM. The parts of
the day are held to CLDR's dayPeriods as Babel carries them (a test-only dependency); the
hour's article is held to the grammar rule, at every hour and minute that rule covers.
"""

from __future__ import annotations

import re
from datetime import time

import pytest

from backstretch.language.clock import ClockWords, HourWords
from backstretch.language.locales import LOCALES, written_locales
from backstretch.reminders.lines import reminder_lines
from backstretch.reminders.schedule import DAYS, ReminderSchedule

TWELVE_HOUR_WITH_PERIODS = [
    tag
    for tag in written_locales()
    if LOCALES[tag].hour_cycle == 12 and reminder_lines(tag).words.clock.periods
]
MINUTES = (0, 1, 5, 15, 30, 45, 59)


def said(tag: str, hour: int, minute: int = 0) -> str:
    return reminder_lines(tag).when(ReminderSchedule(DAYS, hour, minute))


def test_mexico_and_the_us_name_the_parts_of_the_day() -> None:
    assert {"es-MX", "es-US", "hi-IN", "ar-SA"} <= set(TWELVE_HOUR_WITH_PERIODS)


@pytest.mark.parametrize("tag", TWELVE_HOUR_WITH_PERIODS)
def test_the_part_of_the_day_is_cldrs_at_every_minute(tag: str) -> None:
    babel = pytest.importorskip("babel")
    from babel.dates import get_period_id

    cldr = babel.Locale.parse(tag.replace("-", "_"))
    # "de la noche" as said after a time; Arabic abbreviates to a letter, and says the wide
    # name ("بعد الظهر"): either is CLDR's.
    widths = ("abbreviated", "wide")
    clock, cycle = reminder_lines(tag).words.clock, LOCALES[tag].hour_cycle
    for hour in range(24):
        for minute in MINUTES:
            period_id = get_period_id(time(hour, minute), locale=cldr)
            text = clock.say(hour, minute, cycle)
            # before the hour (Hindi) or after it (Spanish)
            periods = [cldr.day_periods["format"][width] for width in widths]
            names = {f" {named[period_id]} " for named in periods if period_id in named}
            named = any(name in f" {text} " for name in names)
            if minute == 0 and text in (clock.noon, clock.midnight):  # "al mediodía"
                named = named or period_id == "noon" or hour == 0
            assert named, f"{tag} {hour}:{minute:02d} {text!r}"


@pytest.mark.parametrize("tag", ["es-ES", "es-MX", "es-US"])
def test_spanish_says_a_la_una_and_a_las_every_other_hour(tag: str) -> None:
    clock, cycle = reminder_lines(tag).words.clock, LOCALES[tag].hour_cycle
    for hour in range(24):
        for minute in MINUTES:
            text = clock.say(hour, minute, cycle)
            if text in (clock.noon, clock.midnight):
                continue
            on_the_dial = hour % 12 or 12 if cycle == 12 else hour
            article = "a la " if on_the_dial == 1 else "a las "
            assert text.startswith(article), f"{tag} {hour}:{minute:02d} {text!r}"


def test_brazilians_say_a_uma_hora_and_as_every_other_hour() -> None:
    clock = reminder_lines("pt-BR").words.clock
    for hour in range(24):
        for minute in MINUTES:
            text = clock.say(hour, minute, 24)
            if text in (clock.noon, clock.midnight):
                continue
            article = "à " if hour == 1 else "às "
            assert text.startswith(article), f"{hour}:{minute:02d} {text!r}"
            assert not re.search(r"\b1 horas", text), text


@pytest.mark.parametrize(
    ("tag", "hour", "minute", "when"),
    [
        ("es-MX", 21, 0, "todos los días a las 9 de la noche"),
        ("es-MX", 20, 30, "todos los días a las 8:30 de la noche"),
        ("es-MX", 19, 0, "todos los días a las 7 de la tarde"),
        ("es-MX", 13, 0, "todos los días a la una de la tarde"),
        ("es-MX", 13, 30, "todos los días a la 1:30 de la tarde"),
        ("es-MX", 1, 0, "todos los días a la una de la madrugada"),
        ("es-MX", 5, 0, "todos los días a las 5 de la madrugada"),
        ("es-MX", 6, 0, "todos los días a las 6 de la mañana"),
        ("es-MX", 12, 0, "todos los días al mediodía"),
        ("es-MX", 0, 0, "todos los días a medianoche"),
        ("es-US", 22, 15, "todos los días a las 10:15 de la noche"),
        ("es-US", 1, 5, "todos los días a la 1:05 de la madrugada"),
        ("es-ES", 1, 0, "todos los días a la una"),
        ("es-ES", 1, 30, "todos los días a la 1:30"),
        ("es-ES", 13, 0, "todos los días a las 13"),
        ("es-ES", 21, 0, "todos los días a las 21"),
        ("pt-BR", 1, 0, "todos os dias, à uma hora"),
        ("pt-BR", 1, 30, "todos os dias, à 1:30"),
        ("pt-BR", 13, 0, "todos os dias, às 13 horas"),
        ("pt-BR", 21, 0, "todos os dias, às 21 horas"),
    ],
)
def test_a_reminder_is_said_as_people_there_say_the_time(
    tag: str, hour: int, minute: int, when: str
) -> None:
    assert said(tag, hour, minute) == when


@pytest.mark.parametrize(
    ("tag", "hour", "when"),
    [
        ("en-US", 1, "every day at 1 AM"),
        ("en-US", 21, "every day at 9 PM"),
        ("en-GB", 13, "every day at 13:00"),
        ("de-DE", 1, "jeden Tag um 1 Uhr"),
        ("fr-FR", 21, "tous les jours à 21 h"),
    ],
)
def test_other_languages_say_the_time_as_before(tag: str, hour: int, when: str) -> None:
    assert said(tag, hour) == when


def test_day_periods_follow_in_order_and_the_last_runs_past_midnight() -> None:
    clock = ClockWords("{period} {hour}", "", periods=((6, "morning"), (18, "evening")))
    assert [clock.say(hour, 0, 12) for hour in (5, 6, 17, 18, 23)] == [
        "evening 5", "morning 6", "morning 5", "evening 6", "evening 11"
    ]  # fmt: skip
    with pytest.raises(ValueError, match="in order"):
        ClockWords("{hour}", "{hour}:{minute}", periods=((0, "night"), (18, "eve"), (6, "day")))
    with pytest.raises(ValueError, match="an hour of the day"):
        ClockWords("{hour}", "{hour}:{minute}", periods=((0, "night"), (24, "eve")))
    with pytest.raises(ValueError, match="an hour"):
        ClockWords("{hour}", "{hour}:{minute}", hours={25: HourWords("x")})


def test_the_clock_reads_periods_and_hours_from_content() -> None:
    clock = ClockWords.from_content(
        {
            "on_the_hour": "{hour} {period}",
            "with_minutes": "{hour}:{minute} {period}",
            "periods": {"20": "at night", "0": "at night", "6": "in the morning", "12": "pm"},
            "hours": {"12": {"with_minutes": "half past twelve"}},
        }
    )
    assert clock.periods[0] == (0, "at night") and clock.hours[12].on_the_hour == ""
    assert clock.say(23, 0, 12) == "11 at night"
    assert clock.say(12, 30, 12) == "half past twelve"
    assert clock.say(0, 0, 12) == "12 at night"  # no midnight word: the dial's hour
    with pytest.raises(TypeError):
        ClockWords.from_content({"on_the_hour": "", "with_minutes": "", "hours": {"1": "una"}})


@pytest.mark.parametrize(
    ("tag", "one", "other"), [("it-IT", "all'una", "alle "), ("ar-SA", "الساعة الواحدة", "الساعة ")]
)
def test_one_oclock_is_said_as_a_word_and_every_other_hour_as_a_number(
    tag: str, one: str, other: str
) -> None:
    """Italians say "all'una" (the article elided before the hour's word), and Arabic
    "الساعة الواحدة": never "alle 1", never "الساعة 1"."""
    clock, cycle = reminder_lines(tag).words.clock, LOCALES[tag].hour_cycle
    for hour in range(24):
        text = clock.say(hour, 0, cycle)
        if text in (clock.noon, clock.midnight):
            continue
        on_the_dial = hour % 12 or 12 if cycle == 12 else hour
        assert text.startswith(one if on_the_dial == 1 else other), f"{tag} {hour}:00 {text!r}"
        assert not re.search(r"(?<!\d)1(?!\d)", text) or on_the_dial != 1, text
