"""Typed phrases resolved the way Alexa's language understanding would, from our own model.

A phrase is matched against the sample utterances (slots included) of
``skill-package/interactionModels/custom/<locale>.json`` (the package's copy of it), then the
built-in intents' own phrases; launch phrases ("open my back stretches", "ask my back
stretches how did I do this week") open the skill; anything else is the fallback intent, as
on a device.

    >>> resolver = UtteranceResolver(InteractionModel.load("en-US"))
    >>> resolver.resolve("Make the holds twenty five seconds!", in_session=True)
    Utterance(request_type='IntentRequest', intent='SetHoldIntent', slots=(('seconds', '25'),), ...)
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from backstretch_local.envelopes import AlexaConversation

RequestType = Literal["LaunchRequest", "IntentRequest", "SessionEndedRequest"]

FALLBACK_INTENT = "AMAZON.FallbackIntent"
NUMBER_SLOT_TYPE = "AMAZON.NUMBER"
TIME_SLOT_TYPE = "AMAZON.TIME"
# What a time said aloud can look like, so "at 3 pm weekdays" splits after "pm".
_TIME_SHAPE = (
    r"(?:\d{1,2}(?::\d{2}| \d{2})?(?: ?(?:am|pm|a m|p m))?(?: in the \w+)?"
    r"|(?:the |this )?(?:noon|midday|midnight|morning|afternoon|evening|night))"
)
# AMAZON.TIME's values for a part of the day said without a time.
_PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_CLOCK = re.compile(
    r"^(?:at )?(?P<h>\d{1,2})(?::(?P<m>\d{2})| (?P<m2>\d{2}))?(?: ?(?P<ampm>am|pm|a m|p m))?"
    r"(?: in the (?P<part>morning|afternoon|evening))?$"
)
UNRESOLVED_NUMBER = "?"  # what Alexa puts in a number slot it heard but could not understand

# The package's copy of skill-package/interactionModels/custom (scripts/sync_local_data.py).
MODELS_DIRECTORY = Path(__file__).resolve().parent / "data" / "interactionModels"

# What people say to the built-in intents without any sample of ours (Alexa's own training),
# one "|"-separated list per intent.
_BUILT_IN = {
    "AMAZON.YesIntent": "yes|yeah|yep|yup|sure|ok|okay|of course|yes please|sounds good|"
    "absolutely|definitely|alright|all right|sure thing|go ahead|why not|i do|please|"
    "yes i do|lets do it",
    "AMAZON.NoIntent": "no|nope|nah|no thanks|no thank you|not now|not really|i dont|no way|"
    "not today|no i dont",
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
BUILT_IN_PHRASES: Mapping[str, tuple[str, ...]] = {
    name: tuple(phrases.split("|")) for name, phrases in _BUILT_IN.items()
}
# "exit" closes the skill outright: Alexa sends a SessionEndedRequest, no intent.
EXIT_PHRASES = frozenset({"exit", "exit skill"})

_LAUNCH_VERBS = "open|start|launch|begin|load|run|use|play|ask|talk to|speak to|tell"
# Words that join the invocation name to a one-shot request: "ask X to ...", "ask X for ...".
_JOINERS = ("to", "and", "for", "about", "if", "whether", "that")

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
_SLOT = re.compile(r"\{(\w+)\}")


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


def parse_time(text: str) -> str | None:
    """A time said aloud, as Alexa's AMAZON.TIME gives it: "15:00", or "EV" for "evening".

    >>> [parse_time(t) for t in ("3 pm", "7:30", "noon", "the evening", "8 in the morning")]
    ['15:00', '07:30', '12:00', 'EV', '08:00']
    >>> parse_time("purple") is None
    True
    """
    said = normalise(text).removeprefix("the ").replace("o'clock", "").replace("oclock", "")
    said = " ".join(said.split())
    if said in ("noon", "midday"):
        return "12:00"
    if said == "midnight":
        return "00:00"
    if said.removeprefix("this ") in _PARTS_OF_DAY:
        return _PARTS_OF_DAY[said.removeprefix("this ")]
    found = _CLOCK.match(said)
    if found is None:
        return None
    hour, minute = int(found["h"]), int(found["m"] or found["m2"] or 0)
    later = (found["ampm"] or "").replace(" ", "") == "pm" or found["part"] in (
        "afternoon",
        "evening",
    )
    if later and hour < 12:
        hour += 12
    if (found["ampm"] or "").replace(" ", "") == "am" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


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


@dataclass(frozen=True)
class SlotModel:
    name: str
    type: str


@dataclass(frozen=True)
class IntentModel:
    name: str
    samples: tuple[str, ...]
    slots: tuple[SlotModel, ...] = ()


@dataclass(frozen=True)
class InteractionModel:
    """One locale's language model: the invocation name, and the intents with their samples."""

    invocation_name: str
    intents: tuple[IntentModel, ...]
    # Each custom slot type's listed values and synonyms, as a person would say them.
    slot_values: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, locale: str = "en-US", directory: Path | None = None) -> InteractionModel:
        """Read ``<directory>/<locale>.json`` (default: the models the package carries)."""
        path = (directory or MODELS_DIRECTORY) / f"{locale}.json"
        if not path.is_file():
            known = sorted(p.stem for p in MODELS_DIRECTORY.glob("*.json"))
            raise FileNotFoundError(f"no interaction model for {locale!r} (known: {known})")
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))

    @classmethod
    def from_json(cls, document: Mapping[str, Any]) -> InteractionModel:
        language = document["interactionModel"]["languageModel"]
        intents = tuple(
            IntentModel(
                name=intent["name"],
                samples=tuple(intent.get("samples") or ()),
                slots=tuple(SlotModel(s["name"], s["type"]) for s in intent.get("slots") or ()),
            )
            for intent in language["intents"]
        )
        listed = {
            kind["name"]: frozenset(
                normalise(said)
                for value in kind.get("values") or ()
                for said in (value["name"]["value"], *(value["name"].get("synonyms") or ()))
            )
            for kind in language.get("types") or ()
        }
        return cls(language["invocationName"], intents, listed)

    def intent(self, name: str) -> IntentModel | None:
        return next((i for i in self.intents if i.name == name), None)


@dataclass(frozen=True)
class Utterance:
    """What Alexa understood a phrase to be, ready to become a request envelope.

    ``slots`` holds every slot the intent declares, in order, with None where nothing was
    said for it. ``one_shot`` means the phrase named the skill ("ask my back stretches ..."),
    or was said with no session open; ``new_session`` that it opens a new session.
    """

    request_type: RequestType
    intent: str | None
    slots: tuple[tuple[str, str | None], ...]
    phrase: str
    new_session: bool
    one_shot: bool = False

    @property
    def slot_values(self) -> dict[str, str | None]:
        return dict(self.slots)

    def envelope(self, session: AlexaConversation) -> dict[str, Any]:
        """The request Alexa sends for this utterance, in ``session`` (a launch or an intent;
        a SessionEndedRequest is the session's own `session_ended`)."""
        if self.request_type == "LaunchRequest":
            return session.launch()
        return session.intent(self.intent or "", **self.slot_values)


@dataclass(frozen=True)
class _SlotSample:
    intent: IntentModel
    pattern: re.Pattern[str]
    literal_words: int


class UtteranceResolver:
    """Resolves typed phrases against one interaction model (build once, use for every turn)."""

    def __init__(self, model: InteractionModel) -> None:
        self.model = model
        self._invocation = normalise(model.invocation_name)
        self._exact: dict[str, str] = {}
        self._slot_samples: list[_SlotSample] = []
        for intent in model.intents:
            for sample in intent.samples:
                if _SLOT.search(sample):
                    self._slot_samples.append(_slot_sample(intent, sample))
                else:
                    self._exact.setdefault(normalise(sample), intent.name)
        declared = {intent.name for intent in model.intents}
        self._built_in = {
            normalise(phrase): name
            for name, phrases in BUILT_IN_PHRASES.items()
            if name in declared
            for phrase in phrases
        }
        verbs = _LAUNCH_VERBS  # plain words: nothing to escape
        joiners = "|".join(_JOINERS)
        self._launch = re.compile(
            rf"^(?:{verbs}) (?:the )?{re.escape(self._invocation)}"
            rf"(?: (?:(?:{joiners}) )?(?P<rest>.+))?$"
        )

    def resolve(self, text: str, *, in_session: bool) -> Utterance:
        """The request Alexa would send for ``text``, with or without a session open.

        With no session open, a phrase that does not name the skill is taken as said to it
        (as in "ask my back stretches ..."): this resolver serves only this skill.
        """
        phrase = normalise(text)
        if phrase in EXIT_PHRASES:
            return Utterance("SessionEndedRequest", None, (), phrase, new_session=False)
        launch = self._launch.match(phrase)
        if launch is not None:
            rest = launch.group("rest")
            if rest is None:
                if in_session and (intent := self._match(phrase)) is not None:
                    return intent
                return Utterance("LaunchRequest", None, (), phrase, new_session=True)
            resolved = self._match(rest) or self._fallback(rest)
            return _with(resolved, new_session=not in_session, one_shot=True)
        resolved = self._match(phrase) or self._fallback(phrase)
        return _with(resolved, new_session=not in_session, one_shot=not in_session)

    def _match(self, phrase: str) -> Utterance | None:
        name = self._exact.get(phrase) or self._built_in.get(phrase)
        if name is not None:
            return self._intent(name, {}, phrase)
        candidates: list[tuple[int, int, int, IntentModel, dict[str, str]]] = []
        for sample in self._slot_samples:
            found = sample.pattern.match(phrase)
            if found is None:
                continue
            values: dict[str, str] = {}
            understood = guessed = 0
            for slot in sample.intent.slots:
                said = found.groupdict().get(slot.name)
                if said is None:
                    continue
                value = self._slot_value(slot, said)
                if value is None:
                    if sample.literal_words < 2 or slot.type != NUMBER_SLOT_TYPE:
                        break  # "{seconds}" or "{seconds} seconds": only what fits the type
                    value = UNRESOLVED_NUMBER
                elif (
                    slot.type not in self.model.slot_values
                    or normalise(said) in (self.model.slot_values[slot.type])
                ):
                    understood += 1  # a listed value (or a type Alexa parses) was heard
                else:
                    guessed += 1
                values[slot.name] = value
            else:
                candidates.append(
                    (understood, -guessed, sample.literal_words, sample.intent, values)
                )
        if not candidates:
            return None
        *_, intent, values = max(candidates, key=lambda c: (c[0], c[1], c[2]))
        return self._intent(intent.name, values, phrase)

    def _slot_value(self, slot: SlotModel, said: str) -> str | None:
        if slot.type == NUMBER_SLOT_TYPE:
            number = parse_number(said)
            return None if number is None else str(number)
        if slot.type == TIME_SLOT_TYPE:
            return parse_time(said)
        return said  # other types: Alexa passes on what was said, listed value or not

    def _intent(self, name: str, values: Mapping[str, str], phrase: str) -> Utterance:
        intent = self.model.intent(name)
        declared: Sequence[SlotModel] = intent.slots if intent else ()
        slots = tuple((slot.name, values.get(slot.name)) for slot in declared)
        return Utterance("IntentRequest", name, slots, phrase, new_session=False)

    def _fallback(self, phrase: str) -> Utterance:
        return Utterance("IntentRequest", FALLBACK_INTENT, (), phrase, new_session=False)


def _with(utterance: Utterance, *, new_session: bool, one_shot: bool) -> Utterance:
    return Utterance(
        utterance.request_type,
        utterance.intent,
        utterance.slots,
        utterance.phrase,
        new_session=new_session,
        one_shot=one_shot,
    )


def _slot_sample(intent: IntentModel, sample: str) -> _SlotSample:
    parts: list[str] = []
    literal_words = 0
    position = 0
    for found in _SLOT.finditer(sample):
        literal = normalise(sample[position : found.start()])
        if literal:
            parts.append(re.escape(literal))
            literal_words += len(literal.split())
        types = {slot.name: slot.type for slot in intent.slots}
        shape = _TIME_SHAPE if types.get(found.group(1)) == TIME_SLOT_TYPE else ".+?"
        parts.append(f"(?P<{found.group(1)}>{shape})")
        position = found.end()
    tail = normalise(sample[position:])
    if tail:
        parts.append(re.escape(tail))
        literal_words += len(tail.split())
    return _SlotSample(intent, re.compile("^" + " ".join(parts) + "$"), literal_words)
