"""Typed phrases resolved the way Alexa's language understanding would, from our own model.

A phrase is matched against ``skill-package/interactionModels/custom/<locale>.json`` (the
package's copy of it), with the words of its language (`lexicon.Lexicon`, from
``lexicons/<language>.py``: the English examples below are ``lexicons/en.py``'s), in this order:

1. **Normalised** (`Lexicon.normalise`): lowercase, no punctuation, no leading "Alexa".
2. **Launch phrases** open the skill ("open my back stretches"); "ask my back stretches ..."
   resolves the rest as said to the skill. "exit" ends the session.
3. **While the skill elicits a slot** (the last response's ``Dialog.ElicitSlot``), that slot's
   own samples first ("{time}", "the {stretch}"); a bare slot takes only a value its type
   reads (a time) or lists (a stretch or a synonym). The intent then carries the new value
   and ``dialogState: IN_PROGRESS``.
4. **Literally**: the phrase, then the phrase without fillers (`Lexicon.without_fillers`:
   "um", "please", "okay so", "could you"), against each sample, slots included, and the
   phrases people say to the built-in intents (`Lexicon.built_in`, Alexa's own training).
5. **The nearest sample** (`nearest.SampleIndex`: IDF-weighted word overlap with light
   stemming, slots spotted by type), if it is near enough; otherwise the fallback intent
   (which `Lexicon.out_of_domain`, what Alexa knows is for no skill, also reaches).

Built-in slot types come as Alexa gives them: AMAZON.TIME as "15:00" or "MO", AMAZON.NUMBER
in digits. A custom slot carries what was said, resolved to its listed value's id when it is
a value or synonym (`envelopes.SlotResolution`).

    >>> resolver = UtteranceResolver(InteractionModel.load("en-US"))
    >>> resolver.resolve("Make the holds twenty five seconds!", in_session=True)
    Utterance(request_type='IntentRequest', intent='SetHoldIntent', slots=(('seconds', '25'),), ...)
    >>> resolver.resolve("um how much longer do I have", in_session=True).intent
    'TimeLeftIntent'
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from backstretch_local.envelopes import (
    AlexaConversation,
    DialogState,
    HeardSlot,
    SlotResolution,
)
from backstretch_local.lexicon import Lexicon, lexicon_for
from backstretch_local.nearest import (
    Nearest,
    Sample,
    SampleIndex,
    Spotter,
    listed_spotter,
    parsed_spotter,
)

__all__ = ["FALLBACK_INTENT", "InteractionModel", "Utterance", "UtteranceResolver"]

RequestType = Literal["LaunchRequest", "IntentRequest", "SessionEndedRequest"]
Eliciting = tuple[str, str]  # (intent, slot) the last response's Dialog.ElicitSlot asks for

FALLBACK_INTENT = "AMAZON.FallbackIntent"
NUMBER_SLOT_TYPE = "AMAZON.NUMBER"
TIME_SLOT_TYPE = "AMAZON.TIME"
UNRESOLVED_NUMBER = "?"  # what Alexa puts in a number slot it heard but could not understand
MAX_UNLISTED_WORDS = 2  # a custom slot takes an unlisted value of at most this many words

# The package's copy of skill-package/interactionModels/custom (scripts/sync_local_data.py).
MODELS_DIRECTORY = Path(__file__).resolve().parent / "data" / "interactionModels"

_SLOT = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class SlotModel:
    name: str
    type: str
    samples: tuple[str, ...] = ()  # heard only while the skill elicits this slot


@dataclass(frozen=True)
class IntentModel:
    name: str
    samples: tuple[str, ...]
    slots: tuple[SlotModel, ...] = ()

    def slot(self, name: str) -> SlotModel | None:
        return next((s for s in self.slots if s.name == name), None)


@dataclass(frozen=True)
class InteractionModel:
    """One locale's language model: the invocation name, the intents with their samples, the
    custom slot types' values, and the intents of the dialog model."""

    invocation_name: str
    intents: tuple[IntentModel, ...]
    # Each custom slot type's values and synonyms as said (normalised) -> (id, value).
    slot_ids: Mapping[str, Mapping[str, tuple[str | None, str]]] = field(default_factory=dict)
    dialog_intents: frozenset[str] = frozenset()
    locale: str = "en-US"

    @classmethod
    def load(cls, locale: str = "en-US", directory: Path | None = None) -> InteractionModel:
        """Read ``<directory>/<locale>.json`` (default: the models the package carries)."""
        path = (directory or MODELS_DIRECTORY) / f"{locale}.json"
        if not path.is_file():
            known = sorted(p.stem for p in MODELS_DIRECTORY.glob("*.json"))
            raise FileNotFoundError(f"no interaction model for {locale!r} (known: {known})")
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")), locale)

    @classmethod
    def from_json(cls, document: Mapping[str, Any], locale: str = "en-US") -> InteractionModel:
        """A model from its JSON, heard with the words of `locale`'s language."""
        normalise = lexicon_for(locale).normalise
        model = document["interactionModel"]
        language = model["languageModel"]
        intents = tuple(
            IntentModel(
                name=intent["name"],
                samples=tuple(intent.get("samples") or ()),
                slots=tuple(
                    SlotModel(s["name"], s["type"], tuple(s.get("samples") or ()))
                    for s in intent.get("slots") or ()
                ),
            )
            for intent in language["intents"]
        )
        ids: dict[str, dict[str, tuple[str | None, str]]] = {}
        for kind in language.get("types") or ():
            listed = ids.setdefault(kind["name"], {})
            for value in kind.get("values") or ():
                name = value["name"]["value"]
                for said in (name, *(value["name"].get("synonyms") or ())):
                    listed.setdefault(normalise(said), (value.get("id"), name))
        dialog = frozenset(i["name"] for i in (model.get("dialog") or {}).get("intents") or ())
        return cls(language["invocationName"], intents, ids, dialog, locale)

    @property
    def lexicon(self) -> Lexicon:
        """The words of the model's language, as the resolver hears them."""
        return lexicon_for(self.locale)

    @property
    def slot_values(self) -> Mapping[str, frozenset[str]]:
        """Each custom slot type's listed values and synonyms, as a person would say them."""
        return {kind: frozenset(listed) for kind, listed in self.slot_ids.items()}

    def intent(self, name: str) -> IntentModel | None:
        return next((i for i in self.intents if i.name == name), None)


@dataclass(frozen=True)
class Utterance:
    """What Alexa understood a phrase to be, ready to become a request envelope.

    ``slots`` holds every slot the intent declares, in order, with None where nothing was
    said for it; ``resolutions`` the entity resolution of each custom slot that was filled.
    ``one_shot`` means the phrase named the skill ("ask my back stretches ..."), or was said
    with no session open; ``new_session`` that it opens a new session.
    """

    request_type: RequestType
    intent: str | None
    slots: tuple[tuple[str, str | None], ...]
    phrase: str
    new_session: bool
    one_shot: bool = False
    resolutions: tuple[tuple[str, SlotResolution], ...] = ()
    dialog_state: DialogState = "COMPLETED"

    @property
    def slot_values(self) -> dict[str, str | None]:
        return dict(self.slots)

    def with_known(self, known: Mapping[str, str | None]) -> Utterance:
        """This utterance with the slots a dialog already holds (the updated intent of the
        Dialog.ElicitSlot it answers) where it heard nothing itself."""
        slots = tuple((name, value or known.get(name)) for name, value in self.slots)
        return replace(self, slots=slots)

    def envelope(self, session: AlexaConversation) -> dict[str, Any]:
        """The request Alexa sends for this utterance, in ``session`` (a launch or an intent;
        a SessionEndedRequest is the session's own `session_ended`)."""
        if self.request_type == "LaunchRequest":
            return session.launch()
        resolved = dict(self.resolutions)
        slots = {
            name: HeardSlot(value, resolved.get(name) if value is not None else None)
            for name, value in self.slots
        }
        return session.heard_intent(self.intent or "", slots, self.dialog_state)


@dataclass(frozen=True)
class _SlotSample:
    intent: IntentModel
    pattern: re.Pattern[str]
    literal_words: int
    elicits: str | None  # the slot whose elicitation sample this is


class UtteranceResolver:
    """Resolves typed phrases against one interaction model (build once, use for every turn).

    ``without`` leaves phrases out of the samples and built-in phrases (compared
    normalised): the corpus test's leave-one-out figure uses it to ask whether a phrase would
    still be understood if the model did not list it. ``threshold`` is the nearness below
    which a phrase is not understood (the lexicon's `threshold` unless given).
    """

    def __init__(
        self,
        model: InteractionModel,
        *,
        without: frozenset[str] = frozenset(),
        threshold: float | None = None,
    ) -> None:
        self.model = model
        self.lexicon = lexicon = model.lexicon
        normalise = lexicon.normalise
        self._threshold = lexicon.threshold if threshold is None else threshold
        self._invocation = normalise(model.invocation_name)
        self._exact: dict[str, str] = {}
        self._slot_samples: list[_SlotSample] = []
        self._elicitation: dict[Eliciting, list[_SlotSample]] = {}
        listed: list[tuple[str, str, Mapping[str, str], str | None]] = []
        for intent in model.intents:
            types = {slot.name: slot.type for slot in intent.slots}
            for sample in intent.samples:
                if normalise(sample) in without:
                    continue
                listed.append((intent.name, sample, types, None))
                if _SLOT.search(sample):
                    self._slot_samples.append(_slot_sample(intent, sample, None, lexicon))
                else:
                    self._exact.setdefault(normalise(sample), intent.name)
            for slot in intent.slots:
                for sample in slot.samples:
                    if normalise(sample) in without:
                        continue
                    listed.append((intent.name, sample, types, slot.name))
                    elicits = self._elicitation.setdefault((intent.name, slot.name), [])
                    elicits.append(_slot_sample(intent, sample, slot.name, lexicon))
        declared = {intent.name for intent in model.intents}
        self._built_in: dict[str, str] = {}
        heard_by = {**lexicon.built_in, FALLBACK_INTENT: lexicon.out_of_domain}
        for name, phrases in heard_by.items():
            for phrase in phrases:
                if name in declared and normalise(phrase) not in without:
                    self._built_in.setdefault(normalise(phrase), name)
                    listed.append((name, phrase, {}, None))
        self._spotters = _spotters(model)
        self._index = SampleIndex.build(listed, self._spotters, lexicon)
        self._launch = _launch_pattern(lexicon, self._invocation)

    def resolve(
        self, text: str, *, in_session: bool, eliciting: Eliciting | None = None
    ) -> Utterance:
        """The request Alexa would send for ``text``, with or without a session open, and
        while the skill elicits a slot (`eliciting`: the intent and slot of the last
        response's Dialog.ElicitSlot) or not.

        With no session open, a phrase that does not name the skill is taken as said to it
        (as in "ask my back stretches ..."): this resolver serves only this skill.
        """
        phrase = self.lexicon.normalise(text)
        if phrase in self.lexicon.exit_phrases:
            return Utterance("SessionEndedRequest", None, (), phrase, new_session=False)
        launch = self._launch.match(phrase)
        if launch is not None:
            rest = launch.group("rest")
            said_after = " ".join(filter(None, (launch.groupdict().get("joiner"), rest)))
            if rest is not None and not self.lexicon.without_fillers(said_after):
                rest = None  # "open my back stretches, please": politeness, no request
            if rest is None:
                if in_session and (intent := self._literally(phrase)) is not None:
                    return intent
                return Utterance("LaunchRequest", None, (), phrase, new_session=True)
            resolved = self._understand(rest, None) or self._fallback(rest)
            return replace(resolved, new_session=not in_session, one_shot=True)
        heard = self._understand(phrase, eliciting if in_session else None)
        heard = heard or self._fallback(phrase)
        return replace(heard, new_session=not in_session, one_shot=not in_session)

    def said_to_skill(self, text: str) -> str:
        """The part of ``text`` resolved as a request: after "ask my back stretches (to)",
        or all of it (normalised)."""
        phrase = self.lexicon.normalise(text)
        launch = self._launch.match(phrase)
        return (launch.group("rest") or "") if launch is not None else phrase

    def _understand(self, phrase: str, eliciting: Eliciting | None) -> Utterance | None:
        plain = self.lexicon.without_fillers(phrase)
        if not plain:
            return None
        forms = dict.fromkeys((phrase, plain))  # each once, as said first
        if eliciting is not None:
            for form in forms:
                answer = self._match(form, self._elicitation.get(eliciting, ()))
                if answer is not None:
                    return replace(answer, dialog_state="IN_PROGRESS")
        for form in forms:
            if (literal := self._literally(form)) is not None:
                return literal
        return self._nearest(plain, eliciting)

    def _literally(self, phrase: str) -> Utterance | None:
        name = self._exact.get(phrase) or self._built_in.get(phrase)
        if name is not None:
            return self._intent(name, {}, phrase)
        return self._match(phrase, self._slot_samples)

    def _match(self, phrase: str, samples: Sequence[_SlotSample]) -> Utterance | None:
        candidates: list[tuple[int, int, int, IntentModel, dict[str, str]]] = []
        for sample in samples:
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
                listed = self.lexicon.normalise(said) in self.model.slot_ids.get(slot.type, {})
                if value is None:
                    if (
                        sample.literal_words < 2
                        or slot.type != NUMBER_SLOT_TYPE
                        or self._spotters[slot.type](said.split())
                    ):
                        # "{seconds} seconds" takes only what fits the type; "can we do
                        # twenty" has a number in it, which the nearest sample finds.
                        break
                    value = UNRESOLVED_NUMBER
                elif slot.type not in self.model.slot_ids or listed:
                    understood += 1  # a listed value (or a type Alexa parses) was heard
                elif (
                    sample.elicits is not None
                    or len(said.split()) > MAX_UNLISTED_WORDS
                    or self._spotters[slot.type](said.split())
                ):
                    # An answer to "which one?" is a listed stretch. "lower back really" is
                    # a listed value with more words (the nearest sample finds it alone),
                    # and "the right side again" is more likely other words than a name.
                    break
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

    def _nearest(self, phrase: str, eliciting: Eliciting | None) -> Utterance | None:
        asked = self._asked_type(eliciting)
        has_answer = asked is not None and bool(self._spotters[asked](phrase.split()))

        def among(sample: Sample) -> bool:
            elicits = (sample.intent, sample.elicits) if sample.elicits else None
            return elicits is None or (has_answer and elicits == eliciting)

        nearest = self._index.nearest(phrase, among)
        if nearest is None or nearest.nearness < self._threshold:
            return None
        return self._from_nearest(nearest, phrase, eliciting)

    def _from_nearest(
        self, nearest: Nearest, phrase: str, eliciting: Eliciting | None
    ) -> Utterance | None:
        intent = self.model.intent(nearest.sample.intent)
        values: dict[str, str] = {}
        for slot in intent.slots if intent else ():
            said = nearest.said.get(slot.type)
            value = None if said is None else self._slot_value(slot, said)
            if value is not None:
                values[slot.name] = value
        heard = self._intent(nearest.sample.intent, values, phrase)
        if nearest.sample.elicits is not None and eliciting is not None:
            return replace(heard, dialog_state="IN_PROGRESS")
        return heard

    def _asked_type(self, eliciting: Eliciting | None) -> str | None:
        if eliciting is None:
            return None
        intent = self.model.intent(eliciting[0])
        slot = intent.slot(eliciting[1]) if intent else None
        return slot.type if slot else None

    def _slot_value(self, slot: SlotModel, said: str) -> str | None:
        if slot.type == NUMBER_SLOT_TYPE:
            number = self.lexicon.parse_number(said)
            return None if number is None else str(number)
        if slot.type == TIME_SLOT_TYPE:
            return self.lexicon.parse_time(said)
        return said  # other types: Alexa passes on what was said, listed value or not

    def _intent(self, name: str, values: Mapping[str, str], phrase: str) -> Utterance:
        intent = self.model.intent(name)
        declared: Sequence[SlotModel] = intent.slots if intent else ()
        slots = tuple((slot.name, values.get(slot.name)) for slot in declared)
        resolutions = tuple(
            (slot.name, self._resolution(slot, values[slot.name]))
            for slot in declared
            if slot.name in values and slot.type in self.model.slot_ids
        )
        state: DialogState = "STARTED" if name in self.model.dialog_intents else "COMPLETED"
        return Utterance(
            "IntentRequest",
            name,
            slots,
            phrase,
            new_session=False,
            resolutions=resolutions,
            dialog_state=state,
        )

    def _resolution(self, slot: SlotModel, said: str) -> SlotResolution:
        said_as = self.lexicon.normalise(said)
        value_id, name = self.model.slot_ids[slot.type].get(said_as, (None, None))
        return SlotResolution(slot.type, value_id, name if value_id else None)

    def _fallback(self, phrase: str) -> Utterance:
        return Utterance("IntentRequest", FALLBACK_INTENT, (), phrase, new_session=False)


def _spotters(model: InteractionModel) -> Mapping[str, Spotter]:
    """How each slot type's values are found in a phrase: numbers and times by reading
    them, custom types by their listed values and synonyms."""
    lexicon = model.lexicon
    spotters: dict[str, Spotter] = {
        NUMBER_SLOT_TYPE: parsed_spotter(lexicon.parse_number, lexicon.spot_skips, longest=4),
        TIME_SLOT_TYPE: parsed_spotter(lexicon.parse_time, lexicon.spot_skips),
    }
    for kind, listed in model.slot_ids.items():
        spotters[kind] = listed_spotter(listed)
    return spotters


def _launch_pattern(lexicon: Lexicon, invocation: str) -> re.Pattern[str]:
    """How a phrase opens the skill by name, as the language says it: a verb before the
    name ("open my back stretches", "ask the ... to ...") or words after it (ja "... を 開いて"),
    then what is asked of it, if anything (group ``rest``)."""
    name = re.escape(invocation)
    ways = []
    if lexicon.launch_before:
        article = rf"(?:(?:{_either(lexicon.articles)}) )?" if lexicon.articles else ""
        ways.append(rf"(?:{_either(lexicon.launch_before)}) {article}{name}")
    if lexicon.launch_after:
        ways.append(rf"{name} (?:{_either(lexicon.launch_after)})")
    if not ways:
        return re.compile(r"(?!)")  # a language that opens no skill by name
    joiner = rf"(?:(?P<joiner>{_either(lexicon.joiners)}) )?" if lexicon.joiners else ""
    return re.compile(rf"^(?:{'|'.join(ways)})(?: {joiner}(?P<rest>.+))?$")


def _either(phrases: Sequence[str]) -> str:
    return "|".join(re.escape(phrase) for phrase in phrases)


def _slot_sample(
    intent: IntentModel, sample: str, elicits: str | None, lexicon: Lexicon
) -> _SlotSample:
    normalise = lexicon.normalise
    parts: list[str] = []
    literal_words = 0
    position = 0
    types = {slot.name: slot.type for slot in intent.slots}
    for found in _SLOT.finditer(sample):
        literal = normalise(sample[position : found.start()])
        if literal:
            parts.append(re.escape(literal))
            literal_words += len(literal.split())
        shape = lexicon.time_shape if types.get(found.group(1)) == TIME_SLOT_TYPE else ".+?"
        parts.append(f"(?P<{found.group(1)}>{shape})")
        position = found.end()
    tail = normalise(sample[position:])
    if tail:
        parts.append(re.escape(tail))
        literal_words += len(tail.split())
    return _SlotSample(intent, re.compile("^" + " ".join(parts) + "$"), literal_words, elicits)
