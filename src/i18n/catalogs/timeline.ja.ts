/** 日本語。Keys and arguments are those of timeline.en.ts; merged into ja.ts. */
import type { timelineEn } from './timeline.en.ts';

export const timelineJa: Record<keyof typeof timelineEn, string> = {
  'timeline.axis_date_format': '%-m/%-d',
  'timeline.title': '出資期限{deal, select, none {} other { — {deal}}}',
  'timeline.subtitle': '{today}時点 · 棒は通知受領日から出資期日まで · 右端は残り営業日{more, plural, =0 {} other { · ほか#件}}',
  'timeline.today': '今日',
  'timeline.legend_title': '凡例',
  'timeline.mark':
    '{mark, select, running {進行中} due_soon {残り5営業日以内} overdue {期限超過} not_started {通知受領前} spread {比較カレンダーでの出資期日} milestone {残り30/15/10/5営業日} closed {休業日} other {{mark}}}',
  'timeline.row':
    '{state, select, overdue {{days}営業日超過} past_due {出資期日経過} due_today {本日が出資期日} not_started {通知から{days}営業日} other {残り{days}営業日}} · {due}',
  'timeline.alt':
    '{today}時点の出資期限{total}件のタイムライン{hidden, plural, =0 {} other {(先頭{shown}件)}}。通知受領日から出資期日までの棒、今日の線、期限超過は赤。',
  'timeline.file_title': '出資期限 {today}',
  'timeline.empty':
    '進行中の出資期限はありません{deal, select, none {} other {({deal})}}。描く対象がありません。`select <案件> notice=<日付>` で期限の計算が始まります。',
  'timeline.reply': '出資期限{deal, select, none {} other { — {deal}}}({today}時点): 進行中{total}件{hidden, plural, =0 {} other {(図は{shown}件)}}',
  'timeline.upload_failed': '図をアップロードできませんでした。代わりに一覧を表示します。',
  'timeline.written': '進行中の出資期限{total}件のタイムラインを {path} に書き出しました',
  'timeline.home_caption': '進行中の出資期限のタイムライン',
  'timeline.digest_caption': 'タイムライン',
  'timeline.picture_value': '`on` か `off` を指定してください',
  'timeline.picture_setting': '{on, select, yes {タイムラインの図つき} other {図なし}}',
};
