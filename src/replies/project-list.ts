/** Lists of projects, one line each, within Slack's block and text limits. */
import type { CalendarRegistry } from '../calendar/calendars.ts';
import type { CivilDate } from '../core/civil-date.ts';
import { joinMrkdwn, mrkdwn, type Mrkdwn, type PlainText } from '../core/mrkdwn.ts';
import type { Deal, Project } from '../domain/project.ts';
import type { Translator } from '../i18n/translator.ts';
import { clockView } from '../usecases/clock-view.ts';
import { clockPhrase, stageIcon, stageLabel } from './format.ts';
import { costPhrase } from './public-data.ts';
import { context, header, MAX_BLOCKS, reply, section, truncate, type Block, type Reply } from './reply.ts';

export interface ListOptions {
  tr: Translator;
  title: PlainText;
  total: number;
  offset: number;
  today: CivilDate;
  deals: Map<string, Deal>;
  registry: CalendarRegistry;
  narrowHint: Mrkdwn;
  empty: Mrkdwn;
  /** Projects of the public record, marked in the list. */
  publicIds?: ReadonlySet<number>;
  /** `Public data as of …`, and a staleness warning, when any listed project is public. */
  publicNote?: Mrkdwn | undefined;
  publicWarning?: Mrkdwn | undefined;
}

// Lines are packed into sections of at most this many characters (Slack allows 3000).
const SECTION_BUDGET = 2800;

export function projectLine(tr: Translator, project: Project, deal: Deal, registry: CalendarRegistry, today: CivilDate, isPublic = false): Mrkdwn {
  const clock = clockView(project, deal, registry, today);
  const parts = [
    mrkdwn`${stageIcon(project, clock)} *#${project.number} ${truncate(project.name, 80)}* \`${project.slug}\``,
    stageLabel(tr, project, clock),
    deal.code,
  ];
  if (project.costUsd !== null) parts.push(costPhrase(tr, project.costUsd, project.costQualifier));
  if (isPublic) parts.push(tr.text('list.public_record'));
  if (clock && project.stage === 'selected') parts.push(tr.text('list.due', { due: tr.date(clock.due), clock: clockPhrase(tr, clock) }));
  return joinMrkdwn(parts, ' · ');
}

export function projectList(projects: Project[], o: ListOptions): Reply {
  if (projects.length === 0) return reply(o.empty, [header(o.title), section(o.empty)]);
  const blocks: Block[] = [header(o.title)];
  const lines = projects.map((p) => projectLine(o.tr, p, o.deals.get(p.dealCode)!, o.registry, o.today, o.publicIds?.has(p.id)));
  let shown = 0;
  let chunk: Mrkdwn[] = [];
  let size = 0;
  const flush = () => {
    if (chunk.length) blocks.push(section(joinMrkdwn(chunk, '\n')));
    chunk = [];
    size = 0;
  };
  for (const line of lines) {
    if (size + line.length + 1 > SECTION_BUDGET) flush();
    // Keep two blocks for the footer.
    if (blocks.length >= MAX_BLOCKS - 2) break;
    chunk.push(line);
    size += line.length + 1;
    shown++;
  }
  flush();
  const first = o.offset + 1;
  const last = o.offset + shown;
  const more = o.total - last;
  const footer = [o.tr.mrkdwn('list.range', { first: String(first), last: String(last), total: String(o.total), today: o.tr.date(o.today) })];
  if (more > 0) footer.push(o.tr.mrkdwn('list.more', { more: String(more), hint: o.narrowHint }));
  if (o.publicNote) footer.push(o.tr.mrkdwn('list.public_note', { note: o.publicNote }));
  if (o.publicWarning) blocks.push(section(mrkdwn`:warning: ${o.publicWarning}`));
  blocks.push(context(...footer));
  const text = o.tr.mrkdwn(more > 0 ? 'list.fallback_partial' : 'list.fallback', {
    title: o.title,
    total: o.total,
    first: String(first),
    last: String(last),
  });
  return reply(text, blocks);
}
