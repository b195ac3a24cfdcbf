/**
 * The timeline picture: 25 and 100 running clocks drawn to PNG (rows → Vega-Lite → SVG →
 * PNG with the bundled fonts), against the text `status` of the same clocks (the reply's
 * blocks rendered as text), same run. The budgets are 300 ms for 25 clocks and 1 s for
 * 100 (the picture draws 25 rows and counts the rest). Pure: no database.
 */
import { runningProject } from '../test/helpers/projects.ts';
import { cpus, loadavg } from 'node:os';
import { CalendarRegistry } from '../src/calendar/calendars.ts';
import { addDays } from '../src/core/civil-date.ts';
import { mrkdwn, plain } from '../src/core/mrkdwn.ts';
import type { Deal, Project } from '../src/domain/project.ts';
import { translator } from '../src/i18n/translator.ts';
import { projectList } from '../src/replies/project-list.ts';
import { renderText } from '../src/replies/render-text.ts';
import { rasterise, renderTimeline, timelineSvg } from '../src/timeline/render.ts';
import { MAX_ROWS, timelineRows } from '../src/timeline/rows.ts';
import { ms, note, now, ratio, size, summary, table } from './lib.ts';

const TODAY = '2026-05-11';

const DEAL_BASE = { signedOn: '2025-09-04', commitmentUsd: 1, selectionEndsOn: null, clockDays: 45, compareCalendars: ['US-FRB'], sourceUrl: '', note: null };
const DEALS = new Map<string, Deal>([
  ['JP', { ...DEAL_BASE, code: 'JP', name: 'US–Japan', partner: 'Japan', clockCalendar: 'JP-BANK' }],
  ['KR', { ...DEAL_BASE, code: 'KR', name: 'US–Korea', partner: 'Korea', clockCalendar: 'KR-BANK' }],
]);

// Mostly English names as in the public record, one in five Japanese (the costly glyphs).
const NAMES = [
  'Texas GulfLink deepwater crude export port',
  'Ohio small modular reactors',
  '東京湾 水素サプライチェーン',
  'Arizona advanced packaging fab',
  'Alaska LNG pipeline phase one',
];

function clocks(n: number): Project[] {
  return Array.from({ length: n }, (_, i) =>
    runningProject({
      number: i + 1,
      workspaceId: 'Tbench',
      slug: `project-${i + 1}`,
      name: `${NAMES[i % NAMES.length]} ${i + 1}`,
      dealCode: i % 3 === 2 ? 'KR' : 'JP',
      costUsd: 1e9 + i * 1e8,
      noticeOn: addDays('2026-02-02', (i * 7) % 95),
    }),
  );
}

function timed<T>(fn: () => T): [T, number] {
  const t0 = now();
  const out = fn();
  return [out, now() - t0];
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = now();
  const out = await fn();
  return [out, now() - t0];
}

export async function timelineBench(): Promise<void> {
  const registry = new CalendarRegistry();
  const tr = translator('en');
  const runs = size(9, 3);
  const rows: (string | number)[][] = [];
  // The first drawing loads Vega's modules and the fonts: shown apart from the steady state.
  const [, firstMs] = await timedAsync(() => renderTimeline(timelineRows({ projects: clocks(5), total: 5, deals: DEALS, registry, today: TODAY })));
  for (const [n, budget] of [
    [25, 300],
    [100, 1000],
  ] as const) {
    const projects = clocks(n);
    const text: number[] = [];
    const total: number[] = [];
    const svgPart: number[] = [];
    const pngPart: number[] = [];
    let bytes = 0;
    for (let r = 0; r < runs; r++) {
      text.push(
        timed(() =>
          renderText(
            projectList(projects, {
              tr,
              title: plain`Running clocks`,
              total: n,
              offset: 0,
              today: TODAY,
              deals: DEALS,
              registry,
              narrowHint: mrkdwn`status deal=JP`,
              empty: mrkdwn`none`,
            }),
          ),
        )[1],
      );
      const [picture, whole] = await timedAsync(() => renderTimeline(timelineRows({ projects, total: n, deals: DEALS, registry, today: TODAY })));
      total.push(whole);
      bytes = picture.png.length;
      const data = timelineRows({ projects, total: n, deals: DEALS, registry, today: TODAY });
      const [svg, svgMs] = await timedAsync(() => timelineSvg(data));
      svgPart.push(svgMs);
      pngPart.push((await timedAsync(() => rasterise(svg)))[1]);
    }
    const t = summary(text);
    const p = summary(total);
    rows.push([
      `${n} clocks (${Math.min(n, MAX_ROWS)} rows drawn)`,
      ms(t.p50),
      ms(p.p50),
      ms(p.max),
      `${ms(summary(svgPart).p50)} + ${ms(summary(pngPart).p50)}`,
      `${Math.round(bytes / 1024)} KB`,
      `${ms(budget)}: ${p.p50 <= budget ? 'within' : 'OVER'}`,
      ratio(p.p50, t.p50),
    ]);
  }
  table(
    `timeline picture vs text status (${runs} runs each, ms)`,
    ['clocks', 'status text p50', 'picture p50', 'picture max', 'SVG + PNG p50', 'PNG size', 'budget (p50)', 'picture / text'],
    rows,
  );
  note(`first picture in the process (modules and fonts loading): ${ms(firstMs)} ms`);
  // These machines are shared: the load says how far the figures are from an idle machine's.
  note(
    `load average during the run: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} on ${cpus().length} cores`,
  );
}
