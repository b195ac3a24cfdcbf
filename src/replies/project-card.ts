/** The project card: one project with its stage, clock, spread and owner channel. */
import type { CivilDate } from '../core/civil-date.ts';
import { link, mrkdwn, plain, type Mrkdwn } from '../core/mrkdwn.ts';
import type { Deal, Project } from '../domain/project.ts';
import type { Translator } from '../i18n/translator.ts';
import { clockView, type ClockView } from '../usecases/clock-view.ts';
import type { CommandContext } from '../usecases/context.ts';
import type { ProjectPublicRecord } from '../usecases/public-data/project-record.ts';
import { AS_STORED, dataTexts, type DataText } from '../usecases/public-data/data-text.ts';
import { costPhrase, eventLines, freshnessBlocks, provenanceLines } from './public-data.ts';
import { channelMention, clockPhrase, dayOfClock, dueWithCalendar, spreadPhrase, stageIcon, stageLabel } from './format.ts';
import { actions, context, fields, header, packLines, reply, section, truncate, type ButtonSpec, type Reply } from './reply.ts';

export const ACTION_FUND = 'project_fund';
export const ACTION_DECLINE = 'project_decline';
export const ACTION_SHARE = 'project_share';

export interface CardOptions {
  today: CivilDate;
  tr: Translator;
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
  /** Stored texts in the reader's language (a public project's sponsor in Japanese). */
  dataText?: DataText;
}

export function projectCard(project: Project, deal: Deal, clock: ClockView | undefined, options: CardOptions): Reply {
  const { tr } = options;
  const data = options.dataText ?? AS_STORED;
  const text = (value: string | null) => mrkdwn`${value ? data(value) : '—'}`;
  const label = (field: string) => tr.text('card.label', { field });
  const pairs: [string, Mrkdwn][] = [
    [label('stage'), mrkdwn`${stageIcon(project, clock)} ${stageLabel(tr, project, clock)}`],
    [label('deal'), mrkdwn`${deal.code} — ${tr.text('deal.partner', { code: deal.code, partner: deal.partner })}`],
    [label('cost'), mrkdwn`${project.costUsd === null ? '—' : costPhrase(tr, project.costUsd, project.costQualifier)}`],
    [label('sector'), text(project.sector)],
    [label('sponsor'), text(project.sponsor)],
    [label('location'), text(project.location)],
  ];
  if (clock) {
    pairs.push([label('notice'), mrkdwn`${tr.date(clock.noticeOn)}`]);
    pairs.push([label('due'), dueWithCalendar(tr, clock)]);
    if (project.stage === 'selected') {
      pairs.push([
        label('clock'),
        mrkdwn`${clock.reading.state === 'overdue' ? clockPhrase(tr, clock) : `${dayOfClock(tr, clock)} · ${clockPhrase(tr, clock)}`}`,
      ]);
    }
    const spread = spreadPhrase(tr, clock);
    if (spread) pairs.push([label('spread'), spread]);
  }
  if (project.fundedOn)
    pairs.push([label('funded'), mrkdwn`${tr.date(project.fundedOn)}${project.fundedUsd !== null ? ` · ${tr.money(project.fundedUsd)}` : ''}`]);
  if (project.declinedOn) pairs.push([label('declined'), mrkdwn`${tr.date(project.declinedOn)}`]);
  if (project.withdrawnOn) pairs.push([label('withdrawn'), mrkdwn`${tr.date(project.withdrawnOn)}`]);
  if (project.closedReason) pairs.push([label('reason'), mrkdwn`${project.closedReason}`]);
  if (project.announcedOn) pairs.push([label('announced'), mrkdwn`${tr.date(project.announcedOn)}`]);
  pairs.push([label('channel'), channelMention(project.channelId)]);

  const blocks = [header(plain`${project.name}`), ...(options.lead ? [section(options.lead)] : []), ...fields(pairs)];
  const record = options.publicRecord;
  const fresh = freshnessBlocks(tr, record?.state, options.today);
  if (record?.events.length) blocks.push(...packLines([tr.mrkdwn('card.events'), ...eventLines(tr, record.events, record.sources, record.text)]));
  if (record?.isPublic) blocks.push(...packLines([tr.mrkdwn('card.provenance'), ...provenanceLines(tr, record.provenance, record.sources, record.text)]));
  if (record) blocks.push(...fresh.blocks);
  for (const w of options.warnings ?? []) blocks.push(section(mrkdwn`:warning: ${w}`));
  if (options.exposureLine) blocks.push(section(mrkdwn`:moneybag: ${options.exposureLine}`));
  const notes = [tr.mrkdwn('card.note', { slug: project.slug, number: String(project.number), today: tr.date(options.today) })];
  if (record?.isPublic) notes.push(tr.mrkdwn('card.public_note', { fresh: fresh.note ? mrkdwn` · ${fresh.note}` : '' }));
  if (clock) notes.push(tr.mrkdwn('card.business_days_note', { calendar: clock.calendarId }));
  notes.push(tr.mrkdwn('card.deal_note', { deal: link(deal.sourceUrl, tr.text('deal.name', { code: deal.code, name: deal.name })) }));
  blocks.push(context(...notes));
  if (options.buttons !== false) blocks.push(cardButtons(tr, project));

  const status = tr.mrkdwn('card.fallback', { name: project.name, slug: project.slug, stage: stageLabel(tr, project, clock) });
  return reply(
    clock ? tr.mrkdwn('card.fallback_clock', { status, due: tr.date(clock.due), calendar: clock.calendarId, clock: clockPhrase(tr, clock) }) : status,
    blocks,
  );
}

function cardButtons(tr: Translator, project: Project) {
  const value = JSON.stringify({ id: project.id, stage: project.stage });
  const buttons: ButtonSpec[] = [];
  if (project.stage === 'selected') {
    buttons.push({ text: tr.plain('button.fund'), actionId: ACTION_FUND, value, style: 'primary' });
    buttons.push({
      text: tr.plain('button.decline'),
      actionId: ACTION_DECLINE,
      value,
      style: 'danger',
      confirm: {
        title: tr.plain('button.decline_confirm_title'),
        text: tr.mrkdwn('button.decline_confirm_text', { name: truncate(project.name, 120) }),
        confirm: tr.plain('button.decline'),
        deny: tr.plain('button.cancel'),
      },
    });
  }
  buttons.push({ text: tr.plain('button.share'), actionId: ACTION_SHARE, value });
  return actions(`project:${project.id}`, buttons);
}

/** The card for a project as of today; used by every command that changes one. */
export async function renderProject(project: Project, ctx: CommandContext, options: Omit<CardOptions, 'today' | 'tr'>): Promise<Reply> {
  const deal = (await ctx.deals()).get(project.dealCode)!;
  const registry = await ctx.calendars();
  const dataText = options.dataText ?? (await dataTexts(ctx.store, ctx.tr.locale));
  return projectCard(project, deal, clockView(project, deal, registry, ctx.today), { ...options, today: ctx.today, tr: ctx.tr, dataText });
}
