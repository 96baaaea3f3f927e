"""What a person says and must hear in each written language other than English, per
locale: the unit, integration and end-to-end tiers read it (so it imports nothing from the
local tools). A locale is tested by adding its row to `SPOKEN`, never by copying a test."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime

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
