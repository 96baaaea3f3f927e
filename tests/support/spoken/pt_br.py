"""Brazilian Portuguese (pt-BR)."""

from tests.support.spoken import Spoken, Week, word_set

SPOKEN = Spoken(
    locale="pt-BR",
    week=Week(
        time_zone="America/Sao_Paulo",
        launch="Alexa, inicie alongamento das costas",
        reopen="Alexa, abra alongamento das costas",
        next="próximo",
        yes="sim",
        no="não",
        knee="meu joelho está doendo",
        knee_slot="joelho",
        skip="pular",
        warning="estou com tontura",
        summary="Alexa, pergunte ao alongamento das costas como foi minha semana",
        reminder="me lembre de alongar às 15 horas",
        weekdays="de segunda a sexta",
    ),
    welcome="Olá! Aqui é o seu treinador de alongamento para as costas.",
    disclaimer=("Isto não é orientação médica", "está doendo"),
    first_stretch="Para começar: alongamento do flexor do quadril.",
    needs="alguma coisa macia",
    first_instruction="Apoie o joelho esquerdo no chão.",
    hold_start="Segure aí.",
    ten_seconds="10 segundos.",
    twenty_seconds="20 segundos.",
    three="Três.",
    release="E solte.",
    after_first_side="Pronto, lado esquerdo feito. "
    "Diga próximo quando quiser fazer o lado direito.",
    switch="Levante devagar. Troque de lado.",
    next_stretch="Agora vem: alongamento do dorsal.",
    lat_setup="Apoie o braço esquerdo esticado em cima dela",
    both_sides_done="Feito: alongamento do dorsal, dos dois lados.",
    finished="Pronto, alongamentos concluídos.",
    week_offer_end="como está indo a sua semana?",
    goodbye="Até a próxima.",
    declined="Pergunte como foi a sua semana, quando quiser. Até a próxima.",
    time_left_18="Mais 18 segundos.",
    one_second="1 segundo",
    knee_ease="Tire o peso do joelho, devagar.",
    knee_offer=("mais acolchoamento", "alongamento do dorsal"),
    padded="cobertor dobrado",
    back_start="Tudo bem, pare aí. Saia da posição devagar.",
    back_advice=("tronco reto", "fisioterapeuta"),
    pain_offer_end="ou termina por hoje.",
    gentler="só até a metade",
    gentler_word="mais leve",
    warning=("Dor aguda, formigamento, dormência ou tontura", "médico"),
    summaries=(
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
    welcome_back="Que bom ter você de volta.",
    skipped="Tudo bem: alongamento do dorsal.",
    two_days="Nesta semana, você se alongou em 2 dias: segunda-feira e ontem.",
    two_days_work="Você fez uma sessão completa e segurou as posições por 3 minutos.",
    reminder_asked="Vou lembrar você de se alongar todos os dias, às 15 horas. Posso configurar?",
    reminder_set="Pronto. Vou lembrar você de se alongar todos os dias, às 15 horas.",
    weekdays_at_three_pm="de segunda a sexta, às 15 horas",
    reminder_text="Hora do seu alongamento para as costas. "
    "Diga: Alexa, inicie alongamento das costas.",
    mondays_and_thursdays_at_six_pm="segunda-feira e quinta-feira, toda semana, às 18 horas",
    wednesday_2_december_at_7_30="quarta-feira, 2 de dezembro, às 7:30",
    every_day_at_noon="todos os dias, ao meio-dia",
    understood=(
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
    function_words=word_set(
        "a o as os um uma uns umas de do da dos das no na nos nas em ao aos à às e ou para pra "
        "por pelo pela com me mim eu você meu minha meus minhas que é vamos faz fazer bota "
        "coloca põe diga dizer agora"
    ),
    model_written=True,
    chat_input=("começar", "por quê", "parar"),
    why_heard="Passar horas na mesa de trabalho ou ao volante",
    stopped="Tudo bem, vamos parar por aqui.",
)
