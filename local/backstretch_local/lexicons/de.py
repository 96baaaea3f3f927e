"""German (de): the words the local resolver reads German by, as Alexa's de-DE model hears them.

Numbers are read as AMAZON.NUMBER reads them, in digits or in words written as Germans write
them, one word up to 999999 ("einundzwanzig", "hundertfünf", "zweihundertdreißig"). Times are
read as AMAZON.TIME gives them: "um sieben Uhr abends" is "19:00", "halb acht" "07:30" (and
"19:30" with "abends"), "viertel nach sieben" "07:15", "abends" alone "EV".

    >>> [parse_number(t) for t in ("25", "einundzwanzig", "fünf und zwanzig", "dreißig", "zwo")]
    [25, 21, 25, 30, 2]
    >>> [parse_time(t) for t in ("um 15 uhr", "halb acht", "halb acht abends", "abends")]
    ['15:00', '07:30', '19:30', 'EV']
    >>> [parse_time(t) for t in ("viertel nach sieben", "zehn vor acht", "um sieben uhr abends")]
    ['07:15', '07:50', '19:00']

Compounds are split where a person may say them either way: a pain said in one word before
anything reads the phrase ("rückenschmerzen" is "rücken schmerzen", so the back is heard as
the body part: `split_compounds`), a few others when words are compared ("wochenübersicht";
`contractions`); slot values (body parts, stretches) stay whole, as the model lists them.
Umlauts and ß are kept as said; the stemmer (Snowball's German) folds "ä", "ö", "ü" and "ß"
alike for comparison.
"""

from __future__ import annotations

import re

from backstretch_local.lexicon import Lexicon, clock_time, snowball

# Said anywhere, these add nothing a person means: hesitations, politeness, modal particles.
_FILLERS = "äh ähm ähh öhm öh hm hmm hmmm mm mmm bitte eben eigentlich einfach denn alexa danke"
# Said first, these only lead in, and are dropped when words follow.
_LEAD_INS = (
    "okay also", "ok also", "ja also", "also", "okay", "ok", "so", "na ja", "naja", "na", "ach so",
    "ach", "oh", "oha", "boah", "hey", "gut", "und", "aber", "sag mal", "kannst du",
    "könntest du", "würdest du", "ich glaube", "ich glaub", "sorry", "entschuldigung",
)  # fmt: skip
# Said last, these only soften what came before.
_TAIL_OFFS = ("oder so", "glaube ich", "glaub ich", "oder", "bitte", "danke", "dann", "gell", "ne")

# Spoken short forms spelled out, and compounds split where people say either
# ("rückenschmerzen", "rücken tut weh"). Slot values are never split here.
_CONTRACTIONS = {
    "gehts": "geht es", "gibts": "gibt es", "ists": "ist es", "tuts": "tut es", "wars": "war es",
    "machs": "mache es", "probiers": "probiere es", "hab": "habe", "hast": "habe", "nich": "nicht",
    "nix": "nichts", "nen": "einen", "ner": "einer", "grad": "gerade", "nochmal": "noch mal",
    "nochmals": "noch mal", "aufm": "auf dem", "unterm": "unter dem", "fürs": "für das",
    "aufs": "auf das", "übers": "über das", "vorm": "vor dem", "reichts": "reicht es",
    "spürs": "spüre es", "kannste": "kannst du", "biste": "bist du", "haste": "hast du",
    "wieviel": "wie viel", "wieviele": "wie viele", "wehtut": "tut weh", "wehtun": "weh tun",
    "wehgetan": "weh getan", "ok": "okay", "sek": "sekunden", "sec": "sekunden",
    "rückenübungen": "rücken übungen", "dehnübungen": "dehnen übungen",
    "dehnübung": "dehnen übung", "wochenübersicht": "woche übersicht",
    "dehnerinnerung": "dehnen erinnerung", "erinnerungszeit": "erinnerung zeit",
    "haltezeit": "halten zeit", "seitenwechsel": "seite wechseln", "knieprobleme": "knie probleme",
    "zurückgehen": "zurück gehen", "weiterzählen": "weiter zählen",
}  # fmt: skip
# Forms the stemmer does not bring to their base: strong verbs, modals, third persons.
_IRREGULAR = {
    "bin": "sein", "bist": "sein", "ist": "sein", "sind": "sein", "war": "sein", "waren": "sein",
    "gewesen": "sein", "habe": "haben", "hat": "haben", "hatte": "haben", "gehabt": "haben",
    "kann": "können", "kannst": "können", "konnte": "können", "will": "wollen",
    "willst": "wollen", "wollte": "wollen", "möchte": "wollen", "möchtest": "wollen",
    "möchten": "wollen", "muss": "müssen", "musst": "müssen", "soll": "sollen",
    "sollst": "sollen", "sollte": "sollen", "darf": "dürfen", "tut": "tun", "tat": "tun",
    "getan": "tun", "geht": "gehen", "ging": "gehen", "gegangen": "gehen", "läuft": "laufen",
    "lief": "laufen", "gelaufen": "laufen", "gibt": "geben", "gab": "geben", "nimm": "nehmen",
    "nimmt": "nehmen", "nehm": "nehmen", "genommen": "nehmen", "hilft": "helfen",
    "geholfen": "helfen", "sticht": "stechen", "gestochen": "stechen", "schießt": "schießen",
    "zieht": "ziehen", "gezogen": "ziehen", "hält": "halten", "gehalten": "halten",
    "lässt": "lassen", "gelassen": "lassen", "fängt": "fangen", "angefangen": "anfangen",
    "kribbelt": "kribbeln", "strahlt": "strahlen", "brennt": "brennen", "zwickt": "zwicken",
    "schmerzt": "schmerzen", "dreht": "drehen", "knackt": "knacken", "geknackt": "knacken",
    "spürt": "spüren", "merkt": "merken", "macht": "machen", "gemacht": "machen",
    "kommt": "kommen", "gekommen": "kommen", "dauert": "dauern", "fehlt": "fehlen",
    "reicht": "reichen", "passt": "passen", "klingt": "klingen", "bringt": "bringen",
    "gebracht": "bringen", "fühlt": "fühlen", "stimmt": "stimmen", "gedehnt": "dehnen",
    "geschafft": "schaffen", "gehört": "hören", "aufgehört": "aufhören",
    "schwindlig": "schwindelig",
    "schwummerig": "schwummrig", "tschüs": "tschüss", "nee": "nein", "nö": "nein", "jo": "ja",
    "jep": "ja", "jup": "ja", "lang": "lange", "krieg": "bekommen", "kriege": "bekommen",
    "kriegt": "bekommen", "bekomm": "bekommen", "bekomme": "bekommen", "bekommt": "bekommen",
    "schläft": "schlafen", "eingeschlafen": "einschlafen",
}  # fmt: skip
# Articles, pronouns and particles: they carry little of what a person means.
_LIGHT = (
    "der die das den dem des ein eine einen einem einer eines ich du er es wir ihr sie mich "
    "mir dich dir mein meine meinen meinem meiner uns und oder aber so ja doch schon im in am "
    "an auf zu zum zur von vom mit bei sein haben können man da hier halt echt ganz total "
    "ziemlich wirklich sehr etwas bisschen irgendwie boah oh ach puh mal mann"
)
_NEGATIONS = "nicht kein keine keinen keiner keinem nie niemals"
_NEGATION_REACH = "so wirklich ganz sehr mehr zu besonders allzu richtig"

# AMAZON.TIME's values for a part of the day said without a time, and what a part of the day
# does to an hour said with it.
_PARTS = {
    "morgens": "MO", "früh": "MO", "frühmorgens": "MO", "vormittags": "MO", "am morgen": "MO",
    "in der früh": "MO", "am vormittag": "MO", "vormittag": "MO", "mittags": "12", "mittag": "12",
    "am mittag": "12", "nachmittags": "AF", "am nachmittag": "AF", "nachmittag": "AF",
    "abends": "EV", "am abend": "EV", "abend": "EV", "nachts": "NI", "in der nacht": "NI",
    "nacht": "NI",
}  # fmt: skip
_UNITS = {
    "null": 0, "eins": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6,
    "sieben": 7, "acht": 8, "neun": 9,
}  # fmt: skip
_TEENS = {
    "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14, "fünfzehn": 15,
    "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
}  # fmt: skip
_TENS = {
    "zwanzig": 20, "dreissig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70,
    "achtzig": 80, "neunzig": 90,
}  # fmt: skip
_IN_COMPOUNDS = {**_UNITS, "ein": 1, "sieb": 7, "sech": 6}  # "einund-", "hunderteins"


def parse_number(text: str) -> int | None:
    """A whole number said in digits or German words, as AMAZON.NUMBER reads it; "ein" and
    "eine" alone are articles, not numbers.

    >>> [parse_number(t) for t in ("hundertfünfundzwanzig", "zweitausend", "eine", "sieb")]
    [125, 2000, None, None]
    """
    words = text.lower().split()
    if len(words) == 1 and words[0].isdigit():
        return int(words[0])
    joined = "".join(words).replace("ß", "ss")
    if not joined or not joined.isalpha():
        return None
    return _thousands(joined)


def _thousands(word: str) -> int | None:
    if "tausend" not in word:
        return _hundreds(word)
    left, right = word.split("tausend", 1)
    times = 1 if left in ("", "ein") else _hundreds(left)
    rest = 0 if right == "" else _hundreds(right.removeprefix("und"))
    return None if times is None or rest is None else times * 1000 + rest


def _hundreds(word: str) -> int | None:
    if "hundert" not in word:
        return _below_hundred(word)
    left, right = word.split("hundert", 1)
    times = 1 if left in ("", "ein") else _UNITS.get(left)
    rest = 0 if right == "" else _below_hundred(right.removeprefix("und"))
    return None if times is None or not 1 <= times <= 9 or rest is None else times * 100 + rest


def _below_hundred(word: str) -> int | None:
    known = _UNITS.get(word, _TEENS.get(word, _TENS.get(word)))
    if known is not None:
        return known
    unit, joined, tens = word.partition("und")
    if joined and unit in _IN_COMPOUNDS and tens in _TENS and unit not in ("null", "sieb", "sech"):
        return _IN_COMPOUNDS[unit] + _TENS[tens]
    return None


def _say(number: int) -> str:
    """A number below a hundred as one German word ("einundzwanzig"), for `TIME_SHAPE`."""
    names = {v: k for k, v in {**_UNITS, **_TEENS, **_TENS}.items() if k != "zwo"}
    if number in names:
        return names[number]
    unit = "ein" if number % 10 == 1 else names[number % 10]
    return f"{unit}und{names[number - number % 10]}"


def _alternatives(words: list[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_HOUR = rf"(?:\d{{1,2}}|{_alternatives([_say(n) for n in range(25)] + ['ein', 'zwo'])})"
_MINUTE = rf"(?:\d{{1,2}}|{_alternatives([_say(n) for n in range(60)] + ['dreißig'])})"
_PART = _alternatives(list(_PARTS))
_CLOCK = (
    rf"(?:(?:{_MINUTE} (?:minuten )?(?:nach|vor) (?:halb )?|viertel (?:nach |vor )?|dreiviertel "
    rf"|halb ){_HOUR}(?: uhr)?|{_HOUR}(?: uhr)?(?: {_MINUTE})?(?: uhr)?)"
)
# What a time said aloud can look like, so "um 7 uhr werktags" splits after "uhr".
TIME_SHAPE = rf"(?:(?:(?:{_PART}) (?:um )?)?{_CLOCK}(?: (?:{_PART}))?|{_PART}|mitternacht)"

_LEADING = ("um", "gegen", "so", "ungefähr", "etwa", "circa", "ca")
_SAID_CLOCK = re.compile(
    r"^(?:(?P<minutes>\d{1,2}) (?:minuten )?(?P<way>nach|vor) (?P<half>halb )?"
    r"|(?P<quarter>viertel nach |viertel vor |dreiviertel |viertel )|(?P<halb>halb ))?"
    r"(?P<h>\d{1,2})(?: uhr)?(?: (?P<m>\d{1,2}))?(?: uhr)?$"
)
# Minutes from the hour said: "halb acht" is half an hour before eight.
_QUARTERS = {"viertel nach ": 15, "viertel vor ": -15, "dreiviertel ": -15, "viertel ": -45}


def parse_time(text: str) -> str | None:
    """A time said aloud, as AMAZON.TIME gives it: "19:30", or "EV" for "abends".

    >>> [parse_time(t) for t in ("dreiviertel acht", "fünf vor halb acht", "zwei uhr nachts")]
    ['07:45', '07:25', '02:00']
    >>> [parse_time(t) for t in ("zehn uhr nachts", "ein uhr mittags", "19 30", "morgen")]
    ['22:00', '13:00', '19:30', None]
    """
    said = " ".join(re.sub(r"[^\w\s]|_", " ", text.lower()).split())
    part = None
    for name in sorted(_PARTS, key=len, reverse=True):
        found = re.search(rf"(?:^| ){re.escape(name)}(?: |$)", said)
        if found is not None:
            part = _PARTS[name]
            said = " ".join((said[: found.start()] + " " + said[found.end() :]).split())
            break
    words = said.split()
    while words and words[0] in _LEADING:
        words = words[1:]
    if words == ["mitternacht"] and part is None:
        return "00:00"
    if not words:
        return None if part is None else ("12:00" if part == "12" else part)
    in_digits = [str(n) if (n := _hour_or_minute(w)) is not None else w for w in words]
    return _clock(" ".join(in_digits), part)


def _hour_or_minute(word: str) -> int | None:
    number = 1 if word == "ein" else parse_number(word)
    return number if number is not None and number < 60 else None


def _clock(said: str, part: str | None) -> str | None:
    found = _SAID_CLOCK.match(said)
    if found is None or int(found["h"]) > 24:
        return None
    relative = found["minutes"] or found["quarter"] or found["halb"]
    if found["m"] and (relative or int(found["m"]) >= 60):
        return None
    total = int(found["h"]) * 60 + int(found["m"] or 0)
    if found["halb"] or found["half"]:
        total -= 30
    if found["quarter"]:
        total += _QUARTERS[found["quarter"]]
    if found["minutes"]:
        total += int(found["minutes"]) * (1 if found["way"] == "nach" else -1)
    hour = total // 60 % 24
    if (part in ("AF", "EV") and hour < 12) or (part == "12" and 1 <= hour < 6):
        total += 12 * 60
    if part == "NI" and 6 <= hour < 12:
        total += 12 * 60
    return clock_time(0, total)


_BUILT_IN = {
    "AMAZON.YesIntent": "ja|jawohl|jo|jep|ja bitte|klar|sicher|gerne|okay|genau|na klar|"
    "auf jeden fall|ja gerne|richtig|stimmt|in ordnung|einverstanden|mhm|ja doch|doch",
    "AMAZON.NoIntent": "nein|nee|nö|ne|nein danke|nicht jetzt|lieber nicht|auf keinen fall|"
    "niemals|eher nicht|nein nicht wirklich",
    "AMAZON.HelpIntent": "hilfe|hilf mir|was kann ich sagen|was kann ich tun|"
    "wie funktioniert das|ich brauche hilfe|kannst du mir helfen|anleitung",
    "AMAZON.StopIntent": "stopp|stop|halt|aufhören|hör auf|schluss|ende|aus|tschüss|ruhe|"
    "sei still|genug|das reicht jetzt|auf wiedersehen",
    "AMAZON.CancelIntent": "abbrechen|abbruch|vergiss es|egal|schon gut",
    "AMAZON.NavigateHomeIntent": "startseite|zur startseite|nach hause|geh nach hause",
    "AMAZON.NextIntent": "weiter|nächste|nächster|nächstes|vorwärts|nach vorne",
    "AMAZON.PreviousIntent": "zurück|vorherige|vorheriger|davor|eins zurück",
    "AMAZON.RepeatIntent": "wiederholen|wiederhole|wiederhol|noch einmal sagen",
    "AMAZON.PauseIntent": "pause|pausieren|anhalten|pausiere",
    "AMAZON.ResumeIntent": "fortsetzen|fortfahren|weitermachen|setze fort",
    "AMAZON.StartOverIntent": "von vorne|von vorn|neu starten|neustart|von vorne anfangen",
}
_OUT_OF_DOMAIN = (
    "wie wird das wetter|wie ist das wetter heute|regnet es morgen|welcher tag ist heute|"
    "wie spät ist es|welches datum haben wir|stell einen timer auf zehn minuten|"
    "stell einen wecker auf sieben uhr|weck mich um sechs|spiel musik|spiel radio|"
    "spiel meine playlist|mach lauter|leiser|mach das licht an|mach das licht aus|"
    "erzähl mir einen witz|erzähl mir eine geschichte|was gibt es neues|nachrichten|"
    "ruf mama an|schick eine nachricht|setz milch auf die einkaufsliste|"
    "was steht in meinem kalender|bestell küchenrollen|wie hoch ist der eiffelturm|"
    "wer ist der bundeskanzler|was ist zwei plus zwei|guten morgen|gute nacht|hallo|"
    "wie geht es dir|ich liebe dich|wie heißt du|bist du da|was soll ich heute kochen|"
    "wie hat bayern gespielt|wo ist mein handy|mach den fernseher an|danke|dankeschön|"
    "vielen dank"
)

# Pain said in one word, its body part first: split before anything else reads the phrase, so
# the body part is heard as a slot value ("ich hab rückenschmerzen": the back).
_PAINED = {
    "rücken": "rücken", "knie": "knie", "hüft": "hüfte", "bein": "bein", "nacken": "nacken",
    "schulter": "schulter", "kreuz": "kreuz", "fuß": "fuß", "arm": "arm", "hand": "hand",
    "leisten": "leiste", "waden": "wade", "hals": "hals", "gelenk": "gelenk",
}  # fmt: skip
_PAIN_COMPOUND = re.compile(rf"\b({'|'.join(_PAINED)})(schmerzen|schmerz)\b")


def split_compounds(phrase: str) -> str:
    """A normalised phrase with its pain compounds split (`Lexicon.segment`).

    >>> split_compounds("ich hab rückenschmerzen und hüftschmerzen")
    'ich hab rücken schmerzen und hüfte schmerzen'
    """
    return _PAIN_COMPOUND.sub(lambda found: f"{_PAINED[found[1]]} {found[2]}", phrase)


_STEM = snowball("german")

LEXICON = Lexicon(
    language="de",
    fillers=frozenset(_FILLERS.split()),
    dropped=("vielen dank", "danke schön", "dankeschön"),
    lead_ins=_LEAD_INS,
    tail_offs=_TAIL_OFFS,
    contractions=_CONTRACTIONS,
    # A base form is compared as it is: stemmed here, as the words it meets are.
    irregular={form: _STEM(base) for form, base in _IRREGULAR.items()},
    light_words=frozenset(_LIGHT.split()),
    negations=frozenset(_NEGATIONS.split()),
    negation_reach=frozenset(_NEGATION_REACH.split()),
    stem=_STEM,
    launch_before=("öffne", "öffnen", "starte", "start", "frag", "frage", "sag", "sage", "bitte"),
    launch_after=("starten", "öffnen"),
    articles=("den skill", "der", "die", "das", "den", "dem"),
    joiners=("ob", "nach", "und", "dass", "zu"),
    built_in={name: tuple(phrases.split("|")) for name, phrases in _BUILT_IN.items()},
    out_of_domain=tuple(_OUT_OF_DOMAIN.split("|")),
    exit_phrases=frozenset({"beenden", "verlassen", "skill beenden", "beende den skill", "exit"}),
    parse_number=parse_number,
    parse_time=parse_time,
    time_shape=TIME_SHAPE,
    segment=split_compounds,
    spot_skips=frozenset({"um", "gegen", "so", "am", "im", "in", "der", "die", "das", "und", "ab"}),
)
