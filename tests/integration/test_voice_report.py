"""The voice report's played half holds issue 16's targets: pain and warning signs handled at
every moment, the final hold included, with only what was held stored; a short way back into a
paused hold; the phrase corpus resolved. Played as on a device: the skill, the chat with
cut-in, the timed listener (`scripts/voice_runs.py`)."""

from __future__ import annotations

import json

import pytest

from backstretch.routine.content import load_routine
from scripts.voice_report import main
from scripts.voice_runs import (
    MOMENTS,
    PAIN,
    WARNING,
    ByMoment,
    TalkBeforeCount,
    by_moment,
    corpus_figure,
    talk_before_count,
)

MAX_TALK_AFTER_RESUME_SECONDS = 10.0  # issue 16: "at most 10 s of talk" back into a hold
CORPUS_TARGET = 0.97  # issue 16: "at least 97 % right"
# A cut hold is credited from second-resolution timestamps: never more than was held.
CREDIT_SLACK_SECONDS = 1.0
DOCTOR = ("doctor", "physical therapist")


@pytest.fixture(scope="module")
def talk() -> dict[str, TalkBeforeCount]:
    return {row.case: row for row in talk_before_count()}


@pytest.fixture(scope="module")
def moments() -> dict[tuple[str, str], ByMoment]:
    return {(row.said, row.moment): row for row in by_moment()}


def test_the_talk_before_the_count_is_measured_in_every_case(
    talk: dict[str, TalkBeforeCount],
) -> None:
    assert set(talk) == {
        "newcomer",
        "returning",
        "resume after a pause mid-hold",
        "resume after a pause between sides",
    }
    newcomer, returning = talk["newcomer"], talk["returning"]
    assert newcomer.talk_seconds is not None and returning.talk_seconds is not None
    assert returning.talk_seconds < newcomer.talk_seconds  # no welcome, no safety note
    assert newcomer.first_words.startswith("Welcome")


def test_resuming_a_paused_hold_talks_at_most_10_s_before_the_count(
    talk: dict[str, TalkBeforeCount],
) -> None:
    row = talk["resume after a pause mid-hold"]
    assert row.talk_seconds is not None, f"no count after resuming: {row}"
    assert row.talk_seconds <= MAX_TALK_AFTER_RESUME_SECONDS, row


def test_every_moment_is_reached_as_the_listener_meant(
    moments: dict[tuple[str, str], ByMoment],
) -> None:
    """Set-up and holds are cut into; between sides is said after the side; the final hold
    comes after three whole sides."""
    for said in (PAIN, WARNING):
        cut = {moment: moments[said, moment].cut_in for moment in MOMENTS}
        assert cut == {"set-up": True, "mid-hold": True, "between sides": False, "final hold": True}
        assert moments[said, "mid-hold"].held_seconds == pytest.approx(12, abs=0.5)
        assert moments[said, "between sides"].held_seconds == pytest.approx(30, abs=0.5)
        assert moments[said, "final hold"].held_seconds == pytest.approx(90 + 12, abs=1)
        assert moments[said, "final hold"].last_hold_cut


def never_credits_more_than_was_held(row: ByMoment) -> None:
    if row.credited_seconds is not None:
        assert row.credited_seconds <= row.held_seconds + CREDIT_SLACK_SECONDS, row
    if row.last_hold_cut:
        assert row.finished is not True, f"stored as finished with its last hold cut: {row}"


@pytest.mark.parametrize("moment", MOMENTS)
def test_pain_is_heard_and_eased_off_at_every_moment(
    moments: dict[tuple[str, str], ByMoment], moment: str
) -> None:
    row = moments[PAIN, moment]
    assert row.intent == "PainIntent", row
    assert row.stayed_open, f"the session did not stay open for pain: {row}"
    never_credits_more_than_was_held(row)
    if moment == "final hold":  # the last hold is the lat stretch's: its advice
        lat = next(s for s in load_routine().stretches if s.id == "lat")
        assert any(line in row.answer for line in lat.ease_off), row


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_warning_sign_stops_for_today_and_points_to_a_doctor_at_every_moment(
    moments: dict[tuple[str, str], ByMoment], moment: str
) -> None:
    row = moments[WARNING, moment]
    assert any(who in row.answer for who in DOCTOR), row
    assert "gentler" not in row.answer.lower(), f"a warning sign offered a gentler try: {row}"
    assert row.finished is not True, row
    never_credits_more_than_was_held(row)


def test_the_phrase_corpus_played_through_the_turn_is_right_at_least_97_percent() -> None:
    """Each phrase said at its moment through the skill, as a device plays it: resolved to
    its meaning, and answered as that meaning needs there (issue 16's bar: 97 %)."""
    from backstretch_local.corpus import MEANINGS, MOMENTS, load_corpus

    corpus = load_corpus("en-US")
    assert len(corpus) >= 600
    assert {p.moment for p in corpus} == set(MOMENTS)
    assert {p.meaning for p in corpus} == set(MEANINGS)
    figure = corpus_figure()
    assert figure.total == len(corpus)
    assert figure.share >= CORPUS_TARGET, "\n".join(figure.wrong)
    assert figure.right <= figure.resolved, "an answer cannot be right where the phrase was not"


def test_the_script_prints_and_dumps_every_section(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "talk before the count" in out
    assert out.count("that hurts") >= 4 and out.count("my leg is tingling") >= 4
    assert "Phrase corpus:" in out
    assert main(["--json"]) == 0
    dumped = json.loads(capsys.readouterr().out)
    assert set(dumped) == {"sides", "talk", "moments", "corpus"}
    assert len(dumped["moments"]) == 2 * len(MOMENTS)
