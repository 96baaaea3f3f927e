"""Japanese (ja-JP): desu/masu form, as the content is written. Sentences a turn says one
after another are joined by a space here, as `words` joins the speech plan's parts."""

# Japanese asks with the full-width question mark (U+FF1F), as it is written.
# ruff: noqa: RUF001

from __future__ import annotations

from tests.support.spoken.lines import Hears, Language, Says

LANGUAGE = Language(
    locale="ja-JP",
    time_zone="Asia/Tokyo",
    says=Says(
        launch="アレクサ、腰のストレッチコーチで始めて",
        next="次",
        no="いいえ",
        open="アレクサ、腰のストレッチコーチを開いて",
        knee="ひざが痛い",
        knee_slot="ひざ",
        skip="スキップ",
        warning="めまいがする",
        summary="アレクサ、腰のストレッチコーチで今週はどうだった",
        reminder="15時にストレッチをリマインドして",
        yes="はい",
        weekdays="平日",
        chat=("始めて", "なぜ", "ストップ"),
    ),
    hears=Hears(
        welcome="腰のストレッチコーチへようこそ。",
        welcome_back="おかえりなさい。",
        not_advice="医療アドバイスではありません",
        that_hurts="「痛い」と言ってください",
        first_stretch="まずはひざ立ちの股関節ストレッチです。",
        needs="ひざの下に敷くもの",
        first_step="左のひざを床につけます。",
        hold=("そのままキープ。", "10秒。", "20秒。", "3。", "はい、ゆるめます。"),
        after_first_side="はい、左側が終わりました。 "
        "右側の準備ができたら、「次」と言ってください。",
        switch_side="ゆっくり立ち上がってください。 反対側です。",
        next_stretch="次は広背筋ストレッチです。",
        lat_first_step="左腕をまっすぐ伸ばして",
        lat_done="広背筋ストレッチ、左右とも終わりました。",
        finished="これで全部終わりです。",
        week_offer_end="今週の様子を聞きますか？",
        goodbye="また次回お会いしましょう。",
        eighteen_left="あと18秒です。",
        one_second="1秒",
        knee_ease="ゆっくり、ひざから体重を抜いてください。",
        knee_offer=("「もっと敷く」", "広背筋ストレッチ"),
        knee_padded="たたんだ毛布",
        back_pain_start="わかりました、そこで止めてください。 "
        "ゆっくりストレッチから起き上がってください。",
        back_pain=("上半身をまっすぐ", "理学療法士"),
        pain_offer_end="今日はここで終わりにしますか？",
        gentler="半分くらいだけ",
        gentler_word="やさしく",
        warning=("しびれ、感覚がない、めまい", "医師か理学療法士"),
        summaries=(
            "今週は3日ストレッチをしました。月曜日、昨日、今日です。 "
            "通しで3回行い、合計6分半ストレッチをしました。 "
            "3日連続でストレッチをしています。 もう先週より多い日数です。",
            "今週は1回、月曜日にストレッチをしました。 "
            "通しで1回行い、合計1分半ストレッチをしました。 先週と同じ日数です。",
            "今週はまだストレッチをしていません。 先週は1日ストレッチをしました。 "
            "今日の数分が、いいスタートになります。",
        ),
        start_offer="今からストレッチをしますか？",
        week_declined="今週の様子は、いつでも聞いてくださいね。 また次回お会いしましょう。",
        skipped_to_lat="わかりました、広背筋ストレッチです。",
        week_two_days="今週は2日ストレッチをしました。月曜日、昨日です。",
        week_work="通しで1回行い、合計3分ストレッチをしました。",
        reminder_asked="毎日15時に、ストレッチの時間をお知らせします。これで設定しますか？",
        reminder_set="設定しました。毎日15時に、ストレッチの時間をお知らせします。",
        reminder_asked_weekdays="平日15時に、ストレッチの時間をお知らせします。"
        "これで設定しますか？",
        why="机や車で長く座っていると",
        stopped="わかりました、ここで終わりにします。",
    ),
)
