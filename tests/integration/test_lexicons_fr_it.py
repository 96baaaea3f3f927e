"""French and Italian as the local resolver hears them (`lexicons/fr.py`, `lexicons/it.py`):
elisions, numbers said in words, times said as people there say them, and "ne ... pas"."""

from __future__ import annotations

import pytest

from backstretch_local.lexicon import Lexicon, lexicon_for
from backstretch_local.nearest import words_of

FRENCH, ITALIAN = lexicon_for("fr-FR"), lexicon_for("it-IT")


@pytest.mark.parametrize(
    ("said", "number"),
    [
        ("vingt-cinq", 25), ("vingt et un", 21), ("trente", 30), ("soixante-dix", 70),
        ("soixante et onze", 71), ("soixante-dix-sept", 77), ("quatre-vingts", 80),
        ("quatre-vingt-un", 81), ("quatre-vingt-dix-neuf", 99), ("cent vingt", 120),
        ("deux cents", 200), ("mille deux cent", 1200), ("45", 45),
        ("vingt vingt", None), ("septante", None), ("beaucoup", None),
    ],
)  # fmt: skip
def test_french_numbers_read_as_alexa_gives_them(said: str, number: int | None) -> None:
    assert FRENCH.parse_number(said) == number


@pytest.mark.parametrize(
    ("said", "number"),
    [
        ("venticinque", 25), ("trentuno", 31), ("ventitré", 23), ("ventitre", 23),
        ("ventotto", 28), ("quaranta", 40), ("centoventi", 120), ("centotto", 108),
        ("duecentocinquanta", 250), ("milleduecento", 1200), ("venti cinque", 25),
        ("45", 45), ("tanti", None), ("venti venti", None),
    ],
)  # fmt: skip
def test_italian_numbers_read_as_alexa_gives_them(said: str, number: int | None) -> None:
    assert ITALIAN.parse_number(said) == number


@pytest.mark.parametrize(
    ("said", "time"),
    [
        ("à sept heures du soir", "19:00"), ("à 19 h", "19:00"), ("19h30", "19:30"),
        ("à sept heures et demie", "07:30"), ("sept heures et demie du soir", "19:30"),
        ("à six heures moins le quart", "05:45"), ("dix-neuf heures quinze", "19:15"),
        ("trois heures de l'après-midi", "15:00"), ("à midi et demi", "12:30"),
        ("minuit", "00:00"), ("vers 18 h 30", "18:30"), ("à une heure", "01:00"),
        ("le soir", "EV"), ("l'après-midi", "AF"), ("le matin", "MO"), ("la nuit", "NI"),
        ("violet", None), ("25 h", None),
    ],
)  # fmt: skip
def test_french_times_read_as_alexa_gives_them(said: str, time: str | None) -> None:
    assert FRENCH.parse_time(said) == time


@pytest.mark.parametrize(
    ("said", "time"),
    [
        ("alle sette di sera", "19:00"), ("alle 19", "19:00"), ("alle 19:30", "19:30"),
        ("alle sette e mezza", "07:30"), ("alle sette e mezza di sera", "19:30"),
        ("alle otto e un quarto", "08:15"), ("alle sei meno un quarto", "05:45"),
        ("alle diciannove e quindici", "19:15"), ("alle tre del pomeriggio", "15:00"),
        ("all'una", "01:00"), ("a mezzogiorno", "12:00"), ("verso le 18 e 30", "18:30"),
        ("la sera", "EV"), ("di mattina", "MO"), ("stanotte", "NI"),
        ("viola", None), ("alle 25", None),
    ],
)  # fmt: skip
def test_italian_times_read_as_alexa_gives_them(said: str, time: str | None) -> None:
    assert ITALIAN.parse_time(said) == time


def test_an_elided_word_stands_apart_so_a_slot_value_is_found_after_it() -> None:
    assert FRENCH.normalise("Aïe, l'épaule !") == "aïe l épaule"
    assert ITALIAN.normalise("Mi fa male all'anca, un po'") == "mi fa male all anca un po"
    assert "épaule" in FRENCH.normalise("j'ai mal à l'épaule").split()


def test_french_everyday_negation_is_the_written_one() -> None:
    assert words_of("je ne sens rien", FRENCH) == words_of("je sens rien", FRENCH)
    assert words_of("ça ne fait pas du bien", FRENCH) == words_of("ça fait pas du bien", FRENCH)
    assert words_of("ça fait pas du bien", FRENCH) != words_of("ça fait du bien", FRENCH)


def test_italian_non_marks_the_verb_it_bears_on() -> None:
    assert "not_fare" in words_of("non mi fa male", ITALIAN)
    assert "fare" in words_of("mi fa male", ITALIAN)


def test_accents_fold_in_the_comparison_not_in_what_is_heard() -> None:
    assert words_of("étirement", FRENCH) == words_of("etirement", FRENCH)
    assert FRENCH.normalise("Étirement") == "étirement"
    assert words_of("perché", ITALIAN) == words_of("perche", ITALIAN)


@pytest.mark.parametrize(
    ("lexicon", "said", "plain"),
    [
        (FRENCH, "euh bon alors je suis prête s'il te plaît", "je suis prête"),
        (FRENCH, "c'est bon", "c est bon"),
        (ITALIAN, "ehm allora puoi ripetere per favore", "ripetere"),
        (ITALIAN, "eh", "eh"),
    ],
)
def test_fillers_go_and_what_is_meant_stays(lexicon: Lexicon, said: str, plain: str) -> None:
    assert lexicon.without_fillers(lexicon.normalise(said)) == plain
