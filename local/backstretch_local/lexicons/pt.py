"""Brazilian Portuguese as the resolver hears it (pt-BR): fillers and lead-ins ("tipo",
"então", "olha", "né"), "por favor" as a tail-off, the spoken contractions spelled out ("tô",
"tá", "pra", "pro", "peraí"), accents folded (people type "nao" and "voce"), the Snowball
stemmer, "não"/"nunca" bearing on the next word, numbers in words ("vinte e cinco", "cento e
vinte") and times said aloud ("às sete da noite", "às 19h", "sete e meia", "quinze para as
oito", "meio-dia").

    >>> LEXICON.parse_number("vinte e cinco"), LEXICON.parse_number("cento e vinte")
    (25, 120)
    >>> [LEXICON.parse_time(t) for t in ("às sete da noite", "às 19h", "sete e meia")]
    ['19:00', '19:00', '07:30']
"""

from __future__ import annotations

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
    "zero": 0, "um": 1, "uma": 1, "dois": 2, "duas": 2, "três": 3, "quatro": 4, "cinco": 5,
    "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10, "onze": 11, "doze": 12,
    "treze": 13, "catorze": 14, "quatorze": 14, "quinze": 15, "dezesseis": 16,
    "dezasseis": 16, "dezessete": 17, "dezassete": 17, "dezoito": 18, "dezenove": 19,
    "dezanove": 19,
}  # fmt: skip
_TENS = {
    "vinte": 20, "trinta": 30, "quarenta": 40, "cinquenta": 50, "cinqüenta": 50,
    "sessenta": 60, "setenta": 70, "oitenta": 80, "noventa": 90,
}  # fmt: skip
_HUNDREDS = {
    "cem": 100, "cento": 100, "duzentos": 200, "duzentas": 200, "trezentos": 300,
    "trezentas": 300, "quatrocentos": 400, "quatrocentas": 400, "quinhentos": 500,
    "quinhentas": 500, "seiscentos": 600, "seiscentas": 600, "setecentos": 700,
    "setecentas": 700, "oitocentos": 800, "oitocentas": 800, "novecentos": 900,
    "novecentas": 900,
}  # fmt: skip
NUMBERS = NumberWords(
    _UNITS, _TENS, _HUNDREDS, "mil", "e", frozenset({"um", "uma"}), joins_after_hundreds=True
)

# Said after a time, and how each moves its hour (written folded: the clock reads folded).
_PERIODS = {
    "da manha": "am", "da madrugada": "am", "de manha": "am", "pela manha": "am",
    "da tarde": "pm", "de tarde": "pm", "a tarde": "pm", "pela tarde": "pm",
    "da noite": "night", "de noite": "night", "a noite": "night", "pela noite": "night",
    "am": "am", "a m": "am", "pm": "pm", "p m": "pm",
}  # fmt: skip
_PARTS_OF_DAY = {
    "de manha": "MO", "pela manha": "MO", "manha": "MO", "cedo": "MO", "de madrugada": "MO",
    "a tarde": "AF", "de tarde": "AF", "pela tarde": "AF",
    "a noite": "NI", "de noite": "NI", "pela noite": "NI", "noite": "NI",
}  # fmt: skip
CLOCK = ClockSpeech(
    NUMBERS,
    lead_ins=listed(
        "la pelas|la pela|por volta das|por volta da|pelas|pela|umas|lá|para as|para a|pras|"
        "pra|as|a|ao|o|tipo|pode ser|melhor"
    ),
    hour_marks=("horas", "hora", "em ponto", "h"),
    half=("meia",),
    quarter=("quarto",),
    minus=("menos",),
    before=("para", "pras", "pra"),
    periods=_PERIODS,
    parts_of_day=_PARTS_OF_DAY,
    noon=("meio dia", "meiodia"),
    midnight=("meia noite", "meianoite"),
    articles=("as", "a"),
)
TIME_SHAPE = CLOCK.shape(
    ["da manhã", "da madrugada", "da tarde", "da noite", "de manhã", "de tarde", "de noite",
     "à tarde", "à noite", "pela manhã"],
    ["manhã", "de manhã", "pela manhã", "à tarde", "de tarde", "à noite", "de noite", "noite",
     "meio dia", "meia noite", "cedo"],
)  # fmt: skip
_STEM = snowball("portuguese")


def stem(word: str) -> str:
    """The Snowball stem of a word, accents folded.

    >>> stem("alongamento"), stem("doendo"), stem("formigando"), stem("pé")
    ('along', 'doend', 'formig', 'pe')
    """
    word = fold(word)
    return _STEM(word) if len(word) > 3 else word


_BUILT_IN = {
    "AMAZON.YesIntent": "sim|claro|pode|pode ser|ok|okay|tá bom|está bem|beleza|com certeza|"
    "isso|isso mesmo|sim por favor|quero|certo|positivo|uhum|aham|fechado|combinado|"
    "claro que sim|sim obrigado",
    "AMAZON.NoIntent": "não|não obrigado|não obrigada|agora não|negativo|de jeito nenhum|"
    "melhor não|não quero|ainda não|hoje não|não precisa|nem pensar",
    "AMAZON.HelpIntent": "ajuda|me ajuda|o que eu posso dizer|o que eu faço|como funciona|"
    "preciso de ajuda|instruções|quais são as opções|o que você faz",
    "AMAZON.StopIntent": "para|pare|parar|chega|sair|desligar|tchau|até logo|cala a boca|"
    "fica quieta|encerrar|basta|desliga",
    "AMAZON.CancelIntent": "cancela|cancelar|esquece|deixa pra lá|deixa para lá|"
    "não importa|cancele|esquece isso",
    "AMAZON.NavigateHomeIntent": "início|volta pro início|tela inicial|vai para o início",
    "AMAZON.NextIntent": "próximo|próxima|avança|avançar|pula|seguinte|segue",
    "AMAZON.PreviousIntent": "anterior|volta|voltar|para trás|o anterior",
    "AMAZON.RepeatIntent": "repete|repetir|de novo|outra vez|fala de novo|repita",
    "AMAZON.PauseIntent": "pausa|pausar|pausar isso|dá uma pausa",
    "AMAZON.ResumeIntent": "continua|continuar|retoma|retomar|volta a contar",
    "AMAZON.StartOverIntent": "recomeça|recomeçar|começar de novo|do começo|reinicia|"
    "reiniciar|começa de novo",
}
_OUT_OF_DOMAIN = (
    "como está o tempo|vai chover amanhã|que dia é hoje|qual é a data de hoje|que horas são|"
    "coloca um timer de dez minutos|coloca um alarme para as sete|me acorda às seis|"
    "toca música|toca uma música|liga o rádio|toca minha playlist|aumenta o volume|"
    "mais alto|mais baixo|acende a luz|apaga a luz|liga as luzes|me conta uma história|"
    "me conta uma piada|quais são as notícias|liga para a minha mãe|manda uma mensagem|"
    "coloca leite na lista de compras|o que tem na minha agenda|compra papel toalha|"
    "qual a altura da torre eiffel|quem é o presidente|quanto é dois mais dois|bom dia|"
    "boa noite|oi|olá|tudo bem|eu te amo|qual é o seu nome|você está aí|"
    "o que eu almoço hoje|quanto está o jogo|cadê minhas chaves|liga a televisão|cadê o controle|"
    "onde está o meu celular"
)

_FILLERS = "ahn|ãh|hum|humm|hmm|hm|ah|eh|uh|né|alexa"
_LEAD_INS = (
    "então|bom|olha|ô|ei|tipo|desculpa|nossa|bora|aí|ok|okay|e|mas|ah|oh|por favor|será que|"
    "você pode|eu acho que|acho que"
)
_TAIL_OFFS = "por favor|por gentileza|obrigado|obrigada|aí|então|viu|tá|beleza"
_CONTRACTIONS = (
    "tô=estou|to=estou|tá=está|ta=está|tava=estava|tão=estão|pra=para|pro=para o|"
    "pros=para os|pras=para as|pq=por que|vc=você|cê=você|q=que|peraí=espera aí|"
    "perai=espera aí|tb=também|tbm=também|seg=segundo|"
    "segs=segundos|ok=okay"
)
# Forms the stemmer would not bring together, and the infinitive a one-shot request is said
# in ("pede pra ele começar" is "começa"), each as its base.
_IRREGULAR = (
    "dói=doer|doem=doer|doeu=doer|doía=doer|doendo=doer|doído=doer|dor=doer|dores=doer|"
    "consigo=conseguir|consegue=conseguir|consegui=conseguir|posso=poder|pode=poder|"
    "pude=poder|faço=fazer|fez=fazer|fiz=fazer|faz=fazer|sinto=sentir|senti=sentir|"
    "sente=sentir|sentindo=sentir|tenho=ter|tem=ter|tive=ter|tinha=ter|quero=querer|"
    "quer=querer|quis=querer|estou=estar|está=estar|estava=estar|estão=estar|fiquei=ficar|"
    "ficou=ficar|fico=ficar|dá=dar|deu=dar|sei=saber|parei=parar|parou=parar|paramos=parar"
)
_LIGHT = (
    "a|o|as|os|um|uma|uns|umas|de|do|da|dos|das|no|na|nos|nas|em|ao|aos|à|às|e|ou|"
    "que|é|isso|isto|esse|essa|este|esta|eu|você|me|te|se|lhe|meu|minha|meus|minhas|seu|sua|"
    "muito|pouco|bem|mais|tipo|né|aí|lá|já|bom"
)
_LAUNCH_BEFORE = (
    "abre|abra|abrir|inicia|inicie|iniciar|começa|comece|começar|pergunta|pergunte|"
    "perguntar|pede|peça|pedir|fala|fale|diz|diga|usa|usar|executa|executar"
)

LEXICON = Lexicon(
    language="pt",
    fillers=frozenset(listed(_FILLERS)),
    dropped=listed("por favor|por gentileza"),
    lead_ins=listed(_LEAD_INS),
    tail_offs=listed(_TAIL_OFFS),
    contractions=table(_CONTRACTIONS),
    irregular=as_stems(with_folded_keys(table(_IRREGULAR)), stem),
    light_words=with_stems(listed(_LIGHT), stem),
    negations=frozenset(listed("não|nao|nunca|nem|sem")),
    negation_reach=frozenset(listed("me|te|se|o|a|lhe|muito|tão|bem|mais|nada|já")),
    stem=stem,
    launch_before=listed(_LAUNCH_BEFORE),
    articles=listed("o|a|ao|pro|para o|pra|no|com o|à"),
    joiners=listed("que|se|para|pra"),
    spot_skips=frozenset(listed("a|o|as|os|à|às|ao|aos|de|do|da|e|em|no|na|pra|pro|pras|para")),
    built_in={name: with_folded(listed(said)) for name, said in _BUILT_IN.items()},
    out_of_domain=listed(_OUT_OF_DOMAIN),
    exit_phrases=frozenset(listed("sair da skill|fechar a skill|fecha a skill")),
    parse_number=NUMBERS.parse,
    parse_time=CLOCK.parse,
    time_shape=TIME_SHAPE,
)
