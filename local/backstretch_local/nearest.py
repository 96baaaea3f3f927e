"""The sample nearest to a phrase: how a typed phrase no sample says literally finds its intent.

Alexa's own model generalises from the samples; this is a small, deterministic stand-in that
does the same for what people say mid-stretch, and is explained here so that its answers can
be reasoned about. Every word list it uses is the language's (`backstretch_local.lexicon`:
the English examples below are `lexicons/en.py`'s):

- **Words.** A phrase and every sample become sets of words: contractions spelled out ("im"
  -> "i am"), a few irregular forms made regular ("felt" -> "feel", "was" -> "be"), a light
  stem ("hurting", "hurts" -> "hurt"; "kneeling" -> "kneel"), and the word a "not" bears on
  marked as negated ("doesn't really feel good" has "not_feel", never "feel").
- **Slots.** A sample's slot is the word ``{TYPE}``. In the phrase, a value of that type (a
  listed value or synonym of a custom type, a number, a time) becomes ``{TYPE}`` too, but only
  when comparing with a sample that has a slot of that type: "one more time" holds no number
  for RedoSideIntent, and "my lower back hurts" is "my {BODY_PART} hurt" for PainIntent.
- **Weights.** A word weighs its inverse document frequency over all samples,
  ``ln(1 + samples / samples with the word)``: "tingle" and "kneel" weigh a lot, words
  said everywhere little. A few words carry little of what a person means however rare they
  are ("the", "my", "really", "gosh": the lexicon's `light_words`), and weigh `LIGHT_WEIGHT`.
  A slot heard weighs at least `SLOT_WEIGHT`: naming a body part says a lot. A word no
  sample has weighs most of all, so chit-chat ("what's the weather") stays far from everything.
- **Nearness.** The weighted Dice coefficient, ``2 W(phrase & sample) / (W(phrase) +
  W(sample))``: 1 when they are the same words, 0 when they share none. Words missing on
  either side cost what they weigh. A phrase of two clauses ("I'm there, let's go on") is
  also compared with an intent's nearest sample joined with each other sample of the intent
  ("i'm there" and "go on"), at `PAIR_DISCOUNT` of the nearness. Two neighbouring words
  a sample also has in that order count as one more shared word, at `ORDER_SHARE` of its
  weight ("skip the kneeling one" is not "skip to the kneeling one"); neighbours no sample
  has count for nothing. A phrase must share a word with a sample that is neither a slot nor
  a light word: a value alone ("twenty", "the lat stretch") is no request.

The nearest sample wins if it is at least the lexicon's `threshold` near; ties go to more
shared weight, then to the sample listed first. Below the threshold the phrase is not
understood (the resolver's fallback intent).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from backstretch_local.lexicon import Lexicon

# Each light word (`Lexicon.light_words`) weighs this, however rare.
LIGHT_WEIGHT = 0.5
SLOT_WEIGHT = 4.0
ORDER_SHARE = 0.25
PAIR_DISCOUNT = 0.95  # a pair of samples is a guess: one sample as near wins over it


def words_of(phrase: str, lexicon: Lexicon) -> list[str]:
    """The words a phrase is compared by, in order (see the module docstring).

    >>> from backstretch_local.lexicon import lexicon_for
    >>> words_of("that doesnt really feel good", lexicon_for("en"))
    ['that', 'do', 'not', 'really', 'not_feel', 'good']
    >>> words_of("my knees were killing me", lexicon_for("en"))
    ['my', 'kne', 'be', 'kill', 'me']
    """
    spelled: list[str] = []
    for word in phrase.split():
        spelled.extend(lexicon.contractions.get(word, word).split())
    out: list[str] = []
    negated = False
    for word in spelled:
        if word.startswith("{"):
            out.append(word)
            negated = False
            continue
        base = lexicon.base(word)
        if negated and word not in lexicon.negation_reach:
            out.append(f"not_{base}")
            negated = False
            continue
        out.append(base)
        negated = negated or word in lexicon.negations
    return out


def with_pairs(words: Sequence[str]) -> frozenset[str]:
    """The words, and each two neighbours as one more word ("skip+to"), for word order.

    >>> sorted(with_pairs(["skip", "to", "the"]))
    ['skip', 'skip+to', 'the', 'to', 'to+the']
    """
    return frozenset(words) | {f"{a}+{b}" for a, b in pairwise(words)}


def _carries(word: str, light: frozenset[str]) -> bool:
    """Whether a shared word says what the phrase is about: not a slot, a light word or a
    pair of neighbours."""
    return not word.startswith("{") and "+" not in word and word not in light


@dataclass(frozen=True)
class Sample:
    """One sample as the index holds it: its intent, its words, the slot types it holds, and
    the slot it is an elicitation sample of (None for the intent's own samples)."""

    intent: str
    text: str
    words: frozenset[str]
    slot_types: frozenset[str]
    order: int
    elicits: str | None = None


@dataclass(frozen=True)
class Spotted:
    """A phrase with some slot types' values replaced by ``{TYPE}``: its words, and what was
    said for each type."""

    words: frozenset[str]
    said: Mapping[str, str]


# A spotter finds a value of one slot type among a phrase's words: its (start, end) span and
# the value as said (a listed value, where the phrase said "foot's" for "foot").
Spotter = Callable[[Sequence[str]], tuple[int, int, str] | None]


@dataclass(frozen=True)
class Nearest:
    sample: Sample
    nearness: float
    said: Mapping[str, str]  # slot type -> the words said for it


@dataclass
class SampleIndex:
    """Samples, weighed once; `nearest(phrase)` compares a phrase with all of them."""

    samples: tuple[Sample, ...]
    spotters: Mapping[str, Spotter]
    lexicon: Lexicon
    weights: dict[str, float] = field(init=False)
    _unknown: float = field(init=False)

    def __post_init__(self) -> None:
        counts: Counter[str] = Counter()
        for sample in self.samples:
            counts.update(sample.words)
        total = max(len(self.samples), 1)
        self.weights = {word: math.log(1 + total / n) for word, n in counts.items()}
        for word in self.weights:
            if word.startswith("{"):
                self.weights[word] = max(self.weights[word], SLOT_WEIGHT)
        self._unknown = math.log(1 + total)

    @classmethod
    def build(
        cls,
        samples: Iterable[tuple[str, str, Mapping[str, str], str | None]],
        spotters: Mapping[str, Spotter],
        lexicon: Lexicon,
    ) -> SampleIndex:
        """From (intent, sample text, {slot name: slot type}, the slot it elicits or None),
        in the order they are listed."""
        built = []
        for order, (intent, text, slot_types, elicits) in enumerate(samples):
            parts = re.split(r"(\{\w+\})", text)
            typed = " ".join(
                "{" + slot_types.get(part[1:-1], part[1:-1]) + "}"
                if part.startswith("{")
                else lexicon.normalise(part)
                for part in parts
            )
            words = with_pairs(words_of(typed, lexicon))
            types = frozenset(w[1:-1] for w in words if w.startswith("{") and "+" not in w)
            built.append(Sample(intent, text, words, types, order, elicits))
        return cls(tuple(built), spotters, lexicon)

    def weight(self, words: Iterable[str]) -> float:
        return sum(self._weight(word) for word in words)

    def _weight(self, word: str) -> float:
        if "+" in word:  # a pair counts only if some sample has it: word order agreeing
            return ORDER_SHARE * self.weights.get(word, 0.0)
        if word.removeprefix("not_") in self.lexicon.light_words:
            return LIGHT_WEIGHT
        return self.weights.get(word, self._unknown)

    def nearest(
        self, phrase: str, among: Callable[[Sample], bool] = lambda sample: True
    ) -> Nearest | None:
        """The sample nearest `phrase` (a normalised phrase), among those `among` allows."""
        views: dict[frozenset[str], Spotted] = {}
        found: dict[str, list[tuple[tuple[float, float, int], Sample]]] = {}
        for sample in self.samples:
            if not among(sample):
                continue
            view = views.get(sample.slot_types)
            if view is None:
                view = views[sample.slot_types] = self._spot(phrase, sample.slot_types)
            rank = self._rank(view.words, sample.words, sample.order)
            if rank is not None:
                found.setdefault(sample.intent, []).append((rank, sample))
        best: tuple[tuple[float, float, int], Nearest] | None = None
        for scored in found.values():
            rank, first = max(scored, key=lambda s: s[0])
            view = views[first.slot_types]
            for _, second in scored:
                if second is first or second.slot_types != first.slot_types:
                    continue
                pair = self._rank(view.words, first.words | second.words, first.order)
                if pair is not None and pair[0] * PAIR_DISCOUNT > rank[0]:
                    rank = (pair[0] * PAIR_DISCOUNT, pair[1], pair[2])
            if best is None or rank > best[0]:
                best = (rank, Nearest(first, rank[0], self._slots_heard(scored, views)))
        return best[1] if best is not None else None

    def _slots_heard(
        self,
        scored: list[tuple[tuple[float, float, int], Sample]],
        views: Mapping[frozenset[str], Spotted],
    ) -> Mapping[str, str]:
        """The values an intent's nearest sample with slots heard in the phrase: the intent
        is the nearest sample's, its slots those of its nearest sample that takes the values
        the phrase names ("pins and needles in my leg": the intent from "pins and needles",
        the leg from "i've got pins and needles in my {bodyPart}")."""
        heard = [(rank, views[s.slot_types].said) for rank, s in scored if views[s.slot_types].said]
        return max(heard, key=lambda h: h[0])[1] if heard else {}

    def _rank(
        self, phrase: frozenset[str], sample: frozenset[str], order: int
    ) -> tuple[float, float, int] | None:
        both = phrase & sample
        if not any(_carries(word, self.lexicon.light_words) for word in both):
            return None  # a value alone ("twenty", "the lat stretch") is no request
        shared = self.weight(both)
        return (2 * shared / (self.weight(phrase) + self.weight(sample)), shared, -order)

    def _spot(self, phrase: str, types: frozenset[str]) -> Spotted:
        words = phrase.split()
        said: dict[str, str] = {}
        for slot_type in sorted(types):
            spotter = self.spotters.get(slot_type)
            spot = spotter(words) if spotter else None
            if spot is None:
                continue
            start, end, value = spot
            said[slot_type] = value
            words = [*words[:start], "{" + slot_type + "}", *words[end:]]
        return Spotted(with_pairs(words_of(" ".join(words), self.lexicon)), said)


def listed_spotter(values: Iterable[str]) -> Spotter:
    """The first of a custom type's listed values and synonyms in a phrase, the longest where
    two start at one word; a value's last word may carry an "s" ("my foot's numb")."""
    listed = sorted({tuple(v.split()) for v in values if v}, key=len, reverse=True)

    def spot(words: Sequence[str]) -> tuple[int, int, str] | None:
        for start in range(len(words)):
            for value in listed:
                if tuple(words[start : start + len(value)]) == value:
                    return start, start + len(value), " ".join(value)
            for value in listed:
                said = tuple(words[start : start + len(value)])
                if said[:-1] == value[:-1] and said[-1:] == (value[-1] + "s",):
                    return start, start + len(value), " ".join(value)
        return None

    return spot


def parsed_spotter(
    parse: Callable[[str], object | None], skips: frozenset[str], longest: int = 6
) -> Spotter:
    """The first span that `parse` reads (a number, a time), at its longest, never starting
    at one of `skips` ("the", "at")."""

    def spot(words: Sequence[str]) -> tuple[int, int, str] | None:
        for start in range(len(words)):
            if words[start] in skips:
                continue
            for end in range(min(len(words), start + longest), start, -1):
                said = " ".join(words[start:end])
                if parse(said) is not None:
                    return start, end, said
        return None

    return spot
