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
# Japanese (and Chinese characters) are written without spaces: a voice reads about four
# characters a second (some seven morae), so a character counts as 0.6 of a word here.
WORDS_PER_CJK_CHARACTER = 0.6

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")
# The ideographic full stop and comma, and the like: not said.
_PUNCTUATION = re.compile(r"[\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f]+")
_BREAK = re.compile(r'<break time="(\d+)ms"/>')
_TAG = re.compile(r"<[^>]+>")


def words_seconds(text: str) -> float:
    """Seconds to say plain text at the stated rate, in any script.

    >>> words_seconds("Hold it there."), words_seconds("そのままキープ。")
    (1.2, 1.68)
    """
    characters = len(_CJK.findall(text))
    spaced = [w for w in _CJK.sub(" ", text).split() if not _PUNCTUATION.fullmatch(w)]
    words = len(spaced) + characters * WORDS_PER_CJK_CHARACTER
    return round(words / WORDS_PER_SECOND, 3)


def ssml_seconds(ssml: str) -> float:
    """Seconds to hear SSML (or a fragment of it): its words, plus its breaks."""
    breaks = sum(int(ms) for ms in _BREAK.findall(ssml)) / 1000
    return breaks + words_seconds(unescape(_TAG.sub(" ", ssml)))
