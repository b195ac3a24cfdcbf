/**
 * Every word of the timeline: the chart's title, legend and labels, and the sentences of
 * the replies that carry it (Slack, the shell, the CLI). Kept in one place, one table per
 * language, so they move into the message catalogs as they are.
 */
import { formatDate, type CivilDate } from '../core/civil-date.ts';

export type TimelineLocale = 'en' | 'ja';

export interface TimelineWords {
  /** Picked by the chart for its axis dates (d3-time-format). */
  axisDateFormat: string;
  title(dealCode: string | undefined): string;
  subtitle(today: CivilDate, shown: number, total: number): string;
  today: string;
  legendTitle: string;
  stateRunning: string;
  stateDueSoon: string;
  stateOverdue: string;
  stateNotStarted: string;
  spreadMark: string;
  milestoneMark: string;
  closedDay: string;
  /** The label at the end of a row. */
  rowStatus(row: { state: string; remaining: number; overdueBy: number; due: CivilDate }): string;
  /** Alt text of the image: what a screen reader says. */
  altText(shown: number, total: number, today: CivilDate): string;
  fileTitle(today: CivilDate): string;
  // Replies.
  empty(dealCode: string | undefined): string;
  /** The fallback text of a message that shows the picture. */
  replyText(shown: number, total: number, today: CivilDate, dealCode: string | undefined): string;
  uploadFailed: string;
  wroteFile(path: string, total: number): string;
  homeCaption: string;
  digestCaption: string;
  subcommandSummary: string;
  pictureValue: string;
  /** How a weekly subscription's picture setting reads in `subscriptions` and `subscribe`. */
  pictureSetting(on: boolean): string;
}

const EN: TimelineWords = {
  axisDateFormat: '%b %-d',
  title: (deal) => `Funding clocks${deal ? ` — ${deal}` : ''}`,
  subtitle: (today, shown, total) =>
    `As of ${formatDate(today)} · bars run from notice to due date · business days left on the right${total > shown ? ` · and ${total - shown} more` : ''}`,
  today: 'today',
  legendTitle: 'Key',
  stateRunning: 'running',
  stateDueSoon: '5 business days or fewer',
  stateOverdue: 'overdue',
  stateNotStarted: 'notice still to come',
  spreadMark: 'due on the comparison calendar',
  milestoneMark: '30/15/10/5 days left',
  closedDay: 'closed day',
  rowStatus: (r) => {
    const due = r.due;
    switch (r.state) {
      case 'overdue':
        return r.overdueBy > 0 ? `overdue by ${plural(r.overdueBy)} · ${due}` : `past due · ${due}`;
      case 'due_today':
        return `due today · ${due}`;
      case 'not_started':
        return `${plural(r.remaining)} from notice · ${due}`;
      default:
        return `${plural(r.remaining)} left · ${due}`;
    }
  },
  altText: (shown, total, today) =>
    `Timeline of ${total} running funding clock${total === 1 ? '' : 's'} as of ${today}${total > shown ? `, the first ${shown} shown` : ''}: one bar per clock from notice to due date, today's line, overdue bars in red.`,
  fileTitle: (today) => `Funding clocks ${today}`,
  empty: (deal) => `No clock is running${deal ? ` for ${deal}` : ''}: there is nothing to draw. A clock starts with \`select <project> notice=<date>\`.`,
  replyText: (shown, total, today, deal) =>
    `Funding clocks${deal ? ` — ${deal}` : ''} as of ${today}: ${total} running${total > shown ? ` (the picture shows ${shown})` : ''}`,
  uploadFailed: 'The picture could not be uploaded; here is the list instead.',
  wroteFile: (path, total) => `Wrote the timeline of ${total} running clock${total === 1 ? '' : 's'} to ${path}`,
  homeCaption: 'Timeline of the running clocks',
  digestCaption: 'Timeline',
  subcommandSummary: 'A picture of the running clocks on a calendar: due dates, today, overdue in red',
  pictureValue: 'write `on` or `off`',
  pictureSetting: (on) => (on ? 'with the timeline picture' : 'without the picture'),
};

const JA: TimelineWords = {
  axisDateFormat: '%-m/%-d',
  title: (deal) => `資金拠出期限${deal ? ` — ${deal}` : ''}`,
  subtitle: (today, shown, total) => `${today} 現在 · 通知日から期限日まで · 右端は残り営業日${total > shown ? ` · ほか ${total - shown} 件` : ''}`,
  today: '今日',
  legendTitle: '凡例',
  stateRunning: '進行中',
  stateDueSoon: '残り5営業日以内',
  stateOverdue: '期限超過',
  stateNotStarted: '通知前',
  spreadMark: '比較カレンダーでの期限',
  milestoneMark: '残り30/15/10/5日',
  closedDay: '休業日',
  rowStatus: (r) => {
    switch (r.state) {
      case 'overdue':
        return r.overdueBy > 0 ? `${r.overdueBy}営業日超過 · ${r.due}` : `期限超過 · ${r.due}`;
      case 'due_today':
        return `本日期限 · ${r.due}`;
      case 'not_started':
        return `通知から${r.remaining}営業日 · ${r.due}`;
      default:
        return `残り${r.remaining}営業日 · ${r.due}`;
    }
  },
  altText: (shown, total, today) =>
    `${today} 現在の資金拠出期限 ${total} 件のタイムライン${total > shown ? `(先頭 ${shown} 件)` : ''}。通知日から期限日までの棒、今日の線、期限超過は赤。`,
  fileTitle: (today) => `資金拠出期限 ${today}`,
  empty: (deal) => `進行中の期限はありません${deal ? `(${deal})` : ''}。\`select <project> notice=<date>\` で期限が始まります。`,
  replyText: (shown, total, today, deal) =>
    `資金拠出期限${deal ? ` — ${deal}` : ''}(${today} 現在): 進行中 ${total} 件${total > shown ? `(図は ${shown} 件)` : ''}`,
  uploadFailed: '図をアップロードできませんでした。一覧を表示します。',
  wroteFile: (path, total) => `進行中の期限 ${total} 件のタイムラインを ${path} に書き出しました`,
  homeCaption: '進行中の期限のタイムライン',
  digestCaption: 'タイムライン',
  subcommandSummary: '進行中の期限をカレンダー上に描いた図: 期限日、今日、超過は赤',
  pictureValue: '`on` か `off` を指定してください',
  pictureSetting: (on) => (on ? 'タイムラインの図つき' : '図なし'),
};

const WORDS: Record<TimelineLocale, TimelineWords> = { en: EN, ja: JA };

export function timelineWords(locale: TimelineLocale = 'en'): TimelineWords {
  return WORDS[locale];
}

function plural(n: number): string {
  return `${n} business day${n === 1 ? '' : 's'}`;
}
