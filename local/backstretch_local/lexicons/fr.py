"""French, as the local resolver hears it (`backstretch_local.lexicon`): the words fr-FR and
fr-CA share.

An apostrophe is a space ("j'ai" -> "j ai", "l'étirement" -> "l étirement"), so an elided
article or pronoun is a word of its own and "l'épaule" names the shoulder as "épaule" does.
Accents are kept as written (the models write them); the stem folds them, so a phrase typed
without them ("etirement") still meets its sample. "ne" is dropped, so "je ne peux pas" and
the everyday "je peux pas" are one phrase; "pas" then marks the word it bears on.

    >>> parse_number("quatre-vingt-dix-neuf"), parse_number("soixante et onze")
    (99, 71)
    >>> parse_time("à sept heures et demie du soir"), parse_time("à 19 h"), parse_time("le soir")
    ('19:30', '19:00', 'EV')
    >>> LEXICON.without_fillers("euh bon alors je suis prête s il te plaît")
    'je suis prête'
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

_UNIT_WORDS = "zéro un deux trois quatre cinq six sept huit neuf"
_TEEN_WORDS = "dix onze douze treize quatorze quinze seize"
_UNITS = [*_UNIT_WORDS.split(), *_TEEN_WORDS.split()]
_TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}


def _spellings_below_100() -> dict[tuple[str, ...], int]:
    """Every way 0 to 99 is said in France and Québec, as words ("soixante et onze",
    "quatre vingt dix neuf"), with "une" for "un" and the "et" people sometimes drop."""
    said: dict[tuple[str, ...], int] = {(word,): n for n, word in enumerate(_UNITS)}
    said[("une",)] = 1
    for unit in range(7, 10):
        said[("dix", _UNITS[unit])] = 10 + unit
    below_20 = {words: n for words, n in said.items() if 0 < n < 20}
    for ten, value in _TENS.items():
        said[(ten,)] = value
        for words, n in below_20.items():
            if n < 10 or (ten == "soixante"):
                said[(ten, *words)] = value + n
                if n == 1 or (ten == "soixante" and n == 11):
                    said[(ten, "et", *words)] = value + n
    said[("soixante", "dix")] = 70
    for words in (("quatre", "vingt"), ("quatre", "vingts")):
        said[words] = 80
    for words, n in below_20.items():
        said[("quatre", "vingt", *words)] = 80 + n
    return said


_BELOW_100 = _spellings_below_100()
NUMBER_WORDS = frozenset(w for words in _BELOW_100 for w in words) | {"cent", "cents", "mille"}


def parse_number(text: str) -> int | None:
    """A whole number said in digits or words, as Alexa's AMAZON.NUMBER hears it.

    >>> [parse_number(t) for t in ("25", "vingt-cinq", "vingt et un", "soixante-dix")]
    [25, 25, 21, 70]
    >>> [parse_number(t) for t in ("quatre-vingts", "quatre-vingt-dix-neuf", "soixante et onze")]
    [80, 99, 71]
    >>> [parse_number(t) for t in ("cent vingt", "deux cents", "mille deux cent", "beaucoup")]
    [120, 200, 1200, None]
    """
    words = tuple(LEXICON.normalise(text).split())
    if len(words) == 1 and words[0].isdigit():
        return int(words[0])
    return _below_1_000_000(words)


def _below_1_000_000(words: tuple[str, ...]) -> int | None:
    if "mille" in words:
        at = words.index("mille")
        thousands = 1 if at == 0 else _below_1000(words[:at])
        rest = _below_1000(words[at + 1 :]) if words[at + 1 :] else 0
        return None if thousands is None or rest is None else thousands * 1000 + rest
    return _below_1000(words)


def _below_1000(words: tuple[str, ...]) -> int | None:
    for word in ("cent", "cents"):
        if word in words:
            at = words.index(word)
            hundreds = 1 if at == 0 else _BELOW_100.get(words[:at])
            rest = _BELOW_100.get(words[at + 1 :]) if words[at + 1 :] else 0
            if hundreds is None or rest is None or (at == 0 and word == "cents"):
                return None
            return hundreds * 100 + rest
    return _BELOW_100.get(words)


def _in_digits(said: str) -> str:
    """Number words as digits, the longest run that reads: "dix neuf heures" -> "19 heures"."""
    words, out, start = said.split(), [], 0
    while start < len(words):
        best = None
        for end in range(start + 1, len(words) + 1):
            if words[end - 1] not in NUMBER_WORDS:
                break
            value = _below_1_000_000(tuple(words[start:end]))
            if value is not None:
                best = (end, value)
        if best is None:
            out.append(words[start])
            start += 1
        else:
            out.append(str(best[1]))
            start = best[0]
    return " ".join(out)


# -- times --------------------------------------------------------------------------------

_PARTS = {
    "matin": MORNING, "matinée": MORNING, "après midi": AFTERNOON, "aprem": AFTERNOON,
    "soir": EVENING, "soirée": EVENING, "nuit": NIGHT,
}  # fmt: skip
_PART_OF_DAY = re.compile(
    r"^(?:(?:le|la|l|ce|cet|cette|en|dans la|dans l|dans le|les) )?"
    r"(?P<part>matin|matinée|après midi|aprem|soir|soirée|nuit)s?$"
)
_CLOCK = re.compile(
    r"^(?P<h>\d{1,2})(?: (?:heures?|h))?"
    r"(?: (?P<m>\d{1,2})| et (?P<half>demie?|quart)| moins (?:le )?(?P<to>quart|\d{1,2}))?"
    r"(?: (?:du|de la|de l) (?P<part>matin|après midi|aprem|soir|nuit))?$"
)
_NOON = re.compile(
    r"^(?P<h>midi|minuit)(?: et (?P<half>demie?|quart)| moins (?:le )?(?P<to>quart))?$"
)
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS - {"cent", "cents", "mille"}, key=len, reverse=True))
_HOUR = rf"(?:\d{{1,2}}|(?:{_NUMBER_WORD})(?: (?:{_NUMBER_WORD})){{0,3}})"
# What a time said aloud can look like, so "à 19 h en semaine" splits after "h".
TIME_SHAPE = (
    rf"(?:\d{{1,2}}h(?:\d{{2}})?|{_HOUR}(?: (?:heures?|h))?"
    rf"(?: {_HOUR}| et (?:demie?|quart)| moins (?:le )?(?:quart|{_HOUR}))?"
    r"(?: (?:du|de la|de l) (?:matin|après midi|aprem|soir|nuit))?"
    r"|(?:midi|minuit)(?: et (?:demie?|quart)| moins (?:le )?quart)?"
    r"|(?:(?:le|la|l|ce|cet|cette|en|dans la|dans l|dans le|les) )?"
    r"(?:matin|matinée|après midi|aprem|soir|soirée|nuit)s?)"
)


def parse_time(text: str) -> str | None:
    """A time said aloud, as Alexa's AMAZON.TIME gives it: "19:00", or "EV" for "le soir".

    >>> [parse_time(t) for t in ("19h30", "7:30", "midi et demi", "dix-neuf heures quinze")]
    ['19:30', '07:30', '12:30', '19:15']
    >>> [parse_time(t) for t in ("six heures moins le quart", "trois heures de l'après-midi")]
    ['05:45', '15:00']
    >>> [parse_time(t) for t in ("l'après-midi", "violet", "25 h")]
    ['AF', None, None]
    """
    said = LEXICON.normalise(text)
    said = re.sub(r"^(?:à|a|vers|pour|dès) ", "", said)
    said = re.sub(r"\b(\d{1,2})h(\d{2})?\b", lambda m: f"{m[1]} h {m[2] or ''}", said)
    said = " ".join(said.split())
    part = _PART_OF_DAY.match(said)
    if part is not None:
        return _PARTS[part["part"]]
    noon = _NOON.match(said)
    if noon is not None:
        hour = 12 if noon["h"] == "midi" else 0
        return _clock(hour, _minutes(noon["half"], noon["to"], None))
    found = _CLOCK.match(_in_digits(said))
    if found is None:
        return None
    hour = int(found["h"])
    late = found["part"] in ("après midi", "aprem", "soir") or (
        found["part"] == "nuit" and hour >= 6
    )
    if late and hour < 12:
        hour += 12
    elif found["part"] == "matin" and hour == 12:
        hour = 0
    if hour >= 24:
        return None
    return _clock(hour, _minutes(found["half"], found["to"], found["m"]))


def _minutes(half: str | None, to: str | None, minutes: str | None) -> int | None:
    if half is not None:
        return 15 if half == "quart" else 30
    if to is not None:
        return -15 if to == "quart" else -int(to)
    return int(minutes or 0)


def _clock(hour: int, minutes: int | None) -> str | None:
    if minutes is None or not -60 < minutes < 60:
        return None
    return clock_time(hour, minutes)


# -- comparing words ----------------------------------------------------------------------

_FRENCH = snowball("french")


def _stem(word: str) -> str:
    """Snowball's French stem, its accents folded ("étirement", "etirement" -> "etir")."""
    return without_accents(_FRENCH(word))


_LIGHT = (
    "le la les l un une des du de d au aux à a et ou je j tu t il elle on nous vous me m te "
    "se s ce c ça ca cette cet mon ma mes ton ta tes son sa ses y en que qu est là "
    "très vraiment bien un peu oh ah waouh wow ouah eh"
)
# A verb's forms, each made its infinitive ("peux", "pourrais" -> "pouvoir").
_VERBS = {
    "être": "suis es est sommes êtes sont étais était été",
    "avoir": "ai as a avons avez ont avais avait eu",
    "faire": "fais fait faites font faisais",
    "aller": "vais vas va allons allez vont",
    "pouvoir": "peux peut pouvons pouvez peuvent pourrais pourrait",
    "vouloir": "veux veut voulons voulez voudrais",
    "devoir": "dois doit devons devez devrais",
    "sentir": "sens sent sentons sentez senti sentie sente sentes sentent",
    "mettre": "mets met mettons mettez mis mise",
    "dire": "dis dit disons dites",
}
_IRREGULAR = {
    **{form: verb for verb, forms in _VERBS.items() for form in (verb, *forms.split())},
    "ouais": "oui", "ouaip": "oui", "ok": "okay", "nan": "non", "mieux": "bien",
}  # fmt: skip

# -- Alexa's own French -------------------------------------------------------------------

_BUILT_IN = {
    "AMAZON.YesIntent": "oui|ouais|oui oui|d accord|ok|okay|bien sûr|volontiers|avec plaisir|"
    "c est ça|exactement|tout à fait|absolument|carrément|pourquoi pas|ça marche|"
    "ça me va|parfait|bonne idée|oui s il te plaît|oui s il vous plaît|oui merci|"
    "oui bien sûr|évidemment|je veux bien",
    "AMAZON.NoIntent": "non|non merci|nan|non non|pas maintenant|pas aujourd hui|"
    "pas vraiment|pas du tout|surtout pas|pas question|non pas maintenant|non c est bon|"
    "non ça va|plus tard|non plus tard|je ne pense pas|pas la peine|non pas la peine",
    "AMAZON.HelpIntent": "aide|aide moi|à l aide|qu est ce que je peux dire|que puis je dire|"
    "comment ça marche|j ai besoin d aide|tu peux m aider|peux tu m aider|que faire|"
    "je fais quoi|qu est ce que je dois faire|instructions|c est quoi les options|"
    "quelles sont les options",
    "AMAZON.StopIntent": "stop|arrête|arrêter|arrête toi|arrête ça|tais toi|chut|silence|"
    "ça suffit|assez|termine|terminer|fin|au revoir|salut|bye|ciao|à plus|à plus tard|"
    "à la prochaine|c est fini",
    "AMAZON.CancelIntent": "annule|annuler|annule ça|laisse tomber|laisse faire|oublie|oublie ça|"
    "peu importe|tant pis|non rien|rien",
    "AMAZON.NavigateHomeIntent": "accueil|retour à l accueil|va à l accueil|menu principal",
    "AMAZON.NextIntent": "suivant|suivante|la suite|passe|passer|avance|en avant|ensuite|"
    "et après|d après|le suivant|au suivant|la prochaine",
    "AMAZON.PreviousIntent": "précédent|précédente|retour|recule|reviens|en arrière|"
    "le précédent|retour en arrière|reviens en arrière",
    "AMAZON.RepeatIntent": "répète|répéter|répète s il te plaît|répétez|tu peux répéter|"
    "vous pouvez répéter|redis|redis le|encore une fois|pardon|comment|quoi|hein",
    "AMAZON.PauseIntent": "pause|mets en pause|mettre en pause|pause s il te plaît|fais pause",
    "AMAZON.ResumeIntent": "reprendre|reprends|reprise|continue|continuer|reprends la lecture|"
    "relance",
    "AMAZON.StartOverIntent": "recommencer|recommence|recommence depuis le début|"
    "reprendre depuis le début|redémarrer|redémarre|depuis le début|réinitialiser|"
    "on recommence|recommence à zéro",
}
# What Alexa knows is for no skill at all (its out-of-domain training, which is what its
# fallback intent is made of): requests for other things, and chit-chat.
_OUT_OF_DOMAIN = (
    "quel temps fait il|quel temps il fait|il fait quel temps|est ce qu il va pleuvoir demain|"
    "on est quel jour|quelle est la date|quelle heure est il|il est quelle heure|"
    "mets un minuteur de dix minutes|mets une alarme à sept heures|réveille moi à six heures|"
    "mets de la musique|joue de la musique|mets la radio|mets ma playlist|monte le son|"
    "baisse le son|allume la lumière|éteins la lumière|raconte moi une histoire|"
    "raconte moi une blague|donne moi les infos|quelles sont les nouvelles|appelle maman|"
    "envoie un message|ajoute du lait à ma liste de courses|qu est ce que j ai dans mon agenda|"
    "commande du papier toilette|quelle est la hauteur de la tour eiffel|qui est le président|"
    "combien font deux plus deux|bonjour|bonsoir|coucou|comment ça va|je t aime|"
    "comment tu t appelles|tu es là|qu est ce que je mange ce midi|c est quoi le score|"
    "où sont mes clés|allume la télé|merci|quelle est la capitale de la france"
)
_LAUNCH_VERBS = (
    "ouvre", "ouvrir", "lance", "lancer", "démarre", "démarrer", "commence", "active",
    "utilise", "demande à", "demander à", "dis à", "parle à", "parler à",
)  # fmt: skip
# Words a value is never spotted from the start of: "à {time}", "le {stretch}".
_SPOT_SKIPS = "à a vers pour le la les l de du d en et un"

_FILLERS = "euh heu euhm hum hmm hm mmm mm bah pfff stp svp merci alexa genre coudonc tsé"
# Dropped wherever they stand, before the fillers.
_DROPPED = "s il te plaît|s il te plait|s il vous plaît|s il vous plait|merci beaucoup|merci bien"
# Said first, these only lead in ("bon alors", "tu peux ..."): dropped when words follow.
_LEAD_INS = (
    "bon ben|bon alors|ben alors|eh bien|bon|ben|alors|donc|faque|bah|ok|okay|d accord|"
    "c est correct|allez|écoute|dis|et|mais|enfin|tu peux|tu pourrais|vous pouvez|pouvez vous|"
    "peux tu|est ce que tu peux|je crois que|je pense que|oh|ah|hé"
)
_TAIL_OFFS = "je pense|je crois|déjà|hein|alors|là"
# Words "pas" reaches over to the word it bears on: "pas vraiment bien", "pas l étirement".
_NEGATION_REACH = "le la les l un une du de d des me m te se s y en trop très vraiment bien tout"

LEXICON = Lexicon(
    language="fr",
    fillers=frozenset(_FILLERS.split()),
    dropped=tuple(_DROPPED.split("|")),
    lead_ins=tuple(_LEAD_INS.split("|")),
    tail_offs=tuple(_TAIL_OFFS.split("|")),
    # "ne" and its elision go, so "je ne sens rien" is the everyday "je sens rien"; "t" is
    # "tu" ("t as dit quoi"), "j" is "je", Québec's "chu" is "je suis".
    contractions={"ne": "", "n": "", "t": "tu", "j": "je", "qu": "que", "chu": "je suis"},
    irregular=_IRREGULAR,
    light_words=frozenset(_LIGHT.split()) | {_stem(w) for w in _LIGHT.split()},
    negations=frozenset({"pas", "jamais", "point"}),
    negation_reach=frozenset(_NEGATION_REACH.split()),
    stem=_stem,
    launch_before=_LAUNCH_VERBS,
    articles=("le", "la", "les"),
    joiners=("de", "d", "si", "s", "que", "qu", "et", "pour"),
    built_in={name: tuple(phrases.split("|")) for name, phrases in _BUILT_IN.items()},
    out_of_domain=tuple(_OUT_OF_DOMAIN.split("|")),
    # "quitter" closes the skill outright: Alexa sends a SessionEndedRequest, no intent.
    exit_phrases=frozenset({"quitter", "quitte la skill", "quitter la skill"}),
    parse_number=parse_number,
    parse_time=parse_time,
    time_shape=TIME_SHAPE,
    spot_skips=frozenset(_SPOT_SKIPS.split()),
    apostrophe=" ",
)
