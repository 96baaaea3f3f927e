"""What each written locale beyond English must say at the moments the language tests
visit: one table, so every locale is held to the same conversation in its own words."""

# Japanese asks with the full-width question mark (U+FF1F), as it is written.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from dataclasses import dataclass, replace

# Words that would give English away in another language's answer (none of these
# languages has them; French alone has "minutes", so it is held to the others).
_ENGLISH = "the|you|your|and|say|seconds?|days?|today|stretch|hurts|next|please|sorry"
ENGLISH = re.compile(rf"\b({_ENGLISH}|minutes?)\b", re.IGNORECASE)
_ENGLISH_IN_FRENCH = re.compile(rf"\b({_ENGLISH})\b", re.IGNORECASE)


def english_in(locale: str) -> re.Pattern[str]:
    """The English words no line of the locale's language has (none, for English)."""
    if locale.startswith("en-"):
        return re.compile(r"(?!)")
    return _ENGLISH_IN_FRENCH if locale.startswith("fr-") else ENGLISH


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
FRENCH = Says(
    welcome="Bienvenue dans votre coach du dos.",
    safety=("n'est pas un avis médical", "dites : j'ai mal"),
    first="Pour commencer : étirement des fléchisseurs de la hanche, à genou.",
    needs_then_setup=("quelque chose de doux", "Mettez-vous à genoux sur le genou gauche."),
    cues=("Et on tient.", "10 secondes.", "20 secondes.", "Trois.", "Et relâchez."),
    side_done="Bien, le côté gauche, c'est fait. "
    "Dites suivant quand vous voulez passer au côté droit.",
    switch="Relevez-vous doucement. On change de côté.",
    next_stretch="Ensuite : étirement du grand dorsal.",
    lat_left="Posez le bras gauche tendu dessus",
    lat_done="Terminé : étirement du grand dorsal, des deux côtés.",
    finished="C'était toute la séance.",
    week_offer_end="comment se passe votre semaine ?",
    goodbye="À la prochaine.",
    time_left="Encore 18 secondes.",
    one_second="1 seconde",
    knee=(
        "Retirez doucement le poids de votre genou.",
        "plus de rembourrage",
        "étirement du grand dorsal",
    ),
    padded="couverture pliée",
    back_pain_start="D'accord, arrêtez-vous là. Sortez doucement de l'étirement.",
    back_pain=("buste bien droit", "un médecin ou un kiné."),
    back_pain_end="ou s'arrêter pour aujourd'hui.",
    gentler="qu'à moitié",
    gentler_word="plus doux",
    warning=("des picotements, un engourdissement ou un vertige", "médecin"),
    weeks=(
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
    start_offer="Voulez-vous faire vos étirements maintenant ?",
)
# Britain, Canada, Australia and India share their words (en.json, with "physiotherapist"
# in each overlay); en-US is held by the English suites of its own.
ENGLISH_SAYS = Says(
    welcome="Welcome to Back Stretch Coach.",
    safety=("This isn't medical advice", "say that hurts"),
    first="First up, the kneeling hip flexor stretch.",
    needs_then_setup=("Put something soft on the floor", "Kneel down on your left knee."),
    cues=("Hold it there.", "10 seconds.", "20 seconds.", "Three.", "And release."),
    side_done="That's the left side done. Say next when you're ready for the right side.",
    switch="Come up slowly. Switch sides.",
    next_stretch="Next is the lat stretch.",
    lat_left="Lay your left arm straight along it",
    lat_done="That's the lat stretch done on both sides.",
    finished="That's the whole routine.",
    week_offer_end="how your week is going?",
    goodbye="See you next time.",
    time_left="18 seconds to go.",
    one_second="1 second",
    knee=("Take the weight off your knee, slowly.", "more padding", "skip to the lat stretch"),
    padded="folded blanket",
    back_pain_start="Okay, stop there. Come up out of it slowly.",
    back_pain=("keep your body upright", "physiotherapist"),
    back_pain_end="or finish for today.",
    gentler="push forward only half as far",
    gentler_word="gentler",
    warning=("Sharp pain, tingling, numbness or dizziness", "doctor or physiotherapist"),
    weeks=(
        "This week you've stretched on 3 days: Monday, yesterday and today. "
        "That's 3 full routines and 6 and a half minutes of holding stretches. "
        "You've stretched 3 days in a row. That's already more days than last week.",
        "You've stretched once this week, on Monday. "
        "That's 1 full routine and a minute and a half of holding stretches. "
        "That matches last week.",
        "You haven't stretched yet this week. Last week you stretched on 1 day. "
        "A few minutes today is a great start.",
    ),
    start_offer="Would you like to do your stretches now?",
)
SAYS = {
    "en-GB": ENGLISH_SAYS,
    "en-CA": ENGLISH_SAYS,
    "en-AU": ENGLISH_SAYS,
    "en-IN": ENGLISH_SAYS,
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
    "it-IT": Says(
        welcome="Ciao, sono il tuo coach per la schiena.",
        safety=("Non è un consiglio medico", "fa male"),
        first="Per cominciare: allungamento dei flessori dell'anca.",
        needs_then_setup=("qualcosa di morbido", "Appoggia a terra il ginocchio sinistro."),
        cues=("Resta così.", "10 secondi.", "20 secondi.", "Tre.", "E rilascia."),
        side_done="Bene, lato sinistro fatto. Di' avanti quando vuoi passare al lato destro.",
        switch="Rialzati piano. Cambia lato.",
        next_stretch="Adesso tocca a: allungamento dei dorsali.",
        lat_left="Appoggiaci sopra il braccio sinistro, teso",
        lat_done="Fatto: allungamento dei dorsali, su entrambi i lati.",
        finished="Ecco fatto, esercizi finiti.",
        week_offer_end="come sta andando la tua settimana?",
        goodbye="Alla prossima.",
        time_left="Ancora 18 secondi.",
        one_second="un secondo",
        knee=(
            "Togli piano il peso dal ginocchio.",
            "più imbottitura",
            "allungamento dei dorsali",
        ),
        padded="coperta piegata",
        back_pain_start="Va bene, fermati qui. Rialzati piano dalla posizione.",
        back_pain=("busto dritto", "fisioterapista"),
        back_pain_end="o finiamo per oggi.",
        gentler="solo la metà",
        gentler_word="più leggero",
        warning=("formicolio, un intorpidimento o un giramento di testa", "medico"),
        weeks=(
            "Questa settimana hai fatto stretching 3 giorni: lunedì, ieri e oggi. "
            "Hai fatto 3 sessioni complete e tenuto le posizioni per 6 minuti e mezzo. "
            "Hai fatto stretching 3 giorni di fila. Sono già più giorni della settimana scorsa.",
            "Questa settimana hai fatto stretching una volta, lunedì. "
            "Hai fatto una sessione completa e tenuto le posizioni per un minuto e mezzo. "
            "Come la settimana scorsa.",
            "Questa settimana non hai ancora fatto stretching. "
            "La settimana scorsa hai fatto stretching un giorno. "
            "Qualche minuto oggi è un ottimo inizio.",
        ),
        start_offer="Vuoi fare i tuoi esercizi adesso?",
    ),
    "pt-BR": Says(
        welcome="Olá! Aqui é o seu treinador de alongamento para as costas.",
        safety=("Isto não é orientação médica", "está doendo"),
        first="Para começar: alongamento do flexor do quadril.",
        needs_then_setup=("alguma coisa macia", "Apoie o joelho esquerdo no chão."),
        cues=("Segure aí.", "10 segundos.", "20 segundos.", "Três.", "E solte."),
        side_done="Pronto, lado esquerdo feito. Diga próximo quando quiser fazer o lado direito.",
        switch="Levante devagar. Troque de lado.",
        next_stretch="Agora vem: alongamento do dorsal.",
        lat_left="Apoie o braço esquerdo esticado em cima dela",
        lat_done="Feito: alongamento do dorsal, dos dois lados.",
        finished="Pronto, alongamentos concluídos.",
        week_offer_end="como está indo a sua semana?",
        goodbye="Até a próxima.",
        time_left="Mais 18 segundos.",
        one_second="1 segundo",
        knee=("Tire o peso do joelho, devagar.", "mais acolchoamento", "alongamento do dorsal"),
        padded="cobertor dobrado",
        back_pain_start="Tudo bem, pare aí. Saia da posição devagar.",
        back_pain=("tronco reto", "fisioterapeuta"),
        back_pain_end="ou termina por hoje.",
        gentler="só até a metade",
        gentler_word="mais leve",
        warning=("Dor aguda, formigamento, dormência ou tontura", "médico"),
        weeks=(
            "Nesta semana, você se alongou em 3 dias: segunda-feira, ontem e hoje. "
            "Você fez 3 sessões completas e segurou as posições por 6 minutos e meio. "
            "Você se alongou 3 dias seguidos. Já são mais dias do que na semana passada.",
            "Nesta semana, você se alongou uma vez: segunda-feira. "
            "Você fez uma sessão completa e segurou as posições por um minuto e meio. "
            "Igual à semana passada.",
            "Você ainda não se alongou nesta semana. "
            "Na semana passada, você se alongou em 1 dia. "
            "Alguns minutos hoje já são um ótimo começo.",
        ),
        start_offer="Quer fazer seus alongamentos agora?",
    ),
    "nl-NL": Says(
        welcome="Welkom bij je rugcoach.",
        safety=("geen medisch advies", "dat doet pijn"),
        first="Eerst: de knielende heupbuigerstretch.",
        needs_then_setup=("iets zachts", "Ga op je linkerknie zitten."),
        cues=("En vasthouden.", "10 seconden.", "20 seconden.", "Drie.", "En loslaten."),
        side_done="Goed, de linkerkant zit erop. "
        "Zeg verder als je aan de rechterkant wilt beginnen.",
        switch="Kom rustig omhoog. Wissel van kant.",
        next_stretch="Hierna: de latissimusstretch.",
        lat_left="Leg je linkerarm gestrekt erop",
        lat_done="Klaar: de latissimusstretch, aan allebei de kanten.",
        finished="Dat was de hele ronde.",
        week_offer_end="hoe je week gaat?",
        goodbye="Tot de volgende keer.",
        time_left="Nog 18 seconden.",
        one_second="1 seconde",
        knee=("Haal rustig het gewicht van je knie.", "meer opvulling", "latissimusstretch"),
        padded="opgevouwen deken",
        back_pain_start="Oké, stop hier. Kom rustig omhoog uit de rek.",
        back_pain=("bovenlichaam rechtop", "fysiotherapeut"),
        back_pain_end="of we stoppen voor vandaag.",
        gentler="maar half zo ver",
        gentler_word="zachter",
        warning=("tintelingen, een doof gevoel of duizeligheid", "huisarts"),
        weeks=(
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
    ),
    # Japanese: desu/masu, as the content is written; sentences of one turn's parts are
    # joined by a space, as `words` joins them.
    "ja-JP": Says(
        welcome="腰のストレッチコーチへようこそ。",
        safety=("医療アドバイスではありません", "「痛い」と言ってください"),
        first="まずはひざ立ちの股関節ストレッチです。",
        needs_then_setup=("ひざの下に敷くもの", "左のひざを床につけます。"),
        cues=("そのままキープ。", "10秒。", "20秒。", "3。", "はい、ゆるめます。"),
        side_done="はい、左側が終わりました。 右側の準備ができたら、「次」と言ってください。",
        switch="ゆっくり立ち上がってください。 反対側です。",
        next_stretch="次は広背筋ストレッチです。",
        lat_left="左腕をまっすぐ伸ばして",
        lat_done="広背筋ストレッチ、左右とも終わりました。",
        finished="これで全部終わりです。",
        week_offer_end="今週の様子を聞きますか？",
        goodbye="また次回お会いしましょう。",
        time_left="あと18秒です。",
        one_second="1秒",
        knee=("ゆっくり、ひざから体重を抜いてください。", "「もっと敷く」", "広背筋ストレッチ"),
        padded="たたんだ毛布",
        back_pain_start="わかりました、そこで止めてください。 "
        "ゆっくりストレッチから起き上がってください。",
        back_pain=("上半身をまっすぐ", "理学療法士"),
        back_pain_end="今日はここで終わりにしますか？",
        gentler="半分くらいだけ",
        gentler_word="やさしく",
        warning=("しびれ、感覚がない、めまい", "医師か理学療法士"),
        weeks=(
            "今週は3日ストレッチをしました。月曜日、昨日、今日です。 "
            "通しで3回行い、合計6分半ストレッチをしました。 "
            "3日連続でストレッチをしています。 もう先週より多い日数です。",
            "今週は1回、月曜日にストレッチをしました。 "
            "通しで1回行い、合計1分半ストレッチをしました。 先週と同じ日数です。",
            "今週はまだストレッチをしていません。 先週は1日ストレッチをしました。 "
            "今日の数分が、いいスタートになります。",
        ),
        start_offer="今からストレッチをしますか？",
    ),
    # Hindi: the polite aap form, as the content is written; sentences end with the danda.
    "hi-IN": Says(
        welcome="नमस्ते, मैं आपकी कमर की स्ट्रेचिंग कोच हूँ।",
        safety=("यह डॉक्टरी सलाह नहीं है", "बोलिए: दर्द हो रहा है"),
        first="सबसे पहले: घुटने टेककर हिप फ़्लेक्सर स्ट्रेच।",
        needs_then_setup=("कुछ नरम चीज़", "बायाँ घुटना ज़मीन पर टिकाइए।"),
        cues=("अब ऐसे ही रहिए।", "10 सेकंड।", "20 सेकंड।", "तीन।", "अब ढीला छोड़िए।"),
        side_done="बढ़िया, बाईं तरफ़ हो गई। आप तैयार हों, तो दाईं तरफ़ के लिए बोलिए: अगला।",
        switch="धीरे से ऊपर आइए। अब तरफ़ बदलिए।",
        next_stretch="अब अगला: लैट स्ट्रेच।",
        lat_left="बाईं बाँह सीधी करके उस पर टिकाइए",
        lat_done="हो गया: लैट स्ट्रेच, दोनों तरफ़।",
        finished="पूरा राउंड हो गया।",
        week_offer_end="क्या आपके हफ़्ते का हाल सुनाऊँ?",
        goodbye="फिर मिलेंगे।",
        time_left="बस 18 सेकंड और।",
        one_second="1 सेकंड",
        knee=("धीरे से घुटने से वज़न हटाइए।", "और गद्दी", "लैट स्ट्रेच"),
        padded="मोड़ा हुआ कंबल",
        back_pain_start="ठीक है, यहीं रुक जाइए। धीरे से स्ट्रेच से ऊपर आइए।",
        back_pain=("ऊपर का शरीर सीधा रखिए", "फ़िज़ियोथेरेपिस्ट"),
        back_pain_end="या आज के लिए यहीं बंद करें?",
        gentler="सिर्फ़ आधा ही",
        gentler_word="हल्का",
        warning=("झुनझुनी, सुन्नपन या चक्कर", "डॉक्टर"),
        weeks=(
            "इस हफ़्ते आपने 3 दिन स्ट्रेच किया: सोमवार, कल, और आज। "
            "आपने 3 पूरे राउंड किए, और कुल साढ़े 6 मिनट स्ट्रेच किया। "
            "आपने लगातार 3 दिन स्ट्रेच किया है। यह पिछले हफ़्ते से ज़्यादा दिन हैं।",
            "इस हफ़्ते आपने एक बार स्ट्रेच किया, सोमवार को। "
            "आपने एक पूरा राउंड किया, और कुल डेढ़ मिनट स्ट्रेच किया। "
            "यह पिछले हफ़्ते जितना ही है।",
            "इस हफ़्ते आपने अभी तक स्ट्रेच नहीं किया। पिछले हफ़्ते आपने 1 दिन स्ट्रेच किया था। "
            "आज के कुछ मिनट एक बढ़िया शुरुआत होंगे।",
        ),
        start_offer="क्या अभी स्ट्रेच करें?",
    ),
    "fr-FR": FRENCH,
    # Québec: the same lines, but a physiothérapeute (routine/content/fr-CA.json).
    "fr-CA": replace(FRENCH, back_pain=("buste bien droit", "un médecin ou un physiothérapeute.")),
    # Arabic for Saudi Arabia: Modern Standard Arabic, the coach says "we" (no gendered
    # imperative); counted phrases after a preposition ("في 3 أيام", "لمدة 19 ثانية").
    "ar-SA": Says(
        welcome="أهلًا وسهلًا في مدرب الظهر.",
        safety=("هذه ليست نصيحة طبية", "يكفي قول: يؤلمني"),
        first="أول تمرين: إطالة عضلات الورك على الركبة.",
        needs_then_setup=("شيئًا ناعمًا على الأرض", "ننزل على الركبة اليسرى."),
        cues=("ونثبت هنا.", "10 ثوانٍ.", "20 ثانية.", "ثلاثة.", "ونرتاح."),
        side_done="حسنًا، انتهينا من الجانب الأيسر. "
        "عند الاستعداد للانتقال إلى الجانب الأيمن، يكفي قول: التالي.",
        switch="نقوم ببطء. ونبدل الجانب.",
        next_stretch="التمرين التالي: إطالة العضلة الظهرية العريضة.",
        lat_left="نمد الذراع اليسرى مستقيمة عليه",
        lat_done="انتهينا من إطالة العضلة الظهرية العريضة على الجانبين.",
        finished="وبهذا تمت الجولة كاملة.",
        week_offer_end="نسمع كيف يسير الأسبوع؟",
        goodbye="إلى اللقاء في المرة القادمة.",
        time_left="الثبات مستمر لمدة 18 ثانية.",
        one_second="ثانية واحدة",
        knee=("نرفع الوزن عن الركبة بهدوء.", "وسادة أكثر", "إطالة العضلة الظهرية العريضة"),
        padded="بطانية مطوية",
        back_pain_start="حسنًا، نتوقف هنا. نقوم من الإطالة ببطء.",
        back_pain=("الجسم معتدل", "أخصائي علاج طبيعي"),
        back_pain_end="أو نكتفي بهذا اليوم.",
        gentler="نصف المسافة فقط",
        gentler_word="أخف",
        warning=("التنميل، أو الخدر، أو الدوخة", "طبيب"),
        weeks=(
            "هذا الأسبوع كانت الإطالة في 3 أيام: الاثنين وأمس واليوم. "
            "وتم إكمال 3 جولات كاملة، بمجموع ثبات 6 دقائق ونصف. "
            "والتمارين مستمرة 3 أيام على التوالي. وهذه أيام أكثر من الأسبوع الماضي.",
            "هذا الأسبوع كانت الإطالة مرة واحدة، يوم الاثنين. "
            "وتم إكمال جولة كاملة، بمجموع ثبات دقيقة ونصف. ومثل الأسبوع الماضي تمامًا.",
            "لا توجد تمارين إطالة هذا الأسبوع حتى الآن. "
            "الأسبوع الماضي كانت الإطالة في يوم واحد. دقائق قليلة اليوم بداية ممتازة.",
        ),
        start_offer="نبدأ تمارين الإطالة الآن؟",
    ),
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
    # Mondays and Thursdays at 6 PM, Wednesday 2 December 2026 at 7:30 AM, every day at noon
    schedules: tuple[str, str, str]
    reminder_weekdays: str  # a reminder at 3 PM on the weekdays (said as the locale says them)


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
    schedules=(
        "cada lunes y jueves a las 6 de la tarde",
        "el miércoles 2 de diciembre a las 7:30 de la mañana",
        "todos los días al mediodía",
    ),
    reminder_weekdays="Te recordaré estirar de lunes a viernes a las 3 de la tarde. "
    "¿Lo programo así?",
)
FRENCH_WEEK = WeekSays(
    welcome_back="Contente de vous retrouver.",
    declined="Demandez-moi quand vous voulez comment s'est passée votre semaine. À la prochaine.",
    skipped="D'accord : étirement du grand dorsal.",
    summary=(
        "Cette semaine, vous avez fait 2 jours d'étirements : lundi et hier.",
        "Vous avez fait une séance complète, et tenu vos étirements 3 minutes au total.",
    ),
    reminder_asked="Je vous rappellerai de faire vos étirements tous les jours à 15 h. "
    "Je le programme ?",
    reminder_set="C'est fait. Je vous rappellerai de faire vos étirements tous les jours à 15 h.",
    reminder_text="C'est l'heure de vos étirements du dos. "
    "Dites : Alexa, lance mes étirements du dos.",
    schedules=(
        "chaque lundi et jeudi à 18 h",
        "le mercredi 2 décembre à 7 h 30",
        "tous les jours à midi",
    ),
    reminder_weekdays="Je vous rappellerai de faire vos étirements du lundi au vendredi à 15 h. "
    "Je le programme ?",
)
ENGLISH_WEEK = WeekSays(
    welcome_back="Welcome back.",
    declined="Ask me how you did this week, any time. See you next time.",
    skipped="Okay, the lat stretch.",
    summary=(
        "This week you've stretched on 2 days: Monday and yesterday.",
        "That's 1 full routine and 3 minutes of holding stretches.",
    ),
    reminder_asked="I'll remind you to stretch every day at 3 PM. Shall I set that?",
    reminder_set="Done. I'll remind you to stretch every day at 3 PM.",
    reminder_text="Time for your back stretches. Say: Alexa, start my back stretches.",
    schedules=(
        "every Monday and Thursday at 6 PM",
        "on Wednesday, December 2 at 7:30 AM",
        "every day at noon",
    ),
    reminder_weekdays="I'll remind you to stretch every weekday at 3 PM. Shall I set that?",
)
WEEK_SAYS = {
    "en-GB": replace(
        ENGLISH_WEEK,
        reminder_asked="I'll remind you to stretch every day at 15:00. Shall I set that?",
        reminder_set="Done. I'll remind you to stretch every day at 15:00.",
        schedules=(
            "every Monday and Thursday at 18:00",
            "on Wednesday 2 December at 7:30",
            "every day at midday",
        ),
        reminder_weekdays="I'll remind you to stretch every weekday at 15:00. Shall I set that?",
    ),
    "en-CA": ENGLISH_WEEK,
    "en-AU": replace(
        ENGLISH_WEEK,
        schedules=(
            "every Monday and Thursday at 6 PM",
            "on Wednesday 2 December at 7:30 AM",
            "every day at noon",
        ),
    ),
    "en-IN": replace(
        ENGLISH_WEEK,
        schedules=(
            "every Monday and Thursday at 6 PM",
            "on Wednesday, 2 December at 7:30 AM",
            "every day at noon",
        ),
    ),
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
        schedules=(
            "jeden Montag und Donnerstag um 18 Uhr",
            "am Mittwoch, den 2. Dezember um 7:30 Uhr",
            "jeden Tag um 12 Uhr mittags",
        ),
        reminder_weekdays="Ich erinnere dich montags bis freitags um 15 Uhr ans Dehnen. "
        "Soll ich das so einstellen?",
    ),
    "es-ES": replace(
        SPANISH_WEEK,
        summary=(
            "Esta semana has estirado 2 días: lunes y ayer.",
            "Has hecho una rutina completa y has estirado durante 3 minutos.",
        ),
        reminder_asked="Te recordaré estirar todos los días a las 15. ¿Lo programo así?",
        reminder_set="Listo. Te recordaré estirar todos los días a las 15.",
        schedules=(
            "cada lunes y jueves a las 18",
            "el miércoles 2 de diciembre a las 7:30",
            SPANISH_WEEK.schedules[2],
        ),
        reminder_weekdays="Te recordaré estirar de lunes a viernes a las 15. ¿Lo programo así?",
    ),
    "es-MX": SPANISH_WEEK,
    "es-US": SPANISH_WEEK,
    "it-IT": WeekSays(
        welcome_back="Che bello risentirti.",
        declined="Chiedimi quando vuoi com'è andata la tua settimana. Alla prossima.",
        skipped="Va bene: allungamento dei dorsali.",
        summary=(
            "Questa settimana hai fatto stretching 2 giorni: lunedì e ieri.",
            "Hai fatto una sessione completa e tenuto le posizioni per 3 minuti.",
        ),
        reminder_asked="Ti ricorderò di fare stretching ogni giorno alle 15. Lo imposto?",
        reminder_set="Fatto. Ti ricorderò di fare stretching ogni giorno alle 15.",
        reminder_text="È ora del tuo stretching per la schiena. "
        "Di': Alexa, avvia stretching per la schiena.",
        schedules=(
            "ogni lunedì e giovedì alle 18",
            "mercoledì 2 dicembre alle 7:30",
            "ogni giorno a mezzogiorno",
        ),
        reminder_weekdays="Ti ricorderò di fare stretching dal lunedì al venerdì alle 15. "
        "Lo imposto?",
    ),
    "pt-BR": WeekSays(
        welcome_back="Que bom ter você de volta.",
        declined="Pergunte como foi a sua semana, quando quiser. Até a próxima.",
        skipped="Tudo bem: alongamento do dorsal.",
        summary=(
            "Nesta semana, você se alongou em 2 dias: segunda-feira e ontem.",
            "Você fez uma sessão completa e segurou as posições por 3 minutos.",
        ),
        reminder_asked="Vou lembrar você de se alongar todos os dias, às 15 horas. "
        "Posso configurar?",
        reminder_set="Pronto. Vou lembrar você de se alongar todos os dias, às 15 horas.",
        reminder_text="Hora do seu alongamento para as costas. "
        "Diga: Alexa, inicie alongamento das costas.",
        schedules=(
            "segunda-feira e quinta-feira, toda semana, às 18 horas",
            "quarta-feira, 2 de dezembro, às 7:30",
            "todos os dias, ao meio-dia",
        ),
        reminder_weekdays="Vou lembrar você de se alongar de segunda a sexta, às 15 horas. "
        "Posso configurar?",
    ),
    "nl-NL": WeekSays(
        welcome_back="Fijn dat je er weer bent.",
        declined="Vraag me wanneer je wilt hoe je week is gegaan. Tot de volgende keer.",
        skipped="Oké: de latissimusstretch.",
        summary=(
            "Deze week heb je op 2 dagen gerekt: maandag en gisteren.",
            "Je hebt één hele ronde gedaan en 3 minuten lang gerekt.",
        ),
        reminder_asked="Ik herinner je elke dag om 15 uur aan je rekoefeningen. "
        "Zal ik dat zo instellen?",
        reminder_set="Klaar. Ik herinner je elke dag om 15 uur aan je rekoefeningen.",
        reminder_text="Tijd voor je rugoefeningen. Zeg: Alexa, start mijn rugoefeningen.",
        schedules=(
            "elke maandag en donderdag om 18 uur",
            "op woensdag 2 december om 7:30 uur",
            "elke dag om 12 uur 's middags",
        ),
        reminder_weekdays="Ik herinner je doordeweeks om 15 uur aan je rekoefeningen. "
        "Zal ik dat zo instellen?",
    ),
    "ja-JP": WeekSays(
        welcome_back="おかえりなさい。",
        declined="今週の様子は、いつでも聞いてくださいね。 また次回お会いしましょう。",
        skipped="わかりました、広背筋ストレッチです。",
        summary=(
            "今週は2日ストレッチをしました。月曜日、昨日です。",
            "通しで1回行い、合計3分ストレッチをしました。",
        ),
        reminder_asked="毎日15時に、ストレッチの時間をお知らせします。これで設定しますか？",
        reminder_set="設定しました。毎日15時に、ストレッチの時間をお知らせします。",
        reminder_text="腰のストレッチの時間です。"
        "「アレクサ、腰のストレッチコーチを開いて」と言ってください。",
        schedules=("毎週月曜日、木曜日18時", "12月2日、水曜日7:30", "毎日正午"),
        reminder_weekdays="平日15時に、ストレッチの時間をお知らせします。これで設定しますか？",
    ),
    "hi-IN": WeekSays(
        welcome_back="फिर से स्वागत है।",
        declined="आपका हफ़्ता कैसा रहा, यह कभी भी पूछ लीजिए। फिर मिलेंगे।",
        skipped="ठीक है: लैट स्ट्रेच।",
        summary=(
            "इस हफ़्ते आपने 2 दिन स्ट्रेच किया: सोमवार और कल।",
            "आपने एक पूरा राउंड किया, और कुल 3 मिनट स्ट्रेच किया।",
        ),
        reminder_asked="मैं आपको रोज़ दोपहर 3 बजे स्ट्रेच करने की याद दिलाऊँगी। क्या ऐसे ही सेट कर दूँ?",
        reminder_set="हो गया। मैं आपको रोज़ दोपहर 3 बजे स्ट्रेच करने की याद दिलाऊँगी।",
        reminder_text="कमर की स्ट्रेचिंग का समय हो गया। बोलिए: अलेक्सा, कमर की स्ट्रेचिंग खोलो।",
        # Hindi puts the part of the day before the hour, and names four of them.
        schedules=(
            "हर सोमवार और गुरुवार शाम 6 बजे",
            "बुधवार, 2 दिसंबर को सुबह 7:30 बजे",
            "रोज़ दोपहर 12 बजे",
        ),
        reminder_weekdays="मैं आपको सोमवार से शुक्रवार दोपहर 3 बजे स्ट्रेच करने की याद "
        "दिलाऊँगी। क्या ऐसे ही सेट कर दूँ?",
    ),
    "fr-FR": FRENCH_WEEK,
    "fr-CA": FRENCH_WEEK,
    "ar-SA": WeekSays(
        welcome_back="أهلًا بالعودة.",
        declined="في أي وقت، يكفي سؤال: كيف كان أسبوعي؟ إلى اللقاء في المرة القادمة.",
        skipped="حسنًا: إطالة العضلة الظهرية العريضة.",
        summary=(
            "هذا الأسبوع كانت الإطالة في يومين: الاثنين وأمس.",
            "وتم إكمال جولة كاملة، بمجموع ثبات 3 دقائق.",
        ),
        reminder_asked="التذكير بالإطالة سيكون كل يوم، الساعة 3 بعد الظهر. أضبطه بهذا الشكل؟",
        reminder_set="تم. التذكير بالإطالة كل يوم، الساعة 3 بعد الظهر.",
        reminder_text="حان وقت تمارين الظهر. يكفي قول: أليكسا، افتحي مدرب الظهر.",
        schedules=(
            "أيام الاثنين والخميس من كل أسبوع، الساعة 6 مساءً",
            "يوم الأربعاء، 2 ديسمبر، الساعة 7:30 صباحًا",
            "كل يوم، الساعة 12 ظهرًا",
        ),
        reminder_weekdays="التذكير بالإطالة سيكون من الأحد إلى الخميس، الساعة 3 بعد الظهر. "
        "أضبطه بهذا الشكل؟",
    ),
}
