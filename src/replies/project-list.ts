/** Lists of projects, one line each, within Slack's block and text limits. */
import type { CalendarRegistry } from '../calendar/calendars.ts';
import { formatDate, type CivilDate } from '../core/civil-date.ts';
import { joinMrkdwn, mrkdwn, type Mrkdwn, type PlainText } from '../core/mrkdwn.ts';
import type { Deal, Project } from '../domain/project.ts';
import { clockView } from '../usecases/clock-view.ts';
import { clockPhrase, stageIcon, stageLabel } from './format.ts';
import { costPhrase } from './public-data.ts';
import { context, header, MAX_BLOCKS, reply, section, truncate, type Block, type Reply } from './reply.ts';

export interface ListOptions {
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

export function projectLine(project: Project, deal: Deal, registry: CalendarRegistry, today: CivilDate, isPublic = false): Mrkdwn {
  const clock = clockView(project, deal, registry, today);
  const parts = [
    mrkdwn`${stageIcon(project, clock)} *#${project.number} ${truncate(project.name, 80)}* \`${project.slug}\``,
    stageLabel(project, clock),
    deal.code,
  ];
  if (project.costUsd !== null) parts.push(costPhrase(project.costUsd, project.costQualifier));
  if (isPublic) parts.push('public record');
  if (clock && project.stage === 'selected') parts.push(`due ${formatDate(clock.due)} · ${clockPhrase(clock)}`);
  return joinMrkdwn(parts, ' · ');
}

export function projectList(projects: Project[], o: ListOptions): Reply {
  if (projects.length === 0) return reply(o.empty, [header(o.title), section(o.empty)]);
  const blocks: Block[] = [header(o.title)];
  const lines = projects.map((p) => projectLine(p, o.deals.get(p.dealCode)!, o.registry, o.today, o.publicIds?.has(p.id)));
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
  const footer = [mrkdwn`${first}–${last} of ${o.total} · as of ${formatDate(o.today)}`];
  if (more > 0) footer.push(mrkdwn`${more} more — narrow it with ${o.narrowHint}`);
  if (o.publicNote) footer.push(mrkdwn`${o.publicNote}; \`show <project>\` gives each fact's source`);
  if (o.publicWarning) blocks.push(section(mrkdwn`:warning: ${o.publicWarning}`));
  blocks.push(context(...footer));
  const text = mrkdwn`${o.title.toMrkdwn()}: ${o.total} project${o.total === 1 ? '' : 's'}${more > 0 ? ` (showing ${first}–${last})` : ''}`;
  return reply(text, blocks);
}
