/**
 * The replies of the `feed` subcommand and the words of a feed's calendar and events,
 * from the message catalogues (src/i18n/catalogs/feeds.*.ts). Calendar text is plain
 * (calendars show no mrkdwn). The subcommand's help stays English like every other's.
 */
import type { CivilDate } from '../core/civil-date.ts';
import { channelMention, joinMrkdwn, mrkdwn, userMention, type Mrkdwn } from '../core/mrkdwn.ts';
import type { Feed } from '../db/feeds.ts';
import type { Stage } from '../domain/project.ts';
import type { MessageArgs, MessageKey, Translator } from '../i18n/translator.ts';
import { context, header, packLines, reply, section, type Reply } from './reply.ts';

// ------------------------------------------------------------------ the subcommand

export const FEED_HELP = {
  usage: 'feed [deal=JP] [channel=#deals] [milestones=on] · feed list · feed revoke <id>',
  summary: 'A secret calendar URL (.ics) of the due dates, for Outlook, Google Calendar and Apple Calendar',
  examples: ['feed', 'feed deal=JP', 'feed channel=#deals milestones=on', 'feed list', 'feed revoke 3'],
  /** What the number after `revoke` is, for the usage error. */
  feedId: 'the number of a feed (`feed list` shows them)',
  milestonesValue: 'write `on` or `off`',
} as const;

export interface FeedScope {
  dealCode: string | null;
  channelId: string | null;
  milestones: boolean;
}

function scopePhrase(tr: Translator, s: FeedScope): Mrkdwn {
  const parts: Mrkdwn[] = [s.dealCode ? tr.mrkdwn('feed.scope.deal', { deal: s.dealCode }) : tr.mrkdwn('feed.scope.all_deals')];
  if (s.channelId) parts.push(tr.mrkdwn('feed.scope.channel', { channel: channelMention(s.channelId) }));
  parts.push(tr.mrkdwn('feed.scope.content', { milestones: s.milestones ? 'yes' : 'no' }));
  return joinMrkdwn(parts, ' · ');
}

/**
 * The one reply that shows a feed's URL. It is never shared in the channel (the router
 * keeps a `secret` reply private), and the URL cannot be shown again.
 */
export function feedCreatedReply(tr: Translator, feed: Feed, url: string, publicUrlConfigured: boolean): Reply {
  const id = String(feed.id);
  const blocks = [section(tr.mrkdwn('feed.created.lead', { id, scope: scopePhrase(tr, feed) })), section(mrkdwn`\`${url}\``)];
  const notes: Mrkdwn[] = [tr.mrkdwn('feed.created.once', { id })];
  if (!publicUrlConfigured) notes.push(tr.mrkdwn('feed.created.local'));
  blocks.push(context(...notes));
  return { ...reply(tr.mrkdwn('feed.created.fallback', { id, url }), blocks), secret: true };
}

export function feedListReply(tr: Translator, feeds: readonly Feed[], limit: number): Reply {
  if (feeds.length === 0) {
    const text = tr.mrkdwn('feed.list.none');
    return reply(text, [section(text)]);
  }
  const lines = feeds.slice(0, limit).map((f) =>
    tr.mrkdwn('feed.list.line', {
      id: String(f.id),
      scope: scopePhrase(tr, f),
      user: userMention(f.createdBy),
      date: tr.date(f.createdAt.toISOString().slice(0, 10)),
    }),
  );
  return reply(tr.mrkdwn('feed.list.fallback', { count: String(Math.min(feeds.length, limit)) }), [
    header(tr.plain('feed.list.header')),
    ...packLines(lines),
    context(feeds.length > limit ? tr.mrkdwn('feed.list.first', { limit: String(limit) }) : tr.mrkdwn('feed.list.note')),
  ]);
}

export function feedRevokedReply(tr: Translator, feed: Feed): Reply {
  const text = tr.mrkdwn('feed.revoked', { id: String(feed.id), scope: scopePhrase(tr, feed) });
  return reply(text, [section(text)]);
}

// ------------------------------------------------------------------ the calendar

export interface EventFacts {
  name: string;
  slug: string;
  dealCode: string;
  stage: Stage;
  noticeOn: CivilDate;
  dueOn: CivilDate;
  clockDays: number;
  calendarId: string;
  /** The due date on each comparison calendar. */
  spread: readonly { calendarId: string; due: CivilDate }[];
  /** The command that shows the project, e.g. `/invest show texas-gulflink`. */
  showCommand: string;
  /** The project's channel in Slack, when it has one. */
  channelUrl: string | undefined;
}

/**
 * The words of one feed in one language. A feed of 10,000 clocks repeats the same few
 * hundred dates, calendars and stages: each of those lines is formatted once.
 */
export class FeedWords {
  readonly #lines = new Map<string, string>();

  constructor(readonly tr: Translator) {}

  /** X-WR-CALNAME: the name a calendar app shows for the subscription. */
  calendarName(filter: { dealCode: string | null; channelId: string | null }): string {
    const parts = [
      filter.dealCode ? this.tr.text('feed.calendar.deal', { deal: filter.dealCode }) : null,
      filter.channelId ? this.tr.text('feed.calendar.channel', { channel: filter.channelId }) : null,
    ].filter((p): p is string => p !== null);
    return this.tr.text('feed.calendar.name', { filter: parts.length ? this.tr.list(parts) : 'none' });
  }

  calendarDescription(): string {
    return this.tr.text('feed.calendar.description');
  }

  /** "Texas GulfLink — funding due (45 business days, US-FRB+JP-BANK)" */
  dueSummary(f: EventFacts): string {
    return this.#closed(f, this.tr.text('feed.event.due', { name: f.name, days: String(f.clockDays), calendar: f.calendarId }));
  }

  /** "Texas GulfLink — 10 business days left (due Thu 2026-04-23)" */
  milestoneSummary(f: EventFacts, left: number): string {
    return this.#closed(f, this.tr.text('feed.event.left', { name: f.name, left: String(left), due: this.#date(f.dueOn) }));
  }

  description(f: EventFacts): string {
    const spread = f.spread.length ? this.tr.list(f.spread.map((s) => `${s.calendarId} ${this.#date(s.due)}`)) : '—';
    const lines = [
      this.#line('feed.event.notice', { date: this.#date(f.noticeOn) }),
      this.#line('feed.event.due_line', { date: this.#date(f.dueOn), calendar: f.calendarId, days: String(f.clockDays) }),
      this.#line('feed.event.spread', { spread }),
      this.#line('feed.event.stage', { stage: this.#line('stage.name', { stage: f.stage }) }),
      this.#line('feed.event.deal', { deal: f.dealCode }),
      this.tr.text('feed.event.show', { command: f.showCommand }),
    ];
    if (f.channelUrl) lines.push(this.tr.text('feed.event.channel', { url: f.channelUrl }));
    return lines.join('\n');
  }

  #closed(f: EventFacts, summary: string): string {
    return f.stage === 'selected' ? summary : this.tr.text('feed.event.closed', { summary, stage: f.stage });
  }

  #date(date: CivilDate): string {
    return this.#line('date', {}, () => this.tr.date(date), date);
  }

  /** A message whose arguments repeat across events, formatted once per feed. */
  #line(key: MessageKey | 'date', args: Record<string, string>, make?: () => string, id?: string): string {
    const cacheKey = `${key}\u0000${id ?? Object.values(args).join('\u0000')}`;
    let text = this.#lines.get(cacheKey);
    if (text === undefined) {
      text = make ? make() : this.tr.text(key as MessageKey, args as MessageArgs);
      this.#lines.set(cacheKey, text);
    }
    return text;
  }
}
