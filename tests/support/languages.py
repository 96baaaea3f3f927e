"""A person's week with the skill in each written language other than English, played
through it end to end (envelopes in the locale, every progressive response and full response
out): the integration tier reads what they heard; the end-to-end tier hands every SSML string
to ssml-check-core. `SPOKEN` holds, per locale, what the person says and what they must hear:
a locale is tested by adding its row, never by copying a test."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from backstretch.skill.service import BackStretchSkill
from backstretch_local.envelopes import reprompt_of
from backstretch_local.fake_alexa import FakeAlexa
from tests.support.envelopes import AlexaConversation, speech_of

REMINDERS = "alexa::alerts:reminders:skill:readwrite"
MONDAY_EVENING_UTC = datetime(2026, 11, 23, 17, 0, tzinfo=UTC)
# Words that would give English away in an answer in another language.
_ENGLISH_WORDS = "the|you|your|and|say|seconds?|days?|today|stretch|hurts|next|please|sorry"


def english_in(language: str) -> re.Pattern[str]:
    """English words no line of `language` has ("minutes" is French too)."""
    words = _ENGLISH_WORDS if language == "fr" else f"{_ENGLISH_WORDS}|minutes?"
    return re.compile(rf"\b({words})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Spoken:
    """What a person in `locale` says, and what they must hear, turn by turn."""

    locale: str
    time_zone: str
    # said
    launch: str
    reopen: str
    next: str
    no: str
    yes: str
    knee_hurts: str
    knee_value: str  # the bodyPart slot's words, resolved to the id "knee"
    skip: str
    warning: str
    how_was_my_week: str
    remind_me_at_3: str
    # heard: the routine
    welcome: str
    newcomer_note: str
    first_stretch: str
    needs_then_kneel: tuple[str, str]
    hold_cues: tuple[str, ...]  # start, 10 s, 20 s, three, release
    left_done_right_next: str
    switch_sides: str
    next_is_lat: str
    lat_left_arm: str
    lat_done: str
    routine_finished: str
    week_offer_ends: str
    goodbye: str
    week_declined: str
    welcome_back: str
    # heard: time left, pain, warning signs
    eighteen_seconds_left: str
    one_second: str
    knee_ease_off: str
    knee_choices: tuple[str, ...]
    knee_padded: str
    back_stop: str
    back_advice: tuple[str, ...]
    pain_offer_ends: str
    gentler: str
    skipped_to_lat: str
    warning_signs: tuple[str, ...]
    # heard: the week and the reminder
    summaries: tuple[str, str, str]  # three days, one day, none yet (see the unit test)
    two_days: str
    one_routine_three_minutes: str
    start_offer: str
    reminder_set: str
    weekdays: str  # the days slot's words for Monday to Friday (resolved to "weekdays")
    weekdays_said_back: str
    # the chat
    chat_input: str
    chat_why: str
    chat_stopped: str


GERMAN = Spoken(
    locale="de-DE",
    time_zone="Europe/Berlin",
    launch="Alexa, starte meine Rückendehnung",
    reopen="Alexa, öffne meine Rückendehnung",
    next="weiter",
    no="nein",
    yes="ja",
    knee_hurts="mein Knie tut weh",
    knee_value="knie",
    skip="überspringen",
    warning="mir ist schwindelig",
    how_was_my_week="Alexa, frag meine Rückendehnung, wie meine Woche war",
    remind_me_at_3="erinnere mich um 15 Uhr ans Dehnen",
    welcome="Willkommen bei deinem Rücken-Coach.",
    newcomer_note="keine medizinische Beratung",
    first_stretch="Zuerst: Hüftbeuger-Dehnung im Knien.",
    needs_then_kneel=("etwas Weiches", "Knie dich auf dein linkes Knie."),
    hold_cues=("Und halten.", "10 Sekunden.", "20 Sekunden.", "Drei.", "Und lösen."),
    left_done_right_next="Gut, links ist geschafft. Sag weiter, wenn du bereit bist für rechts.",
    switch_sides="Komm langsam hoch. Wechsel die Seite.",
    next_is_lat="Als Nächstes: Latissimus-Dehnung.",
    lat_left_arm="Leg den linken Arm gestreckt darauf",
    lat_done="Geschafft: Latissimus-Dehnung, auf beiden Seiten.",
    routine_finished="Das war die ganze Runde.",
    week_offer_ends="Woche läuft?",
    goodbye="Bis zum nächsten Mal.",
    week_declined="Frag mich jederzeit, wie deine Woche gelaufen ist. Bis zum nächsten Mal.",
    welcome_back="Schön, dass du wieder da bist.",
    eighteen_seconds_left="Noch 18 Sekunden.",
    one_second="1 Sekunde",
    knee_ease_off="Nimm langsam das Gewicht vom Knie.",
    knee_choices=("mehr Polster", "Latissimus-Dehnung"),
    knee_padded="gefaltete Decke",
    back_stop="Okay, hör hier auf. Komm langsam aus der Dehnung hoch.",
    back_advice=("Oberkörper aufrecht", "Physiotherapie"),
    pain_offer_ends="oder wir hören für heute auf.",
    gentler="nur halb so weit",
    skipped_to_lat="Okay: Latissimus-Dehnung.",
    warning_signs=("Kribbeln, Taubheit oder Schwindel", "ärztlich"),
    summaries=(
        "Diese Woche hast du an 3 Tagen gedehnt: Montag, gestern und heute. "
        "Du hast 3 komplette Runden geschafft und 6 einhalb Minuten lang gedehnt. "
        "Du hast 3 Tage in Folge gedehnt. Das sind schon mehr Tage als letzte Woche.",
        "Diese Woche hast du einmal gedehnt, am Montag. "
        "Du hast eine komplette Runde geschafft und anderthalb Minuten lang gedehnt. "
        "Das ist genauso viel wie letzte Woche.",
        "Diese Woche hast du noch nicht gedehnt. Letzte Woche hast du an einem Tag gedehnt. "
        "Ein paar Minuten heute sind ein toller Anfang.",
    ),
    two_days="Diese Woche hast du an 2 Tagen gedehnt: Montag und gestern.",
    one_routine_three_minutes="Du hast eine komplette Runde geschafft und 3 Minuten lang gedehnt.",
    start_offer="Möchtest du jetzt deine Dehnübungen machen?",
    reminder_set="Erledigt. Ich erinnere dich jeden Tag um 15 Uhr ans Dehnen.",
    weekdays="montags bis freitags",
    weekdays_said_back="montags bis freitags um 15 Uhr",
    chat_input="starten\nwarum\nstopp\n",
    chat_why="Langes Sitzen am Schreibtisch oder im Auto",
    chat_stopped="Okay, wir hören hier auf.",
)

FRENCH = Spoken(
    locale="fr-FR",
    time_zone="Europe/Paris",
    launch="Alexa, lance mes étirements du dos",
    reopen="Alexa, ouvre mes étirements du dos",
    next="suivant",
    no="non",
    yes="oui",
    knee_hurts="j'ai mal au genou",
    knee_value="genou",
    skip="passer",
    warning="j'ai la tête qui tourne",
    how_was_my_week="Alexa, demande à mes étirements du dos comment s'est passée ma semaine",
    remind_me_at_3="rappelle moi de m'étirer à 15 h",
    welcome="Bienvenue dans votre coach du dos.",
    newcomer_note="n'est pas un avis médical",
    first_stretch="Pour commencer : étirement des fléchisseurs de la hanche, à genou.",
    needs_then_kneel=("quelque chose de doux", "Mettez-vous à genoux sur le genou gauche."),
    hold_cues=("Et on tient.", "10 secondes.", "20 secondes.", "Trois.", "Et relâchez."),
    left_done_right_next=(
        "Bien, le côté gauche, c'est fait. Dites suivant quand vous voulez passer au côté droit."
    ),
    switch_sides="Relevez-vous doucement. On change de côté.",
    next_is_lat="Ensuite : étirement du grand dorsal.",
    lat_left_arm="Posez le bras gauche tendu dessus",
    lat_done="Terminé : étirement du grand dorsal, des deux côtés.",
    routine_finished="C'était toute la séance.",
    week_offer_ends="comment se passe votre semaine ?",
    goodbye="À la prochaine.",
    week_declined=(
        "Demandez-moi quand vous voulez comment s'est passée votre semaine. À la prochaine."
    ),
    welcome_back="Contente de vous retrouver.",
    eighteen_seconds_left="Encore 18 secondes.",
    one_second="1 seconde",
    knee_ease_off="Retirez doucement le poids de votre genou.",
    knee_choices=("plus de rembourrage", "étirement du grand dorsal"),
    knee_padded="couverture pliée",
    back_stop="D'accord, arrêtez-vous là. Sortez doucement de l'étirement.",
    back_advice=("buste bien droit", "un médecin ou un kiné."),
    pain_offer_ends="ou s'arrêter pour aujourd'hui.",
    gentler="qu'à moitié",
    skipped_to_lat="D'accord : étirement du grand dorsal.",
    warning_signs=("des picotements, un engourdissement ou un vertige", "médecin"),
    summaries=(
        "Cette semaine, vous avez fait 3 jours d'étirements : lundi, hier et aujourd'hui. "
        "Vous avez fait 3 séances complètes, et tenu vos étirements 6 minutes et demie au "
        "total. Vous avez fait vos étirements 3 jours d'affilée. "
        "C'est déjà plus de jours que la semaine dernière.",
        "Cette semaine, vous avez fait vos étirements une fois, lundi. "
        "Vous avez fait une séance complète, et tenu vos étirements une minute et demie au "
        "total. C'est autant que la semaine dernière.",
        "Vous n'avez pas encore fait vos étirements cette semaine. "
        "La semaine dernière, vous aviez fait un jour d'étirements. "
        "Quelques minutes aujourd'hui, c'est un très bon début.",
    ),
    two_days="Cette semaine, vous avez fait 2 jours d'étirements : lundi et hier.",
    one_routine_three_minutes=(
        "Vous avez fait une séance complète, et tenu vos étirements 3 minutes au total."
    ),
    start_offer="Voulez-vous faire vos étirements maintenant ?",
    reminder_set="C'est fait. Je vous rappellerai de faire vos étirements tous les jours à 15 h.",
    weekdays="du lundi au vendredi",
    weekdays_said_back="du lundi au vendredi à 15 h",
    chat_input="commencer\npourquoi\nstop\n",
    chat_why="Passer du temps assis, à un bureau ou au volant",
    chat_stopped="D'accord, on s'arrête là.",
)

# Québec French: the same lines, but a physiotherapist, a counter, "pas de problème".
QUEBEC = replace(
    FRENCH,
    locale="fr-CA",
    time_zone="America/Toronto",
    back_advice=("buste bien droit", "un médecin ou un physiothérapeute."),
)

SPOKEN = {spoken.locale: spoken for spoken in (GERMAN, FRENCH, QUEBEC)}


@dataclass
class Heard:
    """One utterance's answer: the progressive responses, then the full response."""

    said: str
    progressive: list[str]
    response: dict[str, Any]

    @property
    def ssml(self) -> list[str]:
        """Every SSML document of the turn: progressive, full, reprompt."""
        full = self.response.get("response", {})
        documents = [*self.progressive]
        if "outputSpeech" in full:
            documents.append(full["outputSpeech"]["ssml"])
        if "reprompt" in full:
            documents.append(full["reprompt"]["outputSpeech"]["ssml"])
        return documents

    @property
    def words(self) -> str:
        """What the person hears, tags and breaks left out."""
        spoken = " ".join([*self.progressive, speech_of(self.response)])
        return " ".join(re.sub(r"<[^>]+>", " ", spoken).split())

    @property
    def reprompt(self) -> str:
        return reprompt_of(self.response)


@dataclass
class Speaker:
    """A person speaking their language to their Echo."""

    skill: BackStretchSkill
    fake: FakeAlexa
    locale: str
    alexa: AlexaConversation = field(default_factory=AlexaConversation)
    heard: list[Heard] = field(default_factory=list)

    def session(self, now: datetime, granted: frozenset[str] = frozenset()) -> None:
        self.alexa = AlexaConversation(
            locale=self.locale, api_endpoint=self.fake.api_endpoint, now=now, granted=set(granted)
        )

    def says(
        self,
        said: str,
        intent: str | None = None,
        resolved: dict[str, str] | None = None,
        **slots: str,
    ) -> Heard:
        """`said`: what the person says, for the record; `intent`: what it resolves to (None:
        the launch phrase), with its `slots` as said and, in `resolved`, the ids Alexa matched
        them to in the model's values. Each request comes once the last answer was heard out."""
        envelope = self.alexa.launch() if intent is None else self.alexa.intent(intent, **slots)
        for name, value_id in (resolved or {}).items():
            envelope["request"]["intent"]["slots"][name]["resolutions"] = _resolution(value_id)
        before = len(self.fake.speech_texts())
        response = self.alexa.carry(self.skill.handle_payload(envelope))
        turn = Heard(said, self.fake.speech_texts()[before:], response)
        self.heard.append(turn)
        if self.alexa.now is not None:
            self.alexa.now += timedelta(seconds=_heard_seconds(turn) + 2)
        return turn


def _resolution(value_id: str) -> dict[str, Any]:
    """A slot value matched to one of the model's values, as Alexa sends it."""
    authority = "amzn1.er-authority.echo-sdk.amzn1.ask.skill.test.BODY_PART"
    return {
        "resolutionsPerAuthority": [
            {
                "authority": authority,
                "status": {"code": "ER_SUCCESS_MATCH"},
                "values": [{"value": {"name": value_id, "id": value_id}}],
            }
        ]
    }


def _heard_seconds(turn: Heard) -> float:
    ssml = " ".join(turn.ssml[:-1] if turn.reprompt else turn.ssml)
    silence = sum(int(ms) for ms in re.findall(r'<break time="(\d+)ms"/>', ssml)) / 1000
    return silence + len(re.sub(r"<[^>]+>", " ", ssml).split()) / 2.5


def a_week(skill: BackStretchSkill, fake: FakeAlexa, spoken: Spoken) -> Speaker:
    """Monday: a whole routine, the week declined. Tuesday: pain in the knee, then a warning
    sign. Wednesday: how did my week go? Thursday: a reminder set at 3 PM, said back."""
    fake.time_zone = spoken.time_zone
    person = Speaker(skill, fake, spoken.locale)
    person.session(MONDAY_EVENING_UTC)
    person.says(spoken.launch)
    for _ in range(3):
        person.says(spoken.next, "AMAZON.NextIntent")
    person.says(spoken.no, "AMAZON.NoIntent")
    person.session(MONDAY_EVENING_UTC + timedelta(days=1))
    person.says(spoken.reopen)
    person.says(spoken.knee_hurts, "PainIntent", {"bodyPart": "knee"}, bodyPart=spoken.knee_value)
    person.says(spoken.skip, "SkipStretchIntent")
    person.says(spoken.warning, "WarningSignIntent")
    person.session(MONDAY_EVENING_UTC + timedelta(days=2))
    person.says(spoken.how_was_my_week, "WeeklySummaryIntent")
    person.session(MONDAY_EVENING_UTC + timedelta(days=3), granted=frozenset({REMINDERS}))
    person.says(spoken.remind_me_at_3, "SetReminderIntent", time="15:00")
    person.says(spoken.yes, "AMAZON.YesIntent")
    return person
