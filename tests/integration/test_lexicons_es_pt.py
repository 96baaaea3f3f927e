"""Spanish and Brazilian Portuguese as the resolver hears them (lexicons/es.py, pt.py, with
what they share in iberian_words.py): every number 0..999 said in words, the times people
say aloud read as AMAZON.TIME gives them, clitics taken off an imperative, accents folded.

The numbers are spelled here by a small speller of the test's own (CLDR's spell-out rules,
written out), so the reading is held to the language, not to itself.
"""

from __future__ import annotations

import re

import pytest

from backstretch_local.iberian_words import fold
from backstretch_local.lexicon import lexicon_for
from backstretch_local.lexicons.es import without_clitics

ES = lexicon_for("es")
PT = lexicon_for("pt")


def _words(text: str) -> list[str]:
    return text.split()


_ES_UNITS = _words(
    "cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince "
    "dieciséis diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés "
    "veinticuatro veinticinco veintiséis veintisiete veintiocho veintinueve"
)
_ES_TENS = {3: "treinta", 4: "cuarenta", 5: "cincuenta", 6: "sesenta", 7: "setenta",
            8: "ochenta", 9: "noventa"}  # fmt: skip
_ES_HUNDREDS = _words(
    "_ ciento doscientos trescientos cuatrocientos quinientos seiscientos setecientos "
    "ochocientos novecientos"
)
_PT_UNITS = _words(
    "zero um dois três quatro cinco seis sete oito nove dez onze doze treze catorze quinze "
    "dezesseis dezessete dezoito dezenove"
)
_PT_TENS = {2: "vinte", 3: "trinta", 4: "quarenta", 5: "cinquenta", 6: "sessenta",
            7: "setenta", 8: "oitenta", 9: "noventa"}  # fmt: skip
_PT_HUNDREDS = _words(
    "_ cento duzentos trezentos quatrocentos quinhentos seiscentos setecentos oitocentos novecentos"
)


def spanish(n: int) -> str:
    """CLDR's spellout-numbering for Spanish, 0..999."""
    if n < 30:
        return _ES_UNITS[n]
    if n < 100:
        return _ES_TENS[n // 10] + ("" if n % 10 == 0 else " y " + _ES_UNITS[n % 10])
    head = "cien" if n == 100 else _ES_HUNDREDS[n // 100]
    return head + ("" if n % 100 == 0 else " " + spanish(n % 100))


def portuguese(n: int) -> str:
    """CLDR's spellout-numbering for Portuguese, 0..999 (Brazil's "dezesseis")."""
    if n < 20:
        return _PT_UNITS[n]
    if n < 100:
        return _PT_TENS[n // 10] + ("" if n % 10 == 0 else " e " + _PT_UNITS[n % 10])
    head = "cem" if n == 100 else _PT_HUNDREDS[n // 100]
    return head + ("" if n % 100 == 0 else " e " + portuguese(n % 100))


@pytest.mark.parametrize(("lexicon", "spell"), [(ES, spanish), (PT, portuguese)])
def test_every_number_to_999_said_in_words_is_read(lexicon, spell) -> None:
    for n in range(1000):
        said = lexicon.normalise(spell(n))
        if said == "um":  # the article alone: "segura um pouco" (see the next test)
            continue
        assert lexicon.parse_number(said) == n, said
        assert lexicon.parse_number(fold(said)) == n, fold(said)  # typed without accents
        assert lexicon.parse_number(str(n)) == n


@pytest.mark.parametrize(
    ("lexicon", "said"),
    [
        (ES, "un"), (ES, "una"), (ES, "treinta cinco"), (ES, "y cinco"), (ES, "veinte y"),
        (ES, "cinco cuatro"), (ES, "ciento ciento"), (ES, "lunes"),
        (PT, "um"), (PT, "uma"), (PT, "vinte cinco e"), (PT, "e cinco"), (PT, "três dois"),
    ],
)  # fmt: skip
def test_what_is_no_number_is_not_read_as_one(lexicon, said: str) -> None:
    """ "un segundo", "uma vez": the article alone is no number, as AMAZON.NUMBER hears it."""
    assert lexicon.parse_number(said) is None


SPANISH_TIMES = [
    ("a las siete de la tarde", "19:00"),
    ("a las 7 y media", "07:30"),
    ("a las siete y media de la tarde", "19:30"),
    ("como a las ocho de la mañana", "08:00"),
    ("a las 6:30 de la tarde", "18:30"),
    ("a las nueve de la noche", "21:00"),
    ("a la una de la tarde", "13:00"),
    ("a la una", "01:00"),
    ("a las dos de la madrugada", "02:00"),
    ("a las 12 de la noche", "00:00"),
    ("al mediodía", "12:00"),
    ("a medianoche", "00:00"),
    ("a las cinco y cuarto", "05:15"),
    ("a las siete menos cuarto", "06:45"),
    ("cuarto para las ocho", "07:45"),
    ("veinte para las nueve de la noche", "20:40"),
    ("a las 19:00", "19:00"),
    ("a las 19 horas", "19:00"),
    ("a las siete en punto", "07:00"),
    ("a las 7 pm", "19:00"),
    ("siete treinta", "07:30"),
    ("por la mañana", "MO"),
    ("en la tarde", "AF"),
    ("por la noche", "NI"),
]
PORTUGUESE_TIMES = [
    ("às sete da noite", "19:00"),
    ("às 19h", "19:00"),
    ("às 19h30", "19:30"),
    ("às sete e meia", "07:30"),
    ("às sete e meia da noite", "19:30"),
    ("lá pelas oito da manhã", "08:00"),
    ("às 18:30", "18:30"),
    ("à uma da tarde", "13:00"),
    ("à uma", "01:00"),
    ("às duas da madrugada", "02:00"),
    ("ao meio-dia", "12:00"),
    ("meio-dia e meia", "12:30"),
    ("à meia-noite", "00:00"),
    ("às cinco e quinze da tarde", "17:15"),
    ("quinze para as oito", "07:45"),
    ("às vinte e uma horas", "21:00"),
    ("às 7 horas da noite", "19:00"),
    ("pode ser às 15 horas", "15:00"),
    ("de manhã", "MO"),
    ("à tarde", "AF"),
    ("à noite", "NI"),
]


@pytest.mark.parametrize(
    ("lexicon", "said", "time"),
    [(ES, *said) for said in SPANISH_TIMES] + [(PT, *said) for said in PORTUGUESE_TIMES],
)
def test_times_read_as_amazon_time_gives_them(lexicon, said: str, time: str) -> None:
    assert lexicon.parse_time(lexicon.normalise(said)) == time
    assert lexicon.parse_time(fold(lexicon.normalise(said))) == time  # typed without accents


@pytest.mark.parametrize(
    ("lexicon", "said"),
    [(ES, "mañana"), (ES, "una"), (ES, "los lunes"), (ES, "a las 25"), (PT, "amanhã"),
     (PT, "uma"), (PT, "às 7 e 75"), (PT, "toda segunda")],
)  # fmt: skip
def test_what_is_no_time_is_not_read_as_one(lexicon, said: str) -> None:
    """ "mañana" is tomorrow (a day, not the morning); "una" alone is an article."""
    assert lexicon.parse_time(lexicon.normalise(said)) is None


@pytest.mark.parametrize(
    ("lexicon", "said"),
    [(ES, "a las siete de la tarde"), (ES, "7 y media"), (ES, "cuarto para las ocho"),
     (ES, "las 19:00"), (PT, "sete da noite"), (PT, "19h30"), (PT, "sete e meia"),
     (PT, "quinze para as oito"), (PT, "meio-dia")],
)  # fmt: skip
def test_a_time_said_aloud_fits_the_time_shape(lexicon, said: str) -> None:
    """So a slot sample "a las {time} {days}" ends the time where the days begin."""
    said = re.sub(r"^(?:a las |las )", "", lexicon.normalise(said))
    assert re.fullmatch(lexicon.time_shape, said), said
    assert not re.fullmatch(lexicon.time_shape, said + " los lunes")


@pytest.mark.parametrize(
    ("word", "base"),
    [("dímelo", "di"), ("repítelo", "repite"), ("sáltatelo", "salta"), ("recuérdame", "recuerda"),
     ("ayúdame", "ayuda"), ("espérame", "espera"), ("llévame", "lleva"), ("pásamelo", "pasa"),
     ("también", "también"), ("espera", "espera"), ("último", "último"), ("rápido", "rápido")],
)  # fmt: skip
def test_clitics_come_off_an_imperative_and_nothing_else(word: str, base: str) -> None:
    assert without_clitics(word) == base


def test_a_word_typed_without_accents_meets_the_word_with_them() -> None:
    # A clitic is known by the accent it puts on its imperative: "saltatelo" typed without
    # it stays one word (a limit: "caramelo" must not lose "melo").
    for written, typed in [("dieciséis", "dieciseis"), ("rodillas", "rodíllas"),
                           ("está", "esta"), ("mareada", "mareáda")]:  # fmt: skip
        assert ES.base(written) == ES.base(typed), written
    for written, typed in [("não", "nao"), ("três", "tres"), ("pé", "pe"), ("você", "voce")]:
        assert PT.stem(written) == PT.stem(typed)
    assert ES.base("dolió") == ES.base("duele") == ES.stem("doler")  # irregular, then stemmed
    assert PT.base("dói") == PT.base("doeu") == PT.stem("doer")


@pytest.mark.parametrize(
    ("lexicon", "said", "plain"),
    [
        (ES, "órale pues", "órale"),
        (ES, "bueno pues ya me puse de rodillas", "ya me puse de rodillas"),
        (ES, "oye me lo repites por favor", "me lo repites"),
        (ES, "este cuánto falta", "cuánto falta"),
        (PT, "então tipo quanto tempo falta né", "quanto tempo falta"),
        (PT, "pula esse por favor", "pula esse"),
        (PT, "desculpa o quê", "o quê"),
    ],
)
def test_fillers_lead_ins_and_politeness_fall_away(lexicon, said: str, plain: str) -> None:
    assert lexicon.without_fillers(said) == plain
