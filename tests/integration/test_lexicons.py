"""Each language's words for the local resolver (`backstretch_local/lexicons/<language>.py`):
written as the resolver reads them, covering what Alexa's built-in intents hear, and reading
numbers and times as Alexa's AMAZON.NUMBER and AMAZON.TIME give them."""

# Full-width letters are the point of one test below.
# ruff: noqa: RUF001

from __future__ import annotations

import pkgutil
import re

import pytest

from backstretch_local import lexicons
from backstretch_local.lexicon import Lexicon, lexicon_for

LANGUAGES = sorted(module.name for module in pkgutil.iter_modules(lexicons.__path__))
# What AMAZON.TIME gives: a 24-hour "HH:MM", or a part of the day (Alexa's documented codes).
TIME = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$|^(?:MO|AF|EV|NI)$")
# Alexa's built-in intents the skill's models declare (skill-package, en-US): every language
# says what its people say to each.
BUILT_IN = {
    "AMAZON.YesIntent", "AMAZON.NoIntent", "AMAZON.HelpIntent", "AMAZON.StopIntent",
    "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent", "AMAZON.NextIntent",
    "AMAZON.PreviousIntent", "AMAZON.RepeatIntent", "AMAZON.PauseIntent",
    "AMAZON.ResumeIntent", "AMAZON.StartOverIntent",
}  # fmt: skip


@pytest.fixture(params=LANGUAGES)
def lexicon(request: pytest.FixtureRequest) -> Lexicon:
    return lexicon_for(request.param)


def test_each_module_is_its_languages_lexicon(lexicon: Lexicon) -> None:
    assert isinstance(lexicon, Lexicon)
    assert lexicon.language in LANGUAGES
    assert lexicon_for(f"{lexicon.language}-XX") is lexicon  # a locale reads its language's


def test_every_phrase_entry_is_written_as_the_resolver_reads_it(lexicon: Lexicon) -> None:
    unread = {
        (field, phrase)
        for field, phrases in lexicon.phrases().items()
        for phrase in phrases
        if phrase not in lexicon.wake_words  # "alexa" read alone is the wake word
        and (lexicon.normalise(phrase) != phrase or not phrase)
    }
    assert unread == set()


def test_each_language_says_what_its_people_say_to_alexas_built_in_intents(
    lexicon: Lexicon,
) -> None:
    assert set(lexicon.built_in) == BUILT_IN
    assert all(len(phrases) >= 2 for phrases in lexicon.built_in.values())
    assert len(lexicon.out_of_domain) >= 20  # what Alexa's fallback is made of
    assert lexicon.launch_before or lexicon.launch_after  # the skill can be opened by name
    assert lexicon.exit_phrases


def test_numbers_and_times_read_as_alexa_gives_them(lexicon: Lexicon) -> None:
    assert [lexicon.parse_number(said) for said in ("0", "7", "25", "120")] == [0, 7, 25, 120]
    assert lexicon.parse_number("") is None
    assert lexicon.parse_time("19:30") == "19:30"
    assert lexicon.parse_time("7") == "07:00"
    assert lexicon.parse_time("25:00") is None
    for phrase in lexicon.out_of_domain:
        heard = lexicon.parse_time(phrase)
        assert heard is None or TIME.match(heard), (phrase, heard)


def test_a_language_without_a_module_reads_digits_and_words_as_they_are() -> None:
    plain = lexicon_for("xx")
    assert plain.normalise("Alexa, ¿Dónde   ESTOY?") == "dónde estoy"
    assert plain.without_fillers("bitte weiter") == "bitte weiter"
    assert (plain.parse_number("25"), plain.parse_number("zwanzig")) == (25, None)


def test_letters_marks_survive_and_full_width_forms_fold() -> None:
    plain = lexicon_for("xx")
    assert plain.normalise("मेरे घुटने में दर्द है।") == "मेरे घुटने में दर्द है"
    assert plain.normalise("ＡＢＣ　１２３？") == "abc 123"
    assert plain.normalise("الرُّكْبَة، تؤلمني") == "الرُّكْبَة تؤلمني"
