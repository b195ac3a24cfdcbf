/**
 * Draws docs/timeline.png, the picture in the README, with the project's own renderer:
 * six example clocks as of Mon 2026-05-11 (one overdue, one due within five business days,
 * one through Golden Week, one with a Japanese name). `npx tsx scripts/readme-timeline.ts`.
 */
import { runningProject } from '../test/helpers/projects.ts';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CalendarRegistry } from '../src/calendar/calendars.ts';
import type { Deal, Project } from '../src/domain/project.ts';
import { renderTimeline } from '../src/timeline/render.ts';
import { timelineRows } from '../src/timeline/rows.ts';

const BASE = { signedOn: '2025-09-04', commitmentUsd: 1, selectionEndsOn: null, clockDays: 45, compareCalendars: ['US-FRB'], sourceUrl: '', note: null };
const DEALS = new Map<string, Deal>([
  ['JP', { ...BASE, code: 'JP', name: 'US–Japan', partner: 'Japan', clockCalendar: 'JP-BANK' }],
  ['KR', { ...BASE, code: 'KR', name: 'US–Korea', partner: 'Korea', clockCalendar: 'KR-BANK' }],
]);

const EXAMPLES: [number, string, string, string][] = [
  [3, 'Texas GulfLink deepwater crude export', 'JP', '2026-02-20'],
  [7, 'Ohio Valley Grid', 'JP', '2026-03-09'],
  [9, '東京湾 水素サプライチェーン', 'JP', '2026-04-10'],
  [12, 'Ulsan–Gulf Coast shipyard partnership', 'KR', '2026-04-01'],
  [14, 'Arizona advanced packaging fab', 'JP', '2026-04-20'],
  [15, 'Alaska LNG pipeline, phase one', 'JP', '2026-05-01'],
];

function example([number, name, dealCode, noticeOn]: (typeof EXAMPLES)[number]): Project {
  return runningProject({ number, name, dealCode, noticeOn, workspaceId: 'Treadme' });
}

const data = timelineRows({ projects: EXAMPLES.map(example), total: EXAMPLES.length, deals: DEALS, registry: new CalendarRegistry(), today: '2026-05-11' });
const picture = await renderTimeline(data);
const out = fileURLToPath(new URL('../docs/timeline.png', import.meta.url));
writeFileSync(out, picture.png);
console.log(`${out}: ${picture.width}×${picture.height}, ${picture.png.length} bytes, sha256 ${picture.sha256}`);
