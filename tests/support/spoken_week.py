"""A person's week with the skill in their own language, played through it end to end
(envelopes in their locale in, every progressive response and full response out): the
integration tier reads what they heard; the end-to-end tier hands every SSML string to
ssml-check-core. One table of what each locale's person says; the week is the same."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from backstretch.skill.service import BackStretchSkill
from backstretch_local.envelopes import reprompt_of
from backstretch_local.fake_alexa import FakeAlexa
from tests.support.envelopes import AlexaConversation, speech_of
from tests.support.heard import heard_seconds

MONDAY = datetime(2026, 11, 23, 18, 0)  # six in the evening, in the person's time zone
REMINDERS = "alexa::alerts:reminders:skill:readwrite"

SPANISH_UNDERSTOOD = (
    ("siguiente", "AMAZON.NextIntent"),
    ("ya estoy lista", "AMAZON.NextIntent"),
    ("me duele", "PainIntent"),
    ("me duele la rodilla", "PainIntent"),
    ("estoy mareado", "WarningSignIntent"),
    ("siento hormigueo", "WarningSignIntent"),
    ("siento un dolor punzante", "WarningSignIntent"),
    ("no puedo arrodillarme", "KneeIntent"),
    ("sáltate este", "SkipStretchIntent"),
    ("por qué", "WhyIntent"),
    ("cuánto tiempo queda", "TimeLeftIntent"),
    ("dónde estoy", "WhereAmIIntent"),
    ("cómo va mi semana", "WeeklySummaryIntent"),
    ("recuérdame estirar", "SetReminderIntent"),
    ("mantén 25 segundos", "SetHoldIntent"),
    ("más suave", "GentlerIntent"),
    ("ya terminé por hoy", "DoneForTodayIntent"),
    ("pausa", "AMAZON.PauseIntent"),
    ("continuar", "AMAZON.ResumeIntent"),
    ("repite", "AMAZON.RepeatIntent"),
)

FRENCH_UNDERSTOOD = (
    ("suivant", "AMAZON.NextIntent"),
    ("je suis prête", "AMAZON.NextIntent"),
    ("ça fait mal", "PainIntent"),
    ("j'ai mal au genou", "PainIntent"),
    ("j'ai la tête qui tourne", "WarningSignIntent"),
    ("ça me lance", "WarningSignIntent"),
    ("j'ai une douleur vive", "WarningSignIntent"),
    ("je ne peux pas me mettre à genoux", "KneeIntent"),
    ("passe cet étirement", "SkipStretchIntent"),
    ("pourquoi", "WhyIntent"),
    ("il reste combien de temps", "TimeLeftIntent"),
    ("où j'en suis", "WhereAmIIntent"),
    ("comment s'est passée ma semaine", "WeeklySummaryIntent"),
    ("rappelle moi de m'étirer", "SetReminderIntent"),
    ("tenir 25 secondes", "SetHoldIntent"),
    ("plus doucement", "GentlerIntent"),
    ("c'est tout pour aujourd'hui", "DoneForTodayIntent"),
    ("fais une pause", "AMAZON.PauseIntent"),
    ("on reprend", "AMAZON.ResumeIntent"),
    ("tu peux répéter", "AMAZON.RepeatIntent"),
)


@dataclass(frozen=True)
class Speaker:
    """What a person in one locale says, and where they live: the same week for each."""

    locale: str
    time_zone: str
    launch: str
    open_again: str
    next: str
    no: str
    knee: str  # "my knee hurts", with the knee as said
    knee_said: str
    skip: str
    dizzy: str
    week: str
    remind: str  # "remind me to stretch at 3 PM"
    yes: str
    weekdays: str  # Monday to Friday, as said for a reminder's days (resolved to `weekdays`)
    # Phrases people there say, each with the intent the interaction model must reach
    # through the local resolver (pain and warning signs included).
    understood: tuple[tuple[str, str], ...]


FRENCH_SPEAKER = Speaker(
    "fr-FR",
    "Europe/Paris",
    "Alexa, lance mes étirements du dos",
    "Alexa, ouvre mes étirements du dos",
    "suivant",
    "non",
    "j'ai mal au genou",
    "genou",
    "passer",
    "j'ai la tête qui tourne",
    "Alexa, demande à mes étirements du dos comment s'est passée ma semaine",
    "rappelle moi de m'étirer à 15 h",
    "oui",
    "du lundi au vendredi",
    FRENCH_UNDERSTOOD,
)


ENGLISH_UNDERSTOOD = (
    ("next", "AMAZON.NextIntent"),
    ("i'm ready", "AMAZON.NextIntent"),
    ("that hurts", "PainIntent"),
    ("my knee hurts", "PainIntent"),
    ("i feel dizzy", "WarningSignIntent"),
    ("my leg is tingling", "WarningSignIntent"),
    ("i can't kneel", "KneeIntent"),
    ("skip this one", "SkipStretchIntent"),
    ("why", "WhyIntent"),
    ("how much longer", "TimeLeftIntent"),
    ("where am i", "WhereAmIIntent"),
    ("how did i do this week", "WeeklySummaryIntent"),
    ("remind me to stretch", "SetReminderIntent"),
    ("hold for 25 seconds", "SetHoldIntent"),
    ("make it gentler", "GentlerIntent"),
    ("i'm done for today", "DoneForTodayIntent"),
    ("pause", "AMAZON.PauseIntent"),
    ("resume", "AMAZON.ResumeIntent"),
    ("say that again", "AMAZON.RepeatIntent"),
)
ENGLISH_SPEAKER = Speaker(
    "en-US",
    "America/Los_Angeles",
    "Alexa, start my back stretches",
    "Alexa, open my back stretches",
    "next",
    "no",
    "my knee hurts",
    "knee",
    "skip this one",
    "i feel dizzy",
    "Alexa, ask my back stretches how did I do this week",
    "remind me to stretch at 3 pm",
    "yes",
    "on weekdays",
    ENGLISH_UNDERSTOOD,
)


SPEAKERS = {
    speaker.locale: speaker
    for speaker in (
        ENGLISH_SPEAKER,
        replace(ENGLISH_SPEAKER, locale="en-GB", time_zone="Europe/London"),
        replace(ENGLISH_SPEAKER, locale="en-CA", time_zone="America/Toronto"),
        replace(ENGLISH_SPEAKER, locale="en-AU", time_zone="Australia/Sydney"),
        replace(ENGLISH_SPEAKER, locale="en-IN", time_zone="Asia/Kolkata"),
        Speaker(
            "de-DE",
            "Europe/Berlin",
            "Alexa, starte meine Rückendehnung",
            "Alexa, öffne meine Rückendehnung",
            "weiter",
            "nein",
            "mein Knie tut weh",
            "knie",
            "überspringen",
            "mir ist schwindelig",
            "Alexa, frag meine Rückendehnung, wie meine Woche war",
            "erinnere mich um 15 Uhr ans Dehnen",
            "ja",
            "montags bis freitags",
            (
                ("weiter", "AMAZON.NextIntent"),
                ("ich bin bereit", "AMAZON.NextIntent"),
                ("das tut weh", "PainIntent"),
                ("mein knie tut weh", "PainIntent"),
                ("mir ist schwindelig", "WarningSignIntent"),
                ("es kribbelt", "WarningSignIntent"),
                ("ich kann nicht knien", "KneeIntent"),
                ("überspringen", "SkipStretchIntent"),
                ("warum", "WhyIntent"),
                ("wie lange noch", "TimeLeftIntent"),
                ("wo bin ich", "WhereAmIIntent"),
                ("wie war meine woche", "WeeklySummaryIntent"),
                ("erinnere mich ans dehnen", "SetReminderIntent"),
                ("halte 25 sekunden", "SetHoldIntent"),
                ("sanfter", "GentlerIntent"),
                ("ich bin fertig", "DoneForTodayIntent"),
                ("pause", "AMAZON.PauseIntent"),
                ("weitermachen", "AMAZON.ResumeIntent"),
                ("wiederhol das", "AMAZON.RepeatIntent"),
            ),
        ),
        Speaker(
            "es-ES",
            "Europe/Madrid",
            "Alexa, abre mis estiramientos de espalda",
            "Alexa, abre mis estiramientos de espalda",
            "siguiente",
            "no",
            "me duele la rodilla",
            "rodilla",
            "saltar",
            "estoy mareado",
            "Alexa, pregúntale a mis estiramientos de espalda cómo va mi semana",
            "recuérdame estirar a las 15:00",
            "sí",
            "de lunes a viernes",
            SPANISH_UNDERSTOOD,
        ),
        Speaker(
            "es-MX",
            "America/Mexico_City",
            "Alexa, abre mis estiramientos de espalda",
            "Alexa, inicia mis estiramientos de espalda",
            "siguiente",
            "no",
            "me duele la rodilla",
            "rodilla",
            "sáltate este",
            "me estoy mareando",
            "Alexa, pregúntale a mis estiramientos de espalda cómo va mi semana",
            "recuérdame estirar a las 3 de la tarde",
            "sí",
            "entre semana",
            SPANISH_UNDERSTOOD,
        ),
        Speaker(
            "es-US",
            "America/Los_Angeles",
            "Alexa, abre mis estiramientos de espalda",
            "Alexa, abre mis estiramientos de espalda",
            "listo",
            "no gracias",
            "me duele la rodilla",
            "rodilla",
            "saltar",
            "me siento mareada",
            "Alexa, pregúntale a mis estiramientos de espalda cómo va mi semana",
            "recuérdame estirar a las 3 de la tarde",
            "claro",
            "de lunes a viernes",
            SPANISH_UNDERSTOOD,
        ),
        Speaker(
            "it-IT",
            "Europe/Rome",
            "Alexa, avvia stretching per la schiena",
            "Alexa, apri stretching per la schiena",
            "avanti",
            "no",
            "mi fa male il ginocchio",
            "ginocchio",
            "salta",
            "mi gira la testa",
            "Alexa, chiedi a stretching per la schiena com'è andata la mia settimana",
            "ricordami di fare stretching alle 15",
            "sì",
            "dal lunedì al venerdì",
            (
                ("avanti", "AMAZON.NextIntent"),
                ("sono pronta", "AMAZON.NextIntent"),
                ("fa male", "PainIntent"),
                ("mi fa male il ginocchio", "PainIntent"),
                ("mi gira la testa", "WarningSignIntent"),
                ("sento un formicolio", "WarningSignIntent"),
                ("sento una fitta", "WarningSignIntent"),
                ("non riesco a inginocchiarmi", "KneeIntent"),
                ("salta l'esercizio", "SkipStretchIntent"),
                ("perché", "WhyIntent"),
                ("quanto manca ancora", "TimeLeftIntent"),
                ("dove sono", "WhereAmIIntent"),
                ("com'è andata la mia settimana", "WeeklySummaryIntent"),
                ("ricordami di fare stretching", "SetReminderIntent"),
                ("tieni 25 secondi", "SetHoldIntent"),
                ("più leggero", "GentlerIntent"),
                ("ho finito", "DoneForTodayIntent"),
                ("un attimo", "AMAZON.PauseIntent"),
                ("riprendi", "AMAZON.ResumeIntent"),
                ("ripeti", "AMAZON.RepeatIntent"),
            ),
        ),
        Speaker(
            "pt-BR",
            "America/Sao_Paulo",
            "Alexa, inicie alongamento das costas",
            "Alexa, abra alongamento das costas",
            "próximo",
            "não",
            "meu joelho está doendo",
            "joelho",
            "pular",
            "estou com tontura",
            "Alexa, pergunte ao alongamento das costas como foi minha semana",
            "me lembre de alongar às 15 horas",
            "sim",
            "de segunda a sexta",
            (
                ("próximo", "AMAZON.NextIntent"),
                ("estou pronta", "AMAZON.NextIntent"),
                ("está doendo", "PainIntent"),
                ("meu joelho está doendo", "PainIntent"),
                ("estou com tontura", "WarningSignIntent"),
                ("está formigando", "WarningSignIntent"),
                ("senti uma pontada", "WarningSignIntent"),
                ("não consigo ajoelhar", "KneeIntent"),
                ("pular alongamento", "SkipStretchIntent"),
                ("por quê", "WhyIntent"),
                ("quanto tempo falta", "TimeLeftIntent"),
                ("onde estou", "WhereAmIIntent"),
                ("como foi minha semana", "WeeklySummaryIntent"),
                ("me lembre de alongar", "SetReminderIntent"),
                ("segurar 25 segundos", "SetHoldIntent"),
                ("mais leve", "GentlerIntent"),
                ("terminei", "DoneForTodayIntent"),
                ("espera aí", "AMAZON.PauseIntent"),
                ("continuar", "AMAZON.ResumeIntent"),
                ("repete", "AMAZON.RepeatIntent"),
            ),
        ),
        Speaker(
            "nl-NL",
            "Europe/Amsterdam",
            "Alexa, start mijn rugoefeningen",
            "Alexa, open mijn rugoefeningen",
            "verder",
            "nee",
            "mijn knie doet pijn",
            "knie",
            "overslaan",
            "ik ben duizelig",
            "Alexa, vraag mijn rugoefeningen hoe mijn week ging",
            "herinner me om 15 uur aan mijn rekoefeningen",
            "ja",
            "doordeweeks",
            (
                ("verder", "AMAZON.NextIntent"),
                ("ik ben er klaar voor", "AMAZON.NextIntent"),
                ("dat doet pijn", "PainIntent"),
                ("mijn knie doet pijn", "PainIntent"),
                ("ik ben duizelig", "WarningSignIntent"),
                ("het tintelt", "WarningSignIntent"),
                ("ik voel een steek", "WarningSignIntent"),
                ("ik kan niet knielen", "KneeIntent"),
                ("sla deze oefening over", "SkipStretchIntent"),
                ("waarom", "WhyIntent"),
                ("hoe lang nog", "TimeLeftIntent"),
                ("waar ben ik", "WhereAmIIntent"),
                ("hoe ging mijn week", "WeeklySummaryIntent"),
                ("herinner me aan mijn rekoefeningen", "SetReminderIntent"),
                ("houd 25 seconden vast", "SetHoldIntent"),
                ("iets zachter", "GentlerIntent"),
                ("genoeg voor vandaag", "DoneForTodayIntent"),
                ("even pauze", "AMAZON.PauseIntent"),
                ("hervatten", "AMAZON.ResumeIntent"),
                ("herhaal dat", "AMAZON.RepeatIntent"),
            ),
        ),
        Speaker(
            "ar-SA",
            "Asia/Riyadh",
            "أليكسا، افتحي مدرب الظهر",
            "أليكسا، شغلي مدرب الظهر",
            "التالي",
            "لا",
            "ركبتي تعورني",
            "ركبتي",
            "تخطي",
            "دايخ",
            "أليكسا، اسألي مدرب الظهر كيف كان أسبوعي",
            "ذكريني بالتمارين الساعة 3 العصر",
            "نعم",
            "من الأحد إلى الخميس",
            (
                ("التالي", "AMAZON.NextIntent"),
                ("أنا جاهزة", "AMAZON.NextIntent"),
                ("يعورني", "PainIntent"),
                ("ركبتي تعورني", "PainIntent"),
                ("دايخ", "WarningSignIntent"),
                ("عندي تنميل", "WarningSignIntent"),
                ("عندي ألم حاد", "WarningSignIntent"),
                ("ما أقدر أركع", "KneeIntent"),
                ("تخطي هذا التمرين", "SkipStretchIntent"),
                ("ليش", "WhyIntent"),
                ("كم باقي ثانية", "TimeLeftIntent"),
                ("وين وصلنا", "WhereAmIIntent"),
                ("كيف كان أسبوعي", "WeeklySummaryIntent"),
                ("ذكريني بالتمارين", "SetReminderIntent"),
                ("الثبات 25 ثانية", "SetHoldIntent"),
                ("أخف شوي", "GentlerIntent"),
                ("خلاص لليوم", "DoneForTodayIntent"),
                ("لحظة", "AMAZON.PauseIntent"),
                ("نكمل", "AMAZON.ResumeIntent"),
                ("عيدي", "AMAZON.RepeatIntent"),
            ),
        ),
        Speaker(
            "ja-JP",
            "Asia/Tokyo",
            "アレクサ、腰のストレッチコーチで始めて",
            "アレクサ、腰のストレッチコーチを開いて",
            "次",
            "いいえ",
            "ひざが痛い",
            "ひざ",
            "スキップ",
            "めまいがする",
            "アレクサ、腰のストレッチコーチで今週はどうだった",
            "15時にストレッチをリマインドして",
            "はい",
            "平日",
            # A value set apart by spaces, as the local resolver reads Japanese (languages.md).
            (
                ("次", "AMAZON.NextIntent"),
                ("準備できた", "AMAZON.NextIntent"),
                ("痛い", "PainIntent"),
                ("ひざ が痛い", "PainIntent"),
                ("めまいがする", "WarningSignIntent"),
                ("しびれる", "WarningSignIntent"),
                ("鋭い痛み", "WarningSignIntent"),
                ("ひざ立ちができない", "KneeIntent"),
                ("このストレッチを飛ばして", "SkipStretchIntent"),
                ("なぜ", "WhyIntent"),
                ("あと何秒", "TimeLeftIntent"),
                ("今どこ", "WhereAmIIntent"),
                ("今週はどうだった", "WeeklySummaryIntent"),
                ("ストレッチをリマインドして", "SetReminderIntent"),
                ("25 秒キープして", "SetHoldIntent"),
                ("もっとやさしく", "GentlerIntent"),
                ("今日はここまで", "DoneForTodayIntent"),
                ("ちょっと待って", "AMAZON.PauseIntent"),
                ("再開して", "AMAZON.ResumeIntent"),
                ("もう一度言って", "AMAZON.RepeatIntent"),
            ),
        ),
        Speaker(
            "hi-IN",
            "Asia/Kolkata",
            "अलेक्सा, कमर की स्ट्रेचिंग शुरू करो",
            "अलेक्सा, कमर की स्ट्रेचिंग खोलो",
            "अगला",
            "नहीं",
            "मेरे घुटने में दर्द है",
            "घुटने",
            "स्किप करो",
            "चक्कर आ रहा है",
            "अलेक्सा, कमर की स्ट्रेचिंग से पूछो मेरा हफ़्ता कैसा रहा",
            "दोपहर 3 बजे स्ट्रेच करने की याद दिलाना",
            "हाँ",
            "सोमवार से शुक्रवार",
            # Hindi with the English words people mix in ("next करो", "pause करो").
            (
                ("अगला", "AMAZON.NextIntent"),
                ("मैं तैयार हूँ", "AMAZON.NextIntent"),
                ("next करो", "AMAZON.NextIntent"),
                ("दर्द हो रहा है", "PainIntent"),
                ("मेरे घुटने में दर्द है", "PainIntent"),
                ("चक्कर आ रहा है", "WarningSignIntent"),
                ("झुनझुनी हो रही है", "WarningSignIntent"),
                ("चुभने वाला दर्द है", "WarningSignIntent"),
                ("घुटने नहीं टेक सकती", "KneeIntent"),
                ("यह स्ट्रेच छोड़ दो", "SkipStretchIntent"),
                ("क्यों", "WhyIntent"),
                ("कितनी देर और", "TimeLeftIntent"),
                ("मैं कहाँ हूँ", "WhereAmIIntent"),
                ("मेरा हफ़्ता कैसा रहा", "WeeklySummaryIntent"),
                ("स्ट्रेच करने की याद दिलाओ", "SetReminderIntent"),
                ("25 सेकंड होल्ड करो", "SetHoldIntent"),
                ("थोड़ा हल्का करो", "GentlerIntent"),
                ("आज के लिए बस", "DoneForTodayIntent"),
                ("pause करो", "AMAZON.PauseIntent"),
                ("जारी रखो", "AMAZON.ResumeIntent"),
                ("फिर से बोलो", "AMAZON.RepeatIntent"),
            ),
        ),
        FRENCH_SPEAKER,
        replace(FRENCH_SPEAKER, locale="fr-CA", time_zone="America/Toronto"),
    )
}


@dataclass
class Heard:
    """One utterance's answer: the progressive responses, then the full response."""

    said: str
    progressive: list[str]
    response: dict[str, Any]
    intent: str | None = None  # what it was sent as (None: a launch)
    slots: dict[str, str] = field(default_factory=dict)  # as sent: resolved ids, times
    in_session: bool = True  # said in an open session (False: the first of a sitting)

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
class Person:
    """A person speaking their own language to their Echo, reminders allowed."""

    skill: BackStretchSkill
    fake: FakeAlexa
    locale: str
    alexa: AlexaConversation = field(default_factory=AlexaConversation)
    heard: list[Heard] = field(default_factory=list)
    _sitting_begins: bool = True

    def session(self, now: datetime) -> None:
        self.alexa = AlexaConversation(
            locale=self.locale, api_endpoint=self.fake.api_endpoint, now=now, granted={REMINDERS}
        )
        self._sitting_begins = True

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
        sent = {**slots, **(resolved or {})}
        progressive = self.fake.speech_texts()[before:]
        turn = Heard(said, progressive, response, intent, sent, not self._sitting_begins)
        self._sitting_begins = False
        self.heard.append(turn)
        if self.alexa.now is not None:
            heard = turn.ssml[:-1] if turn.reprompt else turn.ssml
            self.alexa.now += timedelta(seconds=sum(map(heard_seconds, heard)) + 2)
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


def a_week(skill: BackStretchSkill, fake: FakeAlexa, locale: str) -> Person:
    """Monday: a whole routine, the week declined. Tuesday: pain in the knee, then a warning
    sign. Wednesday: how did my week go? Then a reminder at 3 PM, said back and set.
    Thursday: yes, that has settled; a pause after the first side, then resume. Each evening
    at six, local time (requests carry it in UTC)."""
    speaker = SPEAKERS[locale]
    fake.time_zone = speaker.time_zone
    monday_evening = MONDAY.replace(tzinfo=ZoneInfo(speaker.time_zone)).astimezone(UTC)
    person = Person(skill, fake, locale)
    person.session(monday_evening)
    person.says(speaker.launch)
    for _ in range(3):
        person.says(speaker.next, "AMAZON.NextIntent")
    person.says(speaker.no, "AMAZON.NoIntent")
    person.session(monday_evening + timedelta(days=1))
    person.says(speaker.open_again)
    knee = {"bodyPart": "knee"}
    person.says(speaker.knee, "PainIntent", knee, bodyPart=speaker.knee_said)
    person.says(speaker.skip, "SkipStretchIntent")
    person.says(speaker.dizzy, "WarningSignIntent")
    person.session(monday_evening + timedelta(days=2))
    person.says(speaker.week, "WeeklySummaryIntent")
    person.says(speaker.remind, "SetReminderIntent", time="15:00")
    person.says(speaker.yes, "AMAZON.YesIntent")
    person.session(monday_evening + timedelta(days=3))
    person.says(speaker.open_again)  # "Has that settled down?", after Tuesday's warning
    person.says(speaker.yes, "AMAZON.YesIntent")
    said_for = {intent: said for said, intent in reversed(speaker.understood)}
    person.says(said_for["AMAZON.PauseIntent"], "AMAZON.PauseIntent")
    person.says(said_for["AMAZON.ResumeIntent"], "AMAZON.ResumeIntent")
    return person
