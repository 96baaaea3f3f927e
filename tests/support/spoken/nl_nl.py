"""Dutch (nl-NL): je-vorm, as the content is written."""

from __future__ import annotations

from tests.support.spoken.lines import Hears, Language, Says

LANGUAGE = Language(
    locale="nl-NL",
    time_zone="Europe/Amsterdam",
    says=Says(
        launch="Alexa, start mijn rugoefeningen",
        next="verder",
        no="nee",
        open="Alexa, open mijn rugoefeningen",
        knee="mijn knie doet pijn",
        knee_slot="knie",
        skip="overslaan",
        warning="ik ben duizelig",
        summary="Alexa, vraag mijn rugoefeningen hoe mijn week ging",
        reminder="herinner me om 15 uur aan mijn rekoefeningen",
        yes="ja",
        weekdays="doordeweeks",
        chat=("beginnen", "waarom", "stop"),
    ),
    hears=Hears(
        welcome="Welkom bij je rugcoach.",
        welcome_back="Fijn dat je er weer bent.",
        not_advice="geen medisch advies",
        that_hurts="dat doet pijn",
        first_stretch="Eerst: de knielende heupbuigerstretch.",
        needs="iets zachts",
        first_step="Ga op je linkerknie zitten.",
        hold=("En vasthouden.", "10 seconden.", "20 seconden.", "Drie.", "En loslaten."),
        after_first_side="Goed, de linkerkant zit erop. "
        "Zeg verder als je aan de rechterkant wilt beginnen.",
        switch_side="Kom rustig omhoog. Wissel van kant.",
        next_stretch="Hierna: de latissimusstretch.",
        lat_first_step="Leg je linkerarm gestrekt erop",
        lat_done="Klaar: de latissimusstretch, aan allebei de kanten.",
        finished="Dat was de hele ronde.",
        week_offer_end="hoe je week gaat?",
        goodbye="Tot de volgende keer.",
        eighteen_left="Nog 18 seconden.",
        one_second="1 seconde",
        knee_ease="Haal rustig het gewicht van je knie.",
        knee_offer=("meer opvulling", "latissimusstretch"),
        knee_padded="opgevouwen deken",
        back_pain_start="Oké, stop hier. Kom rustig omhoog uit de rek.",
        back_pain=("bovenlichaam rechtop", "fysiotherapeut"),
        pain_offer_end="of we stoppen voor vandaag.",
        gentler="maar half zo ver",
        gentler_word="zachter",
        warning=("tintelingen, een doof gevoel of duizeligheid", "huisarts"),
        summaries=(
            "Deze week heb je op 3 dagen gerekt: maandag, gisteren en vandaag. "
            "Je hebt 3 hele rondes gedaan en 6 en een halve minuut lang gerekt. "
            "Je hebt 3 dagen op rij gerekt. Dat zijn nu al meer dagen dan vorige week.",
            "Deze week heb je één keer gerekt, op maandag. "
            "Je hebt één hele ronde gedaan en anderhalve minuut lang gerekt. "
            "Dat is net zoveel als vorige week.",
            "Deze week heb je nog niet gerekt. Vorige week heb je op één dag gerekt. "
            "Een paar minuten vandaag is een mooi begin.",
        ),
        start_offer="Wil je nu je rekoefeningen doen?",
        week_declined="Vraag me wanneer je wilt hoe je week is gegaan. Tot de volgende keer.",
        skipped_to_lat="Oké: de latissimusstretch.",
        week_two_days="Deze week heb je op 2 dagen gerekt: maandag en gisteren.",
        week_work="Je hebt één hele ronde gedaan en 3 minuten lang gerekt.",
        reminder_asked="Ik herinner je elke dag om 15 uur aan je rekoefeningen. "
        "Zal ik dat zo instellen?",
        reminder_set="Klaar. Ik herinner je elke dag om 15 uur aan je rekoefeningen.",
        reminder_asked_weekdays="Ik herinner je doordeweeks om 15 uur aan je rekoefeningen. "
        "Zal ik dat zo instellen?",
        why="Lang zitten, aan een bureau of in de auto",
        stopped="Oké, we stoppen hier.",
    ),
)
