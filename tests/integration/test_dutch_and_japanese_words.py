"""Dutch and Japanese as the local resolver hears them (`lexicons/nl.py`, `lexicons/ja.py`):
numbers written as one word or in kanji, times said the way people there say them, Japanese
words found without spaces, and launches with the skill's name first."""

# Full-width and ideographic forms are the point of some tests below.
# ruff: noqa: RUF001

from __future__ import annotations

import pytest

from backstretch_local.corpus import load_corpus
from backstretch_local.lexicon import lexicon_for
from backstretch_local.utterances import InteractionModel, UtteranceResolver

DUTCH, JAPANESE = lexicon_for("nl"), lexicon_for("ja")


@pytest.fixture(scope="module")
def dutch() -> UtteranceResolver:
    return UtteranceResolver(InteractionModel.load("nl-NL"))


@pytest.fixture(scope="module")
def japanese() -> UtteranceResolver:
    return UtteranceResolver(InteractionModel.load("ja-JP"))


@pytest.mark.parametrize(
    ("said", "number"),
    [
        ("vijfentwintig", 25), ("tweeëntwintig", 22), ("vijf en twintig", 25), ("dertig", 30),
        ("twaalf", 12), ("honderdvijf", 105), ("twee honderd", 200), ("duizend", 1000),
        ("25", 25), ("seconden", None), ("", None),
    ],
)  # fmt: skip
def test_dutch_numbers_are_one_word_unit_first(said: str, number: int | None) -> None:
    assert DUTCH.parse_number(said) == number


def test_dutch_verb_forms_meet_and_other_words_stay_apart() -> None:
    assert DUTCH.base("knielt") == DUTCH.base("knielen") == DUTCH.base("kniel")
    assert DUTCH.base("tintelt") == DUTCH.base("tintelen")
    assert DUTCH.base("kan") == DUTCH.base("kunt") == DUTCH.base("kunnen")
    assert DUTCH.base("kant") != DUTCH.base("kan")
    assert DUTCH.base("niet") == "niet"


@pytest.mark.parametrize(
    ("said", "time"),
    [
        ("om zeven uur s avonds", "19:00"), ("om half acht", "07:30"),
        ("half acht s avonds", "19:30"), ("kwart over zeven", "07:15"),
        ("kwart voor negen s avonds", "20:45"), ("tien over half acht", "07:40"),
        ("om 19 uur", "19:00"), ("om drie uur s middags", "15:00"), ("s ochtends", "MO"),
        ("s avonds", "EV"), ("om elf uur s nachts", "23:00"), ("middernacht", "00:00"),
        ("paars", None),
    ],
)  # fmt: skip
def test_dutch_times_read_as_amazon_time_gives_them(said: str, time: str | None) -> None:
    assert DUTCH.parse_time(DUTCH.normalise(said)) == time


def test_dutch_phrases_carry_their_numbers_times_and_negations(dutch: UtteranceResolver) -> None:
    hold = dutch.resolve("houd vijfentwintig seconden vast", in_session=True)
    assert (hold.intent, hold.slot_values["seconds"]) == ("SetHoldIntent", "25")
    remind = dutch.resolve(
        "herinner me om half acht 's avonds aan mijn rekoefeningen", in_session=True
    )
    assert (remind.intent, remind.slot_values["time"]) == ("SetReminderIntent", "19:30")
    assert dutch.resolve("ik kan echt niet knielen", in_session=True).intent == "KneeIntent"
    assert dutch.resolve("dat voelt niet lekker", in_session=True).intent != "RemarkIntent"
    opened = dutch.resolve("Alexa, open mijn rugoefeningen", in_session=False)
    assert opened.request_type == "LaunchRequest"
    asked = dutch.resolve("vraag mijn rugoefeningen hoe mijn week ging", in_session=False)
    assert asked.intent == "WeeklySummaryIntent"


@pytest.mark.parametrize(
    ("said", "words"),
    [
        ("腰のストレッチコーチを開いて", "腰 の ストレッチコーチ を 開 い て"),
        ("ちょっと待ってください", "ちょっと 待 って ください"),
        ("二十五秒キープして", "二十五 秒 キープ して"),
        ("にじゅうご秒にして", "にじゅうご 秒 に して"),
        ("もう一回言って", "もう 一 回 言 って"),
        ("やり方合ってた", "やり 方 合 って た"),
        ("今週は何日ストレッチした", "今週 は 何 日 ストレッチ した"),
        ("午後７時にリマインドして", "午後 7 時 に リマインド して"),
        ("はい、そうです。", "はい そうです"),
        ("うーん", "うーん"),
        ("ストップストップ", "ストップ ストップ"),
        ("痛くない", "痛 くない"),
    ],
)
def test_japanese_words_are_found_without_spaces(said: str, words: str) -> None:
    assert JAPANESE.normalise(said) == words


def test_japanese_segmenting_twice_changes_nothing() -> None:
    model = InteractionModel.load("ja-JP")
    said = [p.text for p in load_corpus("ja-JP")]
    said += [sample for intent in model.intents for sample in intent.samples]
    said += [value for values in model.slot_values.values() for value in values]
    assert len(said) > 600
    assert [
        s for s in said if JAPANESE.normalise(JAPANESE.normalise(s)) != JAPANESE.normalise(s)
    ] == []


@pytest.mark.parametrize(
    ("said", "number"),
    [("二十五", 25), ("にじゅうご", 25), ("２５", 25), ("三十", 30), ("百五", 105), ("秒", None)],
)
def test_japanese_numbers_in_kanji_kana_and_digits(said: str, number: int | None) -> None:
    assert JAPANESE.parse_number(said) == number


@pytest.mark.parametrize(
    ("said", "time"),
    [
        ("午後7時", "19:00"), ("夜7時", "19:00"), ("朝7時半", "07:30"), ("19時", "19:00"),
        ("7時30分", "07:30"), ("十九時", "19:00"), ("夜の9時", "21:00"), ("朝", "MO"),
        ("夜中の2時", "02:00"), ("3時に", None),
    ],
)  # fmt: skip
def test_japanese_times_read_as_amazon_time_gives_them(said: str, time: str | None) -> None:
    assert JAPANESE.parse_time(JAPANESE.normalise(said)) == time


def test_japanese_launches_name_the_skill_first(japanese: UtteranceResolver) -> None:
    opened = japanese.resolve("アレクサ、腰のストレッチコーチを開いて", in_session=False)
    assert opened.request_type == "LaunchRequest"
    one_shot = "腰のストレッチコーチでキープを二十五秒にして"
    assert japanese.said_to_skill(one_shot) == "キープ を 二十五 秒 に して"
    asked = japanese.resolve(one_shot, in_session=False)
    assert (asked.intent, asked.slot_values["seconds"], asked.one_shot) == (
        "SetHoldIntent",
        "25",
        True,
    )
    time = japanese.resolve("午後7時", in_session=True, eliciting=("SetReminderIntent", "time"))
    assert (time.intent, time.slot_values["time"]) == ("SetReminderIntent", "19:00")
