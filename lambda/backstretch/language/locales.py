"""The locales Alexa speaks, and which of them the skill speaks: the one table to extend.

Each entry names the content its locale reads (`<language>.json`, then the locale's own
`<locale>.json` overlay where one exists) and how its people tell the time. A locale whose
content is not written yet (`written=False`) is answered in en-US, and logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

logger = logging.getLogger(__name__)

DEFAULT_LOCALE = "en-US"
# Languages written right to left: their screens are laid out from the right (APL's
# layoutDirection), the week's Monday at the right.
RIGHT_TO_LEFT = frozenset({"ar"})


@dataclass(frozen=True)
class Locale:
    tag: str  # as Alexa sends it: "de-DE"
    language: str  # the content file every locale of the language shares, and its plurals
    hour_cycle: int  # 12 or 24, as CLDR writes a short time there
    written: bool = False  # its content (and its reminders') exists and is complete

    @property
    def layout_direction(self) -> str:
        """How a screen lays out its words: "RTL" for a language written right to left."""
        return "RTL" if self.language in RIGHT_TO_LEFT else "LTR"


LOCALES: dict[str, Locale] = {
    entry.tag: entry
    for entry in (
        Locale("ar-SA", "ar", 12),
        Locale("de-DE", "de", 24, written=True),
        Locale("en-AU", "en", 12, written=True),
        Locale("en-CA", "en", 12, written=True),
        Locale("en-GB", "en", 24, written=True),
        Locale("en-IN", "en", 12, written=True),
        Locale("en-US", "en", 12, written=True),
        Locale("es-ES", "es", 24, written=True),
        Locale("es-MX", "es", 12, written=True),
        Locale("es-US", "es", 12, written=True),
        Locale("fr-CA", "fr", 24, written=True),
        Locale("fr-FR", "fr", 24, written=True),
        Locale("hi-IN", "hi", 12, written=True),
        Locale("it-IT", "it", 24, written=True),
        Locale("ja-JP", "ja", 24, written=True),
        Locale("nl-NL", "nl", 24, written=True),
        Locale("pt-BR", "pt", 24, written=True),
    )
}

_BY_LOWER = {tag.lower(): entry for tag, entry in LOCALES.items()}


def spoken_locale(requested: str | None) -> Locale:
    """The locale the skill answers a request in: the one asked for when its content is
    written, else en-US (logged: a request's locale is input, so it is never a cache key).

    >>> spoken_locale("de-DE").tag, spoken_locale("en-gb").tag, spoken_locale("xx").tag
    ('de-DE', 'en-GB', 'en-US')
    """
    entry = _BY_LOWER.get(requested.lower()) if isinstance(requested, str) else None
    if entry is not None and entry.written:
        return entry
    if requested:
        logger.warning("unsupported locale %.20r: answering in %s", requested, DEFAULT_LOCALE)
    return LOCALES[DEFAULT_LOCALE]


def written_locales() -> tuple[str, ...]:
    """Every locale the skill speaks, in the table's order."""
    return tuple(tag for tag, entry in LOCALES.items() if entry.written)
