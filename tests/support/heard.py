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
# Japanese is written without spaces between words: it is read at about 250 characters a
# minute (the slow end of the 250 to 300 a minute given for announcers reading aloud).
HEARD_JAPANESE_CHARACTERS_PER_SECOND = 250 / 60
_BREAK = re.compile(r'<break time="(\d+)ms"/>')
_TAG = re.compile(r"<[^>]+>")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_JAPANESE_PUNCTUATION = re.compile(r"[\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f]")


def heard_seconds(ssml: str) -> float:
    """Silence plus words, at 150 words a minute (Japanese: 250 characters a minute)."""
    silence = sum(int(ms) for ms in _BREAK.findall(ssml)) / 1000
    text = _TAG.sub(" ", ssml)
    characters = len(_JAPANESE.findall(text))
    words = _JAPANESE_PUNCTUATION.sub(" ", _JAPANESE.sub(" ", text)).split()
    return (
        silence
        + len(words) / HEARD_WORDS_PER_SECOND
        + characters / HEARD_JAPANESE_CHARACTERS_PER_SECOND
    )


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
