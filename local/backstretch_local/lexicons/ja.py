"""Japanese, as the local resolver hears it (ja-JP): words found without spaces, numbers in
kanji and kana, times as AMAZON.TIME gives them, and launches with the skill's name first.

Japanese is written without spaces, and no morphological analyser ships with the tools, so
`segment` finds words by rule: a phrase splits where its script changes (kanji, kanji
numerals, hiragana, katakana, latin letters, digits), and a hiragana run splits again at
particles and auxiliaries (は が を に で と も の から まで って て ます です ください, ...),
except inside the everyday hiragana words listed in `_KANA_WORDS` (はい, もう, ちょっと,
どこ, できる, ...). A verb keeps its kanji as a word of its own ("痛い" is 痛 い, "痛くて"
痛 く て), which is what makes its forms meet. The same rule is applied to samples and
phrases alike, and is idempotent.

    >>> segment("腰のストレッチコーチを開いて")
    '腰 の ストレッチコーチ を 開 い て'
    >>> segment("ちょっと待ってください"), segment("二十五秒キープして")
    ('ちょっと 待 って ください', '二十五 秒 キープ して')
    >>> [parse_number(t) for t in ("25", "二十五", "にじゅうご", "百五", "三十")]
    [25, 25, 25, 105, 30]
    >>> [parse_time(t) for t in ("午後 7 時", "夜 7 時", "朝 7 時半", "19 時", "7 時 30 分", "朝")]
    ['19:00', '19:00', '07:30', '19:00', '07:30', 'MO']

Negation in Japanese is a suffix of the verb (できない, できません), never a word before it,
so `negations` is empty: "ない" stays part of the word it ends (できない is not できる), and
a kanji verb's negative keeps its own ending (痛くない is 痛 くない, never 痛 い).
"""

# Full-width and ideographic forms are the point of this module.
# ruff: noqa: RUF001, RUF002

from __future__ import annotations

import re
import unicodedata

from backstretch_local.lexicon import Lexicon, clock_digits

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
                 "七": 7, "八": 8, "九": 9}  # fmt: skip
_KANJI_SCALES = {"十": 10, "百": 100, "千": 1000}
_KANJI_NUMERALS = frozenset(_KANJI_DIGITS) | frozenset(_KANJI_SCALES) | {"万"}

# Kana numerals, longest first, each as the kanji it stands for (rendaku forms included).
_KANA_NUMERALS = {
    "いち": "一", "に": "二", "さん": "三", "よん": "四", "し": "四", "ご": "五",
    "ろく": "六", "なな": "七", "しち": "七", "はち": "八", "きゅう": "九", "く": "九",
    "じゅう": "十", "じゅっ": "十", "ひゃく": "百", "びゃく": "百", "ぴゃく": "百",
    "ろっ": "六", "はっ": "八", "せん": "千", "ぜん": "千", "ゼロ": "〇", "れい": "〇",
}  # fmt: skip
_KANA_NUMERAL_WORDS = sorted(_KANA_NUMERALS, key=len, reverse=True)

# Particles, auxiliaries and endings a hiragana run splits at (the longest first).
_FUNCTION = (
    "ください", "ちょうだい", "ましょう", "ません", "ました", "でした", "でしょう", "ます",
    "です", "から", "まで", "って", "けど", "ので", "のに", "ながら", "より", "は", "が",
    "を", "に", "で", "と", "も", "の", "へ", "て", "ね", "よ", "か",
)  # fmt: skip
# Everyday words written in hiragana that hold a particle's letter and must stay whole.
_KANA_WORDS = (
    "はい", "いいえ", "いいよ", "いい", "うん", "ううん", "ええ", "いや", "いえ", "ちょっと",
    "もう", "もっと", "まだ", "あと", "すこし", "すぐ", "また", "やっぱり", "なんで",
    "なんか", "なんて", "なに", "なん", "どこ", "どう", "どうして", "どれ", "どっち",
    "どちら", "どの", "どのくらい", "どれくらい", "どれだけ", "くらい", "ぐらい", "いつ",
    "これ", "それ", "あれ", "ここ", "そこ", "こっち", "そっち", "この", "その", "よい",
    "よく", "よし", "じゃあ", "さっき", "いま", "きょう", "ひざ", "いたい", "いたた",
    "いててて", "いてて", "いてっ", "やめとく", "へん",
    "かたい", "やさしく", "やさしい", "やさしめ", "ゆっくり", "だいじょうぶ", "ありがとう",
    "できる", "できた", "できない", "できます", "できません", "できました", "できて", "でき",
    "しびれ", "ぴりぴり", "ずきずき", "ずきっと", "くらくら", "ふらふら", "ふう", "えっと",
    "えーと", "あの", "あのー", "うーん", "ちゃんと", "まっすぐ", "すごく", "とても", "ほう",
    "ため", "とき", "だけ", "まま", "ずっと", "なんでもない", "いらない", "けっこう",
    "つぎ", "はじめ", "おしまい", "おわり", "まえ", "おしり", "ふともも", "せなか", "わき",
    "あばら", "うなじ", "つま", "そう", "そうして", "そうです", "かな", "よね", "なあ",
    "わかった", "わからない", "わかりました", "わかりません", "やめて", "やめる", "やめ",
    "やって", "やる", "やり", "やろう", "いこう", "いって", "もういい", "どうぞ", "だめ",
    "はじめから", "いったん", "たっぷり", "ぜんぶ", "みて", "します", "しました", "しません",
    "して", "する", "した", "しない", "したい", "あー", "うーん",
)  # fmt: skip
_HIRAGANA_WORDS = sorted({*_FUNCTION, *_KANA_WORDS}, key=len, reverse=True)
# Words written in two kanji or more that people say here: a kanji run is read as these,
# longest first, and any other kanji as a word of its own ("方合って" is 方 合 って, "体勢"
# 体 勢), so that two words written side by side without kana still meet their samples.
_KANJI = """今日 今週 今夜 今晩 今度 明日 昨日 毎日 毎回 毎週 平日 週末 土日 曜日 月曜 火曜 水曜
    木曜 金曜 土曜 日曜 月曜日 火曜日 水曜日 木曜日 金曜日 土曜日 日曜日 午前 午後 夕方 夜中
    深夜 正午 時間 最初 最後 前回 広背筋 股関節 腸腰筋 背中 背骨 肩甲骨 鼠径部 脇腹 肋骨
    手首 足先 両方 両足 両肩 両膝 両手首 足首 変更 再開 設定 準備 無理 気持 電気 体勢 姿勢
    位置 限界 反対側 反対 休憩 全部 結構 感覚 記録 確認 削除 解除 大丈夫 天気 説明 停止
    終了 起動 意味 理由 効果 様子 結果 連続 成績 範囲 遠慮 注文 試合 電話 首都 音楽
    東京 本当 少々 医師 相談 大事 今回 次回"""
_KANJI_WORDS = sorted(_KANJI.split(), key=len, reverse=True)


def _script(char: str) -> str:
    if char in _KANJI_NUMERALS or char == "何":
        return "numeral"
    if char.isdigit():
        return "digit"
    code = ord(char)
    if 0x3041 <= code <= 0x309F:
        return "hiragana"
    if 0x30A0 <= code <= 0x30FF or code == 0x31F0 or 0xFF66 <= code <= 0xFF9F:
        return "katakana"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or char in "々〆ヶ":
        return "kanji"
    if char.isspace():
        return "space"
    return "latin"


def segment(phrase: str) -> str:
    """A normalised Japanese phrase with a space between its words (see the module docstring).

    >>> segment("足がしびれてきた"), segment("もう一回お願い"), segment("はい、そうです")
    ('足 が しびれ て きた', 'もう 一 回 お 願 い', 'はい そうです')
    >>> segment("午後7時にリマインドして"), segment("朝7時半"), segment("にじゅう秒")
    ('午後 7 時 に リマインド して', '朝 7 時 半', 'にじゅう 秒')
    >>> segment(segment("今日はここまで")) == segment("今日はここまで") == '今日 は ここ まで'
    True
    >>> segment("痛くない"), segment("ひざをつけない"), segment("ストップストップ")
    ('痛 くない', 'ひざ を つけない', 'ストップ ストップ')
    """
    text = unicodedata.normalize("NFKC", phrase)
    text = re.sub(r"[、。！？!?,.・「」『』（）()…〜~]", " ", text)
    words: list[str] = []
    for chunk in text.split():
        for run in _runs(chunk):
            if _script(run[0]) == "hiragana":
                words.extend(_split_hiragana(run))
            elif _script(run[0]) == "kanji":
                words.extend(_split_kanji(run))
            elif _script(run[0]) == "katakana" and _doubled(run):
                words.extend((run[: len(run) // 2],) * 2)  # ストップストップ: said twice
            else:
                words.append(run)
    return " ".join(words)


def _split_kanji(run: str) -> list[str]:
    """A kanji run as the listed kanji words in it, and single kanji between them."""
    words: list[str] = []
    start = 0
    while start < len(run):
        found = next((w for w in _KANJI_WORDS if run.startswith(w, start)), run[start])
        words.append(found)
        start += len(found)
    return words


def _doubled(run: str) -> bool:
    half = len(run) // 2
    return len(run) % 2 == 0 and half >= 3 and run[:half] == run[half:]  # not バイバイ


def _runs(chunk: str) -> list[str]:
    """The chunk split where its script changes (the long-vowel mark ー goes with the letter
    before it: うーん, ストレッチコーチ); numerals and 何 are a script of their own ("何秒")."""
    runs: list[str] = []
    scripts: list[str] = []
    for char in chunk:
        script = scripts[-1] if char == "ー" and scripts else _script(char)
        if runs and scripts[-1] == script:
            runs[-1] += char
            continue
        runs.append(char)
        scripts.append(script)
    return runs


def _split_hiragana(run: str) -> list[str]:
    """A hiragana run as words: at each letter the longest listed word (or a kana number of
    ten or more) that starts there, else the letter joins the unknown word being read."""
    words: list[str] = []
    pending = ""
    start = 0
    while start < len(run):
        found = _kana_number_at(run, start) or next(
            (word for word in _HIRAGANA_WORDS if run.startswith(word, start)), None
        )
        if found is None:
            pending += run[start]
            start += 1
            continue
        if pending:
            words.append(pending)
            pending = ""
        words.append(found)
        start += len(found)
    if pending:
        words.append(pending)
    return words


def _kana_number_at(run: str, start: int) -> str | None:
    """The longest kana number at `start` that has じゅう or ひゃく in it ("にじゅうご"):
    a lone に or ご is a particle or a prefix far more often than a number."""
    best: str | None = None
    position = start
    while position < len(run):
        word = next((w for w in _KANA_NUMERAL_WORDS if run.startswith(w, position)), None)
        if word is None:
            break
        position += len(word)
        said = run[start:position]
        if any(scale in said for scale in ("じゅう", "じゅっ", "ゃく")) and (
            parse_number(said) is not None
        ):
            best = said
    return best


def parse_number(text: str) -> int | None:
    """A whole number in digits, kanji or kana, as AMAZON.NUMBER reads it (0..99,999,999).

    >>> [parse_number(t) for t in ("２５", "十", "二百三十", "さんびゃく", "千二百", "秒")]
    [25, 10, 230, 300, 1200, None]
    """
    said = unicodedata.normalize("NFKC", "".join(text.split()))
    if not said:
        return None
    if said.isascii() and said.isdigit():
        return int(said)
    kanji = _kana_as_kanji(said) if _script(said[0]) == "hiragana" else said
    if kanji is None or not all(c in _KANJI_NUMERALS for c in kanji):
        return None
    if "万" in kanji:
        before, _, after = kanji.partition("万")
        high = 1 if not before else _below_10000(before)
        low = 0 if not after else _below_10000(after)
        return None if high is None or low is None else high * 10000 + low
    return _below_10000(kanji)


def _kana_as_kanji(said: str) -> str | None:
    out = ""
    position = 0
    while position < len(said):
        word = next((w for w in _KANA_NUMERAL_WORDS if said.startswith(w, position)), None)
        if word is None:
            return None
        out += _KANA_NUMERALS[word]
        position += len(word)
    return out


def _below_10000(kanji: str) -> int | None:
    if all(c in _KANJI_DIGITS for c in kanji):  # 二五 said digit by digit
        return int("".join(str(_KANJI_DIGITS[c]) for c in kanji))
    total = 0
    digit: int | None = None
    last_scale = 10_000
    for char in kanji:
        if char in _KANJI_DIGITS:
            if digit is not None:
                return None
            digit = _KANJI_DIGITS[char]
        elif char in _KANJI_SCALES:
            scale = _KANJI_SCALES[char]
            if scale >= last_scale or digit == 0:
                return None
            total += (1 if digit is None else digit) * scale
            digit, last_scale = None, scale
        else:
            return None
    return total + (digit or 0)


# A part of the day said alone: AMAZON.TIME's value.
_PARTS = {
    "朝": "MO", "午前": "MO", "午前中": "MO", "昼": "AF", "お昼": "AF", "午後": "AF",
    "夕方": "EV", "晩": "EV", "夕食後": "EV", "夜": "NI", "夜中": "NI", "深夜": "NI",
}  # fmt: skip
_NUMBER = r"(?:\d{1,2}|[〇一二三四五六七八九十]{1,3})"
_PART_WORD = "午前|午後|朝|夜|夕方|晩|深夜|夜中|お昼|昼"
_CLOCK = re.compile(
    rf"^(?P<part>{_PART_WORD})?の?(?P<h>{_NUMBER})時"
    rf"(?:(?P<m>{_NUMBER})分|(?P<half>半))?(?:ごろ|頃)?$"
)
# What a spoken time looks like once segmented: "午後 7 時", "朝 7 時半", "7 時 30 分".
TIME_SHAPE = (
    rf"(?:(?:(?:{_PART_WORD})(?: の)? )?{_NUMBER} (?:時半|時(?: 半| {_NUMBER} 分)?)"
    rf"(?: (?:ごろ|頃))?|{_PART_WORD})"
)


def parse_time(text: str) -> str | None:
    """A time said aloud in Japanese (segmented or not), as AMAZON.TIME gives it.

    >>> [parse_time(t) for t in ("午後3時", "夜の9時", "午前10時", "十九時", "朝8時ごろ")]
    ['15:00', '21:00', '10:00', '19:00', '08:00']
    >>> [parse_time(t) for t in ("夜中の2時", "お昼", "昼の1時", "3時に", "秒")]
    ['02:00', 'AF', '13:00', None, None]
    """
    said = unicodedata.normalize("NFKC", "".join(text.split()))
    if said in _PARTS:
        return _PARTS[said]
    if said in ("正午", "お昼の12時"):
        return "12:00"
    if said in ("真夜中", "夜中の12時", "深夜0時"):
        return "00:00"
    found = _CLOCK.match(said)
    if found is None:
        return clock_digits(said)  # "19:30", or an hour alone while a time is asked for
    hour = parse_number(found["h"])
    minute = 30 if found["half"] else parse_number(found["m"] or "0")
    if hour is None or minute is None or hour > 24 or minute >= 60:
        return None
    part = found["part"]
    if (
        (part in ("午後", "夕方", "晩") and hour < 12)
        or (part == "夜" and 5 <= hour < 12)
        or (part in ("昼", "お昼") and hour < 6)
    ):
        hour += 12
    elif part == "午前" and hour == 12:
        hour = 0
    return f"{hour % 24:02d}:{minute:02d}"


_BUILT_IN = {
    "AMAZON.YesIntent": "はい|うん|ええ|そう|そうです|お願い|お願いします|いいよ|いいね|"
    "オッケー|オーケー|もちろん|ぜひ|うんうん|はいはい|よろしく|そうして|いいですよ",
    "AMAZON.NoIntent": "いいえ|いや|ううん|いえ|結構です|いらない|だめ|やだ|今はいい|"
    "やめとく|いいえ結構です|大丈夫です|遠慮しておきます|いらないです",
    "AMAZON.HelpIntent": "ヘルプ|助けて|使い方|使い方を教えて|何ができるの|何て言えばいい|"
    "どうすればいい|ヘルプして|説明して|どうしたらいい",
    "AMAZON.StopIntent": "ストップ|止めて|やめて|終了|終わり|黙って|静かに|もういい|"
    "バイバイ|さようなら|またね|終わりにして|ストップして",
    "AMAZON.CancelIntent": "キャンセル|取り消し|取り消して|なんでもない|気にしないで|"
    "やっぱりいい|やっぱりやめる",
    "AMAZON.NavigateHomeIntent": "ホーム|ホームに戻って|ホーム画面|ホーム画面に戻って",
    "AMAZON.NextIntent": "次|次へ|次に進んで|進んで|先へ|次のを|次に行って",
    "AMAZON.PreviousIntent": "前|前へ|戻って|戻る|前に戻って|一つ前",
    "AMAZON.RepeatIntent": "もう一度言って|もう一回言って|繰り返して|リピート|もう一度お願い",
    "AMAZON.PauseIntent": "一時停止|ポーズ|一旦停止|一時停止して",
    "AMAZON.ResumeIntent": "再開|再開して|続けて|続き|続きを再生",
    "AMAZON.StartOverIntent": "最初から|最初からやり直して|やり直し|リスタート|はじめから|"
    "最初から始めて",
}
_OUT_OF_DOMAIN = (
    "今日の天気は|明日は雨降る|今日は何日|今日は何曜日|今何時|タイマーを10分にセットして|"
    "7時にアラームをセットして|6時に起こして|音楽をかけて|ラジオをつけて|音量を上げて|"
    "音を大きくして|音を小さくして|電気をつけて|電気を消して|何か話して|ニュースを教えて|"
    "お母さんに電話して|メッセージを送って|買い物リストに牛乳を追加して|今日の予定は|"
    "ティッシュを注文して|東京タワーの高さは|総理大臣は誰|1足す1は|おはよう|おやすみ|"
    "こんにちは|元気|大好き|名前は何|そこにいる|お昼何食べよう|試合の結果は|鍵はどこ|"
    "テレビをつけて|ありがとう|しりとりしよう|面白い話をして|今日のニュースは|天気を教えて"
)

_FILLERS = "えっと えーと えー あの あのー うーん ちょっと アレクサ まあ なんか ねえ あ あー ほら"
_LEAD_INS = "じゃあ それじゃ よし そうだ あのさ ごめん"
# Said last, these only soften (ね, かな, お願い) or pass a request on ("...か聞いて").
_TAIL_OFFS = (
    "かな よね なあ ね よ な お願い お願いします ください ちょうだい か聞いて って聞いて "
    "って伝えて と伝えて か教えて"
)
_IRREGULAR = {
    "膝": "ひざ", "いたい": "痛", "いたた": "痛", "いててて": "痛", "いてて": "痛",
    "いてっ": "痛", "おしり": "お尻",
    "ストレッチング": "ストレッチ", "オーケー": "オッケー", "ok": "オッケー",
    "okay": "オッケー", "いっかい": "一回",
}  # fmt: skip
# Particles, copulas and the kana a verb's ending leaves behind once its kanji is a word.
_LIGHT = "だ な か かな よね なあ あ い く し き た る え"
# Said after the skill's name: to open it ("を開いて", "で始めて"), or to ask it something
# ("で ..."). The regex tries them in this order: "で始めて" must come before "で".
_LAUNCH_AFTER = (
    "で始めて でスタート を開いて を開けて を起動して を起動 を始めて "
    "をスタートして を呼んで を使って をつけて を開く を開いてください "
    "を起動してください で に"
)
_EXIT = "スキルを終了 スキルを閉じて スキルを終了して"


def _segmented(phrases: str | tuple[str, ...]) -> tuple[str, ...]:
    """Phrase entries as `normalise` writes them: words split by `segment`."""
    listed = phrases.split() if isinstance(phrases, str) else phrases
    return tuple(segment(phrase) for phrase in listed)


LEXICON = Lexicon(
    language="ja",
    fillers=frozenset(_segmented(_FILLERS)),
    lead_ins=_segmented(_LEAD_INS),
    tail_offs=_segmented(_TAIL_OFFS),
    irregular=_IRREGULAR,
    light_words=frozenset((*_segmented(_FUNCTION), *_LIGHT.split())),
    negations=frozenset(),  # negation is the verb's suffix (ない, ません): see the docstring
    launch_after=_segmented(_LAUNCH_AFTER),
    built_in={name: _segmented(tuple(said.split("|"))) for name, said in _BUILT_IN.items()},
    out_of_domain=_segmented(tuple(_OUT_OF_DOMAIN.split("|"))),
    exit_phrases=frozenset(_segmented(_EXIT)),
    parse_number=parse_number,
    parse_time=parse_time,
    time_shape=TIME_SHAPE,
    segment=segment,
    wake_words=("アレクサ",),
)
