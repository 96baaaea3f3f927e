"""Arabic as people in Saudi Arabia say it to the local resolver: folded spellings, Gulf
everyday words, numbers and times in words or digits.

People (and speech recognisers) write the same Arabic word several ways: hamza on alef or
not (أ إ آ ا), ة or ه at the end, ى or ي, with or without vowel marks (tashkeel) and the
stretching tatweel. Every entry here is written folded (`fold`), and `stem` folds a word
before snowball's Arabic stemmer (which also strips the attached ال, و, ب, ل), so the
resolver meets each word in one spelling. Numbers are read as AMAZON.NUMBER gives them
(MSA and Gulf words, "خمسة وعشرين", Arabic-Indic digits), times as AMAZON.TIME gives them
("الساعة 3 العصر" -> "15:00", "الصبح" -> "MO").

>>> fold("أُسْبُوعِي إِطالـــة مُريحة ذكرى")
'اسبوعي اطاله مريحه ذكري'
>>> [parse_number(said) for said in ("25", "خمسة وعشرين", "عشرين", "٣٠", "مية وخمسة", "كثير")]
[25, 25, 20, 30, 105, None]
>>> [parse_time(said) for said in ("3 العصر", "سبعة الصبح", "ستة ونص المغرب", "الصبح")]
['15:00', '07:00', '18:30', 'MO']
"""

# Arabic letters are the point of this module, not Latin look-alikes.
# ruff: noqa: RUF001, RUF002

from __future__ import annotations

import re
from collections.abc import Iterable

from backstretch_local.lexicon import Lexicon, clock_time, snowball

_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        **{chr(0x0660 + n): str(n) for n in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + n): str(n) for n in range(10)},  # Eastern Arabic-Indic digits
    }
)


def fold(text: str) -> str:
    """One spelling for each word: no tashkeel or tatweel, bare alef, ه for ة, ي for ى,
    Western digits."""
    return _TASHKEEL.sub("", text).translate(_LETTERS)


def _folded(phrases: str) -> tuple[str, ...]:
    """A "|"-separated list of phrases, each folded and its spaces made single."""
    return tuple(" ".join(fold(phrase).split()) for phrase in phrases.split("|"))


def _words(words: str) -> frozenset[str]:
    return frozenset(fold(words).split())


_arabic_stem = snowball("arabic")
# Dialect and MSA forms of one word, so that a sample in one meets a phrase in the other.
_SAME = {
    "ابغى": "ابي", "ابغي": "ابي", "ابا": "ابي", "اريد": "ابي", "ودي": "ابي",
    "ايش": "وش", "شو": "وش", "وشو": "وش", "ماذا": "وش", "لماذا": "ليش", "ليه": "ليش",
    "الان": "الحين", "هلحين": "الحين", "يوجعني": "يعورني", "يؤلمني": "يعورني",
    "يالمني": "يعورني", "توجعني": "تعورني", "يوجع": "يعور", "توجع": "تعور",
    "يؤلم": "يعور", "يالم": "يعور", "استطيع": "اقدر",
    "ركبتي": "ركبه", "ركبتين": "ركبه", "ركبي": "ركبه", "ركبتيني": "ركبه",
    "استني": "انتظري", "اصبري": "انتظري", "كمل": "كملي", "وقف": "وقفي", "رجعي": "ارجعي",
    "زي": "مثل", "كدا": "كذا", "هيك": "كذا", "غدا": "بكرة",
}  # fmt: skip
_IRREGULAR = {fold(said): fold(base) for said, base in _SAME.items()}


def stem(word: str) -> str:
    """A folded word's stem: snowball's Arabic stemmer after the dialect's own forms. A
    final ه is handed to snowball as the ة it usually is, which snowball strips as a suffix.

    >>> [stem(word) for word in ("الركبة", "ركبتي", "الركبه", "بالإطالة", "يوجعني")]
    ['ركب', 'ركب', 'ركب', 'اطال', 'يعور']
    """
    folded = fold(word)
    folded = _IRREGULAR.get(folded, folded)
    if folded.endswith("ه"):
        folded = folded[:-1] + "ة"
    return _arabic_stem(folded)


# --- numbers -----------------------------------------------------------------------------

_UNIT_WORDS = {
    0: "صفر",
    1: "واحد|واحده|وحده|احد|احدى|احدي",
    2: "اثنين|اثنان|اثنتين|اثنتان|ثنين|ثنتين|اتنين|اثنا|اثني|اثنتا|اثنتي",
    3: "ثلاثه|ثلاث|ثلاثة|تلاته|ثلاثا",
    4: "اربعه|اربع",
    5: "خمسه|خمس",
    6: "سته|ست",
    7: "سبعه|سبع",
    8: "ثمانيه|ثماني|ثمان|ثمنيه|ثمن",
    9: "تسعه|تسع",
    10: "عشره|عشر",
}
_TEEN_WORDS = {  # the Gulf's one-word teens
    11: "احدعش|احدعشر|حدعش", 12: "اطنعش|اثنعش|ثنعش|اثنعشر|اطناعش",
    13: "ثلطعش|ثلاثطعش|ثلتعش|تلطعش", 14: "اربعطعش|اربعتعش", 15: "خمسطعش|خمستعش",
    16: "سطعش|ستعش", 17: "سبعطعش|سبعتعش", 18: "ثمنطعش|ثمانطعش|ثمنتعش", 19: "تسعطعش|تسعتعش",
}  # fmt: skip
_TENS_WORDS = {
    20: "عشرين|عشرون", 30: "ثلاثين|ثلاثون|تلاتين", 40: "اربعين|اربعون", 50: "خمسين|خمسون",
    60: "ستين|ستون", 70: "سبعين|سبعون", 80: "ثمانين|ثمانون", 90: "تسعين|تسعون",
}  # fmt: skip
_HUNDRED_WORDS = {
    100: "ميه|مئه|مائه|ميت|مايه",
    200: "ميتين|مئتين|مائتين|مئتان|مائتان|ميتان",
    **{
        n * 100: "|".join(f"{root}{h}" for h in ("ميه", "مئه", "مائه", "مايه"))
        for n, root in ((3, "ثلاث"), (4, "اربع"), (5, "خمس"), (6, "ست"), (7, "سبع"),
                        (8, "ثمان"), (9, "تسع"))
    },
}  # fmt: skip
_THOUSAND_WORDS = {1000: "الف", 2000: "الفين|الفان"}


def _table(groups: dict[int, str]) -> dict[str, int]:
    return {fold(word): value for value, words in groups.items() for word in words.split("|")}


_UNITS, _TEENS, _TENS = _table(_UNIT_WORDS), _table(_TEEN_WORDS), _table(_TENS_WORDS)
_HUNDREDS, _THOUSANDS = _table(_HUNDRED_WORDS), _table(_THOUSAND_WORDS)
_NUMBER_WORDS = {**_UNITS, **_TEENS, **_TENS, **_HUNDREDS, **_THOUSANDS}


def _number_word(word: str) -> str | None:
    """A number word as written, or after its attached و ("وعشرين")."""
    if word in _NUMBER_WORDS or word.isdigit():
        return word
    if word.startswith("و") and (word[1:] in _NUMBER_WORDS or word[1:].isdigit()):
        return word[1:]
    return None


def parse_number(text: str) -> int | None:
    """A whole number said in digits or words, as AMAZON.NUMBER hears it: Arabic orders a
    number's parts as thousands, hundreds, then units before tens ("خمسة وعشرين").

    >>> [parse_number(t) for t in ("عشرين ثانية", "ثلاث مية", "احدعش", "احد عشر", "الف")]
    [None, 300, 11, 11, 1000]
    >>> [parse_number(t) for t in ("اربعه وخمسين", "مية وعشرة", "و", "عشرين خمسه")]
    [54, 110, None, None]
    """
    words = [_number_word(word) for word in fold(text).split() if word != "و"]
    if not words or None in words:
        return None
    said = [word for word in words if word is not None]
    if len(said) == 1 and said[0].isdigit():
        return int(said[0])
    if any(word.isdigit() for word in said):
        return None
    total, below = 0, 10_000  # each part below the one before: thousands, hundreds, the rest
    index = 0
    while index < len(said):
        word = said[index]
        following = said[index + 1] if index + 1 < len(said) else ""
        unit = _UNITS.get(word, -1)
        if 1 <= unit <= 9 and following in ("عشر", "عشره"):  # "احد عشر"
            value, index = 10 + unit, index + 2
        elif 1 <= unit <= 9 and _HUNDREDS.get(following) == 100:  # "ثلاث مية"
            value, index = unit * 100, index + 2
        elif 1 <= unit <= 9 and _THOUSANDS.get(following) == 1000:  # "ثلاث الف"
            value, index = unit * 1000, index + 2
        elif 1 <= unit <= 9 and following in _TENS:  # "خمسة وعشرين"
            value, index = unit + _TENS[following], index + 2
        else:
            value, index = _NUMBER_WORDS[word], index + 1
        if value >= below or (value == 0 and len(said) > 1):
            return None
        total, below = total + value, 1000 if value >= 1000 else 100 if value >= 100 else 0
    return total


# --- times -------------------------------------------------------------------------------

# Parts of the day, as AMAZON.TIME gives them when no hour is said.
_PARTS = {
    **dict.fromkeys(_folded("الصبح|الصباح|صباحا|صباح|بالصباح|الصبح بدري|الفجر|فجرا"), "MO"),
    **dict.fromkeys(_folded("العصر|عصرا|بعد الظهر|العصريه"), "AF"),
    **dict.fromkeys(_folded("المسا|المساء|مساء|مساءا|بالمسا|بالمساء|المغرب|مغربا"), "EV"),
    **dict.fromkeys(_folded("الليل|بالليل|ليلا|الليله|في الليل"), "NI"),
    **dict.fromkeys(_folded("الظهر|الضهر|ظهرا|الظهريه|وقت الظهر"), "12:00"),
    **dict.fromkeys(_folded("نص الليل|منتصف الليل|نصف الليل"), "00:00"),
}
_MORNING = frozenset(_folded("الصبح|الصباح|صباحا|صباح|بالصباح|الفجر|فجرا|ص"))
_NOON = frozenset(_folded("الظهر|الضهر|ظهرا"))
_LATER = frozenset(_folded("العصر|عصرا|المسا|المساء|مساء|مساءا|بالمسا|المغرب|مغربا|م"))
_NIGHT = frozenset(_folded("الليل|بالليل|ليلا|في الليل"))
_MINUTES = {"ونص": 30, "ونصف": 30, "وربع": 15, "وثلث": 20, "الا ربع": -15, "الا ثلث": -20}
_LEADING = _folded("الساعه|ساعه|على|في|عند|حوالي|تقريبا|خليها|يمكن|مثلا")
_MINUTE_WORDS = frozenset(_folded("دقيقه|دقايق|دقائق"))


def parse_time(text: str) -> str | None:
    """A time said aloud, as AMAZON.TIME gives it: "15:00", or "MO"/"AF"/"EV"/"NI" for a
    part of the day; an hour said with no part of the day is kept as said ("8" -> "08:00").

    >>> [parse_time(t) for t in ("الساعة سبعة مساء", "الساعة 5 30 مساء", "تسعة بالليل")]
    ['19:00', '17:30', '21:00']
    >>> [parse_time(t) for t in ("الساعة 12 الظهر", "سبعة وربع الصبح", "نص الليل", "المسا")]
    ['12:00', '07:15', '00:00', 'EV']
    >>> [parse_time(t) for t in ("الساعة ثمانية ونص", "سبعة الا ربع", "الساعة 8", "بنفسجي")]
    ['08:30', '06:45', '08:00', None]
    """
    said = " ".join(re.sub(r"[^\w\s:]|_", " ", fold(text)).split())
    changed = True
    while changed:
        changed = False
        for lead in _LEADING:
            if said.startswith(lead + " "):
                said, changed = said[len(lead) + 1 :], True
    if said in _PARTS:
        return _PARTS[said]
    words = said.split()
    period = ""
    if words and words[-1] in _MORNING | _NOON | _LATER | _NIGHT:
        period = words.pop()
    elif len(words) > 1 and " ".join(words[-2:]) == "في الليل":
        period, words = "الليل", words[:-2]
    minutes = 0
    for spoken, amount in _MINUTES.items():
        if " ".join(words).endswith(" " + spoken):
            minutes, words = amount, words[: -len(spoken.split())]
            break
    else:  # "سبعه وعشر دقايق", "7 و 10"
        if words and words[-1] in _MINUTE_WORDS:
            words = words[:-1]
        if len(words) > 1 and words[-1].startswith("و") and _number_word(words[-1]):
            minutes = parse_number(words.pop()) or 0
        elif len(words) > 2 and words[-2] == "و":
            minutes, words = parse_number(words[-1]) or 0, words[:-2]
    if len(words) == 2 and all(word.isdigit() for word in words) and len(words[1]) == 2:
        words = [":".join(words)]  # "5:30" as normalised text has it: "5 30"
    if len(words) != 1:
        return None
    clock = re.fullmatch(r"(\d{1,2}):(\d{2})", words[0])
    hour = int(clock[1]) if clock else parse_number(words[0])
    if clock:
        minutes = int(clock[2])
    if hour is None or hour > 23 or minutes >= 60 or (period and hour > 12):
        return None
    hour = _on_the_clock(hour, period)
    return clock_time(hour, minutes)


def _on_the_clock(hour: int, period: str) -> int:
    """A 12-hour hour in its part of the day, as a 24-hour one."""
    if period in _MORNING:
        return 0 if hour == 12 else hour
    if period in _NOON:
        return hour + 12 if hour < 11 else hour
    if period in _LATER:
        return hour + 12 if hour < 12 else hour
    if period in _NIGHT:
        return 0 if hour == 12 else hour + 12 if hour >= 5 else hour
    return hour


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(sorted({re.escape(word) for word in words}, key=len, reverse=True))


_HOUR = rf"(?:\d{{1,2}}(?:[: ]\d{{2}})?|{_alternatives([*_UNITS, *_TEENS])})"
_PERIOD = _alternatives(_MORNING | _NOON | _LATER | _NIGHT)
# What a time said aloud can look like (folded), so "3 العصر من الاثنين" splits after العصر.
TIME_SHAPE = (
    rf"(?:{_HOUR}(?: (?:ونص|ونصف|وربع|وثلث|الا ربع|الا ثلث|و ?{_HOUR}(?: دقيقه| دقايق)?))?"
    rf"(?: (?:{_PERIOD}|في الليل))?"
    rf"|{_alternatives(_PARTS)})"
)

# --- what people say ---------------------------------------------------------------------

# Alexa's own Arabic training for the built-in intents, as people in Saudi Arabia say it.
_BUILT_IN = {
    "AMAZON.YesIntent": "نعم|ايوه|ايه|اي|اكيد|طبعا|تمام|طيب|ماشي|اوكي|اوك|زين|صح|بالضبط|"
    "ابشري|يب|اكيد اكيد|اوافق|اكيد لو سمحت|ايه نعم|نعم نعم|بلى",
    "AMAZON.NoIntent": "لا|لاء|لا شكرا|لا مشكوره|ابدا|لا لا|كلا|لا ما ابي|ما ابي|لا مو لازم|"
    "لا ما يحتاج|ما يحتاج|لا خلاص|لا عادي",
    "AMAZON.HelpIntent": "مساعده|ساعديني|ساعدني|وش اقول|ابي مساعده|كيف استخدمه|وش اسوي|"
    "وش تقدرين تسوين|تعليمات|ساعديني لو سمحت",
    "AMAZON.StopIntent": "وقف|وقفي|توقفي|قفي|ستوب|اسكتي|خلاص|بس|انهاء|اطفي|سكري|باي|"
    "مع السلامه|اغلقي|يكفي|كفايه|توقف",
    "AMAZON.CancelIntent": "الغاء|الغي|انسي|انسي الموضوع|لا تهتمي|ما عليه|خلها|كنسل",
    "AMAZON.NavigateHomeIntent": "الشاشه الرئيسيه|روحي للرئيسيه|الصفحه الرئيسيه|الرئيسيه",
    "AMAZON.NextIntent": "التالي|بعده|اللي بعده|قدام|للامام|التالي لو سمحت|بعدين",
    "AMAZON.PreviousIntent": "السابق|رجوع|ارجعي|ورا|اللي قبل|قبل",
    "AMAZON.RepeatIntent": "عيدي|كرري|اعيدي|عيدي لو سمحت|كرر|عيد|اعيد",
    "AMAZON.PauseIntent": "توقف مؤقت|ايقاف مؤقت|وقفي مؤقتا|لحظه|بوز|وقفه",
    "AMAZON.ResumeIntent": "استئناف|كملي|استانفي|واصلي|كمل|تابعي|متابعه",
    "AMAZON.StartOverIntent": "من البدايه|من الاول|ابدئي من جديد|اعاده|من جديد|ريستارت",
}
# Requests for other things, and chit-chat: what Alexa's fallback is made of.
_OUT_OF_DOMAIN = (
    "كيف الجو اليوم|بتمطر بكره|كم الساعه|وش التاريخ اليوم|وش اليوم|اضبطي منبه الساعه سته|"
    "صحيني الساعه خمسه|اضبطي مؤقت عشر دقايق|شغلي اغاني|شغلي القران|شغلي الراديو|"
    "شغلي بودكاست|علي الصوت|وطي الصوت|شغلي النور|طفي النور|شغلي التلفزيون|احكي لي نكته|"
    "احكي لي قصه|وش الاخبار|اتصلي على امي|ارسلي رساله|ضيفي حليب لقائمه المشتريات|"
    "وش عندي في التقويم|اطلبي لي اغراض|كم طول برج خليفه|مين رئيس امريكا|كم اثنين زائد اثنين|"
    "صباح الخير|مساء الخير|تصبحين على خير|السلام عليكم|مرحبا|هلا|كيف حالك|احبك|وش اسمك|"
    "انتي موجوده|وش اتغدى اليوم|كم النتيجه|وين مفاتيحي|متى الصلاه|متى اذان المغرب|"
    "كم درجه الحراره|كم سعر الذهب|مين فاز امس|وش رايك في الهلال"
)

LEXICON = Lexicon(
    language="ar",
    fillers=_words("امم اممم ممم ام يعني اليكسا الكسا صراحه ترا اصلا بليز بالله هاه اها"),
    dropped=_folded("لو سمحت|الله يخليك|الله يعافيك|الله يسعدك|يا اليكسا"),
    lead_ins=_folded("طيب|اوكي|اوك|تمام|يلا|ممكن|ابيك|ابغاك|بس|و|اسمعي"),
    tail_offs=_folded("بس|شوي|الحين"),
    contractions={
        fold(word): fold(spelled)
        for word, spelled in {
            "مابي": "ما ابي",
            "مااقدر": "ما اقدر",
            "ماقدر": "ما اقدر",
            "ماني": "ما انا",
            "ماعليه": "ما عليه",
            "ماادري": "ما ادري",
            "مادري": "ما ادري",
            "شلون": "كيف",
            "اشلون": "كيف",
            "لسا": "للحين",
            "لسه": "للحين",
        }.items()
    },
    # Dialect forms are met inside `stem` (base() would return an irregular form unstemmed).
    light_words=_words(
        "في على من الى عن مع هذا هذي هذه ذا ذي انا انت انتي اني هو هي احنا نحن يا لي ان "
        "اللي الي شوي جدا حيل و او ثم يعني"
    ),
    negations=_words("ما مو مش لا لم لن ليس مب"),
    negation_reach=_words("مره جدا حيل ابد ابدا كثير بصراحه"),
    stem=stem,
    launch_before=_folded(
        "افتحي|افتح|شغلي|شغل|ابدئي|ابدا|اسالي|اسال|اطلبي من|اطلب من|كلمي|تكلمي مع|خليني اكلم"
    ),
    launch_after=(),
    wake_words=_folded("اليكسا|الكسا|يا اليكسا"),
    spot_skips=_words("في على الى من عن عند"),
    articles=_folded("مهاره|تطبيق|سكيل"),
    joiners=_folded("عن|اذا|ان|بخصوص|كيف ان"),
    built_in={name: _folded(phrases) for name, phrases in _BUILT_IN.items()},
    out_of_domain=_folded(_OUT_OF_DOMAIN),
    exit_phrases=frozenset(_folded("اخرجي|خروج|اقفلي المهاره|اطلعي|اطلعي من المهاره|سكري المهاره")),
    parse_number=parse_number,
    parse_time=parse_time,
    time_shape=TIME_SHAPE,
    # Spellings folded after `normalise` keeps letters and their marks: the one hook that
    # reaches every sample, value and phrase alike.
    segment=fold,
)
