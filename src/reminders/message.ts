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
import { channelMention, joinMrkdwn, mrkdwn, plain, type Mrkdwn } from '../core/mrkdwn.ts';
import { actions, capBlocks, context, fields, header, reply, section, truncate, type Block, type Reply } from '../replies/reply.ts';
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
  exposureLine?: Mrkdwn | undefined;
}

export function reminderMessage(c: ReminderContent, milestone: string, firesOn: CivilDate): Reply {
  const label = milestoneLabel(milestone);
  const late = firesOn < c.today ? ` (due to go out ${formatDate(firesOn)})` : '';
  const blocks: Block[] = [
    header(plain`${icon(milestone)} ${c.project.name}: ${label}`),
    section(mrkdwn`${projectTitle(c.project)} — *${label}*${late}.`),
    ...clockFields(c),
  ];
  if (c.exposureLine) blocks.push(section(mrkdwn`:moneybag: If it lapses: ${c.exposureLine}`));
  blocks.push(context(mrkdwn`Reminder · ${c.deal.code} · business days on \`${c.clock.calendarId}\``), buttons(c.project));
  return reply(mrkdwn`${c.project.name} (${c.project.slug}): ${label} — due ${formatDate(c.clock.due)} on ${c.clock.calendarId}`, blocks);
}

export function catchupMessage(c: ReminderContent, merged: readonly { milestone: string; firesOn: CivilDate }[], firesOn: CivilDate): Reply {
  const missed = merged.filter((m) => m.firesOn < firesOn);
  const current = merged.filter((m) => m.firesOn >= firesOn);
  const lines = missed.map((m) => `• ${formatDate(m.firesOn)} — ${milestoneLabel(m.milestone)}`);
  const today = current.length ? mrkdwn`\nToday: *${current.map((m) => milestoneLabel(m.milestone)).join(', ')}*.` : '';
  const blocks: Block[] = [
    header(plain`${ALARM_CLOCK} ${c.project.name}: missed reminders`),
    section(
      mrkdwn`${projectTitle(c.project)} — reminders were not running, so ${plural(missed.length, 'milestone')} passed without a message:\n${lines.join('\n')}${today}`.truncate(
        2900,
      ),
    ),
    ...clockFields(c),
  ];
  if (c.exposureLine) blocks.push(section(mrkdwn`:moneybag: If it lapses: ${c.exposureLine}`));
  blocks.push(context(mrkdwn`Catch-up · ${c.deal.code} · business days on \`${c.clock.calendarId}\``), buttons(c.project));
  const named = merged.map((m) => milestoneLabel(m.milestone)).join(', ');
  return reply(mrkdwn`${c.project.name} (${c.project.slug}): missed reminders — ${named}; now ${clockPhrase(c.clock)}`, blocks);
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
    return reply(mrkdwn`${title}: ${line}`, [section(mrkdwn`*${title}* — ${line}`)]);
  }
  const blocks: Block[] = [header(plain`${title}`)];
  if (d.totalRunning === 0) blocks.push(section(mrkdwn`No clock is running${scope}.`));
  else {
    // Running clocks come sorted by due date, so the overdue ones are already first.
    const lines = d.running.slice(0, DIGEST_LINES).map((p) => projectLine(p, d.deals.get(p.dealCode)!, d.registry, d.today));
    pack(blocks, mrkdwn`*${plural(d.totalRunning, 'running clock')}*, overdue first`, lines);
    if (d.totalRunning > lines.length)
      blocks.push(context(mrkdwn`${d.totalRunning - lines.length} more — see \`status${d.dealCode ? ` deal=${d.dealCode}` : ''}\``));
  }
  if (d.closed.length) {
    const lines = d.closed.map(
      (p) =>
        mrkdwn`${p.stage === 'funded' ? ':white_check_mark:' : ':x:'} *#${p.number} ${truncate(p.name, 80)}* \`${p.slug}\` · ${p.stage}${p.on ? ` ${formatDate(p.on)}` : ''} · ${p.dealCode}`,
    );
    pack(blocks, mrkdwn`*Funded or declined since the last digest*`, lines);
  }
  const text = mrkdwn`${title}: ${plural(d.totalRunning, 'running clock')}${d.closed.length ? `, ${d.closed.length} funded or declined since the last digest` : ''}`;
  return reply(
    text,
    capBlocks(blocks, (n) => mrkdwn`${n} more blocks left out`),
  );
}

export interface FailureReport {
  ledgerId: number;
  what: string;
  channelId: string | undefined;
  error: string;
}

export function failureReport(f: FailureReport): Reply {
  const where = f.channelId ? mrkdwn` to ${channelMention(f.channelId)}` : '';
  const text = mrkdwn`:warning: Reminder #${f.ledgerId} (${f.what}) could not be delivered${where}: ${f.error}. It was not posted; fix the cause, then requeue it with \`dealclock check --retry-failed\`.`;
  return reply(text, [section(text.truncate(2900))]);
}

function clockFields(c: ReminderContent): Block[] {
  const pairs: [string, Mrkdwn][] = [
    ['Due', dueWithCalendar(c.clock)],
    ['Clock', mrkdwn`${c.clock.reading.state === 'overdue' ? clockPhrase(c.clock) : `${dayOfClock(c.clock)} · ${clockPhrase(c.clock)}`}`],
  ];
  const spread = spreadPhrase(c.clock);
  if (spread) pairs.push(['Calendar spread', spread]);
  pairs.push(['Deal', mrkdwn`${c.deal.code} — ${c.deal.partner}`]);
  return fields(pairs);
}

function buttons(project: Project): Block {
  const value = JSON.stringify({ id: project.id, stage: project.stage });
  return actions(`reminder:${project.id}`, [
    { text: plain`Mark funded`, actionId: ACTION_FUND, value, style: 'primary' },
    { text: plain`Show`, actionId: ACTION_SHOW, value },
  ]);
}

// Header icons are characters, not `:codes:`: a header that carries a project name is sent
// with emoji off (a name's `:code:` must show as typed), and these still show.
const RED_CIRCLE = '\u{1F534}';
const ALARM_CLOCK = '\u23F0';
const HOURGLASS = '\u23F3';

function icon(milestone: string): string {
  if (milestone.startsWith('overdue')) return RED_CIRCLE;
  return milestone === 'remaining:0' ? ALARM_CLOCK : HOURGLASS;
}

/** Lines packed into sections under Slack's 3000-character limit. */
function pack(blocks: Block[], lead: Mrkdwn, lines: Mrkdwn[]): void {
  let chunk = [lead];
  let size = lead.length;
  for (const line of lines) {
    if (size + line.length + 1 > 2800) {
      blocks.push(section(joinMrkdwn(chunk, '\n')));
      chunk = [];
      size = 0;
    }
    chunk.push(line);
    size += line.length + 1;
  }
  if (chunk.length) blocks.push(section(joinMrkdwn(chunk, '\n')));
}
