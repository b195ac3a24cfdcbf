/**
 * Every word of calendar feeds in one place: the `feed` subcommand's help and replies,
 * and the text of the feed's calendar and events (plain text: calendars show no
 * mrkdwn). Kept together so that they move into message catalogs as one piece.
 */
import { formatDate, type CivilDate } from '../core/civil-date.ts';
import { channelMention, joinMrkdwn, mrkdwn, plain, userMention, type Mrkdwn } from '../core/mrkdwn.ts';
import type { Feed } from '../db/feeds.ts';
import type { Stage } from '../domain/project.ts';
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

function scopePhrase(s: FeedScope): Mrkdwn {
  const parts: Mrkdwn[] = [];
  parts.push(s.dealCode ? mrkdwn`deal ${s.dealCode}` : mrkdwn`every deal`);
  if (s.channelId) parts.push(mrkdwn`projects of ${channelMention(s.channelId)}`);
  parts.push(s.milestones ? mrkdwn`due dates and the 30/15/10/5-days-left milestones` : mrkdwn`due dates`);
  return joinMrkdwn(parts, ' · ');
}

/**
 * The one reply that shows a feed's URL. It is never shared in the channel (the router
 * keeps a `secret` reply private), and the URL cannot be shown again.
 */
export function feedCreatedReply(feed: Feed, url: string, publicUrlConfigured: boolean): Reply {
  const lead = mrkdwn`:calendar: Calendar feed #${feed.id} is ready (${scopePhrase(feed)}). Subscribe to this URL in Outlook, Google Calendar or Apple Calendar:`;
  const blocks = [section(lead), section(mrkdwn`\`${url}\``)];
  const notes: Mrkdwn[] = [
    mrkdwn`This is the only time the URL is shown: copy it now. Anyone who has it sees these due dates, so keep it out of channels. \`feed revoke ${feed.id}\` turns it off; \`feed\` makes a new one. How to subscribe: docs/feeds.md.`,
  ];
  if (!publicUrlConfigured) {
    notes.push(
      mrkdwn`DEALCLOCK_PUBLIC_URL is not set, so this is the bot's local address: calendar services on the internet cannot reach it. Set DEALCLOCK_PUBLIC_URL to the bot's public address, then make a new feed.`,
    );
  }
  blocks.push(context(...notes));
  return { ...reply(mrkdwn`Calendar feed #${feed.id}: ${url}`, blocks), secret: true };
}

export function feedListReply(feeds: readonly Feed[], limit: number): Reply {
  if (feeds.length === 0) {
    const text = mrkdwn`No calendar feed. \`feed\` makes a secret calendar URL of the due dates (\`feed deal=JP\`, \`feed channel=#deals\` for fewer).`;
    return reply(text, [section(text)]);
  }
  const lines = feeds
    .slice(0, limit)
    .map((f) => mrkdwn`• *#${f.id}* — ${scopePhrase(f)} — made by ${userMention(f.createdBy)} on ${formatDate(f.createdAt.toISOString().slice(0, 10))}`);
  return reply(mrkdwn`Calendar feeds: ${Math.min(feeds.length, limit)}`, [
    header(plain`Calendar feeds`),
    ...packLines(lines),
    context(
      feeds.length > limit
        ? mrkdwn`The first ${limit}.`
        : mrkdwn`The URLs are not shown again. \`feed revoke <id>\` turns one off; its calendars then stop updating.`,
    ),
  ]);
}

export function feedRevokedReply(feed: Feed): Reply {
  const text = mrkdwn`Revoked calendar feed #${feed.id} (${scopePhrase(feed)}): its URL now answers "not found", and subscribed calendars stop updating. \`feed\` makes a new one.`;
  return reply(text, [section(text)]);
}

// ------------------------------------------------------------------ the calendar

/** X-WR-CALNAME: the name a calendar app shows for the subscription. */
export function feedCalendarName(filter: { dealCode: string | null; channelId: string | null }): string {
  const parts = [filter.dealCode ? `deal ${filter.dealCode}` : null, filter.channelId ? `channel ${filter.channelId}` : null].filter(Boolean);
  return `dealclock funding dates${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

export const FEED_CALENDAR_DESCRIPTION =
  'Funding due dates of the US–Japan and US–Korea investment projects tracked by dealclock, on business-day calendars. Updated when a due date moves.';

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

const CLOSED: Record<Stage, string> = {
  candidate: 'no longer selected',
  shortlisted: 'no longer selected',
  selected: 'running',
  funded: 'funded',
  declined: 'declined',
  withdrawn: 'withdrawn',
};

/** "Texas GulfLink — funding due (45 business days, US-FRB+JP-BANK)" */
export function dueEventSummary(f: EventFacts): string {
  const base = `${f.name} — funding due (${f.clockDays} business days, ${f.calendarId})`;
  return f.stage === 'selected' ? base : `${base}: ${CLOSED[f.stage]}`;
}

/** "Texas GulfLink — 10 business days left (due Thu 2026-04-23)" */
export function milestoneEventSummary(f: EventFacts, left: number): string {
  const base = `${f.name} — ${left} business days left (due ${dateText(f.dueOn)})`;
  return f.stage === 'selected' ? base : `${base}: ${CLOSED[f.stage]}`;
}

// A feed formats the same few hundred dates thousands of times.
const dateTexts = new Map<CivilDate, string>();
function dateText(date: CivilDate): string {
  let text = dateTexts.get(date);
  if (text === undefined) {
    if (dateTexts.size > 20_000) dateTexts.clear();
    text = formatDate(date);
    dateTexts.set(date, text);
  }
  return text;
}

export function eventDescription(f: EventFacts): string {
  const spread = f.spread.length ? f.spread.map((s) => `${s.calendarId} ${dateText(s.due)}`).join(', ') : '—';
  const lines = [
    `Notice received: ${dateText(f.noticeOn)}`,
    `Due: ${dateText(f.dueOn)} on ${f.calendarId} (${f.clockDays} business days)`,
    `Calendar spread: ${spread}`,
    `Stage: ${f.stage}`,
    `Deal: ${f.dealCode}`,
    `In Slack: ${f.showCommand}`,
  ];
  if (f.channelUrl) lines.push(`Channel: ${f.channelUrl}`);
  return lines.join('\n');
}
