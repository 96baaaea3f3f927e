"""The phrase corpus (``corpus/<locale>.txt``, else ``corpus/<language>.txt``): what people
say, when, and what it must mean.

Each phrase is said at a moment of the conversation (`MOMENTS`: whether a session is open,
and which slot the skill is asking for) and has a meaning (`MEANINGS`: the intents it may
resolve to, and the slot values it must carry). `resolution_report` resolves every phrase
the way the local resolver does (as Alexa would, from the interaction model) and says which
are right, overall and per moment; `leave_one_out_report` does the same with each phrase
left out of the model's samples, so that a phrase the model lists word for word does not
count as understood for free.

    >>> corpus = load_corpus("en-US")
    >>> report = resolution_report(UtteranceResolver(InteractionModel.load("en-US")), corpus)
    >>> report.share_right >= 0.97
    True

The voice report and the turn-level corpus test reuse `load_corpus` and `resolve_phrase`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from backstretch_local.utterances import (
    FALLBACK_INTENT,
    InteractionModel,
    Utterance,
    UtteranceResolver,
)

# The package's copy of corpus/ (scripts/sync_local_data.py), so it travels with the tools.
CORPUS_DIRECTORY = Path(__file__).resolve().parent / "data" / "corpus"


@dataclass(frozen=True)
class Moment:
    """Where in the conversation a phrase is said, as the resolver sees it."""

    name: str
    said_after: str  # what the skill last said (or did), for a reader of the report
    in_session: bool = True
    eliciting: tuple[str, str] | None = None  # the slot the skill's Dialog.ElicitSlot asks for


_MOMENTS = (
    Moment("setup", "a step's instructions, before the hold"),
    Moment("mid_hold", "the count of a hold, still running"),
    Moment("between_sides", "Say next when you're ready for the right side."),
    Moment("between_stretches", "the first stretch done, the next one announced"),
    Moment("final_hold", "the count of the routine's last side, still running"),
    Moment("paused", "Paused. Say resume when you're ready."),
    Moment("resume_offer", "Last time you stopped at the lat stretch. Want to pick up there?"),
    Moment("fresh_or_stop", "Start fresh, or stop for now?"),
    Moment("reminder_offer", "Want me to remind you to stretch at this time on weekdays?"),
    Moment("pain_question", "A gentler try, skip this stretch, or finish for today?"),
    Moment("knee_question", "More padding, or skip to the lat stretch?"),
    Moment(
        "which_stretch",
        "The hip flexor stretch or the lat stretch. Which one?",
        eliciting=("GoToStretchIntent", "stretch"),
    ),
    Moment(
        "reminder_time",
        "What time should I remind you?",
        eliciting=("SetReminderIntent", "time"),
    ),
    Moment("after_routine", "the routine finished, the session still open"),
    Moment("one_shot", "nothing: no session is open", in_session=False),
)
MOMENTS: Mapping[str, Moment] = {moment.name: moment for moment in _MOMENTS}


@dataclass(frozen=True)
class Meaning:
    """What a phrase must resolve to: one of `intents` (or a launch), carrying `needs` (slot
    names that must be filled; the corpus line gives their values)."""

    name: str
    intents: frozenset[str]
    needs: tuple[str, ...] = ()


def _meaning(name: str, *intents: str, needs: tuple[str, ...] = ()) -> Meaning:
    return Meaning(name, frozenset(intents), needs)


LAUNCH = "LaunchRequest"
_MEANINGS = (
    _meaning("launch", LAUNCH),
    _meaning("next", "AMAZON.NextIntent"),
    _meaning("pause", "AMAZON.PauseIntent"),
    _meaning("resume", "AMAZON.ResumeIntent"),
    _meaning("repeat", "AMAZON.RepeatIntent"),
    _meaning("redo", "RedoSideIntent"),
    _meaning("pain", "PainIntent"),
    _meaning("knee", "PainIntent", "KneeIntent"),  # PainIntent: with a knee named
    _meaning("warning", "WarningSignIntent"),
    _meaning("stop", "AMAZON.StopIntent", "AMAZON.CancelIntent"),
    _meaning("done", "DoneForTodayIntent"),
    _meaning("where", "WhereAmIIntent"),
    _meaning("time_left", "TimeLeftIntent"),
    _meaning("hold_length", "HoldLengthIntent"),
    _meaning("set_hold", "SetHoldIntent", needs=("seconds",)),
    _meaning("why", "WhyIntent"),
    _meaning("skip", "SkipStretchIntent"),
    _meaning("go_back", "AMAZON.PreviousIntent"),
    _meaning("go_to", "GoToStretchIntent", needs=("stretch",)),
    _meaning("help", "AMAZON.HelpIntent"),
    _meaning("summary", "WeeklySummaryIntent"),
    _meaning("reminder_set", "SetReminderIntent"),
    _meaning("reminder_change", "ChangeReminderIntent"),
    _meaning("reminder_list", "ListRemindersIntent"),
    _meaning("reminder_cancel", "CancelReminderIntent"),
    _meaning("yes", "AMAZON.YesIntent"),
    _meaning("no", "AMAZON.NoIntent"),
    _meaning("form_check", "FormCheckIntent"),
    _meaning("remark", "RemarkIntent"),
    _meaning("start", "StartRoutineIntent"),
    _meaning("start_over", "AMAZON.StartOverIntent"),
    _meaning("gentler", "GentlerIntent"),
    _meaning("stretch_name", "GoToStretchIntent", needs=("stretch",)),
    _meaning("time_answer", "SetReminderIntent", needs=("time",)),
    _meaning("fallback", FALLBACK_INTENT),
)
MEANINGS: Mapping[str, Meaning] = {meaning.name: meaning for meaning in _MEANINGS}
KNEES = frozenset({"knee", "knees"})  # the BODY_PART ids that make a pain a knee's


# The cues a scripted person says to reach each moment (a corpus file's [script] section),
# and the meaning each must resolve to.
SCRIPT = {
    "launch": "launch",
    "next": "next",
    "no": "no",
    "stop": "stop",
    "pause": "pause",
    "pain": "pain",
    "knee": "knee",
    "unknown_stretch": "go_to",  # a stretch the skill does not have: it asks "which one?"
    "remind": "reminder_set",  # no time said: the skill asks for one
}
SCRIPT_SECTION = "script"


class CorpusError(ValueError):
    """A corpus file line that is not `phrase => meaning [slot=value ...]` under a moment."""


@dataclass(frozen=True)
class CorpusPhrase:
    """One line of the corpus: said at `moment`, it must mean `meaning`, with `slots`."""

    moment: str
    text: str
    meaning: str
    slots: Mapping[str, str] = field(default_factory=dict)
    line: int = 0


_LINE = re.compile(r"^(?P<text>.+?)\s*=>\s*(?P<meaning>\w+)(?P<slots>(?:\s+\w+=\S+)*)\s*$")


def corpus_path(locale: str, directory: Path | None = None) -> Path:
    """The corpus a locale plays: ``<locale>.txt`` where its people say things their own
    way, else its language's ``<language>.txt`` (default folder: the package's copy)."""
    folder = directory or CORPUS_DIRECTORY
    own = folder / f"{locale}.txt"
    return own if own.is_file() else folder / f"{locale.split('-')[0]}.txt"


def load_corpus(locale: str = "en-US", directory: Path | None = None) -> tuple[CorpusPhrase, ...]:
    """The phrases of the locale's corpus (`corpus_path`)."""
    return parse_corpus(corpus_path(locale, directory).read_text(encoding="utf-8"))


def load_script(locale: str = "en-US", directory: Path | None = None) -> dict[str, str]:
    """The cues of the locale's corpus' [script] section, by name (`SCRIPT`)."""
    return parse_script(corpus_path(locale, directory).read_text(encoding="utf-8"))


def parse_script(text: str) -> dict[str, str]:
    """A corpus file's [script] section: ``name: phrase`` lines; raises CorpusError on a
    name `SCRIPT` does not have, or one it has missing.

    >>> parse_script("[script]\\nnext: weiter\\n[setup]\\nweiter => next\\n")
    Traceback (most recent call last):
    ...
    backstretch_local.corpus.CorpusError: the [script] section lacks ['launch', 'no', ...]
    """
    cues: dict[str, str] = {}
    section: str | None = None
    for number, line in _lines(text):
        if (heading := re.fullmatch(r"\[(\w+)\]", line)) is not None:
            section = heading.group(1)
        elif section == SCRIPT_SECTION:
            name, colon, phrase = line.partition(":")
            if not colon or name.strip() not in SCRIPT or not phrase.strip():
                raise CorpusError(f"line {number}: not 'cue: phrase' with a cue of {list(SCRIPT)}")
            cues[name.strip()] = phrase.strip()
    missing = [name for name in SCRIPT if name not in cues]
    if missing:
        raise CorpusError(f"the [script] section lacks {missing}")
    return cues


def _lines(text: str) -> Iterable[tuple[int, str]]:
    """The lines that say something (not blank, not a comment), numbered from 1."""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line and not line.startswith("#"):
            yield number, line


def parse_corpus(text: str) -> tuple[CorpusPhrase, ...]:
    """The phrases of a corpus file; raises CorpusError naming the first bad line.

    >>> parse_corpus("[mid_hold]\\n# a comment\\num how much longer => time_left\\n")
    (CorpusPhrase(moment='mid_hold', text='um how much longer', meaning='time_left', ...),)
    """
    phrases: list[CorpusPhrase] = []
    moment: str | None = None
    for number, line in _lines(text):
        section = re.fullmatch(r"\[(\w+)\]", line)
        if section is not None:
            moment = section.group(1)
            if moment not in MOMENTS and moment != SCRIPT_SECTION:
                raise CorpusError(f"line {number}: unknown moment {moment!r}")
            continue
        if moment == SCRIPT_SECTION:
            continue  # the cues (parse_script)
        found = _LINE.match(line)
        if found is None or moment is None:
            raise CorpusError(f"line {number}: not 'phrase => meaning' under a [moment]")
        meaning = MEANINGS.get(found["meaning"])
        if meaning is None:
            raise CorpusError(f"line {number}: unknown meaning {found['meaning']!r}")
        slots = dict(pair.split("=", 1) for pair in found["slots"].split())
        missing = [name for name in meaning.needs if name not in slots]
        if missing:
            raise CorpusError(f"line {number}: {meaning.name} needs {missing}")
        phrases.append(CorpusPhrase(moment, found["text"], meaning.name, slots, number))
    return tuple(phrases)


def resolve_phrase(resolver: UtteranceResolver, phrase: CorpusPhrase) -> Utterance:
    """What the resolver makes of a corpus phrase at its moment."""
    moment = MOMENTS[phrase.moment]
    return resolver.resolve(phrase.text, in_session=moment.in_session, eliciting=moment.eliciting)


def mistake(phrase: CorpusPhrase, heard: Utterance) -> str | None:
    """Why `heard` is not what `phrase` means (None when it is)."""
    meaning = MEANINGS[phrase.meaning]
    got = LAUNCH if heard.request_type == LAUNCH else (heard.intent or heard.request_type)
    if got not in meaning.intents:
        return f"heard {got}"
    said = heard_values(heard)
    if meaning.name == "knee" and got == "PainIntent" and said.get("bodyPart") not in KNEES:
        return f"pain without a knee named ({said.get('bodyPart')})"
    if meaning.name == "knee":
        return None  # KneeIntent names no part; PainIntent's part is checked above
    for name, value in phrase.slots.items():
        if said.get(name) != value:
            return f"{name}={said.get(name)} (not {value})"
    return None


def heard_values(heard: Utterance) -> dict[str, str | None]:
    """Each slot's value as the skill should read it: a custom slot's resolved id when it
    has one, otherwise what Alexa sent."""
    resolved = {name: r.id for name, r in heard.resolutions if r.id}
    return {name: resolved.get(name, value) for name, value in heard.slots}


@dataclass(frozen=True)
class Resolution:
    phrase: CorpusPhrase
    heard: Utterance
    mistake: str | None

    @property
    def right(self) -> bool:
        return self.mistake is None


@dataclass(frozen=True)
class ResolutionReport:
    """Every phrase, resolved and judged."""

    results: tuple[Resolution, ...]

    @property
    def share_right(self) -> float:
        return _share(self.results)

    def by_moment(self) -> dict[str, float]:
        """The share right at each moment, in the order of `MOMENTS`."""
        shares = {}
        for name in MOMENTS:
            said = [r for r in self.results if r.phrase.moment == name]
            if said:
                shares[name] = _share(said)
        return shares

    def wrong(self) -> list[Resolution]:
        return [r for r in self.results if not r.right]

    def lines(self) -> list[str]:
        """The report as a person reads it: per moment, overall, then each phrase heard
        wrong."""
        out = []
        for name, share in self.by_moment().items():
            count = sum(1 for r in self.results if r.phrase.moment == name)
            out.append(f"{name:<18} {share * count:4.0f}/{count:<3} {share:6.1%}")
        count = len(self.results)
        out.append(f"{'all moments':<18} {self.share_right * count:4.0f}/{count:<3} "
                   f"{self.share_right:6.1%}")  # fmt: skip
        out.extend(
            f"  wrong [{r.phrase.moment}] {r.phrase.text!r} => {r.phrase.meaning}: {r.mistake}"
            for r in self.wrong()
        )
        return out


def _share(results: Iterable[Resolution]) -> float:
    judged = list(results)
    return sum(r.right for r in judged) / len(judged) if judged else 0.0


def resolution_report(
    resolver: UtteranceResolver, corpus: Iterable[CorpusPhrase]
) -> ResolutionReport:
    """Every corpus phrase resolved at its moment, and judged against its meaning."""
    results = []
    for phrase in corpus:
        heard = resolve_phrase(resolver, phrase)
        results.append(Resolution(phrase, heard, mistake(phrase, heard)))
    return ResolutionReport(tuple(results))


def leave_one_out_report(
    model: InteractionModel, corpus: Iterable[CorpusPhrase], threshold: float | None = None
) -> ResolutionReport:
    """As `resolution_report`, with each phrase (what of it is said to the skill, as said
    and without its fillers) left out of the samples and built-in phrases while it is
    resolved: what the resolver makes of the phrase from the other samples alone."""
    shared = UtteranceResolver(model, threshold=threshold)
    listed = _literal_phrases(model)
    results = []
    for phrase in corpus:
        request = shared.said_to_skill(phrase.text)
        said = frozenset({request, model.lexicon.without_fillers(request)} - {""})
        resolver = shared
        if said & listed:
            resolver = UtteranceResolver(model, without=said, threshold=threshold)
        heard = resolve_phrase(resolver, phrase)
        results.append(Resolution(phrase, heard, mistake(phrase, heard)))
    return ResolutionReport(tuple(results))


def _literal_phrases(model: InteractionModel) -> frozenset[str]:
    normalise = model.lexicon.normalise
    samples = {normalise(s) for i in model.intents for s in i.samples}
    samples |= {normalise(s) for i in model.intents for slot in i.slots for s in slot.samples}
    samples |= {normalise(p) for phrases in model.lexicon.built_in.values() for p in phrases}
    return frozenset(samples)
