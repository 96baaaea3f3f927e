"""What a listener hears of a speech plan, timed at a speaking rate measured outside our code.

US English text-to-speech voices speak at about 150 words a minute (Alexa's default voice at
its default rate); these helpers use that figure, not the skill's own constant.
"""

from __future__ import annotations

import re

from backstretch.routine.content import Routine
from backstretch.speech.plan import SpeechPlan
from backstretch.speech.ssml import render

HEARD_WORDS_PER_SECOND = 150 / 60
_BREAK = re.compile(r'<break time="(\d+)ms"/>')
_TAG = re.compile(r"<[^>]+>")


def heard_seconds(ssml: str) -> float:
    """Silence plus words, at 150 words a minute."""
    silence = sum(int(ms) for ms in _BREAK.findall(ssml)) / 1000
    return silence + len(_TAG.sub(" ", ssml).split()) / HEARD_WORDS_PER_SECOND


def seconds_until(plan: SpeechPlan, routine: Routine, words: str) -> float:
    """How long a listener waits, from the first word, until `words` begin."""
    ssml = render(plan, routine.hold)
    return heard_seconds(ssml[: ssml.index(escape_quote(words))])


def escape_quote(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", text) if s]


def hold_heard_seconds(ssml: str) -> float:
    """Heard seconds of the one counted hold in a turn's speech (its parts joined in order):
    from its opening line to its release, or the edge of the text where one is missing."""
    start = ssml.find("Hold it there.")
    end = ssml.find("And release.", max(start, 0))
    return heard_seconds(ssml[max(start, 0) : end if end >= 0 else len(ssml)])
