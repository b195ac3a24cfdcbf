/** 日本語。Keys and arguments are those of feeds.en.ts; merged into ja.ts. */
import type { feedsEn } from './feeds.en.ts';

export const feedsJa: Record<keyof typeof feedsEn, string> = {
  'feed.scope.deal': '枠組み {deal}',
  'feed.scope.all_deals': 'すべての枠組み',
  'feed.scope.channel': '{channel} の案件',
  'feed.scope.content': '{milestones, select, yes {出資期日と残り30・15・10・5営業日の日} other {出資期日}}',
  'feed.created.lead':
    ':calendar: カレンダーフィード #{id} を作成しました（{scope}）。Outlook、Google カレンダー、Apple カレンダーでこのURLを購読してください：',
  'feed.created.once':
    'このURLが表示されるのは今回限りです。今コピーしてください。URLを知っている人は誰でもこれらの出資期日を見られるため、チャンネルには貼らないでください。`feed revoke {id}` で無効にでき、`feed` で新しいURLを作成できます。購読の手順は `docs/feeds.md` を参照してください。',
  'feed.created.local':
    'DEALCLOCK_PUBLIC_URL が設定されていないため、これはボットのローカルアドレスです。インターネット上のカレンダーサービスからは届きません。DEALCLOCK_PUBLIC_URL に公開アドレスを設定してから、新しいフィードを作成してください。',
  'feed.created.fallback': 'カレンダーフィード #{id}：{url}',
  'feed.list.none':
    'カレンダーフィードはありません。`feed` で出資期日の非公開カレンダーURLを作成できます（絞り込むには `feed deal=JP`、`feed channel=#deals`）。',
  'feed.list.header': 'カレンダーフィード',
  'feed.list.line': '• *#{id}* — {scope} — {user} が {date} に作成',
  'feed.list.fallback': 'カレンダーフィード：{count}件',
  'feed.list.first': '最初の{limit}件。',
  'feed.list.note': 'URLは再表示されません。`feed revoke <id>` で無効にすると、購読中のカレンダーは更新されなくなります。',
  'feed.revoked':
    'カレンダーフィード #{id}（{scope}）を無効にしました。このURLは「見つかりません」と応答し、購読中のカレンダーは更新されなくなります。`feed` で新しいURLを作成できます。',
  'feed.calendar.name': '{filter, select, none {dealclock 出資期日} other {dealclock 出資期日（{filter}）}}',
  'feed.calendar.deal': '枠組み {deal}',
  'feed.calendar.channel': 'チャンネル {channel}',
  'feed.calendar.description': 'dealclock が管理する日米・米韓戦略的投資の案件の出資期日（営業日カレンダーによる）。出資期日が変わると更新されます。',
  'feed.event.due': '{name} — 出資期日（{days}営業日、{calendar}）',
  'feed.event.left': '{name} — 残り{left}営業日（出資期日 {due}）',
  'feed.event.closed': '{summary}：{stage, select, funded {出資済み} declined {辞退} withdrawn {取り下げ} other {選定解除}}',
  'feed.event.notice': '通知受領日：{date}',
  'feed.event.due_line': '出資期日：{date}（{calendar}、{days}営業日）',
  'feed.event.spread': 'カレンダー差：{spread}',
  'feed.event.stage': '段階：{stage}',
  'feed.event.deal': '枠組み：{deal}',
  'feed.event.show': 'Slackで確認：{command}',
  'feed.event.channel': 'チャンネル：{url}',
};
