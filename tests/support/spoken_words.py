"""What each written locale beyond English must say at the moments the language tests
visit: one table, so every locale is held to the same conversation in its own words."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

# Words that would give English away in another language's answer (none of these
# languages has them).
ENGLISH = re.compile(
    r"\b(the|you|your|and|say|seconds?|minutes?|days?|today|stretch|hurts|next|please|sorry)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Says:
    """What a locale's coach must say at each moment of the tests below."""

    welcome: str
    safety: tuple[str, ...]
    first: str
    needs_then_setup: tuple[str, str]
    cues: tuple[str, ...]  # the hold's start, the 10 and 20 second marks, "three", release
    side_done: str
    switch: str
    next_stretch: str
    lat_left: str
    lat_done: str
    finished: str
    week_offer_end: str
    goodbye: str
    time_left: str  # 18 seconds left
    one_second: str
    knee: tuple[str, ...]
    padded: str
    back_pain_start: str
    back_pain: tuple[str, ...]
    back_pain_end: str
    gentler: str
    gentler_word: str  # the gentler try offered, never said at a warning sign
    warning: tuple[str, ...]
    weeks: tuple[str, str, str]  # three days, one day, none yet (WEEKS)
    start_offer: str


SPANISH = Says(
    welcome="Hola, soy tu entrenador de espalda.",
    safety=("Esto no es un consejo médico", "di: me duele"),
    first="Primero: estiramiento de flexores de cadera de rodillas.",
    needs_then_setup=("algo blando en el piso", "Ponte de rodillas sobre la rodilla izquierda."),
    cues=("Y mantén.", "10 segundos.", "20 segundos.", "Tres.", "Y suelta."),
    side_done="Bien, lado izquierdo terminado. Di siguiente cuando quieras hacer el lado derecho.",
    switch="Levántate despacio. Cambia de lado.",
    next_stretch="Ahora viene: estiramiento de dorsales.",
    lat_left="Apoya encima el brazo izquierdo estirado",
    lat_done="Terminado: estiramiento de dorsales, por los dos lados.",
    finished="Esa fue la rutina completa.",
    week_offer_end="cómo va tu semana?",
    goodbye="Hasta la próxima.",
    time_left="Solo 18 segundos más.",
    one_second="1 segundo",
    knee=("Quita el peso de la rodilla, despacio.", "más acolchado", "estiramiento de dorsales"),
    padded="cobija doblada",
    back_pain_start="Entendido, para aquí. Sal del estiramiento despacio.",
    back_pain=("mantén el tronco recto", "fisioterapeuta"),
    back_pain_end="o lo dejamos por hoy.",
    gentler="solo la mitad de lejos",
    gentler_word="más suave",
    warning=("hormigueo, adormecimiento o mareo", "médico"),
    weeks=(
        "Esta semana estiraste 3 días: lunes, ayer y hoy. "
        "Hiciste 3 rutinas completas y estiraste durante 6 minutos y medio. "
        "Llevas 3 días seguidos estirando. Eso ya son más días que la semana pasada.",
        "Esta semana estiraste una vez, el lunes. "
        "Hiciste una rutina completa y estiraste durante un minuto y medio. "
        "Es lo mismo que la semana pasada.",
        "Esta semana todavía no has estirado. La semana pasada estiraste un día. "
        "Unos minutos hoy son un gran comienzo.",
    ),
    start_offer="¿Quieres hacer tus estiramientos ahora?",
)
SAYS = {
    "de-DE": Says(
        welcome="Willkommen bei deinem Rücken-Coach.",
        safety=("keine medizinische Beratung", "das tut weh"),
        first="Zuerst: Hüftbeuger-Dehnung im Knien.",
        needs_then_setup=("etwas Weiches", "Knie dich auf dein linkes Knie."),
        cues=("Und halten.", "10 Sekunden.", "20 Sekunden.", "Drei.", "Und lösen."),
        side_done="Gut, links ist geschafft. Sag weiter, wenn du bereit bist für rechts.",
        switch="Komm langsam hoch. Wechsel die Seite.",
        next_stretch="Als Nächstes: Latissimus-Dehnung.",
        lat_left="Leg den linken Arm gestreckt darauf",
        lat_done="Geschafft: Latissimus-Dehnung, auf beiden Seiten.",
        finished="Das war die ganze Runde.",
        week_offer_end="Woche läuft?",
        goodbye="Bis zum nächsten Mal.",
        time_left="Noch 18 Sekunden.",
        one_second="1 Sekunde",
        knee=("Nimm langsam das Gewicht vom Knie.", "mehr Polster", "Latissimus-Dehnung"),
        padded="gefaltete Decke",
        back_pain_start="Okay, hör hier auf. Komm langsam aus der Dehnung hoch.",
        back_pain=("Oberkörper aufrecht", "Physiotherapie"),
        back_pain_end="oder wir hören für heute auf.",
        gentler="nur halb so weit",
        gentler_word="sanfter",
        warning=("Kribbeln, Taubheit oder Schwindel", "ärztlich"),
        weeks=(
            "Diese Woche hast du an 3 Tagen gedehnt: Montag, gestern und heute. "
            "Du hast 3 komplette Runden geschafft und 6 einhalb Minuten lang gedehnt. "
            "Du hast 3 Tage in Folge gedehnt. Das sind schon mehr Tage als letzte Woche.",
            "Diese Woche hast du einmal gedehnt, am Montag. "
            "Du hast eine komplette Runde geschafft und anderthalb Minuten lang gedehnt. "
            "Das ist genauso viel wie letzte Woche.",
            "Diese Woche hast du noch nicht gedehnt. Letzte Woche hast du an einem Tag gedehnt. "
            "Ein paar Minuten heute sind ein toller Anfang.",
        ),
        start_offer="Möchtest du jetzt deine Dehnübungen machen?",
    ),
    "es-ES": replace(
        SPANISH,
        needs_then_setup=(
            "algo blando en el suelo",
            "Ponte de rodillas sobre la rodilla izquierda.",
        ),
        finished="Esa ha sido la rutina completa.",
        padded="manta doblada",
        weeks=(
            "Esta semana has estirado 3 días: lunes, ayer y hoy. "
            "Has hecho 3 rutinas completas y has estirado durante 6 minutos y medio. "
            "Llevas 3 días seguidos estirando. Eso ya son más días que la semana pasada.",
            "Esta semana has estirado una vez, el lunes. "
            "Has hecho una rutina completa y has estirado durante un minuto y medio. "
            "Es lo mismo que la semana pasada.",
            SPANISH.weeks[2],
        ),
    ),
    "es-MX": SPANISH,
    "es-US": SPANISH,
}


@dataclass(frozen=True)
class WeekSays:
    """What a locale's person hears in their week through the skill (spoken_week.a_week)."""

    welcome_back: str
    declined: str  # the week offer declined at the end of a routine
    skipped: str
    summary: tuple[str, str]  # Wednesday: the days (Monday and yesterday), the work
    reminder_asked: str
    reminder_set: str
    reminder_text: str  # the reminder's own words, as Alexa will say them


SPANISH_WEEK = WeekSays(
    welcome_back="Me alegra que vuelvas.",
    declined="Pregúntame cuando quieras cómo va tu semana. Hasta la próxima.",
    skipped="Vamos con: estiramiento de dorsales.",
    summary=(
        "Esta semana estiraste 2 días: lunes y ayer.",
        "Hiciste una rutina completa y estiraste durante 3 minutos.",
    ),
    reminder_asked="Te recordaré estirar todos los días a las 3 de la tarde. ¿Lo programo así?",
    reminder_set="Listo. Te recordaré estirar todos los días a las 3 de la tarde.",
    reminder_text="Es hora de tus estiramientos de espalda. Di: Alexa, abre mis estiramientos "
    "de espalda.",
)
WEEK_SAYS = {
    "de-DE": WeekSays(
        welcome_back="Schön, dass du wieder da bist.",
        declined="Frag mich jederzeit, wie deine Woche gelaufen ist. Bis zum nächsten Mal.",
        skipped="Okay: Latissimus-Dehnung.",
        summary=(
            "Diese Woche hast du an 2 Tagen gedehnt: Montag und gestern.",
            "Du hast eine komplette Runde geschafft und 3 Minuten lang gedehnt.",
        ),
        reminder_asked="Ich erinnere dich jeden Tag um 15 Uhr ans Dehnen. "
        "Soll ich das so einstellen?",
        reminder_set="Erledigt. Ich erinnere dich jeden Tag um 15 Uhr ans Dehnen.",
        reminder_text="Zeit für deine Rückendehnung. Sag: Alexa, starte meine Rückendehnung.",
    ),
    "es-ES": replace(
        SPANISH_WEEK,
        summary=(
            "Esta semana has estirado 2 días: lunes y ayer.",
            "Has hecho una rutina completa y has estirado durante 3 minutos.",
        ),
        reminder_asked="Te recordaré estirar todos los días a las 15. ¿Lo programo así?",
        reminder_set="Listo. Te recordaré estirar todos los días a las 15.",
    ),
    "es-MX": SPANISH_WEEK,
    "es-US": SPANISH_WEEK,
}
