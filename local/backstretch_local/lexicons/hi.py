"""Hindi as people in India say it to Alexa: the resolver's words for hi-IN.

Phrases are written normalised (lowercase, no punctuation), in Devanagari, with the English
words people mix in as Alexa's Hindi recognition writes most of them (in Devanagari: "पॉज़",
"स्किप", "रिमाइंडर"). Numbers and times are read as AMAZON.NUMBER and AMAZON.TIME read them:
"पच्चीस" is 25, "शाम सात बजे" is 19:00 (the part of the day comes first), "सुबह साढ़े सात
बजे" 07:30, "सवा छह" 6:15, "पौने आठ" 7:45, "शाम को" EV.
"""

from __future__ import annotations

import re

from backstretch_local.lexicon import Lexicon, snowball

# Hindi names every number from 1 to 99 with its own word (no "twenty-one" pattern).
_NUMBER_WORDS = (
    "शून्य एक दो तीन चार पाँच छह सात आठ नौ दस ग्यारह बारह तेरह चौदह पंद्रह सोलह सत्रह अठारह "
    "उन्नीस बीस इक्कीस बाईस तेईस चौबीस पच्चीस छब्बीस सत्ताईस अट्ठाईस उनतीस तीस इकतीस बत्तीस "
    "तैंतीस चौंतीस पैंतीस छत्तीस सैंतीस अड़तीस उनतालीस चालीस इकतालीस बयालीस तैंतालीस चवालीस "
    "पैंतालीस छियालीस सैंतालीस अड़तालीस उनचास पचास इक्यावन बावन तिरपन चौवन पचपन छप्पन सत्तावन "
    "अट्ठावन उनसठ साठ इकसठ बासठ तिरसठ चौंसठ पैंसठ छियासठ सड़सठ अड़सठ उनहत्तर सत्तर इकहत्तर "
    "बहत्तर तिहत्तर चौहत्तर पचहत्तर छिहत्तर सतहत्तर अठहत्तर उनासी अस्सी इक्यासी बयासी तिरासी "
    "चौरासी पचासी छियासी सत्तासी अट्ठासी नवासी नब्बे इक्यानवे बानवे तिरानवे चौरानवे पचानवे "
    "छियानवे सत्तानवे अट्ठानवे निन्यानवे"
)
_UNITS = _NUMBER_WORDS.split()
NUMBERS: dict[str, int] = {word: value for value, word in enumerate(_UNITS)}
# Other spellings people (and speech recognition) write.
NUMBERS |= {"पांच": 5, "छः": 6, "छे": 6, "छै": 6, "सोला": 16, "अठाइस": 28, "उन्तीस": 29}
HUNDRED = "सौ"
# Fractions said before a number: "साढ़े सात" 7.5, "सवा छह" 6.25, "पौने आठ" 7.75; and the two
# that are words of their own: "डेढ़" 1.5, "ढाई" 2.5.
QUARTERS = {"सवा": 15, "साढ़े": 30, "साढे": 30, "पौने": -15}
HALVES = {"डेढ़": (1, 30), "डेढ": (1, 30), "ढाई": (2, 30)}
_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")

# The parts of the day, as AMAZON.TIME names them when no hour is said.
PARTS = {"सुबह": "MO", "सवेरे": "MO", "दोपहर": "AF", "शाम": "EV", "रात": "NI"}


def parse_number(said: str) -> int | None:
    """A whole number said in Hindi words or in digits (Latin or Devanagari).

    >>> parse_number("पच्चीस"), parse_number("२५"), parse_number("दो सौ पच्चीस")
    (25, 25, 225)
    >>> parse_number("डेढ़ सौ"), parse_number("सौ"), parse_number("कुछ")
    (150, 100, None)
    """
    words = said.translate(_DIGITS).split()
    if len(words) == 1 and words[0].isdigit():
        return int(words[0])
    if HUNDRED in words:
        at = words.index(HUNDRED)
        before, after = words[:at], words[at + 1 :]
        hundreds = 100 if not before else _hundreds(before)
        rest = 0 if not after else parse_number(" ".join(after))
        if hundreds is None or rest is None or rest >= 100:
            return None
        return hundreds + rest
    if len(words) == 1:
        return NUMBERS.get(words[0])
    return None


def _hundreds(words: list[str]) -> int | None:
    """ "दो" 200, "डेढ़" 150, "ढाई" 250, "एक" 100."""
    if len(words) != 1:
        return None
    if words[0] in HALVES:
        whole, half = HALVES[words[0]]
        return whole * 100 + half * 100 // 60
    count = parse_number(words[0])
    return None if count is None else count * 100


_PART = "|".join(PARTS)
_NUMBER_WORD = "|".join(sorted(NUMBERS, key=len, reverse=True))
_HOUR = rf"\d{{1,2}}(?::\d{{2}})?|{_NUMBER_WORD}|{'|'.join(HALVES)}"
TIME_SHAPE = (
    rf"(?:(?:{_PART})(?: को| में)?$)|"
    rf"(?:(?:{_PART})(?: को| के| में)? )?"
    rf"(?:(?:{'|'.join(QUARTERS)}) )?"
    rf"(?:{_HOUR})"
    rf"(?: बजे| बजकर(?: (?:\d{{1,2}}|{_NUMBER_WORD}))?(?: मिनट)?)?"
    rf"(?: (?:{_PART})(?: को| के| में)?)?"
)
_TIME = re.compile(
    rf"^(?:(?P<before>{_PART})(?: को| के| में)? )?"
    rf"(?:(?P<quarter>{'|'.join(QUARTERS)}) )?"
    rf"(?P<hour>{_HOUR})"
    rf"(?: बजे| बजकर(?: (?P<minutes>\d{{1,2}}|{_NUMBER_WORD}))?(?: मिनट)?)?"
    rf"(?: (?P<after>{_PART})(?: को| के| में)?)?$"
)
_PART_ALONE = re.compile(rf"^(?:(?P<part>{_PART})(?: को| के समय| में| का समय)?)$")


def parse_time(said: str) -> str | None:
    """A time said in Hindi, as AMAZON.TIME gives it: "HH:MM", or the part of the day.

    >>> parse_time("शाम सात बजे"), parse_time("सुबह साढ़े सात बजे"), parse_time("दोपहर 3 बजे")
    ('19:00', '07:30', '15:00')
    >>> parse_time("शाम सवा छह बजे"), parse_time("सुबह पौने आठ बजे"), parse_time("रात नौ बजे")
    ('18:15', '07:45', '21:00')
    >>> parse_time("शाम को"), parse_time("8 बजे"), parse_time("साढ़े पाँच बजे शाम")
    ('EV', '08:00', '17:30')
    >>> parse_time("रात 12 बजे"), parse_time("दोपहर 12 बजे"), parse_time("ढाई बजे दोपहर")
    ('00:00', '12:00', '14:30')
    """
    text = " ".join(said.translate(_DIGITS).split())
    alone = _PART_ALONE.match(text)
    if alone:
        return PARTS[alone["part"]]
    found = _TIME.match(text)
    if found is None:
        return None
    hour, minute = _clock(found["hour"])
    if hour is None:
        return None
    if found["quarter"]:
        shift = QUARTERS[found["quarter"]]
        hour, minute = (hour - 1, 45) if shift < 0 else (hour, minute + shift)
    if found["minutes"]:
        minutes = parse_number(found["minutes"])
        minute = minutes if minutes is not None and minutes < 60 else minute
    part = found["before"] or found["after"]
    hour = _in_part(hour, PARTS[part] if part else "")
    if not 0 <= hour < 24 or not 0 <= minute < 60:
        return None
    return f"{hour:02d}:{minute:02d}"


def _clock(said: str) -> tuple[int | None, int]:
    """The hour (and minutes) of "7", "7:30", "सात", "डेढ़"."""
    if said in HALVES:
        return HALVES[said]
    if ":" in said:
        hour, minute = said.split(":")
        return int(hour), int(minute)
    return parse_number(said), 0


def _in_part(hour: int, part: str) -> int:
    """A 12-hour clock's hour in the part of the day said with it: "शाम 7" is 19, "रात 12"
    is midnight, "रात 2" is 2 at night, "दोपहर 12" is noon."""
    if part in ("AF", "EV") and hour < 12:
        return hour + 12
    if part == "NI":
        if hour == 12:
            return 0
        return hour + 12 if 6 <= hour < 12 else hour
    if part == "MO" and hour == 12:
        return 0
    return hour


_SNOWBALL = snowball("hindi")


def stem(word: str) -> str:
    """Snowball's Hindi stem, unless it leaves one letter: "करो" is "कर", but "हाँ", "ही"
    and "हो" stay apart (each would be "ह"), as do "दो", "दे" and "ना".

    >>> stem("दुखता"), stem("करो"), stem("हाँ"), stem("ही")
    ('दुख', 'कर', 'हाँ', 'ही')
    """
    stemmed = _SNOWBALL(word)
    return word if len(stemmed) < 2 else stemmed


_FILLERS = "अम्म उम्म हम्म हम्मम अं उह ओह अरे ज़रा जरा प्लीज़ प्लीज यार भाई वैसे मतलब"
# Postpositions, auxiliaries, pronouns and particles: they weigh little.
_LIGHT = (
    "को में से का की के पर तक ने है हैं था थी थे हूँ हो रहा रही रहे मैं मुझे मेरा मेरी "
    "मेरे मुझसे आप आपका तुम यह ये वह वो इस उस इसे उसे इसको तो भी ही जी एक वाला वाली "
    "वाले अब अभी"
)

LEXICON = Lexicon(
    language="hi",
    fillers=frozenset(_FILLERS.split()),
    lead_ins=("अच्छा", "ओके", "ठीक है", "सॉरी", "अलेक्सा", "तो", "सुनो", "हाँ तो", "अच्छा तो"),
    tail_offs=("ना", "प्लीज़", "प्लीज", "यार", "जी", "भाई", "बस इतना"),
    # Words written two ways (a nukta or chandrabindu left out); the model's spelling wins.
    contractions={
        "हफ्ता": "हफ़्ता",
        "हफ्ते": "हफ़्ते",
        "ज्यादा": "ज़्यादा",
        "फायदा": "फ़ायदा",
        "तरफ": "तरफ़",
        "खत्म": "ख़त्म",
        "फ्लेक्सर": "फ़्लेक्सर",
        "पोजिशन": "पोज़िशन",
        "पोजीशन": "पोज़िशन",
        "पॉज": "पॉज़",
        "पाज": "पॉज़",
        "हां": "हाँ",
        "रोज": "रोज़",
        "जमीन": "ज़मीन",
        "तेज": "तेज़",
        "बांह": "बाँह",
        "जाँघ": "जांघ",
        "जरूर": "ज़रूर",
        "मजा": "मज़ा",
        "रिज्यूम": "रिज़्यूम",
        "प्लेटफार्म": "प्लेटफ़ॉर्म",
        "प्लेटफॉर्म": "प्लेटफ़ॉर्म",
        "शेल्फ": "शेल्फ़",
        "मुश्किल": "मुश्किल",
        "पांच": "पाँच",
        "सवेरे": "सुबह",
    },
    # A listener's gender shows in the verb: one base for both, before stemming.
    irregular={
        "सकती": "सकता",
        "सकते": "सकता",
        "गई": "गया",
        "गयी": "गया",
        "गए": "गया",
        "गये": "गया",
        "रही": "रहा",
        "रहे": "रहा",
        "थी": "था",
        "थे": "था",
        "हुई": "हुआ",
        "हुए": "हुआ",
        "आई": "आया",
        "आए": "आया",
        "पाऊँगी": "पाऊँगा",
        "पाती": "पाता",
        "करती": "करता",
        "लेती": "लेता",
        "रखती": "रखता",
        "थकी": "थका",
        "दुखती": "दुखता",
        "घुटनों": "घुटने",
        "कंधों": "कंधे",
    },
    light_words=frozenset(_LIGHT.split()),
    # "नहीं" leads a phrase as "no" as often as it negates a verb: only "मत" and "न" mark one.
    negations=frozenset({"मत", "न"}),
    negation_reach=frozenset({"बिल्कुल", "ज़्यादा", "अभी", "पूरा", "ठीक", "से", "तो", "भी"}),
    stem=stem,
    # The name comes first in Hindi ("कमर की स्ट्रेचिंग खोलो"); an English verb may lead.
    launch_before=("ओपन करो", "ओपन", "खोलो", "स्टार्ट करो", "चलाओ"),
    # After the name: a verb that opens it, or one that asks it something ("कमर की
    # स्ट्रेचिंग से पूछो मेरा हफ़्ता कैसा रहा"), the request following, maybe after "कि".
    launch_after=(
        "खोलो",
        "खोलिए",
        "खोल दो",
        "शुरू करो",
        "शुरू कीजिए",
        "चालू करो",
        "चलाओ",
        "स्टार्ट करो",
        "ओपन करो",
        "लगाओ",
        "से पूछो",
        "से पूछिए",
        "से बोलो",
        "से कहो",
        "को बोलो",
    ),
    articles=(),
    wake_words=("alexa", "अलेक्सा", "एलेक्सा", "अलेक्ज़ा"),
    joiners=("कि",),
    built_in={
        "AMAZON.YesIntent": ("हाँ", "हाँ जी", "जी हाँ", "ठीक है", "ज़रूर", "बिल्कुल", "ओके", "जी"),
        "AMAZON.NoIntent": ("नहीं", "ना", "नहीं जी", "जी नहीं", "नो", "नहीं चाहिए"),
        "AMAZON.HelpIntent": ("मदद", "मदद करो", "हेल्प", "हेल्प करो"),
        "AMAZON.StopIntent": ("बंद करो", "स्टॉप", "बस करो", "बंद", "चुप हो जाओ", "बंद कर दो"),
        "AMAZON.CancelIntent": ("कैंसल", "कैंसल करो", "रद्द करो", "रहने दो", "छोड़ो रहने दो"),
        "AMAZON.NavigateHomeIntent": ("होम पर जाओ", "होम", "होम स्क्रीन"),
        "AMAZON.NextIntent": ("अगला", "नेक्स्ट", "आगे", "आगे बढ़ो"),
        "AMAZON.PreviousIntent": ("पिछला", "पीछे", "पीछे जाओ", "वापस जाओ"),
        "AMAZON.RepeatIntent": ("फिर से बोलो", "दोबारा बोलो", "रिपीट", "रिपीट करो"),
        "AMAZON.PauseIntent": ("पॉज़", "पॉज़ करो", "रुको"),
        "AMAZON.ResumeIntent": ("जारी रखो", "रिज़्यूम करो", "चालू करो", "फिर से चालू करो"),
        "AMAZON.StartOverIntent": ("शुरू से", "फिर से शुरू करो", "शुरू से करो"),
    },
    out_of_domain=(
        "गाना बजाओ",
        "कोई गाना सुनाओ",
        "आज मौसम कैसा है",
        "कल का मौसम बताओ",
        "दिल्ली का मौसम",
        "कितने बजे हैं",
        "अभी क्या टाइम है",
        "कोई जोक सुनाओ",
        "कोई कहानी सुनाओ",
        "न्यूज़ सुनाओ",
        "आज की खबरें",
        "लाइट जलाओ",
        "पंखा चलाओ",
        "एसी चालू करो",
        "टीवी चालू करो",
        "अलार्म लगाओ",
        "टाइमर लगाओ",
        "क्रिकेट का स्कोर बताओ",
        "चाय बना दो",
        "पिज़्ज़ा ऑर्डर करो",
        "मम्मी को कॉल करो",
        "फ़ोन बज रहा है",
        "वॉल्यूम बढ़ाओ",
        "आवाज़ कम करो",
        "क्या हाल है",
        "तुम कौन हो",
        "तुम्हारा नाम क्या है",
        "भजन बजाओ",
        "रेडियो चलाओ",
        "शॉपिंग लिस्ट में दूध डालो",
        "आज कौन सी तारीख है",
        "ट्रैफ़िक कैसा है",
        "थैंक यू",
        "शुक्रिया",
        "गुड नाइट",
        "नमस्ते",
        "खाने में क्या बनाऊँ",
        "आज का राशिफल बताओ",
        "डॉलर का रेट क्या है",
        "कोई शायरी सुनाओ",
        "अमेज़न से सामान मँगाओ",
    ),
    exit_phrases=frozenset({"बाहर निकलो", "स्किल से बाहर निकलो", "एग्ज़िट", "एग्जिट", "exit"}),
    parse_number=parse_number,
    parse_time=parse_time,
    time_shape=TIME_SHAPE,
)
