"""Per written language other than English: what a person says, and what they must hear.
Each language's own module; the tests run once for each entry of `SPOKEN`."""

from __future__ import annotations

from tests.support.spoken import de_de, ja_jp, nl_nl
from tests.support.spoken.lines import Language

SPOKEN: dict[str, Language] = {
    language.locale: language for language in (de_de.LANGUAGE, nl_nl.LANGUAGE, ja_jp.LANGUAGE)
}
