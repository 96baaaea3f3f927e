"""Our language rules held to CLDR, as Babel carries it (a test-only dependency).

backstretch.language writes CLDR's plural rules out by hand, and the content writes weekday
names, list patterns and month names; the locale table says how each locale tells the time.
Here each is compared with Babel's CLDR data, so none of it is a guess.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

babel = pytest.importorskip("babel")
from babel import Locale as CldrLocale  # noqa: E402
from babel.lists import format_list  # noqa: E402

from backstretch.language.locales import LOCALES, written_locales  # noqa: E402
from backstretch.language.plurals import RULES, plural_category  # noqa: E402
from backstretch.reminders.lines import reminder_lines  # noqa: E402
from backstretch.reminders.schedule import DAYS, ReminderSchedule  # noqa: E402
from backstretch.routine.content import load_routine  # noqa: E402
from backstretch.screen.words import screen_words  # noqa: E402

ALEXA_LOCALES = [
    "ar-SA",
    "de-DE",
    "en-AU",
    "en-CA",
    "en-GB",
    "en-IN",
    "en-US",
    "es-ES",
    "es-MX",
    "es-US",
    "fr-CA",
    "fr-FR",
    "hi-IN",
    "it-IT",
    "ja-JP",
    "nl-NL",
    "pt-BR",
]
DECIMALS = ["0.0", "0.5", "1.0", "1.5", "1.50", "2.0", "2.5", "3.5", "10.5", "11.0", "100.5"]
MILLIONS = [1_000_000, 2_000_000, 1_000_001]


def cldr(tag: str) -> CldrLocale:
    return CldrLocale.parse(tag.replace("-", "_"))


def test_the_table_is_alexas_seventeen_locales() -> None:
    assert sorted(LOCALES) == ALEXA_LOCALES
    assert {entry.language for entry in LOCALES.values()} == set(RULES)


@pytest.mark.parametrize("tag", ALEXA_LOCALES)
def test_plural_categories_match_cldr_for_whole_numbers_and_decimals(tag: str) -> None:
    language, rule = LOCALES[tag].language, cldr(tag).plural_form
    for number in [*range(201), *MILLIONS]:
        assert plural_category(language, number) == rule(number), f"{tag}: {number}"
    for written in DECIMALS:
        assert plural_category(language, written) == rule(Decimal(written)), f"{tag}: {written}"


@pytest.mark.parametrize("tag", ALEXA_LOCALES)
def test_each_language_needs_forms_for_the_categories_cldr_gives_whole_numbers(tag: str) -> None:
    rule = cldr(tag).plural_form
    used = {rule(number) for number in [*range(201), *MILLIONS]}
    assert set(RULES[LOCALES[tag].language].categories) == used


@pytest.mark.parametrize("tag", ALEXA_LOCALES)
def test_the_hour_cycle_is_cldrs(tag: str) -> None:
    """24-hour times where CLDR writes a short time with H, 12-hour where with h."""
    pattern = cldr(tag).time_formats["short"].pattern
    assert LOCALES[tag].hour_cycle == (24 if "H" in pattern else 12), pattern


@pytest.mark.parametrize("tag", sorted(LOCALES))
def test_screens_run_the_way_cldr_writes_the_language(tag: str) -> None:
    """A screen in Arabic is laid out from the right (APL's layoutDirection), as CLDR says
    the language is written; every other of the 17 from the left."""
    written = CldrLocale.parse(tag.replace("-", "_")).character_order
    assert (
        LOCALES[tag].layout_direction == {"right-to-left": "RTL", "left-to-right": "LTR"}[written]
    )


@pytest.mark.parametrize("tag", written_locales())
def test_spoken_lists_join_as_cldr_joins_them(tag: str) -> None:
    words = load_routine(tag).words
    days = list(words.weekdays)
    for size in range(1, 5):
        assert words.listed(days[:size]) == format_list(days[:size], locale=cldr(tag)), size


@pytest.mark.parametrize("tag", written_locales())
def test_weekday_and_month_names_are_cldrs(tag: str) -> None:
    locale = cldr(tag)
    weekdays = [locale.days["format"]["wide"][n] for n in range(7)]  # Monday first
    assert list(load_routine(tag).words.weekdays) == weekdays
    lines = reminder_lines(tag)
    assert [lines.words.days[code] for code in DAYS] == weekdays
    assert list(lines.words.months) == [locale.months["format"]["wide"][n] for n in range(1, 13)]


@pytest.mark.parametrize("tag", written_locales())
def test_the_week_charts_day_names_are_cldrs_abbreviated(tag: str) -> None:
    days = cldr(tag).days["stand-alone"]["abbreviated"]
    assert screen_words(tag).days == tuple(days[index] for index in range(7))


# India: CLDR's weekend is Sunday alone, but its models (like every English one) hear
# "Monday to Friday" as the weekdays, so the locale keeps Saturday and Sunday (locales.py).
WEEKEND_AS_SAID = {"en-IN", "hi-IN"}


@pytest.mark.parametrize("tag", sorted(set(LOCALES) - WEEKEND_AS_SAID))
def test_the_weekend_and_so_the_weekdays_are_cldrs(tag: str) -> None:
    """A reminder "on weekdays" goes off on the territory's working days: Sunday to
    Thursday in Saudi Arabia."""
    locale = cldr(tag)
    weekend = tuple(range(locale.weekend_start, locale.weekend_end + 1))
    assert LOCALES[tag].weekend == weekend


@pytest.mark.parametrize("tag", ["en-GB", "en-AU", "en-IN"])
def test_english_dates_put_the_day_where_cldr_puts_it(tag: str) -> None:
    """A date is "Wednesday 2 December" in Britain, Australia and India, as CLDR's full date
    (without its year) has it; "Wednesday, December 2" in North America."""
    from babel.dates import format_skeleton

    day = date(2026, 12, 2)
    said = reminder_lines(tag).when(ReminderSchedule((), 7, 30, day))
    assert format_skeleton("MMMMEEEEd", day, locale=tag.replace("-", "_")) in said
