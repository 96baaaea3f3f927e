"""Dutch, as the local resolver hears it (nl-NL): fillers, verb forms, numbers and times.

Dutch writes a number under a hundred as one word, the unit first ("vijfentwintig",
"tweeëntwintig"), and says half hours towards the next hour ("half acht" is 7:30).

    >>> [parse_number(t) for t in ("25", "vijfentwintig", "vijf en twintig", "honderdvijf")]
    [25, 25, 25, 105]
    >>> [parse_time(t) for t in ("om zeven uur s avonds", "om half acht", "kwart over zeven")]
    ['19:00', '07:30', '07:15']
    >>> [parse_time(t) for t in ("om 19 uur", "s ochtends", "half acht s avonds", "paars")]
    ['19:00', 'MO', '19:30', None]
"""

from __future__ import annotations

import re

from backstretch_local.lexicon import Lexicon, clock_time, snowball

_UNITS = {
    "nul": 0, "een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5,
    "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12,
    "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16, "zeventien": 17,
    "achttien": 18, "negentien": 19,
}  # fmt: skip
_TENS = {
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60,
    "zeventig": 70, "tachtig": 80, "negentig": 90,
}  # fmt: skip
_UNIT_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
_TENS_WORD = "|".join(_TENS)
# A number under a hundred in one word: "zeven", "twintig", "vijfentwintig", "drieëntwintig".
_BELOW_100 = re.compile(rf"^(?:(?P<unit>{_UNIT_WORD})(?:en|ën))?(?P<tens>{_TENS_WORD})$")


def parse_number(text: str) -> int | None:
    """A whole number said in digits or Dutch words, as AMAZON.NUMBER reads it (0..999,999).

    >>> [parse_number(t) for t in ("tweeëntwintig", "dertig", "twee honderd", "duizend", "ja")]
    [22, 30, 200, 1000, None]
    """
    said = "".join(text.lower().split())
    if said.isdigit():
        return int(said)
    if not said:
        return None
    if "duizend" in said:
        before, _, after = said.partition("duizend")
        thousands = 1 if not before else _below_1000(before)
        rest = 0 if not after else _below_1000(after.removeprefix("en"))
        if thousands is None or rest is None or thousands == 0:
            return None
        return thousands * 1000 + rest
    return _below_1000(said)


def _below_1000(said: str) -> int | None:
    if "honderd" in said:
        before, _, after = said.partition("honderd")
        hundreds = 1 if not before else _UNITS.get(before)
        if hundreds is None or not 1 <= hundreds <= 9 or (before == "een"):
            return None
        rest = 0 if not after else _below_100(after.removeprefix("en"))
        return None if rest is None else hundreds * 100 + rest
    return _below_100(said)


def _below_100(said: str) -> int | None:
    if said in _UNITS:
        return _UNITS[said]
    found = _BELOW_100.match(said)
    if found is None:
        return None
    unit = _UNITS[found["unit"]] if found["unit"] else 0
    if not 0 <= unit <= 9:
        return None
    return _TENS[found["tens"]] + unit


# A part of the day ("s avonds" is "'s avonds" without its apostrophe): AMAZON.TIME's value.
_PARTS = {
    "ochtends": "MO", "morgens": "MO", "ochtend": "MO", "morgen": "MO",
    "middags": "AF", "middag": "AF", "avonds": "EV", "avond": "EV", "nachts": "NI",
    "nacht": "NI",
}  # fmt: skip
_PART_WORD = "|".join(_PARTS)
_HOUR = (
    r"(?:\d{1,2}|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien"
    r"|veertien|vijftien|zestien|zeventien|achttien|negentien|twintig|eenentwintig"
    r"|tweeëntwintig|drieëntwintig|vierentwintig)"
)
_CLOCK = re.compile(
    rf"^(?:(?P<off>kwart|\w+) (?P<way>over|voor) )?(?P<half>half )?(?P<h>{_HOUR})"
    rf"(?: uur)?(?: (?P<m>\w+))?(?: (?:s|in de|van de) (?P<part>{_PART_WORD}))?$"
)
# What a spoken time can look like, in normalised words, so "om zeven uur s avonds in het
# weekend" splits after "avonds".
TIME_SHAPE = (
    rf"(?:(?:(?:kwart|\w+) (?:over|voor) )?(?:half )?{_HOUR}(?: uur)?(?: \d{{2}}|"
    rf" [a-z]+tig| (?:een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|"
    rf"dertien|veertien|vijftien|zestien|zeventien|achttien|negentien))?"
    rf"(?: (?:s|in de|van de) (?:{_PART_WORD}))?"
    rf"|(?:s|in de|de) (?:{_PART_WORD})|middernacht|middag)"
)


def parse_time(text: str) -> str | None:
    """A time said aloud in Dutch, as AMAZON.TIME gives it: "19:00", or "EV" for the evening.

    >>> [parse_time(t) for t in ("kwart voor negen s avonds", "tien over half acht", "19 30")]
    ['20:45', '07:40', '19:30']
    >>> [parse_time(t) for t in ("om elf uur s nachts", "om twee uur s nachts", "middernacht")]
    ['23:00', '02:00', '00:00']
    """
    said = " ".join(text.lower().replace("'", "").replace(":", " ").replace(".", " ").split())
    for lead in ("om ", "rond ", "tegen ", "rond een uur of "):
        said = said.removeprefix(lead)
    if said in ("middernacht",):
        return "00:00"
    if said in ("twaalf uur s middags", "12 uur s middags"):
        return "12:00"
    for lead in ("s ", "in de ", "de ", "van de "):
        if said.startswith(lead) and said[len(lead) :] in _PARTS:
            return _PARTS[said[len(lead) :]]
    if said in ("ochtend", "middag", "avond", "nacht"):
        return _PARTS[said]
    found = _CLOCK.match(said)
    if found is None:
        return None
    hour = parse_number(found["h"])
    if hour is None or hour > 24 or (hour == 0 and found["h"] != "0"):
        return None
    minute = 0
    if found["m"] is not None:
        if found["half"] or found["off"]:
            return None
        minute_said = parse_number(found["m"])
        if minute_said is None or minute_said >= 60:
            return None
        minute = minute_said
    offset = 0
    if found["half"]:
        offset = -30  # "half acht": half an hour before eight
    if found["off"]:
        amount = 15 if found["off"] == "kwart" else parse_number(found["off"])
        if amount is None or amount >= 30:
            return None
        offset += amount if found["way"] == "over" else -amount
    hour = _in_part(hour % 24 if hour == 24 else hour, found["part"])
    return clock_time(hour, minute + offset)


def _in_part(hour: int, part: str | None) -> int:
    """The 24-hour hour for a 12-hour one said with a part of the day."""
    said = _PARTS.get(part or "")
    if said in ("AF", "EV") and hour < 12:
        return hour + 12
    if said == "NI":
        if hour == 12:
            return 0
        if 7 <= hour < 12:
            return hour + 12
    return hour


def stem(word: str) -> str:
    """Snowball's Dutch stem, with the present tense's "-t" taken off first ("knielt",
    "voelt", "tintelt" meet "knielen", "voelen", "tintelen"), but not after a vowel, n, s
    or h ("niet", "kant", "rust", "echt" stay)."""
    if len(word) > 4 and word.endswith("t") and word[-2] not in "aeiouynsht":
        word = word[:-1]
    return _SNOWBALL(word)


_SNOWBALL = snowball("dutch")

_IRREGULAR = {
    **dict.fromkeys(("ben", "bent", "is", "was", "waren", "geweest"), "zijn"),
    **dict.fromkeys(("heb", "hebt", "heeft", "had", "hadden", "gehad"), "hebben"),
    **dict.fromkeys(("kan", "kun", "kunt", "kon", "konden", "gekund"), "kunnen"),
    **dict.fromkeys(("wil", "wilt", "wou", "wilde", "wilden", "gewild"), "willen"),
    **dict.fromkeys(("ga", "gaat", "ging", "gingen", "gegaan"), "gaan"),
    **dict.fromkeys(("doe", "doet", "deed", "deden", "gedaan"), "doen"),
    **dict.fromkeys(("sta", "staat", "stond", "stonden", "gestaan"), "staan"),
    **dict.fromkeys(("zit", "zat", "zaten", "gezeten"), "zitten"),
    **dict.fromkeys(("hou", "houd", "houdt", "hield", "hielden", "gehouden"), "houden"),
    **dict.fromkeys(("zeg", "zegt", "zei", "zeiden", "gezegd"), "zeggen"),
    **dict.fromkeys(("moet", "moest", "moesten", "gemoeten"), "moeten"),
    **dict.fromkeys(("mag", "mocht", "mochten"), "mogen"),
    **dict.fromkeys(("sla", "slaat", "sloeg", "sloegen", "geslagen"), "slaan"),
    **dict.fromkeys(("kom", "komt", "kwam", "kwamen", "gekomen"), "komen"),
    **dict.fromkeys(("voel", "voelt", "voelde", "voelden", "gevoeld"), "voelen"),
    **dict.fromkeys(("word", "wordt", "werd", "werden", "geworden"), "worden"),
    **dict.fromkeys(("rek", "rekt", "rekte", "gerekt"), "rekken"),
    **dict.fromkeys(("zie", "ziet", "zag", "gezien"), "zien"),
    "beter": "goed", "best": "goed", "jep": "ja", "jawel": "ja", "jazeker": "ja",
    "neen": "nee", "nope": "nee", "knieën": "knie", "oke": "oké", "okay": "oké", "ok": "oké",
}  # fmt: skip
# Lexicon.base does not stem an irregular form's base: give it stemmed, as the others are.
_IRREGULAR_STEMMED = {form: stem(base) for form, base in _IRREGULAR.items()}

_BUILT_IN = {
    "AMAZON.YesIntent": "ja|jawel|jazeker|ja hoor|ja graag|zeker|zeker weten|prima|goed|oké|"
    "is goed|dat is goed|prima hoor|natuurlijk|tuurlijk|doe maar|graag|klopt|top|"
    "absoluut|waarom niet|akkoord|lijkt me goed|dat wil ik wel",
    "AMAZON.NoIntent": "nee|nee dank je|nee bedankt|niet nu|liever niet|nee hoor|zeker niet|"
    "nu even niet|vandaag niet|ik denk het niet|nee dankjewel|nee hoeft niet|niet echt",
    "AMAZON.HelpIntent": "help|hulp|help me|wat kan ik zeggen|wat kan ik doen|hoe werkt dit|"
    "ik heb hulp nodig|kun je me helpen|instructies|wat moet ik doen",
    "AMAZON.StopIntent": "stop|stoppen|hou op|ophouden|uit|zet uit|genoeg|dat is genoeg|"
    "stil|wees stil|einde|doei|dag|tot ziens|ik ben klaar ermee|klaar ermee|stop ermee",
    "AMAZON.CancelIntent": "annuleer|annuleren|laat maar|vergeet het|laat maar zitten|"
    "maakt niet uit|vergeet het maar",
    "AMAZON.NavigateHomeIntent": "ga naar home|naar het beginscherm|home|startscherm",
    "AMAZON.NextIntent": "volgende|verder|door|vooruit|volgende graag|ga door",
    "AMAZON.PreviousIntent": "vorige|terug|ga terug|een terug|achteruit",
    "AMAZON.RepeatIntent": "herhaal|herhalen|herhaal dat|nog eens|zeg het nog eens",
    "AMAZON.PauseIntent": "pauze|pauzeer|pauzeren|pauzeer het",
    "AMAZON.ResumeIntent": "hervat|hervatten|doorgaan|verdergaan|ga verder",
    "AMAZON.StartOverIntent": "opnieuw beginnen|begin opnieuw|opnieuw starten|herstart|"
    "reset|van voren af aan|opnieuw",
}
_OUT_OF_DOMAIN = (
    "wat voor weer wordt het|gaat het morgen regenen|welke dag is het|wat is de datum|"
    "hoe laat is het|zet een timer op tien minuten|zet een wekker om zeven uur|"
    "maak me om zes uur wakker|speel muziek|zet de radio aan|speel mijn afspeellijst|"
    "zet het volume hoger|harder|zachter zetten|doe het licht aan|doe het licht uit|"
    "vertel een verhaal|wat is het nieuws|bel mama|stuur een bericht|"
    "zet melk op mijn boodschappenlijst|wat staat er in mijn agenda|bestel keukenpapier|"
    "hoe hoog is de eiffeltoren|wie is de premier|hoeveel is twee plus twee|goedemorgen|"
    "welterusten|hallo|hoe gaat het met je|ik hou van je|hoe heet je|ben je daar|"
    "wat zal ik eten vanavond|wat is de stand|waar zijn mijn sleutels|zet de tv aan|"
    "dank je wel|bedankt|vertel een mop|hoe laat gaat de trein"
)

# Said anywhere, these add nothing a person means: hesitations, politeness, and the
# softeners Dutch sprinkles everywhere ("wacht even", "ja hoor", "begin maar").
_FILLERS = (
    "eh ehm euh uh uhm hm hmm mm ah even effe ff hoor maar alsjeblieft alstublieft gewoon "
    "eigenlijk alexa"
)
# Said first, these only lead in: dropped when words follow.
_LEAD_INS = (
    "oké dan", "oké", "nou", "zo", "dus", "en", "kun je", "kan je", "kunt u", "wil je",
    "zou je", "ik denk", "weet je", "nou ja", "ja maar",
)  # fmt: skip
_TAIL_OFFS = ("denk ik", "toch", "dan", "of zo", "hè", "he", "nu")
_CONTRACTIONS = {
    "hoelang": "hoe lang", "t": "het", "das": "dat is", "m": "hem", "ie": "hij",
    "zon": "zo een", "effe": "even", "ff": "even", "oke": "oké", "ok": "oké", "okay": "oké",
    "okee": "oké", "sec": "seconde", "secs": "seconden", "min": "minuut", "mins": "minuten",
    "dankjewel": "dank je wel",
}  # fmt: skip
# Articles, pronouns, particles and the verbs every sentence has: they weigh little.
_LIGHT = (
    "de het een ik je jij jou u me mij mijn we wij ons onze dit dat die deze er hier daar "
    "nog wel dan toch ook al nu om te in op aan van voor met naar en of zo heel echt erg "
    "beetje even hoor graag oké nou maar zijn hebben kunnen willen doen hem hij zij ze"
)
_LIGHT_WORDS = frozenset(_LIGHT.split())
_LAUNCH_VERBS = (
    "open", "start", "begin", "activeer", "gebruik", "vraag", "vraag aan", "zeg tegen",
    "praat met", "laat", "speel",
)  # fmt: skip

LEXICON = Lexicon(
    language="nl",
    fillers=frozenset(_FILLERS.split()),
    lead_ins=_LEAD_INS,
    tail_offs=_TAIL_OFFS,
    contractions=_CONTRACTIONS,
    irregular=_IRREGULAR_STEMMED,
    # Compared after stemming: each light word as said and as its base form.
    light_words=_LIGHT_WORDS | {_IRREGULAR_STEMMED.get(w, stem(w)) for w in _LIGHT_WORDS},
    negations=frozenset({"niet", "geen", "nooit"}),
    # Words a negation reaches over to the word it bears on: "niet echt knielen".
    negation_reach=frozenset({"echt", "zo", "heel", "helemaal", "erg", "meer", "goed"}),
    stem=stem,
    launch_before=_LAUNCH_VERBS,
    articles=("de", "het"),
    joiners=("om", "of", "dat", "naar", "en", "over", "voor"),
    built_in={name: tuple(phrases.split("|")) for name, phrases in _BUILT_IN.items()},
    out_of_domain=tuple(_OUT_OF_DOMAIN.split("|")),
    exit_phrases=frozenset({"afsluiten", "sluit af", "beëindigen", "beëindig", "exit"}),
    parse_number=parse_number,
    parse_time=parse_time,
    time_shape=TIME_SHAPE,
    spot_skips=frozenset({"de", "het", "een", "en", "om", "in", "op", "rond"}),
)
