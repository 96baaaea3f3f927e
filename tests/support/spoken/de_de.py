"""German (de-DE): du-Form, as the content is written."""

from __future__ import annotations

from tests.support.spoken.lines import Hears, Language, Says

LANGUAGE = Language(
    locale="de-DE",
    time_zone="Europe/Berlin",
    says=Says(
        launch="Alexa, starte meine Rückendehnung",
        next="weiter",
        no="nein",
        open="Alexa, öffne meine Rückendehnung",
        knee="mein Knie tut weh",
        knee_slot="knie",
        skip="überspringen",
        warning="mir ist schwindelig",
        summary="Alexa, frag meine Rückendehnung, wie meine Woche war",
        reminder="erinnere mich um 15 Uhr ans Dehnen",
        yes="ja",
        weekdays="montags bis freitags",
        chat=("starten", "warum", "stopp"),
    ),
    hears=Hears(
        welcome="Willkommen bei deinem Rücken-Coach.",
        welcome_back="Schön, dass du wieder da bist.",
        not_advice="keine medizinische Beratung",
        that_hurts="das tut weh",
        first_stretch="Zuerst: Hüftbeuger-Dehnung im Knien.",
        needs="etwas Weiches",
        first_step="Knie dich auf dein linkes Knie.",
        hold=("Und halten.", "10 Sekunden.", "20 Sekunden.", "Drei.", "Und lösen."),
        after_first_side="Gut, links ist geschafft. Sag weiter, wenn du bereit bist für rechts.",
        switch_side="Komm langsam hoch. Wechsel die Seite.",
        next_stretch="Als Nächstes: Latissimus-Dehnung.",
        lat_first_step="Leg den linken Arm gestreckt darauf",
        lat_done="Geschafft: Latissimus-Dehnung, auf beiden Seiten.",
        finished="Das war die ganze Runde.",
        week_offer_end="Woche läuft?",
        goodbye="Bis zum nächsten Mal.",
        eighteen_left="Noch 18 Sekunden.",
        one_second="1 Sekunde",
        knee_ease="Nimm langsam das Gewicht vom Knie.",
        knee_offer=("mehr Polster", "Latissimus-Dehnung"),
        knee_padded="gefaltete Decke",
        back_pain_start="Okay, hör hier auf. Komm langsam aus der Dehnung hoch.",
        back_pain=("Oberkörper aufrecht", "Physiotherapie"),
        pain_offer_end="oder wir hören für heute auf.",
        gentler="nur halb so weit",
        gentler_word="sanfter",
        warning=("Kribbeln, Taubheit oder Schwindel", "ärztlich"),
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
        start_offer="Möchtest du jetzt deine Dehnübungen machen?",
        week_declined="Frag mich jederzeit, wie deine Woche gelaufen ist. Bis zum nächsten Mal.",
        skipped_to_lat="Okay: Latissimus-Dehnung.",
        week_two_days="Diese Woche hast du an 2 Tagen gedehnt: Montag und gestern.",
        week_work="Du hast eine komplette Runde geschafft und 3 Minuten lang gedehnt.",
        reminder_asked="Ich erinnere dich jeden Tag um 15 Uhr ans Dehnen. "
        "Soll ich das so einstellen?",
        reminder_set="Erledigt. Ich erinnere dich jeden Tag um 15 Uhr ans Dehnen.",
        reminder_asked_weekdays="Ich erinnere dich montags bis freitags um 15 Uhr ans Dehnen. "
        "Soll ich das so einstellen?",
        why="Langes Sitzen am Schreibtisch oder im Auto",
        stopped="Okay, wir hören hier auf.",
    ),
)
