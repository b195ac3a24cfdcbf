/**
 * The words of the timeline, in the reader's language: the chart's title, legend and
 * labels, and the sentences of the replies that carry it (Slack, the shell, the CLI).
 * They live in the message catalogues (`src/i18n/catalogs/timeline.en.ts` and
 * `timeline.ja.ts`); this is the one place that asks for them.
 */
import type { CivilDate } from '../core/civil-date.ts';
import type { Locale } from '../core/locale.ts';
import { translator } from '../i18n/translator.ts';

export type TimelineLocale = Locale;

export type MarkKind = 'running' | 'due_soon' | 'overdue' | 'not_started' | 'spread' | 'milestone' | 'closed';

export interface TimelineWords {
  locale: Locale;
  /** For the date axis (d3-time-format). */
  axisDateFormat: string;
  title(dealCode: string | undefined): string;
  subtitle(today: CivilDate, shown: number, total: number): string;
  today: string;
  legendTitle: string;
  mark(kind: MarkKind): string;
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
  pictureValue: string;
  /** How a weekly subscription's picture setting reads in `subscriptions` and `subscribe`. */
  pictureSetting(on: boolean): string;
}

const cache = new Map<Locale, TimelineWords>();

export function timelineWords(locale?: Locale): TimelineWords {
  const tr = translator(locale);
  const known = cache.get(tr.locale);
  if (known) return known;
  const deal = (code: string | undefined) => code ?? 'none';
  const words: TimelineWords = {
    locale: tr.locale,
    axisDateFormat: tr.text('timeline.axis_date_format'),
    title: (code) => tr.text('timeline.title', { deal: deal(code) }),
    subtitle: (today, shown, total) => tr.text('timeline.subtitle', { today: tr.date(today), more: Math.max(0, total - shown) }),
    today: tr.text('timeline.today'),
    legendTitle: tr.text('timeline.legend_title'),
    mark: (kind) => tr.text('timeline.mark', { mark: kind }),
    rowStatus: (r) => {
      const state = r.state === 'overdue' && r.overdueBy === 0 ? 'past_due' : r.state;
      return tr.text('timeline.row', { state, days: r.state === 'overdue' ? r.overdueBy : r.remaining, due: tr.day(r.due) });
    },
    altText: (shown, total, today) => tr.text('timeline.alt', { total, shown: String(shown), hidden: Math.max(0, total - shown), today: tr.day(today) }),
    fileTitle: (today) => tr.text('timeline.file_title', { today: tr.day(today) }),
    empty: (code) => tr.text('timeline.empty', { deal: deal(code) }),
    replyText: (shown, total, today, code) =>
      tr.text('timeline.reply', { deal: deal(code), today: tr.day(today), total, shown: String(shown), hidden: Math.max(0, total - shown) }),
    uploadFailed: tr.text('timeline.upload_failed'),
    wroteFile: (path, total) => tr.text('timeline.written', { path, total }),
    homeCaption: tr.text('timeline.home_caption'),
    digestCaption: tr.text('timeline.digest_caption'),
    pictureValue: tr.text('timeline.picture_value'),
    pictureSetting: (on) => tr.text('timeline.picture_setting', { on: on ? 'yes' : 'no' }),
  };
  cache.set(tr.locale, words);
  return words;
}
