"""CLDR plural categories for the languages of Alexa's locales, as small pure rules.

CLDR names six categories (zero, one, two, few, many, other); a language uses some of them,
and content gives a form of each unit for each one its language uses ("{n} Tag", "{n} Tage").
The rules are CLDR's, written out here rather than read from Babel: the whole of what the
skill needs is these few lines, where Babel's data for the same locales is about 3 MB
(tests/integration/test_cldr.py holds these rules to Babel's for 0..200 and decimals).

>>> [plural_category("ar", n) for n in (0, 1, 2, 3, 11, 100)]
['zero', 'one', 'two', 'few', 'many', 'other']
>>> plural_category("de", "1.0"), plural_category("fr", "1.5"), plural_category("ja", 1)
('other', 'one', 'other')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

ZERO, ONE, TWO, FEW, MANY, OTHER = "zero", "one", "two", "few", "many", "other"


@dataclass(frozen=True)
class Operands:
    """CLDR's operands of a number as written: n (absolute value), i (integer digits),
    v (visible fraction digits); the compact exponent e is always 0 for what is said here."""

    n: Decimal
    i: int
    v: int

    @classmethod
    def of(cls, number: int | str | Decimal) -> Operands:
        value = abs(Decimal(str(number)))
        exponent = value.as_tuple().exponent
        visible = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return cls(value, int(value), visible)

    @property
    def whole(self) -> bool:
        """n is a whole number (CLDR's ranges such as 3..10 hold only whole numbers)."""
        return self.n == self.n.to_integral_value()


def _one_if_one_without_fraction(o: Operands) -> str:  # en, de, nl
    return ONE if o.i == 1 and o.v == 0 else OTHER


def _millions(o: Operands) -> bool:
    """CLDR's 'many' for es, fr, it, pt: a whole million or more (e = 0 here)."""
    return o.i != 0 and o.i % 1_000_000 == 0 and o.v == 0


def _italian(o: Operands) -> str:
    if o.i == 1 and o.v == 0:
        return ONE
    return MANY if _millions(o) else OTHER


def _spanish(o: Operands) -> str:
    if o.n == 1:
        return ONE
    return MANY if _millions(o) else OTHER


def _french(o: Operands) -> str:
    if o.i in (0, 1):
        return ONE
    return MANY if _millions(o) else OTHER


def _portuguese(o: Operands) -> str:  # pt (Brazil); pt-PT's own rule is not needed
    if o.i in (0, 1):
        return ONE
    return MANY if _millions(o) else OTHER


def _hindi(o: Operands) -> str:
    return ONE if o.i == 0 or o.n == 1 else OTHER


def _japanese(o: Operands) -> str:
    return OTHER


def _arabic(o: Operands) -> str:
    if o.n == 0:
        return ZERO
    if o.n == 1:
        return ONE
    if o.n == 2:
        return TWO
    hundreds = o.n % 100
    if o.whole and 3 <= hundreds <= 10:
        return FEW
    if o.whole and 11 <= hundreds <= 99:
        return MANY
    return OTHER


@dataclass(frozen=True)
class PluralRule:
    """One language's rule, and the categories it gives whole numbers (each needs a form)."""

    pick: Callable[[Operands], str]
    categories: tuple[str, ...]


RULES: dict[str, PluralRule] = {
    "ar": PluralRule(_arabic, (ZERO, ONE, TWO, FEW, MANY, OTHER)),
    "de": PluralRule(_one_if_one_without_fraction, (ONE, OTHER)),
    "en": PluralRule(_one_if_one_without_fraction, (ONE, OTHER)),
    "es": PluralRule(_spanish, (ONE, MANY, OTHER)),
    "fr": PluralRule(_french, (ONE, MANY, OTHER)),
    "hi": PluralRule(_hindi, (ONE, OTHER)),
    "it": PluralRule(_italian, (ONE, MANY, OTHER)),
    "ja": PluralRule(_japanese, (OTHER,)),
    "nl": PluralRule(_one_if_one_without_fraction, (ONE, OTHER)),
    "pt": PluralRule(_portuguese, (ONE, MANY, OTHER)),
}


def plural_category(language: str, number: int | str | Decimal) -> str:
    """The CLDR category of `number` (an int, or a decimal as written: "1.50") in `language`."""
    return RULES[language].pick(Operands.of(number))
