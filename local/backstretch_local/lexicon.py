"""A language's words, as the local resolver needs them: one `Lexicon` per language.

The resolver (`utterances.py`, `nearest.py`, `corpus.py`) holds no language of its own. What
a person of one language says around a request (fillers, lead-ins, politeness), how the
words of one request meet another's (contractions, irregular forms, a stemmer, negation),
which words carry little, how the skill is opened by name, what people say to Alexa's
built-in intents, what Alexa knows is for no skill, and how numbers and times are said all
come from the language's module, ``backstretch_local/lexicons/<language>.py``, which exports
``LEXICON``. A language without a module gets `Lexicon(language)`: no fillers, digits only,
words compared as they are.

Phrase entries (fillers, lead-ins, built-in phrases, ...) are written as `normalise` makes
text: lowercase, no punctuation, words split as `segment` splits them (tests/unit/
test_lexicons.py holds every module to it).

    >>> lexicon_for("en").parse_number("twenty five"), lexicon_for("xx").parse_number("25")
    (25, 25)
    >>> lexicon_for("en").normalise("Alexa, What's   my STREAK?!")
    'whats my streak'
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache

import snowballstemmer  # type: ignore[import-untyped]

# AMAZON.TIME's values for a part of the day said without a time.
MORNING, AFTERNOON, EVENING, NIGHT = "MO", "AF", "EV", "NI"
_DIGITS = re.compile(r"^\d+$")
_CLOCK_DIGITS = re.compile(r"^(\d{1,2})(?::| )(\d{2})$|^(\d{1,2})$")


def digits_only(text: str) -> int | None:
    """A number said in digits (any language's fallback reading).

    >>> digits_only("25"), digits_only("twenty")
    (25, None)
    """
    said = text.strip()
    return int(said) if _DIGITS.match(said) else None


def clock_time(hour: int, minute: int = 0) -> str:
    """A time of day as AMAZON.TIME gives it, from an hour and minutes that may run past
    either end of the day (a quarter to midnight is 24:00 less 15 minutes).

    >>> clock_time(7, 45), clock_time(0, -15), clock_time(24)
    ('07:45', '23:45', '00:00')
    """
    total = (hour * 60 + minute) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


def without_accents(text: str) -> str:
    """Text without accents, cedillas or tildes: how people type when they do not bother.

    >>> without_accents("dímelo más rápido"), without_accents("perché l'étirement")
    ('dimelo mas rapido', "perche l'etirement")
    """
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def clock_digits(text: str) -> str | None:
    """A time written in digits, "19:30" or "7", as AMAZON.TIME gives it ("19:30", "07:00").

    >>> clock_digits("19:30"), clock_digits("7"), clock_digits("25:00")
    ('19:30', '07:00', None)
    """
    found = _CLOCK_DIGITS.match(text.strip())
    if found is None:
        return None
    hour = int(found[1] or found[3])
    minute = int(found[2] or 0)
    return clock_time(hour, minute) if hour < 24 and minute < 60 else None


def snowball(algorithm: str) -> Callable[[str], str]:
    """The Snowball stemmer for a language ("german", "arabic", "hindi", ...), one word at a
    time, as a `Lexicon.stem`.

    >>> snowball("german")("schmerzen"), snowball("spanish")("rodillas")
    ('schmerz', 'rodill')
    """
    stemmer = snowballstemmer.stemmer(algorithm)

    def stem(word: str) -> str:
        return str(stemmer.stemWord(word))

    return stem


def _as_is(word: str) -> str:
    return word


@dataclass(frozen=True)
class Lexicon:
    """One language's words for the resolver (see the module docstring)."""

    language: str
    # Said anywhere, these add nothing a person means: hesitations and politeness.
    fillers: frozenset[str] = frozenset()
    # Phrases dropped wherever they stand ("thank you"), before the fillers.
    dropped: tuple[str, ...] = ()
    # Said first, these only lead in ("okay so", "could you"): dropped when words follow.
    lead_ins: tuple[str, ...] = ()
    # Said last, these only soften what came before ("i guess", "then").
    tail_offs: tuple[str, ...] = ()
    # A word spelled out ("im" -> "i am"), and a form made its base ("felt" -> "feel").
    contractions: Mapping[str, str] = field(default_factory=dict)
    irregular: Mapping[str, str] = field(default_factory=dict)
    # Words that carry little of what a person means, however rare.
    light_words: frozenset[str] = frozenset()
    # A negation marks the next word as negated ("not_feel"), reaching over these.
    negations: frozenset[str] = frozenset()
    negation_reach: frozenset[str] = frozenset()
    stem: Callable[[str], str] = _as_is
    # Opening the skill by name: verbs before it ("open"), or words after it (ja "を 開いて");
    # an article may stand between ("the"); joiners lead into a one-shot request ("to").
    launch_before: tuple[str, ...] = ()
    launch_after: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    joiners: tuple[str, ...] = ()
    wake_words: tuple[str, ...] = ("alexa",)
    # What people say to Alexa's built-in intents without any sample of ours.
    built_in: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # What Alexa knows is for no skill (its fallback's out-of-domain training).
    out_of_domain: tuple[str, ...] = ()
    exit_phrases: frozenset[str] = frozenset()
    # Numbers and times as AMAZON.NUMBER ("25") and AMAZON.TIME ("19:30", "EV") give them.
    parse_number: Callable[[str], int | None] = digits_only
    parse_time: Callable[[str], str | None] = clock_digits
    time_shape: str = r".+?"  # what a time said aloud can look like, inside a sample
    # Words a value is never spotted from the start of ("the", "at").
    spot_skips: frozenset[str] = frozenset()
    # Apostrophes: dropped ("what's" -> "whats"), or a space (French "l'étirement").
    apostrophe: str = ""
    # Puts spaces between the words of a normalised phrase: for a script written without
    # them (Japanese), or to part compounds (German "rückenschmerzen" -> "rücken schmerzen").
    segment: Callable[[str], str] | None = None
    threshold: float = 0.58

    def normalise(self, text: str) -> str:
        """Compatibility forms folded (NFKC: full-width letters and digits), lowercase,
        apostrophes as the language has them, other punctuation and symbols made spaces
        (letters' marks kept: Devanagari's vowel signs, Arabic's), whitespace folded, a
        leading wake word removed, and the words split by `segment`."""
        lowered = unicodedata.normalize("NFKC", text).lower()
        lowered = lowered.replace("\u2019", "'").replace("'", self.apostrophe)
        spaced = "".join(_spaced(c) for c in lowered)
        said = " ".join(spaced.split())
        if self.segment is not None and said:
            said = " ".join(self.segment(said).split())
        words = said.split()
        for wake in self.wake_words:
            wake_words = wake.split()
            if words[: len(wake_words)] == wake_words and len(words) >= len(wake_words):
                words = words[len(wake_words) :]
                break
        return " ".join(words)

    def without_fillers(self, phrase: str) -> str:
        """A normalised phrase without hesitations, politeness, lead-ins or tail-offs; a
        phrase that is nothing else is kept as it was ("okay" stays "okay"), and one of
        fillers only ("um") becomes ""."""
        said = phrase
        for dropped in self.dropped:
            said = re.sub(rf"(?<!\S){re.escape(dropped)}(?!\S)", " ", said)
        words = [word for word in said.split() if word not in self.fillers]
        changed = True
        while changed:
            changed = False
            said = " ".join(words)
            for lead in self.lead_ins:
                if said.startswith(lead + " "):
                    words, changed = words[len(lead.split()) :], True
                    break
            said = " ".join(words)
            for tail in self.tail_offs:
                if said.endswith(" " + tail):
                    words, changed = words[: -len(tail.split())], True
                    break
        return " ".join(words)

    def base(self, word: str) -> str:
        """A word's base form for comparing: its irregular form made regular, then stemmed."""
        if word in self.irregular:
            return self.irregular[word]
        return self.stem(word)

    def phrases(self) -> dict[str, tuple[str, ...]]:
        """Every phrase entry, by field: what must be written as `normalise` writes it."""
        return {
            "fillers": tuple(self.fillers),
            "dropped": self.dropped,
            "lead_ins": self.lead_ins,
            "tail_offs": self.tail_offs,
            "light_words": tuple(self.light_words),
            "negations": tuple(self.negations),
            "launch_before": self.launch_before,
            "launch_after": self.launch_after,
            "articles": self.articles,
            "joiners": self.joiners,
            "out_of_domain": self.out_of_domain,
            "exit_phrases": tuple(self.exit_phrases),
            **{name: said for name, said in self.built_in.items()},
        }


def _spaced(character: str) -> str:
    """A character as normalised text has it: letters, marks and digits kept, an invisible
    joiner dropped, punctuation, symbols and the rest a space."""
    category = unicodedata.category(character)
    if category == "Cf":
        return ""
    return " " if category[0] in "PSZC" or character == "_" else character


@cache
def lexicon_for(language: str) -> Lexicon:
    """The lexicon of a language ("de", or a locale's language part: "de-DE" reads "de")."""
    code = language.split("-")[0].lower()
    if not code.isalpha():
        return Lexicon(code)
    try:
        module = importlib.import_module(f"backstretch_local.lexicons.{code}")
    except ModuleNotFoundError as missing:
        if missing.name != f"backstretch_local.lexicons.{code}":
            raise
        return Lexicon(code)
    lexicon = module.LEXICON
    if not isinstance(lexicon, Lexicon):
        raise TypeError(f"backstretch_local.lexicons.{code}.LEXICON is not a Lexicon")
    return lexicon
