"""A typed phrase as Alexa would hear it: normalised, without fillers, numbers and times read.

Alexa's language understanding gets speech, not text: no punctuation, no case, and built-in
slot types already read ("three pm" arrives in an AMAZON.TIME slot as "15:00"). These are the
pure functions the resolver (`utterances.py`) builds on.

    >>> normalise("Um, okay so... could you REPEAT that, please?")
    'um okay so could you repeat that please'
    >>> without_fillers("um okay so could you repeat that please")
    'repeat that'
    >>> parse_time("half past seven in the evening"), parse_number("twenty five")
    ('19:30', 25)
"""

from __future__ import annotations

import re

# Said anywhere, these add nothing a person means: hesitations, and politeness.
_FILLERS = "um umm uhm uh uhh er erm hmm hm mm mmm ah ahh please pls just actually alexa thanks"
FILLERS = frozenset(_FILLERS.split())
# Said first, these only lead in ("okay so", "could you ..."): dropped when words follow.
_LEAD_INS = (
    "okay so", "ok so", "alright so", "all right so", "so", "well", "oh", "okay", "ok",
    "alright", "all right", "hey", "now", "and", "but", "could you", "can you",
    "would you", "will you", "i think", "you know", "i mean", "like",
)  # fmt: skip
# Said last, these only soften what came before.
_TAIL_OFFS = ("i guess", "i think", "now", "then")

_UNITS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000}
NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TENS) | frozenset(_SCALES) | {"and"}

# AMAZON.TIME's values for a part of the day said without a time.
_PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_CLOCK = re.compile(
    r"^(?:at )?(?P<h>\d{1,2})(?::(?P<m>\d{2})| (?P<m2>\d{1,2}))?(?: ?(?P<ampm>am|pm|a m|p m))?"
    r"(?: (?:in the (?P<part>morning|afternoon|evening|night)|at (?P<night>night)))?$"
)
_PAST_OR_TO = re.compile(r"^(?P<minutes>half|quarter|\d{1,2})(?: minutes?)? (?P<way>past|to) ")
_HOUR_WORD = (
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)"
)
# What a time said aloud can look like, so "at 3 pm weekdays" splits after "pm".
TIME_SHAPE = (
    rf"(?:(?:(?:half|quarter|{_HOUR_WORD}) (?:past|to) )?"
    rf"{_HOUR_WORD}(?::\d{{2}}| {_HOUR_WORD}(?: {_HOUR_WORD})?| oh {_HOUR_WORD})?"
    r"(?: oclock)?(?: ?(?:am|pm|a m|p m))?(?: in the \w+| at night)?"
    r"|(?:the |this |in the )?(?:noon|midday|midnight|mornings?|afternoons?|evenings?|nights?))"
)


def normalise(text: str) -> str:
    """Lowercase, apostrophes dropped, other punctuation and hyphens made spaces, whitespace
    folded, and a leading wake word removed.

    >>> normalise("  Alexa,  What's   my STREAK?! ")
    'whats my streak'
    >>> normalise("twenty-five")
    'twenty five'
    """
    lowered = text.lower().replace("\u2019", "'").replace("'", "")
    spaced = re.sub(r"[^\w\s]|_", " ", lowered)
    words = spaced.split()
    if words and words[0] == "alexa":
        words = words[1:]
    return " ".join(words)


def without_fillers(phrase: str) -> str:
    """A normalised phrase without hesitations, politeness, lead-ins or tail-offs; a phrase
    that is nothing else is kept as it was ("okay" stays "okay"), and one of fillers only
    ("um", "hmm") becomes "".

    >>> without_fillers("okay so um i think im ready now")
    'im ready'
    >>> without_fillers("okay"), without_fillers("hmm")
    ('okay', '')
    """
    words = [word for word in phrase.replace("thank you", " ").split() if word not in FILLERS]
    changed = True
    while changed:
        changed = False
        said = " ".join(words)
        for lead in _LEAD_INS:
            if said.startswith(lead + " "):
                words, changed = words[len(lead.split()) :], True
                break
        said = " ".join(words)
        for tail in _TAIL_OFFS:
            if said.endswith(" " + tail):
                words, changed = words[: -len(tail.split())], True
                break
    return " ".join(words)


def parse_number(text: str) -> int | None:
    """A whole number said in digits or words, as Alexa's AMAZON.NUMBER hears it.

    >>> [parse_number(t) for t in ("25", "twenty five", "a hundred and five", "seven", "lots")]
    [25, 25, 105, 7, None]
    """
    words = normalise(text).split()
    if len(words) == 1 and words[0].isdigit():
        return int(words[0])
    if not words or words[0] == "and" or words[-1] == "and":
        return None
    total = current = 0
    previous: str | None = None
    for word in words:
        if word == "and" and previous in _SCALES:
            previous = word
            continue
        if word in _UNITS and (word not in ("a", "an") or previous is None):
            if previous in _UNITS or (previous in _TENS and _UNITS[word] >= 10):
                return None
            current += _UNITS[word]
        elif word in _TENS:
            if previous in _UNITS or previous in _TENS:
                return None
            current += _TENS[word]
        elif word in _SCALES:
            if current == 0 and previous is None:
                current = 1  # "hundred" alone
            if current == 0:
                return None
            if _SCALES[word] == 100:
                current *= 100
            else:
                total += current * _SCALES[word]
                current = 0
        else:
            return None
        previous = word
    return total + current


def parse_time(text: str) -> str | None:
    """A time said aloud, as Alexa's AMAZON.TIME gives it: "15:00", or "EV" for "evening".

    >>> [parse_time(t) for t in ("3 pm", "7:30", "noon", "the evening", "8 in the morning")]
    ['15:00', '07:30', '12:00', 'EV', '08:00']
    >>> [parse_time(t) for t in ("three pm", "six thirty in the evening", "quarter to seven")]
    ['15:00', '18:30', '06:45']
    >>> parse_time("purple") is None
    True
    """
    said = normalise(text).replace("oclock", "").replace("o clock", "")
    said = " ".join(said.split()).removeprefix("at ").removeprefix("in ").removeprefix("the ")
    said = said.removeprefix("this ")
    if said in ("noon", "midday"):
        return "12:00"
    if said == "midnight":
        return "00:00"
    if said.removesuffix("s") in _PARTS_OF_DAY:
        return _PARTS_OF_DAY[said.removesuffix("s")]
    said = _in_digits(said)
    minutes_off = 0
    past_or_to = _PAST_OR_TO.match(said)
    if past_or_to is not None:
        amount = {"half": 30, "quarter": 15}.get(past_or_to["minutes"])
        amount = int(past_or_to["minutes"]) if amount is None else amount
        minutes_off = amount if past_or_to["way"] == "past" else -amount
        said = said[past_or_to.end() :]
    found = _CLOCK.match(said)
    if found is None or (minutes_off and (found["m"] or found["m2"])):
        return None
    hour, minute = int(found["h"]), int(found["m"] or found["m2"] or 0)
    ampm = (found["ampm"] or "").replace(" ", "")
    if (ampm == "pm" or found["part"] in ("afternoon", "evening", "night") or found["night"]) and (
        hour < 12
    ):
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    if hour >= 24 or minute >= 60:
        return None
    total = (hour * 60 + minute + minutes_off) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


def _in_digits(said: str) -> str:
    """Number words as digits, an hour and its minutes apart: "seven thirty" -> "7 30"."""
    words, out = said.split(), []
    start = 0
    while start < len(words):
        if words[start] not in NUMBER_WORDS or words[start] in ("a", "an", "and"):
            out.append(words[start])
            start += 1
            continue
        end = start + 1
        best = None
        while end <= len(words) and words[end - 1] in NUMBER_WORDS:
            value = parse_number(" ".join(words[start:end]))
            if value is not None:
                best = (end, value)
            end += 1
        if best is None:
            out.append(words[start])
            start += 1
            continue
        out.append(str(best[1]))
        start = best[0]
    joined = " ".join(out)
    return re.sub(r"^(\d{1,2}) oh (\d)$", r"\1 0\2", joined)
