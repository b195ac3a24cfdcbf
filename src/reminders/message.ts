/**
 * The messages the daily check posts: a milestone reminder, a catch-up after downtime,
 * a channel digest, and the report of a reminder that could not be delivered. Pure: the
 * caller loads the project, clock and exposure line.
 */
import type { CalendarRegistry } from '../calendar/calendars.ts';
import { formatDate, type CivilDate } from '../core/civil-date.ts';
import type { ClosedProject } from '../db/running-clocks.ts';
import type { Deal, Project } from '../domain/project.ts';
import { clockPhrase, dayOfClock, dueWithCalendar, plural, projectTitle, spreadPhrase } from '../replies/format.ts';
import { ACTION_FUND } from '../replies/project-card.ts';
import { projectLine } from '../replies/project-list.ts';
import { actions, capBlocks, context, escapeMrkdwn, fields, header, section, truncate, type Reply } from '../replies/reply.ts';
import type { KnownBlock } from '@slack/types';
import type { ClockView } from '../usecases/clock-view.ts';
import { milestoneLabel } from './milestones.ts';

/** The Show button; the Slack surface answers it with the project card. */
export const ACTION_SHOW = 'project_show';

export interface ReminderContent {
  project: Project;
  deal: Deal;
  clock: ClockView;
  today: CivilDate;
  /** What declining would put at stake, when the tariff data exists. */
  exposureLine?: string | undefined;
}

export function reminderMessage(c: ReminderContent, milestone: string, firesOn: CivilDate): Reply {
  const label = milestoneLabel(milestone);
  const late = firesOn < c.today ? ` (due to go out ${formatDate(firesOn)})` : '';
  const blocks: KnownBlock[] = [
    header(`${icon(milestone)} ${c.project.name}: ${label}`),
    section(`${projectTitle(c.project)} — *${label}*${late}.`),
    ...clockFields(c),
  ];
  if (c.exposureLine) blocks.push(section(`:moneybag: If it lapses: ${c.exposureLine}`));
  blocks.push(context(`Reminder · ${c.deal.code} · business days on \`${c.clock.calendarId}\``), buttons(c.project));
  return { text: `${c.project.name} (${c.project.slug}): ${label} — due ${formatDate(c.clock.due)} on ${c.clock.calendarId}`, blocks };
}

export function catchupMessage(c: ReminderContent, merged: readonly { milestone: string; firesOn: CivilDate }[], firesOn: CivilDate): Reply {
  const missed = merged.filter((m) => m.firesOn < firesOn);
  const current = merged.filter((m) => m.firesOn >= firesOn);
  const lines = missed.map((m) => `• ${formatDate(m.firesOn)} — ${milestoneLabel(m.milestone)}`);
  const blocks: KnownBlock[] = [
    header(`:alarm_clock: ${c.project.name}: missed reminders`),
    section(
      truncate(
        `${projectTitle(c.project)} — reminders were not running, so ${plural(missed.length, 'milestone')} passed without a message:\n${lines.join('\n')}` +
          (current.length ? `\nToday: *${current.map((m) => milestoneLabel(m.milestone)).join(', ')}*.` : ''),
        2900,
      ),
    ),
    ...clockFields(c),
  ];
  if (c.exposureLine) blocks.push(section(`:moneybag: If it lapses: ${c.exposureLine}`));
  blocks.push(context(`Catch-up · ${c.deal.code} · business days on \`${c.clock.calendarId}\``), buttons(c.project));
  const named = merged.map((m) => milestoneLabel(m.milestone)).join(', ');
  return { text: `${c.project.name} (${c.project.slug}): missed reminders — ${named}; now ${clockPhrase(c.clock)}`, blocks };
}

export interface DigestContent {
  frequency: 'daily' | 'weekly' | 'now';
  dealCode: string | null;
  running: Project[];
  totalRunning: number;
  closed: ClosedProject[];
  deals: Map<string, Deal>;
  registry: CalendarRegistry;
  today: CivilDate;
}

const DIGEST_LINES = 30;

/** Running clocks, overdue first then soonest due, plus what closed since the last digest. */
export function digestMessage(d: DigestContent): Reply {
  const title = `${d.frequency === 'daily' ? 'Daily digest' : d.frequency === 'weekly' ? 'Weekly digest' : 'Digest'}${d.dealCode ? ` — ${d.dealCode}` : ''} · ${formatDate(d.today)}`;
  const scope = d.dealCode ? ` for ${d.dealCode}` : '';
  if (d.totalRunning === 0 && d.closed.length === 0) {
    const line = `No clock is running${scope}.`;
    return { text: `${title}: ${line}`, blocks: [section(`*${escapeMrkdwn(title)}* — ${line}`)] };
  }
  const blocks: KnownBlock[] = [header(title)];
  if (d.totalRunning === 0) blocks.push(section(`No clock is running${scope}.`));
  else {
    // Running clocks come sorted by due date, so the overdue ones are already first.
    const lines = d.running.slice(0, DIGEST_LINES).map((p) => projectLine(p, d.deals.get(p.dealCode)!, d.registry, d.today));
    pack(blocks, `*${plural(d.totalRunning, 'running clock')}*, overdue first`, lines);
    if (d.totalRunning > lines.length) blocks.push(context(`${d.totalRunning - lines.length} more — see \`status${d.dealCode ? ` deal=${d.dealCode}` : ''}\``));
  }
  if (d.closed.length) {
    const lines = d.closed.map(
      (p) => `${p.stage === 'funded' ? ':white_check_mark:' : ':x:'} *#${p.number} ${escapeMrkdwn(truncate(p.name, 80))}* \`${p.slug}\` · ${p.stage}${p.on ? ` ${formatDate(p.on)}` : ''} · ${p.dealCode}`,
    );
    pack(blocks, '*Funded or declined since the last digest*', lines);
  }
  const text = `${title}: ${plural(d.totalRunning, 'running clock')}${d.closed.length ? `, ${d.closed.length} funded or declined since the last digest` : ''}`;
  return { text, blocks: capBlocks(blocks, (n) => `${n} more blocks left out`) };
}

export interface FailureReport {
  ledgerId: number;
  what: string;
  channelId: string | undefined;
  error: string;
}

export function failureReport(f: FailureReport): Reply {
  const where = f.channelId ? ` to <#${f.channelId}>` : '';
  const text = `:warning: Reminder #${f.ledgerId} (${f.what}) could not be delivered${where}: ${f.error}. It was not posted; fix the cause, then requeue it with \`dealclock check --retry-failed\`.`;
  return { text, blocks: [section(truncate(text, 2900))] };
}

function clockFields(c: ReminderContent): KnownBlock[] {
  const pairs: [string, string][] = [
    ['Due', dueWithCalendar(c.clock)],
    ['Clock', c.clock.reading.state === 'overdue' ? clockPhrase(c.clock) : `${dayOfClock(c.clock)} · ${clockPhrase(c.clock)}`],
  ];
  const spread = spreadPhrase(c.clock);
  if (spread) pairs.push(['Calendar spread', spread]);
  pairs.push(['Deal', `${c.deal.code} — ${escapeMrkdwn(c.deal.partner)}`]);
  return fields(pairs);
}

function buttons(project: Project): KnownBlock {
  const value = JSON.stringify({ id: project.id, stage: project.stage });
  return actions(`reminder:${project.id}`, [
    { text: 'Mark funded', actionId: ACTION_FUND, value, style: 'primary' },
    { text: 'Show', actionId: ACTION_SHOW, value },
  ]);
}

function icon(milestone: string): string {
  if (milestone.startsWith('overdue')) return ':red_circle:';
  return milestone === 'remaining:0' ? ':alarm_clock:' : ':hourglass_flowing_sand:';
}

/** Lines packed into sections under Slack's 3000-character limit. */
function pack(blocks: KnownBlock[], lead: string, lines: string[]): void {
  let chunk = [lead];
  let size = lead.length;
  for (const line of lines) {
    if (size + line.length + 1 > 2800) {
      blocks.push(section(chunk.join('\n')));
      chunk = [];
      size = 0;
    }
    chunk.push(line);
    size += line.length + 1;
  }
  if (chunk.length) blocks.push(section(chunk.join('\n')));
}
