"""English, as the local resolver hears it (`backstretch_local.lexicon`): the words every
English locale shares (en-US, en-GB, en-CA, en-AU, en-IN).

    >>> parse_time("half past seven in the evening"), parse_number("twenty five")
    ('19:30', 25)
    >>> LEXICON.without_fillers("okay so um i think im ready now")
    'im ready'
"""

from __future__ import annotations

import re

from backstretch_local.lexicon import AFTERNOON, EVENING, MORNING, NIGHT, Lexicon, clock_time

# Said anywhere, these add nothing a person means: hesitations, and politeness.
_FILLERS = "um umm uhm uh uhh er erm hmm hm mm mmm ah ahh please pls just actually alexa thanks"
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
_PARTS_OF_DAY = {"morning": MORNING, "afternoon": AFTERNOON, "evening": EVENING, "night": NIGHT}
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


def parse_number(text: str) -> int | None:
    """A whole number said in digits or words, as Alexa's AMAZON.NUMBER hears it.

    >>> [parse_number(t) for t in ("25", "twenty five", "a hundred and five", "seven", "lots")]
    [25, 25, 105, 7, None]
    """
    words = LEXICON.normalise(text).split()
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
    said = LEXICON.normalise(text).replace("oclock", "").replace("o clock", "")
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
    return clock_time(hour, minute + minutes_off)


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


# -- comparing words ----------------------------------------------------------------------

# Words that carry little of what a person means, however rare.
_LIGHT = (
    "a am an and are at be can could do for i in is it let me my of on so that the this "
    "to us we will would you okay really very quite bit little gosh man boy oh ooh wow whoa "
    "geez jeez"
)
_CONTRACTIONS = {
    "im": "i am", "ive": "i have", "id": "i would", "ill": "i will", "youre": "you are",
    "thats": "that is", "whats": "what is", "its": "it is", "theres": "there is",
    "heres": "here is", "hows": "how is", "wheres": "where is", "whens": "when is",
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "cant": "can not",
    "cannot": "can not", "wont": "will not", "isnt": "is not", "arent": "are not",
    "wasnt": "was not", "werent": "were not", "havent": "have not", "hasnt": "has not",
    "shouldnt": "should not", "couldnt": "could not", "wouldnt": "would not",
    "lets": "let us", "gonna": "going to", "wanna": "want to", "gotta": "got to",
    "gimme": "give me", "kinda": "kind of", "thatll": "that will", "thatd": "that would",
    "itll": "it will", "weve": "we have", "ok": "okay", "alright": "all right",
    "sec": "second", "secs": "seconds", "min": "minute", "mins": "minutes",
}  # fmt: skip
_IRREGULAR = {
    "felt": "feel", "went": "go", "gone": "go", "got": "get", "gotten": "get", "did": "do",
    "does": "do", "was": "be", "were": "be", "am": "be", "is": "be", "are": "be",
    "been": "be", "said": "say", "took": "take", "made": "make", "kept": "keep",
    "knelt": "kneel", "hurted": "hurt", "better": "good", "best": "good", "yeah": "yes",
    "yep": "yes", "yup": "yes", "nah": "no", "nope": "no",
}  # fmt: skip


def _stem(word: str) -> str:
    """A light suffix strip: enough that a word's forms meet, not always a dictionary root."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith(("ches", "shes", "sses", "xes", "zes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = _undouble(word[:-3])
    elif word.endswith("ed") and len(word) > 4:
        word = _undouble(word[:-2])
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def _undouble(stem: str) -> str:
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":
        return stem[:-1]
    return stem


# -- Alexa's own English ------------------------------------------------------------------

_BUILT_IN = {
    "AMAZON.YesIntent": "yes|yeah|yep|yup|sure|ok|okay|of course|yes please|sounds good|"
    "absolutely|definitely|alright|all right|sure thing|go ahead|why not|i do|please|"
    "yes i do|lets do it",
    "AMAZON.NoIntent": "no|nope|nah|no thanks|no thank you|not now|not really|i dont|no way|"
    "not today|no i dont|maybe not",
    "AMAZON.HelpIntent": "help|help me|what can i say|what can i do|how does this work|"
    "i need help|can you help me|can you help|instructions|what do i do",
    "AMAZON.StopIntent": "stop|stop it|off|shut up|be quiet|quit|enough|thats enough|"
    "stop stretching|finish|im finished|end|goodbye|bye",
    "AMAZON.CancelIntent": "cancel|cancel that|never mind|nevermind|forget it",
    "AMAZON.NavigateHomeIntent": "go home|home|go to the home screen|go back home",
    "AMAZON.NextIntent": "next|skip|next please|go forward|forward|skip ahead",
    "AMAZON.PreviousIntent": "previous|go back|back|back up|last",
    "AMAZON.RepeatIntent": "repeat|again|repeat please|repeat it",
    "AMAZON.PauseIntent": "pause|pause it|pause that",
    "AMAZON.ResumeIntent": "resume|continue|unpause|resume it",
    "AMAZON.StartOverIntent": "start over|restart|start again|begin again|reset",
}
# What Alexa knows is for no skill at all (its out-of-domain training, which is what its
# fallback intent is made of): requests for other things, and chit-chat.
_OUT_OF_DOMAIN = (
    "whats the weather|will it rain tomorrow|what day is it|whats the date|what time is it now|"
    "set a timer for ten minutes|set an alarm for seven|wake me up at six|play music|"
    "play the radio|play my playlist|turn the volume up|louder|quieter|turn on the lights|"
    "turn off the lights|tell me a story|tell me the news|whats in the news|call mom|"
    "send a message|add milk to my shopping list|whats on my calendar|order paper towels|"
    "how tall is the eiffel tower|who is the president|whats two plus two|good morning|"
    "good night|hello|how are you|i love you|whats your name|are you there|"
    "what should i have for lunch|whats the score|where are my keys|turn on the tv|"
    "what time is it|whats the time"
)

_LAUNCH_VERBS = "open|start|launch|begin|load|run|use|play|ask|talk to|speak to|tell"
# Words that join the invocation name to a one-shot request: "ask X to ...", "ask X for ...".
_JOINERS = ("to", "and", "for", "about", "if", "whether", "that")

LEXICON = Lexicon(
    language="en",
    fillers=frozenset(_FILLERS.split()),
    dropped=("thank you",),
    lead_ins=_LEAD_INS,
    tail_offs=_TAIL_OFFS,
    contractions=_CONTRACTIONS,
    irregular=_IRREGULAR,
    light_words=frozenset(_LIGHT.split()),
    negations=frozenset({"not", "never"}),
    # Words a negation reaches over to the word it bears on: "not really kneel".
    negation_reach=frozenset(
        {"really", "quite", "very", "so", "too", "even", "exactly", "at", "all"}
    ),
    stem=_stem,
    launch_before=tuple(_LAUNCH_VERBS.split("|")),
    articles=("the",),
    joiners=_JOINERS,
    built_in={name: tuple(phrases.split("|")) for name, phrases in _BUILT_IN.items()},
    out_of_domain=tuple(_OUT_OF_DOMAIN.split("|")),
    exit_phrases=frozenset({"exit", "exit skill"}),
    parse_number=parse_number,
    parse_time=parse_time,
    time_shape=TIME_SHAPE,
    spot_skips=frozenset({"a", "an", "and", "at", "in", "the"}),
)
