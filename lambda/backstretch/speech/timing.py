"""How long speech takes to hear: its words at a stated speaking rate, plus its breaks.

Alexa's default voice speaks about 150 words a minute; every estimate here (how long a hold
is heard, when a response's speech ends, how much talk comes before a count) uses that rate.

>>> round(ssml_seconds('<speak>Hold it there. <break time="8800ms"/> 10 seconds.</speak>'), 1)
10.8
"""

from __future__ import annotations

import re
from html import unescape

WORDS_PER_SECOND = 2.5  # 150 words a minute: Alexa's default voice at its default rate

_BREAK = re.compile(r'<break time="(\d+)ms"/>')
_TAG = re.compile(r"<[^>]+>")


def words_seconds(text: str) -> float:
    """Seconds to say plain text at the stated rate."""
    return len(text.split()) / WORDS_PER_SECOND


def ssml_seconds(ssml: str) -> float:
    """Seconds to hear SSML (or a fragment of it): its words, plus its breaks."""
    breaks = sum(int(ms) for ms in _BREAK.findall(ssml)) / 1000
    return breaks + words_seconds(unescape(_TAG.sub(" ", ssml)))
