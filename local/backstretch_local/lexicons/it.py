"""Italian, as the local resolver hears it (`backstretch_local.lexicon`): the words of it-IT.

An apostrophe is a space ("dov'è" -> "dov è", "un'altra volta" -> "un altra volta",
"dell'anca" -> "dell anca"), so an elided article or preposition is a word of its own and
"l'anca" names the hip as "anca" does. Accents are kept as written (the model writes them);
the stem folds them ("perché", "perche"). Numbers are one word ("venticinque", "trentuno",
"centoventi"), read by spelling out every number below ten thousand once.

    >>> parse_number("venticinque"), parse_number("trentuno"), parse_number("ventitré")
    (25, 31, 23)
    >>> parse_time("alle sette di sera"), parse_time("alle 19"), parse_time("alle sette e mezza")
    ('19:00', '19:00', '07:30')
    >>> LEXICON.without_fillers("ehm allora puoi ripetere per favore")
    'ripetere'
"""

from __future__ import annotations

import re

from backstretch_local.lexicon import (
    AFTERNOON,
    EVENING,
    MORNING,
    NIGHT,
    Lexicon,
    clock_time,
    snowball,
    without_accents,
)

# -- numbers ------------------------------------------------------------------------------

_UNIT_WORDS = "zero uno due tre quattro cinque sei sette otto nove"
_TEENS = "dieci undici dodici tredici quattordici quindici sedici diciassette diciotto diciannove"
_TEN_WORDS = "venti trenta quaranta cinquanta sessanta settanta ottanta novanta"
_UNITS, _TENS = _UNIT_WORDS.split(), _TEN_WORDS.split()


def _joined(head: str, tail: str) -> list[str]:
    """A number word put before another, as Italian writes it: a final vowel dropped before
    "uno" and "otto" ("ventuno", "ventotto"), "tre" at the end accented ("ventitré"); both
    the spelling with the vowel and without are heard ("centootto", "centotto")."""
    if not tail:
        return [head]
    if tail.startswith(("u", "o")) and head[-1] in "aeiou":
        return [head[:-1] + tail, head + tail]
    return [head + tail]


def _spellings() -> dict[str, int]:
    """Every number from 0 to 9999 as one word, in each spelling people write."""
    said: dict[str, int] = {word: n for n, word in enumerate(_UNITS)}
    said |= {word: 10 + n for n, word in enumerate(_TEENS.split())}
    for n, ten in enumerate(_TENS, start=2):
        for unit in range(10):
            for word in _joined(ten, _UNITS[unit] if unit else ""):
                said[word] = n * 10 + unit
    below_100 = {word: n for word, n in said.items() if n > 0}
    accented = {w: n for w, n in below_100.items() if w.endswith("tre") and n > 20}
    below_100 |= {w.removesuffix("tre") + "tré": n for w, n in accented.items()}
    said |= below_100
    below_1000 = dict(said)
    for hundreds in range(1, 10):
        head = "cento" if hundreds == 1 else _UNITS[hundreds] + "cento"
        below_1000[head] = hundreds * 100
        for word, n in below_100.items():
            for joined in _joined(head, word):
                below_1000[joined] = hundreds * 100 + n
    every = dict(below_1000)
    for thousands in range(1, 10):
        head = "mille" if thousands == 1 else _UNITS[thousands] + "mila"
        every[head] = thousands * 1000
        for word, n in below_1000.items():
            if n > 0:
                every[head + word] = thousands * 1000 + n
    every |= {"un": 1, "una": 1}
    return every


_NUMBERS = _spellings()


def parse_number(text: str) -> int | None:
    """A whole number said in digits or words, as Alexa's AMAZON.NUMBER hears it.

    >>> [parse_number(t) for t in ("25", "venti cinque", "centoventi", "duemilacinquecento")]
    [25, 25, 120, 2500]
    >>> [parse_number(t) for t in ("sessantotto", "centotto", "tanti")]
    [68, 108, None]
    """
    words = LEXICON.normalise(text).split()
    if len(words) == 1 and words[0].isdigit():
        return int(words[0])
    if not words or words[0] == "e" or words[-1] == "e":
        return None
    return _NUMBERS.get("".join(w for w in words if w != "e"))


# -- times --------------------------------------------------------------------------------

_PARTS = {
    "mattina": MORNING, "mattino": MORNING, "mattinata": MORNING, "stamattina": MORNING,
    "pomeriggio": AFTERNOON, "sera": EVENING, "serata": EVENING, "stasera": EVENING,
    "notte": NIGHT, "stanotte": NIGHT,
}  # fmt: skip
_PART_WORD = "mattina|mattino|mattinata|pomeriggio|sera|serata|notte"
_PART_OF_DAY = re.compile(
    rf"^(?:(?:la|il|di|nel|nella|in|in prima|questo|questa|al|alla) )?"
    rf"(?P<part>{_PART_WORD}|stamattina|stasera|stanotte)$"
)
_CLOCK = re.compile(
    r"^(?:(?:le|l) )?(?:ore )?(?P<h>\d{1,2})(?: e (?P<m>\d{1,2})| (?P<m2>\d{2}))?"
    r"(?: e (?:un )?(?P<quarter>quarto)| e (?P<half>mezzo|mezza)| e (?P<three>3 quarti)"
    r"| meno (?:un )?(?P<to>quarto|\d{1,2}))?"
    rf"(?: (?:di|del|della|dello|nel|nella|la|il) (?P<part>{_PART_WORD}))?$"
)
_NOON = re.compile(
    r"^(?P<h>mezzogiorno|mezzanotte)(?: e (?:un )?(?P<quarter>quarto)| e (?P<half>mezzo|mezza))?$"
)
_HOUR_WORDS = sorted(
    (w for w, n in _NUMBERS.items() if n < 60 and w != "un"), key=len, reverse=True
)
_HOUR = rf"(?:\d{{1,2}}|{'|'.join(_HOUR_WORDS)})"
# What a time said aloud can look like, so "alle 7 dal lunedì al venerdì" splits after "7".
TIME_SHAPE = (
    rf"(?:(?:(?:l|le) )?(?:ore )?{_HOUR}"
    rf"(?: e {_HOUR}| \d{{2}}| e (?:un )?quarto| e mezz[ao]| e tre quarti"
    rf"| meno (?:un )?(?:quarto|{_HOUR}))?"
    rf"(?: (?:di|del|della|dello|nel|nella|la|il) (?:{_PART_WORD}))?"
    r"|(?:mezzogiorno|mezzanotte)(?: e (?:un )?quarto| e mezz[ao])?"
    r"|(?:(?:la|il|di|nel|nella|in|questo|questa|al|alla) )?"
    rf"(?:{_PART_WORD}|stamattina|stasera|stanotte))"
)


def parse_time(text: str) -> str | None:
    """A time said aloud, as Alexa's AMAZON.TIME gives it: "19:00", or "EV" for "la sera".

    >>> [parse_time(t) for t in ("all'una", "alle 19:30", "a mezzogiorno")]
    ['01:00', '19:30', '12:00']
    >>> [parse_time(t) for t in ("alle otto meno un quarto", "le 9 di sera")]
    ['07:45', '21:00']
    >>> [parse_time(t) for t in ("alle diciannove e quindici", "alle tre del pomeriggio", "viola")]
    ['19:15', '15:00', None]
    """
    said = LEXICON.normalise(text)
    said = re.sub(
        r"^(?:alle|all|alla|a|verso le|verso l|verso|per le|per l|dalle|dopo le) ", "", said
    )
    part = _PART_OF_DAY.match(said)
    if part is not None:
        return _PARTS[part["part"]]
    noon = _NOON.match(said)
    if noon is not None:
        hour = 12 if noon["h"] == "mezzogiorno" else 0
        return _clock(hour, _minutes(noon, None))
    found = _CLOCK.match(
        " ".join(str(_NUMBERS.get(w, w)) if w != "un" else w for w in said.split())
    )
    if found is None:
        return None
    hour = int(found["h"])
    late = found["part"] in ("pomeriggio", "sera", "serata") or (
        found["part"] == "notte" and hour >= 6
    )
    if late and hour < 12:
        hour += 12
    if hour >= 24:
        return None
    return _clock(hour, _minutes(found, found["m"] or found["m2"]))


def _minutes(found: re.Match[str], minutes: str | None) -> int:
    if found["quarter"]:
        return 15
    if found["half"]:
        return 30
    if found.groupdict().get("three"):
        return 45
    to = found.groupdict().get("to")
    if to:
        return -15 if to == "quarto" else -int(to)
    return int(minutes or 0)


def _clock(hour: int, minutes: int) -> str | None:
    if not -60 < minutes < 60:
        return None
    return clock_time(hour, minutes)


# -- comparing words ----------------------------------------------------------------------

_ITALIAN = snowball("italian")


def _stem(word: str) -> str:
    """Snowball's Italian stem, its accents folded ("perché", "perche" -> "perc")."""
    return without_accents(_ITALIAN(word))


_LIGHT = (
    "il lo la i gli le l un uno una di del dello della dei degli delle dell a al allo alla ai "
    "agli alle all da dal dalla dai in nel nella nei nell su sul sulla con per tra fra e ed o "
    "mi ti si ci vi ne me te ce che è proprio molto tanto po davvero mamma mia oh ah eh wow"
)
# A verb's forms, each made its infinitive ("posso", "potrei" -> "potere").
_VERBS = {
    "essere": "sono sei è siamo siete ero era eravamo stato stata",
    "avere": "ho hai ha abbiamo avete hanno avuto",
    "fare": "faccio fai fa facciamo fate fanno fatto",
    "andare": "vado vai va andiamo andate vanno",
    "potere": "posso puoi può possiamo potete possono potrei",
    "volere": "voglio vuoi vuole vogliamo vorrei",
    "dovere": "devo devi deve dobbiamo dovrei",
    "stare": "sto stai sta stiamo stanno",
    "tenere": "tengo tieni tiene teniamo",
}
_IRREGULAR = {
    **{form: verb for verb, forms in _VERBS.items() for form in (verb, *forms.split())},
    "ok": "okay", "okei": "okay", "si": "sì", "meglio": "bene",
}  # fmt: skip

# -- Alexa's own Italian ------------------------------------------------------------------

_BUILT_IN = {
    "AMAZON.YesIntent": "sì|si|certo|certamente|va bene|ok|okay|d accordo|volentieri|"
    "perché no|sì grazie|sì per favore|esatto|assolutamente sì|sicuro|senz altro|"
    "va benissimo|perfetto|ottimo|ottima idea|certo che sì|sì certo|sì va bene",
    "AMAZON.NoIntent": "no|no grazie|non adesso|non ora|per ora no|no no|assolutamente no|"
    "non oggi|non proprio|meglio di no|no non serve|non serve|nemmeno per sogno|"
    "neanche per sogno|magari un altra volta",
    "AMAZON.HelpIntent": "aiuto|aiutami|cosa posso dire|cosa posso fare|come funziona|"
    "ho bisogno di aiuto|mi aiuti|puoi aiutarmi|istruzioni|cosa devo fare|che devo fare|"
    "quali sono le opzioni",
    "AMAZON.StopIntent": "stop|basta|fermati|ferma|smettila|zitta|stai zitta|silenzio|"
    "chiudi|fine|arrivederci|ciao|ciao ciao|addio|a dopo|alla prossima",
    "AMAZON.CancelIntent": "annulla|lascia perdere|lascia stare|non importa|niente|"
    "dimentica|lasciamo stare|lasciamo perdere",
    "AMAZON.NavigateHomeIntent": "home|vai alla home|torna alla home|schermata principale",
    "AMAZON.NextIntent": "avanti|prossimo|successivo|il prossimo|vai avanti|salta|"
    "vai al prossimo|dopo",
    "AMAZON.PreviousIntent": "indietro|precedente|torna indietro|vai indietro|quello di prima",
    "AMAZON.RepeatIntent": "ripeti|ripetere|ripeti per favore|puoi ripetere|di nuovo|"
    "ancora|come|cosa|eh|scusa|prego",
    "AMAZON.PauseIntent": "pausa|metti in pausa|fai una pausa|pausa per favore",
    "AMAZON.ResumeIntent": "riprendi|continua|riprendere|riprendi pure|continua pure",
    "AMAZON.StartOverIntent": "ricomincia|ricominciare|da capo|ricomincia da capo|"
    "ricomincia dall inizio|dall inizio|riavvia|resetta|di nuovo dall inizio",
}
# What Alexa knows is for no skill at all (its out-of-domain training, which is what its
# fallback intent is made of): requests for other things, and chit-chat.
_OUT_OF_DOMAIN = (
    "che tempo fa|pioverà domani|che giorno è oggi|che giorno è|che ore sono|"
    "metti un timer di dieci minuti|metti una sveglia alle sette|svegliami alle sei|"
    "metti della musica|metti un po di musica|accendi la radio|metti la mia playlist|"
    "alza il volume|abbassa il volume|accendi la luce|spegni la luce|raccontami una storia|"
    "raccontami una barzelletta|dimmi le notizie|quali sono le notizie|chiama la mamma|"
    "manda un messaggio|aggiungi il latte alla lista della spesa|cosa ho in agenda|"
    "ordina la carta igienica|quanto è alta la torre eiffel|chi è il presidente|"
    "quanto fa due più due|buongiorno|buonasera|buonanotte|come stai|ti voglio bene|"
    "come ti chiami|ci sei|cosa mangio a pranzo|com è finita la partita|"
    "dove sono le mie chiavi|accendi la tv|qual è la capitale della francia|grazie"
)
_LAUNCH_VERBS = (
    "apri", "aprire", "avvia", "avviare", "lancia", "inizia", "usa", "chiedi a", "chiedi al",
    "chiedere a", "di a", "dì a", "dici a", "parla con", "fai partire",
)  # fmt: skip

_FILLERS = "ehm ehmm em mmm mm hmm uhm beh mah alexa grazie pure tipo"
# Dropped wherever they stand, before the fillers.
_DROPPED = "per favore|per piacere|grazie mille"
# Said first, these only lead in ("allora", "puoi ..."): dropped when words follow.
_LEAD_INS = (
    "ok allora|allora|dai|ecco|senti|scusa|ok|okay|va bene|e|ma|però|quindi|dunque|vabbè|ehi|"
    "oh|ah|puoi|potresti|mi puoi|mi potresti|credo che|penso che"
)
_TAIL_OFFS = "credo|penso|direi|ecco|dai|su|allora"
# Words "non" reaches over to the word it bears on: "non mi fa male", "non ce la faccio".
_NEGATION_REACH = "mi ti si ci ce vi ne lo la li le gli più proprio ancora tanto molto davvero così"
# Words a value is never spotted from the start of: "alle {time}", "i {stretch}".
_SPOT_SKIPS = "a alle all alla al verso le la il l lo di del dalle e un uno per"

LEXICON = Lexicon(
    language="it",
    fillers=frozenset(_FILLERS.split()),
    dropped=tuple(_DROPPED.split("|")),
    lead_ins=tuple(_LEAD_INS.split("|")),
    tail_offs=tuple(_TAIL_OFFS.split("|")),
    # What an apostrophe left behind, spelled out: "po'" is "poco", "dov'è" is "dove è".
    contractions={"po": "poco", "com": "come", "dov": "dove", "cos": "cosa", "c": "ci"},
    irregular=_IRREGULAR,
    light_words=frozenset(_LIGHT.split()) | {_stem(w) for w in _LIGHT.split()},
    negations=frozenset({"non", "mai", "nessun", "nessuno"}),
    negation_reach=frozenset(_NEGATION_REACH.split()),
    stem=_stem,
    launch_before=_LAUNCH_VERBS,
    articles=("lo", "il", "la"),
    joiners=("di", "d", "se", "che", "e"),
    built_in={name: tuple(phrases.split("|")) for name, phrases in _BUILT_IN.items()},
    out_of_domain=tuple(_OUT_OF_DOMAIN.split("|")),
    # These close the skill outright: Alexa sends a SessionEndedRequest, no intent.
    exit_phrases=frozenset({"esci dalla skill", "chiudi la skill", "esci dall applicazione"}),
    parse_number=parse_number,
    parse_time=parse_time,
    time_shape=TIME_SHAPE,
    spot_skips=frozenset(_SPOT_SKIPS.split()),
    apostrophe=" ",
)
