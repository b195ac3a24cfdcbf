/** 日本語。Keys and arguments are those of slack-forms.en.ts; merged into ja.ts. */
import type { slackFormsEn } from './slack-forms.en.ts';

export const slackFormsJa: Record<keyof typeof slackFormsEn, string> = {
  'form.title': '案件の追加',
  'form.submit': '追加',
  'form.close': 'キャンセル',
  'form.label':
    '{field, select, name {案件名} deal {枠組み} cost {推定事業費（米ドル）} sector {分野} sponsor {スポンサー／事業者} location {所在地} announced {公表日} channel {担当チャンネル} other {{field}}}',
  'form.hint':
    '{field, select, name {コマンドで案件を指す名前（スラッグ）は案件名から作られます。} cost {例：21億ドル、2.1B、$600M、US$33bn} sector {例：エネルギー、半導体、重要鉱物} sponsor {案件を推進する企業} location {例：テキサス州ブラゾリア郡} announced {報道発表の日付（選定通知の日付ではありません。出資期限は選定通知から数えます）。} channel {この案件のリマインダーの送信先} other {{field}}}',
  'form.placeholder': '{field, select, name {テキサス・ガルフリンク} cost {21億ドル} other {{field}}}',
  'form.deal_option': '{code, select, JP {JP — 日米戦略的投資（{size}）} KR {KR — 米韓戦略的投資（{size}）} other {{code}}}',
  'form.too_long': '{max}文字以内で入力してください。',
  'form.control_characters': '制御文字または改行が含まれています。通常のテキストとして入力してください。',
  'form.internal': 'システム側でエラーが発生しました。何も追加していません。もう一度お試しください。',
  'form.added': ':white_check_mark: *{slug}* を候補として追加しました。',
  'form.add_failed': '申し訳ありません。システム側のエラーにより案件を追加できませんでした。何も書き込んでいません。もう一度お試しください。',
  'form.did_not_open':
    'フォームを開けませんでした（Slackの制限は3秒です）。もう一度お試しいただくか、`{cmd} add "Texas GulfLink" deal=JP cost=21億ドル` のように1行で入力してください。',

  'permission.use': '`{name}` を使う',
  'admins.workspace': 'ワークスペースの管理者',
  'admins.group': '{group} のメンバー',
  'admins.either': '{first}、{last}',
  'admins.group_unreadable': '{admins}（現在グループのメンバーを確認できません。1分後にもう一度お試しください）',
  'action.permission': '{action, select, add {案件を追加する} fund {案件を出資済みにする} decline {案件を辞退する} other {{action}}}',
  'action.funded': ':white_check_mark: {user} が *{slug}* を出資済みにしました。出資期限の計算は終了しました。',
  'action.declined': ':x: {user} が *{slug}* を辞退に変更しました。出資期限の計算は終了しました。',
  'action.stale': ':information_source: この案件は先に変更されており、現在は「*{stage}*」です。何も変更していません。',
  'action.shared_by': '{user} が共有',

  'slack.not_run':
    '{reason, select, full {:hourglass_flowing_sand: 処理待ちの依頼が多いため、この依頼は実行しませんでした。何も変更していません。1分ほどしてからもう一度お試しください。} user_full {:hourglass_flowing_sand: あなたの処理待ちの依頼が多いため、この依頼は実行しませんでした。何も変更していません。それらの応答の後にもう一度お試しください。} expired {:hourglass: 他の依頼の処理待ちが{wait}を超えたため、この依頼は実行しませんでした。何も変更していません。もう一度送信してください。} other {:arrows_counterclockwise: 実行前にボットが再起動しました。何も変更していません。もう一度送信してください。}}',
  'slack.wait': '{unit, select, minutes {{n}分} minute {1分} other {{n}秒}}',

  'help.header': '{cmd} — 45営業日の出資期限',
  'help.fallback': '{cmd} のコマンド：{names}',
  'help.changes_data': '（データを変更）',
  'help.examples': '*例*',
  'help.footer':
    '返信はご本人にのみ表示されます。チャンネルに投稿するには末尾に `share` を付けてください。`{cmd} help <subcommand>` で例を表示します。サブコマンドとオプションは英語のまま入力してください（`{cmd} show`、`deal=JP`、`notice=`）。日付は `2026年2月17日`、`2026-02-17`、`today`、`yesterday`、金額は `21億ドル`、`2.1B`、`US$33bn` のように日本語でも英語でも入力できます。',
  'help.summary.help': '使い方と例',
  'help.summary.list': '案件の一覧（1件1行。段階：`candidate`、`shortlisted`、`selected`、`funded`、`declined`、`withdrawn`、`open`、`closed`）',
  'help.summary.status': '進行中の出資期限（期限超過、出資期日の近い順）。案件を指定すると `show` と同じ',
  'help.summary.show': '1件の案件：段階、出資期限（45営業日中の経過日数、出資期日、残り営業日数、カレンダー差）、担当チャンネル。公開案件は経緯と出典も表示',
  'help.summary.add': '案件を追加（段階は候補）',
  'help.summary.edit': '項目を変更（段階を除く）。空の値を指定するとその項目を削除',
  'help.summary.shortlist': '段階を最終候補に変更',
  'help.summary.select': '段階を選定済みに変更。選定通知の受領日から出資期限の計算を開始',
  'help.summary.fund': '段階を出資済みに変更。出資期限の計算を終了',
  'help.summary.decline': '段階を辞退に変更。出資期限の計算を終了し、これにより生じる関税影響額を表示',
  'help.summary.withdraw': '段階を取り下げに変更（候補、最終候補、選定済みから）',
  'help.summary.deadline': '計算機能：指定日（`<date>`）に選定通知を受領した場合の出資期日を、期限計算用のカレンダーと比較用の各カレンダーで表示',
  'help.summary.calendar': '出資期限の計算に使う休業日。管理者は理由を付けて休業日を追加・削除可能',
  'help.summary.history': '監査記録：誰が、何を、いつ変更したか（新しい順）。案件を指定しない場合はワークスペース全体',
  'help.summary.exposure': '関税影響額：関税の再引き上げが適用された場合の年間の追加関税額（時点と出典付き）',
  'help.summary.tariffs': '品目区分ごとの関税制度（履歴と出典付き）と輸入額の基準値',
  'help.summary.tariff': '枠組みと品目区分の新しい関税制度を記録。現行の制度は前日で終了（履歴は保持）',
  'help.summary.baseline': '枠組みと品目区分の米国の年間輸入額を記録（関税影響額の算定の基礎）',
  'help.summary.data': '公開情報：このワークスペースのパック、その時点、このリリースに同梱のパックを適用した場合の変更点',
  'help.summary.subscribe': '進行中の出資期限のダイジェストをこのチャンネルに毎営業日または毎週（既定は月曜日。週次はタイムラインの図つき）投稿',
  'help.summary.unsubscribe': 'このチャンネルのダイジェストを停止（全枠組み、または1つの枠組み）',
  'help.summary.subscriptions': 'ダイジェストを受け取るチャンネルの一覧',
  'help.summary.digest': '進行中の出資期限のダイジェストを今すぐこのチャンネルに投稿',
  'help.summary.feed': '出資期日を Outlook、Google カレンダー、Apple カレンダーで購読できる非公開のカレンダーURL（`.ics`）',
  'help.summary.timeline': '進行中の出資期限をカレンダー上に示した図（出資期日、本日、期限超過は赤）',
  'help.summary.lang': '返信の言語（`auto`：Slackの言語設定）。`channel` を付けると、このチャンネルに投稿される内容の言語',

  'digest_channel.shell': 'シェル',
  'digest_channel.in_channel': '`{subcommand}` はチャンネル内で実行してください',
  'digest_channel.describe':
    '{frequency, select, daily {毎営業日} other {毎週{weekday, select, sunday {日曜日} monday {月曜日} tuesday {火曜日} wednesday {水曜日} thursday {木曜日} friday {金曜日} saturday {土曜日} other {{weekday}}}}}、{deal, select, none {全枠組み} other {枠組み {deal}}}',
  'subscribe.frequency_what': '`daily` または `weekly`',
  'subscribe.frequency_reason': '`daily` または `weekly` と入力してください',
  'subscribe.weekday_reason': '月曜日から金曜日までの曜日を英語で入力してください（例：`monday`、`fri`）',
  'subscribe.changed': '{channel} のダイジェストを変更しました',
  'subscribe.shell': 'シェルでダイジェストの購読を開始しました',
  'subscribe.subscribed': '{channel} でダイジェストの購読を開始しました',
  'subscribe.done': ':white_check_mark: {lead}：{what}、リマインダーの送信時刻に投稿します。停止するには `{stop}` と入力してください。',
  'subscribe.none':
    '{channel} には{deal, select, none {全枠組みの} other {枠組み {deal} の}}ダイジェストはありません。このワークスペースのダイジェストは `subscriptions` で確認できます。',
  'subscribe.removed': '{channel} のダイジェスト（{what}）を停止しました。',
  'subscribe.list_empty':
    'ダイジェストを受け取るチャンネルはありません。チャンネルで `subscribe daily` または `subscribe weekly friday deal=JP` と入力すると開始します。',
  'subscribe.list_title': 'ダイジェストの購読',
  'subscribe.list_line': '• {channel} — {what}',
  'subscribe.list_first': '最初の{n}件',
  'subscribe.list_count': '{n}件 · リマインダーの送信時刻に投稿',
  'subscribe.list_fallback': 'ダイジェストの購読：{n}件',

  'data.title': '公開情報',
  'data.shipped': 'このリリースに同梱のパック',
  'data.state':
    '{state, select, none {このワークスペースはまだ使用が始まっていません。最初のコマンドで公開情報を読み込みます。} off {このワークスペースは公開情報なしで開始しました（`DEALCLOCK_PUBLIC_DATA=off`）。} existing {このワークスペースは公開情報の導入前からあるため、公開情報は読み込んでいません。} other {このワークスペースの公開情報はパック {version}（{asOf}時点）です。}}',
  'data.pack': '{file}：パック {version}（{asOf}時点）',
  'data.pack_refused': '{file} は使用できません：{error}',
  'data.up_to_date':
    'このワークスペースにはそのパックの内容がすべて反映済みです。適用しても何も変わりません。{conflicts, select, yes {このワークスペースで編集され、パックと異なる項目：} other {}}',
  'data.would_change': '*適用した場合の変更点*',
  'data.only_version': '適用してもパックのバージョンを記録するだけで、情報は変わりません。',
  'data.edited_here': '*このワークスペースで編集済みの項目*（パックでは変更せず、そのまま保持）',
  'data.apply_note':
    'パックは管理者がサーバー上で `dealclock data apply [file]` により適用します。ワークスペースで編集した項目は上書きしません。詳細は `docs/data.md` を参照してください。',
  'data.summary_up_to_date': '最新',
  'data.summary_refused': 'パックは使用不可',
  'data.summary_counts': '追加{added}件、変更{changed}件、相違{conflicts}件',
  'data.fallback': '公開情報：{state}{summary}',
  'data.group':
    '{group, select, projects {新しい案件} events {新しい経緯} regimes {新しい関税制度} baselines {新しい基準値} closures {新しい休業日} changed {変更される項目} conflicts {相違（そのまま保持）} other {{group}}}（{n}件）：',
  'data.group_more': '  … ほか{n}件',
  'data.sources_changed': '追加・更新される出典：{n}件',
};
