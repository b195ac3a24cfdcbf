/**
 * 日本語カタログ。Keys and arguments are those of en.ts. The register is that of
 * government and finance documents (short, exact, です/ます only where a sentence speaks to
 * the reader); terms follow docs/i18n.md.
 */
import type { MessageKey } from './en.ts';
import { cliJa } from './cli.ja.ts';
import { feedsJa } from './feeds.ja.ts';
import { slackFormsJa } from './slack-forms.ja.ts';
import { tariffsCalendarJa } from './tariffs-calendar.ja.ts';
import { timelineJa } from './timeline.ja.ts';

export const ja: Record<MessageKey, string> = {
  ...tariffsCalendarJa,
  ...slackFormsJa,
  ...feedsJa,
  ...timelineJa,
  ...cliJa,
  'stage.name':
    '{stage, select, candidate {候補} shortlisted {最終候補} selected {選定済み} funded {出資済み} declined {辞退} withdrawn {取り下げ} other {{stage}}}',
  'stage.selected_overdue': '選定済み・期限超過',
  'clock.not_started': '{notice}に通知、以後{days}営業日',
  'clock.due_today': '本日が出資期日',
  'clock.overdue': '{days}営業日超過',
  'clock.past_due': '出資期日経過',
  'clock.left': '残り{days}営業日',
  'clock.day_of': '{total}営業日中{day}日目',
  'clock.due_on': '{date}（`{calendar}`）',
  'spread.same': '{calendars}でも同日',
  'deal.partner': '{code, select, JP {日本} KR {韓国} other {{partner}}}',
  'deal.name': '{code, select, JP {日米戦略的投資} KR {米韓戦略的投資} other {{name}}}',
  'cost.qualified': '{qualifier, select, about {約} up_to {最大} other {}}{amount}{qualifier, select, more_than {超} other {}}',

  'card.label':
    '{field, select, stage {段階} deal {枠組み} cost {推定事業費} sector {分野} sponsor {スポンサー／事業者} location {所在地} notice {通知受領日} due {出資期日} clock {出資期限} spread {カレンダー差} funded {出資日} declined {辞退日} withdrawn {取り下げ日} reason {理由} announced {公表日} channel {担当チャンネル} other {{field}}}',
  'card.events': '*経緯*',
  'card.provenance': '*各情報の出典*',
  'card.note': '`{slug}` · #{number} · {today}時点',
  'card.public_note': '公開案件{fresh}。このワークスペースでの変更は `history` で確認できます。',
  'card.business_days_note': '営業日は `{calendar}` による。通知受領日を0日目とし、算入しない。',
  'card.deal_note': '枠組み：{deal}',
  'card.fallback': '{name}（{slug}）：{stage}',
  'card.fallback_clock': '{status} — 出資期日 {due}（{calendar}）、{clock}',
  'button.fund': '出資済みにする',
  'button.decline': '辞退する',
  'button.decline_confirm_title': 'この案件を辞退しますか？',
  'button.decline_confirm_text': '*{name}* を辞退すると出資期限の計算が止まり、関税の再引き上げにつながるおそれがあります。',
  'button.cancel': 'キャンセル',
  'button.share': 'チャンネルに共有',

  'public.actor': '公開情報 {version}',
  'public.event_line': '• {date} — *{kind}* — {summary}（{label}、{source}）{hasNote, select, yes { — {note}} other {}}',
  'public.provenance_line': '• {field} — {label}、{source}{hasNote, select, yes {：{note}} other {}}',
  'public.as_of': '公開情報：{asOf}時点（パック {version}）',
  'public.stale':
    '公開情報は{age}日前のものです（{asOf}時点。{staleAfter}以降は古い情報として扱います）。より新しい情報がある可能性があります。管理者は `dealclock data status` で確認し、`dealclock data apply` で新しいパックを適用できます。',
  'public.note': '{line}：各行に出典と確度を示しています。',
  'event.kind':
    '{kind, select, announced {公表} selected {選定} notice {選定通知} funding_date_named {出資期日の提示} financing_signed {融資契約の締結} funded {出資} declined {辞退} update {更新} other {{kind}}}',
  'fact.label': '{label, select, confirmed {確認済み} reported {報道ベース} estimated {推計} not_found {該当情報なし} other {{label}}}',
  'fact.field':
    '{field, select, name {名称} sponsor {スポンサー} location {所在地} sector {分野} cost {事業費} announced {公表日} stage {段階} notice {通知受領日} due {提示された出資期日} funded {出資} declined {辞退} other {{field}}}',

  'list.title': '案件一覧{filter}',
  'list.narrow': '`list <段階> deal=JP` または `{next}`',
  'list.empty': '案件はまだありません。`add "Texas GulfLink" deal=JP cost=21億ドル sector=energy` のように追加してください。',
  'list.no_match': '該当する案件はありません。',
  'list.public_record': '公開案件',
  'list.due': '出資期日 {due} · {clock}',
  'list.range': '全{total}件中 {first}–{last}件目 · {today}時点',
  'list.more': 'ほか{more}件。{hint} で絞り込めます',
  'list.public_note': '{note}。各情報の出典は `show <案件>` で確認できます',
  'list.fallback': '{title}：{total}件',
  'list.fallback_partial': '{title}：{total}件（{first}–{last}件目を表示）',
  'status.title': '進行中の出資期限{filter}',
  'status.narrow': '`status deal=JP` または `list selected page=2`',
  'status.empty': '進行中の出資期限はありません。`select <案件> notice=<日付>` で期限の計算が始まります。',

  'reminder.colon': '：',
  'reminder.late': ' （本来の送信日 {on}）',
  'reminder.lead': '{title} — *{label}*{late}',
  'reminder.lapse': ':moneybag: 期限を過ぎた場合：{line}',
  'reminder.note': 'リマインダー · {deal} · 営業日は `{calendar}` による',
  'ops.not_delivered':
    ':warning: リマインダー #{id}（{what}）を送信できませんでした{to}：{error}。投稿していません。原因を解消してから `dealclock check --retry-failed` で再送してください。',
  'ops.to': '（送信先 {channel}）',
  'ops.what':
    '{kind, select, digest {{unit, select, day {{on} の日次ダイジェスト} week {{on} からの週の週次ダイジェスト} other {ダイジェスト {on}}}} catchup {`{project}` の未送信分のまとめ} other {`{project}` の「{label}」}}',
  'project.title': '{name}（`{slug}`、#{number}）',
  'reminder.fallback': '{name}（{slug}）：{label}（出資期日 {due}、{calendar}）',
  'catchup.title': '未送信のリマインダー',
  'catchup.today': '\n本日 — *{labels}*',
  'catchup.lead': '{title}：リマインダーが停止していたため、{count}件の節目を通知できませんでした。\n{lines}{today}',
  'catchup.note': '未送信分の通知 · {deal} · 営業日は `{calendar}` による',
  'catchup.fallback': '{name}（{slug}）：未送信のリマインダー（{named}）。現在 {clock}',
  'button.show': '詳細',
  'digest.title':
    '{frequency, select, daily {日次ダイジェスト} weekly {週次ダイジェスト} other {ダイジェスト}}{deal, select, none {} other { — {deal}}} · {today}',
  'digest.none': '{deal, select, none {} other {{deal}の}}進行中の出資期限はありません。',
  'digest.running': '*進行中の出資期限 {count}件* — 期限超過を先頭に表示',
  'digest.more': 'ほか{more}件。`{status}` で確認できます',
  'digest.closed': '*前回のダイジェスト以降に出資済み・辞退となった案件*',
  'digest.fallback': '{title}：進行中の出資期限 {count}件{closed, plural, =0 {} other {、前回以降の出資済み・辞退 #件}}',
  'reply.blocks_left_out': 'ほか{n}ブロックを省略しました。条件を絞って実行すると表示されます。',
  'digest.blocks_left_out': 'ほか{n}ブロックを省略',

  'home.title': '出資期限',
  'home.intro': '{today}時点 · 選定通知から45営業日 · 全コマンドは `{cmd} help`',
  'home.running': '*進行中の出資期限* — 期限超過、出資期日の近い順',
  'home.none_running': '進行中の出資期限はありません。`{cmd} select <案件> notice=<日付>` で期限の計算が始まります。',
  'home.more_running': 'ほか{more}件。`{cmd} status` で全件を表示します',
  'home.milestones': '*次の節目* — 残り{list}営業日でリマインダーを送信',
  'home.today': '*本日*',
  'home.on_day': '{date}（{days}営業日後）',
  'home.due': '出資期日',
  'home.milestone_line': '• *{name}* `{slug}` — {when}に{what}',
  'home.more_milestones': 'ほか{more}件の節目は省略',
  'home.recent': '*最近の変更*',
  'home.nothing_changed': '変更はまだありません。',
  'home.digests': '*チャンネルのダイジェスト*',
  'home.no_digests': 'ダイジェストを購読しているチャンネルはありません。チャンネルで `{cmd} subscribe daily` と入力してください。',
  'home.can_change': '案件を変更できます（案件カードのボタン、またはコマンド）。',
  'home.read_only': 'すべて閲覧できます。案件の変更は管理者に依頼してください。',
  'home.a_project': '案件',
  'home.event': '{subject} を{action, select, add {追加} edit {編集} other {取り込み}}',
  'home.event_stage': '{subject} を *{stage}* に変更',

  'error.internal':
    '申し訳ありません。システム側でエラーが発生しました（エラーID {errorId}）。何も変更していません。もう一度お試しください。繰り返し発生する場合は、このIDをお知らせください。',

  'lang.user_set': ':white_check_mark: 返信を日本語に設定しました。`lang auto` でSlackの言語設定に戻ります。',
  'lang.user_auto': ':white_check_mark: 返信の言語をSlackの言語設定に戻しました。',
  'lang.channel_set': ':white_check_mark: {channel} のリマインダー、ダイジェスト、共有された返信を日本語に設定しました。',
  'lang.channel_auto': ':white_check_mark: {channel} のリマインダー、ダイジェスト、共有された返信をワークスペースの既定の言語に戻しました。',

  'stake.line':
    '{stage, select, declined {この辞退により} other {辞退した場合}}、関税の再引き上げ（{rate}）が適用されると、{deal, select, JP {日本} KR {韓国} other {{deal}}}からの輸入に年間約 *{amount}* の追加関税が生じます{cost}（{asOf}時点{caveat}。出典と内訳は `exposure {slug}`）。',
  'stake.cost': '。毎年、事業費（{cost}）の{ratio}に相当します',
  'stake.times': '{x}倍',
  'stake.percent': '{p}%',
  'stake.warnings': '、データに関する注意{count}件',
  'stake.none': '{asOf}時点で枠組み {deal} の関税影響額はありません：{reason}。`tariffs {deal}` を参照してください。',
  'stake.no_data': 'データが記録されていません',
  'stake.unreadable': '関税影響額を現在読み込めません。`exposure {slug}` をお試しください。',

  'lead.added': ':white_check_mark: *{slug}* を候補として追加しました。',
  'lead.updated': ':pencil2: *{slug}* を更新しました（{fields}）。',
  'lead.shortlisted': '*{slug}* を最終候補にしました。',
  'lead.selected': ':hourglass_flowing_sand: *{slug}* を選定済みにしました。出資期限の計算を開始します。',
  'lead.funded': ':white_check_mark: *{slug}* を出資済みにしました。出資期限の計算は終了です。',
  'lead.declined': ':x: *{slug}* を辞退としました。出資期限の計算は終了です。',
  'lead.withdrawn': '*{slug}* を取り下げました。',

  'what.project': '案件',
  'what.project_ref': '案件（スラッグ、#番号、または名称）',
  'what.name': '案件名',
  'what.notice': '選定通知の受領日（`notice=YYYY-MM-DD`）',
  'what.lang': '`ja`、`en`、`auto` のいずれか',
  'reason.page': '1以上のページ番号を指定してください',
  'reason.lang': '`ja`、`en`、`auto` のいずれかを指定してください',
  'reason.lang_channel': '`lang … channel` はSlackのチャンネルで実行してください',
  'reason.empty': '空です',
  'reason.too_long': '{max}文字を超えています',
  'reason.slug': '英小文字、数字、かな、漢字、ハングルをハイフンでつないで指定してください（例: `texas-gulflink`、`テキサス-ガルフリンク`、60文字以内）',
  'reason.no_slug': '名称にスラッグを作れる文字（文字・数字）がありません。`slug=…` を指定してください',
  'reason.channel': 'チャンネルは #メンション またはID（C0123456789）で指定してください',

  'reason.no_clock': '{slug} の出資期限はまだ計算されていません。`select {slug} notice=<日付>` で開始してください',
  'reason.before_notice': '選定通知の受領日 {notice} より前の日付です',
  'stage_move.same':
    '既に{to, select, candidate {候補} shortlisted {最終候補} selected {選定済み} funded {出資済み} declined {辞退} withdrawn {取り下げ} other {{to}}}です。',
  'stage_move.closed': '{from, select, funded {出資済み} declined {辞退} withdrawn {取り下げ} other {{from}}}の案件は終了しており、段階は変更できません。',
  'stage_move.needs_clock':
    '{to, select, funded {出資済み} declined {辞退} other {{to}}}にできるのは、選定済み（出資期限の計算中）の案件だけです。先に `select <案件> notice=<日付>` で選定済みにしてください。',
  'stage_move.allowed':
    '{from, select, candidate {候補} shortlisted {最終候補} selected {選定済み} other {{from}}}から変更できる段階：{allowedKey, select, shortlisted_selected_withdrawn {最終候補、選定済み、取り下げ} selected_withdrawn {選定済み、取り下げ} funded_declined_withdrawn {出資済み、辞退、取り下げ} other {{allowed}}}',
  'warning.before_floor':
    '通知に記載された出資期日 {due} は、{days}営業日の最短出資日 {floor} より前です。MOUでは{days}営業日が最短とされています。通知を確認してください。',
  'warning.before_signing': '選定通知の受領日が枠組み {deal} の署名日（{signed}）より前です。確認してください。',
  'warning.future_notice': '選定通知の受領日が将来の日付です。出資期限の計算は {notice} に始まります。',
  'warning.funded_late': '出資期日 {due} の後に出資されています。',

  'shell.welcome': 'dealclock シェル — `help` でコマンド一覧、`exit` で終了。データ: {data}',
  'shell.server': 'PostgreSQLサーバー',
};
