/** Lists of projects, one line each, within Slack's block and text limits. */
import type { CalendarRegistry } from '../calendar/calendars.ts';
import { formatDate, type CivilDate } from '../core/civil-date.ts';
import type { Deal, Project } from '../domain/project.ts';
import { clockView } from '../usecases/clock-view.ts';
import { clockPhrase, stageIcon, stageLabel } from './format.ts';
import { costPhrase } from './public-data.ts';
import { context, escapeMrkdwn, header, MAX_BLOCKS, section, truncate, type Reply } from './reply.ts';

export interface ListOptions {
  title: string;
  total: number;
  offset: number;
  today: CivilDate;
  deals: Map<string, Deal>;
  registry: CalendarRegistry;
  narrowHint: string;
  empty: string;
  /** Projects of the public record, marked in the list. */
  publicIds?: ReadonlySet<number>;
  /** `Public data as of …`, and a staleness warning, when any listed project is public. */
  publicNote?: string | undefined;
  publicWarning?: string | undefined;
}

// Lines are packed into sections of at most this many characters (Slack allows 3000).
const SECTION_BUDGET = 2800;

export function projectLine(project: Project, deal: Deal, registry: CalendarRegistry, today: CivilDate, isPublic = false): string {
  const clock = clockView(project, deal, registry, today);
  const parts = [
    `${stageIcon(project, clock)} *#${project.number} ${escapeMrkdwn(truncate(project.name, 80))}* \`${project.slug}\``,
    stageLabel(project, clock),
    deal.code,
  ];
  if (project.costUsd !== null) parts.push(costPhrase(project.costUsd, project.costQualifier));
  if (isPublic) parts.push('public record');
  if (clock && project.stage === 'selected') parts.push(`due ${formatDate(clock.due)} · ${clockPhrase(clock)}`);
  return parts.join(' · ');
}

export function projectList(projects: Project[], o: ListOptions): Reply {
  if (projects.length === 0) return { text: o.empty, blocks: [header(o.title), section(o.empty)] };
  const blocks = [header(o.title)];
  const lines = projects.map((p) => projectLine(p, o.deals.get(p.dealCode)!, o.registry, o.today, o.publicIds?.has(p.id)));
  let shown = 0;
  let chunk: string[] = [];
  let size = 0;
  const flush = () => {
    if (chunk.length) blocks.push(section(chunk.join('\n')));
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
  const footer = [`${first}–${last} of ${o.total} · as of ${formatDate(o.today)}`];
  if (more > 0) footer.push(`${more} more — narrow it with ${o.narrowHint}`);
  if (o.publicNote) footer.push(`${o.publicNote}; \`show <project>\` gives each fact's source`);
  if (o.publicWarning) blocks.push(section(`:warning: ${o.publicWarning}`));
  blocks.push(context(...footer));
  const text = `${o.title}: ${o.total} project${o.total === 1 ? '' : 's'}` + (more > 0 ? ` (showing ${first}–${last})` : '');
  return { text, blocks };
}
