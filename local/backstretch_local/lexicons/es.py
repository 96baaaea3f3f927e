"""Spanish as the resolver hears it (es-ES, es-MX, es-US): fillers and lead-ins ("este",
"pues", "o sea", "oye"), "por favor" and "porfa" as tail-offs, clitics taken off an
imperative ("dímelo", "repítelo", "sáltatelo" -> "di", "repite", "salta"), accents folded
(people type "que" for "qué" and "rodillas" with or without), the Snowball stemmer,
"no"/"nunca" bearing on the next word, numbers in words ("veinticinco", "ciento veinte") and
times said aloud ("a las siete de la tarde", "a las 7 y media", "cuarto para las ocho").

    >>> LEXICON.parse_number("veinticinco"), LEXICON.parse_number("treinta y cinco")
    (25, 35)
    >>> [LEXICON.parse_time(t) for t in ("a las siete de la tarde", "a las 7 y media")]
    ['19:00', '07:30']
    >>> [LEXICON.stem(w) for w in ("repítelo", "sáltatelo", "rodillas", "arrodillarme")]
    ['repit', 'salt', 'rodill', 'arrodill']
"""

from __future__ import annotations

import re

from backstretch_local.iberian_words import (
    ClockSpeech,
    NumberWords,
    as_stems,
    fold,
    listed,
    table,
    with_folded,
    with_folded_keys,
    with_stems,
)
from backstretch_local.lexicon import Lexicon, snowball

_UNITS = {
    "cero": 0, "uno": 1, "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
    "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
    "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16, "diecisiete": 17,
    "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiún": 21,
    "veintiuna": 21, "veintidós": 22, "veintitrés": 23, "veinticuatro": 24,
    "veinticinco": 25, "veintiséis": 26, "veintisiete": 27, "veintiocho": 28,
    "veintinueve": 29,
}  # fmt: skip
_TENS = {
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90,
}  # fmt: skip
_HUNDREDS = {
    "cien": 100, "ciento": 100, "doscientos": 200, "doscientas": 200, "trescientos": 300,
    "trescientas": 300, "cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500,
    "quinientas": 500, "seiscientos": 600, "seiscientas": 600, "setecientos": 700,
    "setecientas": 700, "ochocientos": 800, "ochocientas": 800, "novecientos": 900,
    "novecientas": 900,
}  # fmt: skip
NUMBERS = NumberWords(_UNITS, _TENS, _HUNDREDS, "mil", "y", frozenset({"un", "una"}))

# Said after a time, and how each moves its hour (written folded: the clock reads folded).
_PERIODS = {
    "de la manana": "am", "de la madrugada": "am", "en la manana": "am", "por la manana": "am",
    "de la tarde": "pm", "en la tarde": "pm", "por la tarde": "pm",
    "de la noche": "night", "en la noche": "night", "por la noche": "night",
    "del mediodia": "noon", "am": "am", "a m": "am", "pm": "pm", "p m": "pm",
}  # fmt: skip
_PARTS_OF_DAY = {
    "en la manana": "MO", "por la manana": "MO", "la manana": "MO", "de manana": "MO",
    "en la madrugada": "MO", "de madrugada": "MO",
    "en la tarde": "AF", "por la tarde": "AF", "la tarde": "AF",
    "en la noche": "NI", "por la noche": "NI", "la noche": "NI",
}  # fmt: skip
CLOCK = ClockSpeech(
    NUMBERS,
    lead_ins=listed(
        "a eso de las|a eso de la|como a las|como a la|sobre las|sobre la|hacia las|para las|"
        "para la|a las|a la|las|la|al|a|el|como|mejor|tipo"
    ),
    hour_marks=("horas", "hora", "en punto", "h"),
    half=("media",),
    quarter=("cuarto",),
    minus=("menos",),
    before=("para",),
    periods=_PERIODS,
    parts_of_day=_PARTS_OF_DAY,
    noon=("mediodia", "medio dia", "las doce del mediodia"),
    midnight=("medianoche", "media noche"),
    articles=("las", "la"),
)
TIME_SHAPE = CLOCK.shape(
    ["de la mañana", "de la madrugada", "de la tarde", "de la noche", "del mediodía",
     "en la mañana", "en la tarde", "en la noche", "por la mañana", "por la tarde",
     "por la noche"],
    ["mañana", "tarde", "noche", "madrugada", "la mañana", "la tarde", "la noche",
     "en la mañana", "en la tarde", "en la noche", "por la mañana", "por la tarde",
     "por la noche", "de madrugada", "mediodía", "medianoche", "al mediodía",
     "a medianoche"],
)  # fmt: skip

# Pronouns said onto an imperative, longest first: "dímelo", "sáltatelo", "recuérdame".
_CLITICS = ("melo", "mela", "melos", "telo", "tela", "selo", "sela", "noslo", "me", "te",
            "se", "lo", "la", "le", "los", "las", "les", "nos")  # fmt: skip
_CLITICS_BY_LENGTH = tuple(sorted(_CLITICS, key=len, reverse=True))
_VOWELS = re.compile(r"[aeiouáéíóúü]+")
_STEM = snowball("spanish")


def without_clitics(word: str) -> str:
    """An imperative without the pronouns said onto it. Spanish writes the accent such a
    word needs ("repítelo": the stress stays on "pi"), so a word is taken apart only where
    the accent falls on its base's next-to-last syllable, as the plain imperative says it
    ("repite"), or the base is one syllable ("dí" in "dímelo").

    >>> [without_clitics(w) for w in ("repítelo", "sáltatelo", "dímelo", "también", "espera")]
    ['repite', 'salta', 'di', 'también', 'espera']
    """
    for clitic in _CLITICS_BY_LENGTH:
        base = word[: -len(clitic)]
        if not word.endswith(clitic) or len(base) < 2:
            continue
        groups = _VOWELS.findall(base)
        accented = [i for i, g in enumerate(groups) if fold(g) != g.replace("ü", "u")]
        if accented and (len(groups) == 1 or accented[-1] == len(groups) - 2):
            return fold(base)
    return word


def stem(word: str) -> str:
    """The Snowball stem of a word with its clitics taken off, accents folded.

    >>> stem("dímelo"), stem("recuérdame"), stem("duele"), stem("mareada")
    ('di', 'recuerd', 'duel', 'mar')
    """
    word = fold(without_clitics(word))
    return _STEM(word) if len(word) > 3 else word


_BUILT_IN = {
    "AMAZON.YesIntent": "sí|si|claro|sí por favor|por supuesto|de acuerdo|vale|ok|okey|"
    "correcto|exacto|eso es|afirmativo|cómo no|me parece bien|está bien|sí claro|obvio|"
    "sí quiero|bueno|perfecto|sí gracias|claro que sí",
    "AMAZON.NoIntent": "no|no gracias|nop|para nada|de ninguna manera|no quiero|ahora no|"
    "mejor no|negativo|todavía no|aún no|no por ahora|no hace falta|no por favor",
    "AMAZON.HelpIntent": "ayuda|ayúdame|qué puedo decir|qué puedo hacer|cómo funciona|"
    "necesito ayuda|instrucciones|qué hago|cuáles son las opciones|me ayudas",
    "AMAZON.StopIntent": "para|detente|alto|basta|ya basta|parar|stop|apágate|cállate|"
    "adiós|hasta luego|sal|salir|ya no",
    "AMAZON.CancelIntent": "cancela|cancelar|olvídalo|no importa|déjalo|cancélalo|olvida eso|anula",
    "AMAZON.NavigateHomeIntent": "inicio|ve al inicio|pantalla de inicio|volver al inicio",
    "AMAZON.NextIntent": "siguiente|el siguiente|próximo|adelante|sigue|pasa|salta",
    "AMAZON.PreviousIntent": "anterior|atrás|vuelve|regresa|ve atrás|el anterior",
    "AMAZON.RepeatIntent": "repite|repítelo|otra vez|repetir|dilo otra vez",
    "AMAZON.PauseIntent": "pausa|pausar|pon pausa|espera|detén",
    "AMAZON.ResumeIntent": "continúa|continuar|reanuda|reanudar|quita la pausa|sigue ya",
    "AMAZON.StartOverIntent": "empieza de nuevo|empezar de nuevo|reinicia|reiniciar|"
    "desde el principio|vuelve a empezar|otra vez desde el principio",
}
_OUT_OF_DOMAIN = (
    "qué tiempo hace|va a llover mañana|qué día es hoy|qué fecha es hoy|qué hora es|"
    "pon un temporizador de diez minutos|pon una alarma a las siete|despiértame a las seis|"
    "pon música|pon la radio|pon mi lista de reproducción|sube el volumen|más alto|"
    "más bajo|prende la luz|enciende las luces|apaga las luces|cuéntame un cuento|"
    "cuéntame un chiste|dame las noticias|qué hay de nuevo|llama a mi mamá|manda un mensaje|"
    "agrega leche a la lista del súper|qué tengo en el calendario|pide toallas de papel|"
    "cuánto mide la torre eiffel|quién es el presidente|cuánto es dos más dos|buenos días|"
    "buenas noches|hola|cómo estás|te quiero|cómo te llamas|estás ahí|qué como hoy|"
    "cómo va el partido|dónde están mis llaves|prende la tele|qué hora es ahora"
)

_FILLERS = "eh|ehh|em|emm|mm|mmm|hmm|hm|ah|ahh|porfa|porfis|pues|alexa"
_LEAD_INS = (
    "bueno|oye|oiga|uf|uff|uy|a ver|entonces|ok|okey|okay|o sea|este|mira|y|pero|oh|ah|"
    "por favor|órale|ándale|vale|venga|puedes|podrías|me puedes|me podrías|quiero que|creo que"
)
_TAIL_OFFS = "por favor|gracias|verdad|no crees|creo"
_CONTRACTIONS = (
    "q=que|k=que|xq=por qué|pq=por qué|porq=por qué|tmb=también|toy=estoy|tas=estás|ta=está|"
    "pa=para|pal=para el|ok=okay|okey=okay|seg=segundo|segs=segundos"
)
# Forms the stemmer would not bring together, and the subjunctive a one-shot request is said
# in ("dile que empiece" is "empieza"), each as its base or its imperative.
_IRREGULAR = (
    "duele=doler|duelen=doler|dolió=doler|dolía=doler|doliendo=doler|duela=doler|"
    "dolor=doler|dolores=doler|puedo=poder|puedes=poder|puede=poder|pude=poder|"
    "siento=sentir|sientes=sentir|sentí=sentir|sintiendo=sentir|sentía=sentir|siente=sentir|"
    "sintió=sentir|sienten=sentir|sentimos=sentir|tengo=tener|tienes=tener|tiene=tener|"
    "tuve=tener|hice=hacer|hizo=hacer|hago=hacer|haces=hacer|quiero=querer|quieres=querer|"
    "estoy=estar|estás=estar|está=estar|estaba=estar|estuvo=estar|duerme=dormir|"
    "durmió=dormir|dormido=dormir|dormida=dormir|durmiendo=dormir|voy=ir|vas=ir|va=ir|"
    "vamos=ir|van=ir|iba=ir|íbamos=ir|fue=ir|fui=ir|empiece=empieza|empiecen=empieza|"
    "comience=comienza|siga=sigue|sigamos=sigue|recuerde=recuerda|recuerdes=recuerda|"
    "borre=borra|quite=quita|cambie=cambia|ponga=pon|repita=repite|diga=di|"
    "cuente=cuenta|salte=salta|vuelva=vuelve|regrese=regresa|continúe=continúa|"
    "reanude=reanuda|mantenga=mantén|avise=avisa|elimine=elimina|cancele=cancela|"
    "quedé=quedar|quedamos=quedar|quedó=quedar"
)
_LIGHT = (
    "a|al|de|del|el|la|las|lo|los|le|les|me|mi|mis|te|tu|tus|se|su|sus|nos|un|una|unos|unas|y|o|"
    "e|en|con|que|qué|es|eso|esto|esta|este|ese|esa|yo|tú|muy|mucho|poco|algo|bueno|"
    "oye|uy|mejor"
)
_NEGATION_REACH = "me|te|se|lo|la|le|les|nos|muy|mucho|tan|tanto|realmente|bien|nada|ya"
_LAUNCH_BEFORE = (
    "abre|abrir|inicia|iniciar|empieza|comienza|lanza|ejecuta|usa|pídele|pide|pregúntale|"
    "pregunta|dile|di|habla con|háblale"
)

LEXICON = Lexicon(
    language="es",
    fillers=frozenset(listed(_FILLERS)),
    dropped=listed("por favor"),
    lead_ins=listed(_LEAD_INS),
    tail_offs=listed(_TAIL_OFFS),
    contractions=table(_CONTRACTIONS),
    irregular=as_stems(with_folded_keys(table(_IRREGULAR)), stem),
    light_words=with_stems(listed(_LIGHT), stem),
    negations=frozenset(listed("no|nunca|ni|tampoco|sin")),
    negation_reach=frozenset(listed(_NEGATION_REACH)),
    stem=stem,
    launch_before=listed(_LAUNCH_BEFORE),
    articles=listed("a|al|el|la|los|las|con"),
    joiners=listed("que|si|y|para|sobre"),
    spot_skips=frozenset(listed("a|al|el|la|las|los|en|de|del|y|con|para")),
    built_in={name: with_folded(listed(said)) for name, said in _BUILT_IN.items()},
    out_of_domain=listed(_OUT_OF_DOMAIN),
    exit_phrases=frozenset(listed("sal de la skill|salir de la skill|cierra la skill")),
    parse_number=NUMBERS.parse,
    parse_time=CLOCK.parse,
    time_shape=TIME_SHAPE,
)
