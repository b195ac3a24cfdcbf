/** The project card: one project with its stage, clock, spread and owner channel. */
import { formatDate, type CivilDate } from '../core/civil-date.ts';
import { link, mrkdwn, plain, type Mrkdwn } from '../core/mrkdwn.ts';
import { formatMoney } from '../core/values.ts';
import type { Deal, Project } from '../domain/project.ts';
import { clockView, type ClockView } from '../usecases/clock-view.ts';
import type { CommandContext } from '../usecases/context.ts';
import type { ProjectPublicRecord } from '../usecases/public-data/project-record.ts';
import { costPhrase, eventLines, freshnessBlocks, provenanceLines } from './public-data.ts';
import { channelMention, clockPhrase, dayOfClock, dueWithCalendar, spreadPhrase, stageIcon, stageLabel } from './format.ts';
import { actions, context, fields, header, packLines, reply, section, truncate, type ButtonSpec, type Reply } from './reply.ts';

export const ACTION_FUND = 'project_fund';
export const ACTION_DECLINE = 'project_decline';
export const ACTION_SHARE = 'project_share';

export interface CardOptions {
  today: CivilDate;
  /** A line above the card, e.g. "Selected: the clock is running." */
  lead?: Mrkdwn;
  /** One line of tariff exposure, when the data exists. */
  exposureLine?: Mrkdwn;
  /** Warnings such as "the notice's funding date is before the 45-business-day floor" (text). */
  warnings?: string[];
  /** Buttons are left off in shared copies and in the shell's history views. */
  buttons?: boolean;
  /** Dated events and the source of each fact, for a project of the public record. */
  publicRecord?: ProjectPublicRecord | undefined;
}

export function projectCard(project: Project, deal: Deal, clock: ClockView | undefined, options: CardOptions): Reply {
  const pairs: [string, Mrkdwn][] = [
    ['Stage', mrkdwn`${stageIcon(project, clock)} ${stageLabel(project, clock)}`],
    ['Deal', mrkdwn`${deal.code} — ${deal.partner}`],
    ['Estimated cost', mrkdwn`${project.costUsd === null ? '—' : costPhrase(project.costUsd, project.costQualifier)}`],
    ['Sector', text(project.sector)],
    ['Sponsor / operator', text(project.sponsor)],
    ['Location', text(project.location)],
  ];
  if (clock) {
    pairs.push(['Notice received', mrkdwn`${formatDate(clock.noticeOn)}`]);
    pairs.push(['Due', dueWithCalendar(clock)]);
    if (project.stage === 'selected') {
      pairs.push(['Clock', mrkdwn`${clock.reading.state === 'overdue' ? clockPhrase(clock) : `${dayOfClock(clock)} · ${clockPhrase(clock)}`}`]);
    }
    const spread = spreadPhrase(clock);
    if (spread) pairs.push(['Calendar spread', spread]);
  }
  if (project.fundedOn)
    pairs.push(['Funded', mrkdwn`${formatDate(project.fundedOn)}${project.fundedUsd !== null ? ` · ${formatMoney(project.fundedUsd)}` : ''}`]);
  if (project.declinedOn) pairs.push(['Declined', mrkdwn`${formatDate(project.declinedOn)}`]);
  if (project.withdrawnOn) pairs.push(['Withdrawn', mrkdwn`${formatDate(project.withdrawnOn)}`]);
  if (project.closedReason) pairs.push(['Reason', mrkdwn`${project.closedReason}`]);
  if (project.announcedOn) pairs.push(['Announced', mrkdwn`${formatDate(project.announcedOn)}`]);
  pairs.push(['Owner channel', channelMention(project.channelId)]);

  const blocks = [header(plain`${project.name}`), ...(options.lead ? [section(options.lead)] : []), ...fields(pairs)];
  const record = options.publicRecord;
  const fresh = freshnessBlocks(record?.state, options.today);
  if (record?.events.length) blocks.push(...packLines([mrkdwn`*Dated events*`, ...eventLines(record.events, record.sources)]));
  if (record?.isPublic) blocks.push(...packLines([mrkdwn`*Where each fact comes from*`, ...provenanceLines(record.provenance, record.sources)]));
  if (record) blocks.push(...fresh.blocks);
  for (const w of options.warnings ?? []) blocks.push(section(mrkdwn`:warning: ${w}`));
  if (options.exposureLine) blocks.push(section(mrkdwn`:moneybag: ${options.exposureLine}`));
  const notes = [mrkdwn`\`${project.slug}\` · #${project.number} · as of ${formatDate(options.today)}`];
  if (record?.isPublic) notes.push(mrkdwn`Public record${fresh.note ? mrkdwn` · ${fresh.note}` : ''}; \`history\` shows what changed in this workspace.`);
  if (clock) notes.push(mrkdwn`Business days on \`${clock.calendarId}\`; the notice day is day 0 and is not counted.`);
  notes.push(mrkdwn`Deal: ${link(deal.sourceUrl, deal.name)}`);
  blocks.push(context(...notes));
  if (options.buttons !== false) blocks.push(cardButtons(project));

  const status = mrkdwn`${project.name} (${project.slug}): ${stageLabel(project, clock)}`;
  return reply(clock ? mrkdwn`${status} — due ${formatDate(clock.due)} on ${clock.calendarId}, ${clockPhrase(clock)}` : status, blocks);
}

function cardButtons(project: Project) {
  const value = JSON.stringify({ id: project.id, stage: project.stage });
  const buttons: ButtonSpec[] = [];
  if (project.stage === 'selected') {
    buttons.push({ text: plain`Mark funded`, actionId: ACTION_FUND, value, style: 'primary' });
    buttons.push({
      text: plain`Decline`,
      actionId: ACTION_DECLINE,
      value,
      style: 'danger',
      confirm: {
        title: plain`Decline this project?`,
        text: mrkdwn`Declining *${truncate(project.name, 120)}* stops its clock and may trigger the tariff snap-back.`,
        confirm: plain`Decline`,
        deny: plain`Cancel`,
      },
    });
  }
  buttons.push({ text: plain`Share`, actionId: ACTION_SHARE, value });
  return actions(`project:${project.id}`, buttons);
}

function text(value: string | null): Mrkdwn {
  return mrkdwn`${value || '—'}`;
}

/** The card for a project as of today; used by every command that changes one. */
export async function renderProject(project: Project, ctx: CommandContext, options: Omit<CardOptions, 'today'>): Promise<Reply> {
  const deal = (await ctx.deals()).get(project.dealCode)!;
  const registry = await ctx.calendars();
  return projectCard(project, deal, clockView(project, deal, registry, ctx.today), { today: ctx.today, ...options });
}
