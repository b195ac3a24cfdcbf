/**
 * Every block builder against Slack's limits, with data far larger than any real
 * workspace: 300 projects with 3 kB names. A message Slack would refuse (invalid_blocks)
 * is a reply the user never sees, so the limits are checked here rather than in Slack.
 */
import type { KnownBlock } from '@slack/types';
import { describe, expect } from 'vitest';
import { CalendarRegistry } from '../../../src/calendar/calendars.ts';
import { executeCommand } from '../../../src/commands/router.ts';
import type { AuditEvent } from '../../../src/db/audit.ts';
import type { Deal, Project } from '../../../src/domain/project.ts';
import { projectCard } from '../../../src/replies/project-card.ts';
import { projectList } from '../../../src/replies/project-list.ts';
import { renderText } from '../../../src/replies/render-text.ts';
import type { Reply } from '../../../src/replies/reply.ts';
import { toSlackMessage } from '../../../src/slack/blocks-to-slack.ts';
import { homeView, MAX_HOME_BLOCKS } from '../../../src/slack/home.ts';
import { DEFAULT_MILESTONES } from '../../../src/config.ts';
import { mrkdwn, plain } from '../../../src/core/mrkdwn.ts';
import { addModalView } from '../../../src/slack/modal.ts';
import { clockView } from '../../../src/usecases/clock-view.ts';
import { newWorkspaceId, testContext } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';
import { translator } from '../../../src/i18n/translator.ts';

const TODAY = '2026-03-02';
const BIG = 'Ｘ<&>*_~`'.repeat(3000 / 9);

const deals = new Map<string, Deal>([
  [
    'JP',
    {
      code: 'JP',
      name: 'US–Japan MOU on Strategic Investments',
      partner: 'Japan',
      signedOn: '2025-09-04',
      commitmentUsd: 550e9,
      selectionEndsOn: '2029-01-19',
      clockDays: 45,
      clockCalendar: 'US-FRB+JP-BANK',
      compareCalendars: ['US-FRB', 'JP-BANK'],
      sourceUrl: 'https://example.gov/jp',
      note: null,
    },
  ],
  [
    'KR',
    {
      code: 'KR',
      name: 'US–Korea MOU',
      partner: 'Korea',
      signedOn: '2025-11-14',
      commitmentUsd: 350e9,
      selectionEndsOn: null,
      clockDays: 45,
      clockCalendar: 'US-FRB+KR-BANK',
      compareCalendars: ['US-FRB', 'KR-BANK'],
      sourceUrl: 'https://example.gov/kr',
      note: null,
    },
  ],
]);
const registry = new CalendarRegistry([]);

function bigProject(i: number): Project {
  const selected = i % 3 !== 0;
  return {
    id: i + 1,
    workspaceId: 'TBIG',
    number: i + 1,
    slug: `project-${i + 1}`,
    name: `${i} ${BIG}`,
    dealCode: i % 2 ? 'JP' : 'KR',
    sector: BIG,
    sponsor: BIG,
    location: BIG,
    costUsd: 1e15,
    costQualifier: i % 4 === 0 ? 'more_than' : null,
    stage: selected ? 'selected' : 'candidate',
    announcedOn: '2026-01-05',
    noticeOn: selected ? (i % 5 === 0 ? '2025-12-01' : '2026-02-17') : null,
    noticeDueOn: null,
    dueOn: null,
    calendar: null,
    fundedOn: null,
    fundedUsd: null,
    declinedOn: null,
    withdrawnOn: null,
    closedReason: BIG,
    channelId: 'C0DEALS',
    createdAt: new Date(),
    updatedAt: new Date(),
  };
}
const projects = Array.from({ length: 300 }, (_, i) => bigProject(i));

/** Slack's message limits, asserted on one message (or Home view) worth of blocks. */
function expectWithinLimits(blocks: KnownBlock[], maxBlocks: number): void {
  expect(blocks.length).toBeGreaterThan(0);
  expect(blocks.length).toBeLessThanOrEqual(maxBlocks);
  const actionIds: string[] = [];
  const blockIds: string[] = [];
  for (const b of blocks) {
    if (b.block_id) blockIds.push(b.block_id);
    switch (b.type) {
      case 'header':
        expect(b.text.text.length).toBeLessThanOrEqual(150);
        break;
      case 'section':
        expect(b.text || b.fields).toBeTruthy();
        if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
        expect((b.fields ?? []).length).toBeLessThanOrEqual(10);
        for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
        break;
      case 'context':
        expect(b.elements.length).toBeLessThanOrEqual(10);
        for (const e of b.elements) if ('text' in e && typeof e.text === 'string') expect(e.text.length).toBeLessThanOrEqual(3000);
        break;
      case 'actions':
        expect(b.elements.length).toBeLessThanOrEqual(25);
        for (const e of b.elements) {
          if ('action_id' in e && e.action_id) actionIds.push(e.action_id);
          if ('text' in e && e.text && typeof e.text === 'object') expect(e.text.text.length).toBeLessThanOrEqual(75);
          if ('value' in e && typeof e.value === 'string') expect(e.value.length).toBeLessThanOrEqual(2000);
        }
        break;
      case 'input':
        if (b.label) expect(b.label.text.length).toBeLessThanOrEqual(2000);
        break;
      case 'divider':
        break;
      default:
        throw new Error(`unexpected block type ${b.type}`);
    }
  }
  expect(new Set(actionIds).size).toBe(actionIds.length);
  expect(new Set(blockIds).size).toBe(blockIds.length);
}

/** A reply as Slack receives it, and as the shell shows it. */
function expectReply(reply: Reply): void {
  expect(reply.text.trim().length).toBeGreaterThan(0);
  expectWithinLimits(reply.blocks, 50);
  for (const shared of [false, true]) {
    const msg = toSlackMessage(reply, { shared });
    expect(msg.text.length).toBeGreaterThan(0);
    expect(msg.text.length).toBeLessThanOrEqual(3000);
    expectWithinLimits(msg.blocks, 50);
    if (shared) expect(msg.blocks.some((b) => b.type === 'actions')).toBe(false);
  }
  expect(renderText(reply).trim().length).toBeGreaterThan(0);
}

let ws: string;
it.beforeAll(async ({ db }) => {
  ws = newWorkspaceId();
  const ctx = testContext(db, { workspaceId: ws, today: TODAY });
  await executeCommand('add "Texas GulfLink" deal=JP', ctx);
  await executeCommand('select texas-gulflink notice=2026-02-17', ctx);
  const { rows } = await db.query<{ id: number }>('SELECT id FROM project WHERE workspace_id = $1', [ws]);
  // 300 audit events and 250 calendar overrides, each with 3 kB of text.
  await db.query(
    `INSERT INTO audit_event (workspace_id, actor, source, action, project_id, subject, before, after)
     SELECT $1, repeat('u', 3000), 'shell', 'project.edit', $2, 'texas-gulflink', jsonb_build_object('sector', repeat('<a>', 1000)), jsonb_build_object('sector', repeat('*b*', 1000))
     FROM generate_series(1, 300)`,
    [ws, rows[0]!.id],
  );
  await db.query(
    `INSERT INTO calendar_override (workspace_id, calendar, day, action, reason, created_by)
     SELECT $1, 'US-FRB', d::date, 'close', repeat('<reason>', 400), repeat('x', 3000)
     FROM generate_series('2026-01-01'::date, '2026-12-31'::date, '1 day') AS d WHERE extract(isodow FROM d) < 6 LIMIT 250`,
    [ws],
  );
});

describe.each(['en', 'ja'] as const)('Block Kit contract in %s (300 projects, 3 kB names)', (locale) => {
  // Japanese labels and sentences are shorter in characters but every limit is counted in
  // characters too: the same checks hold for both languages.
  const TR = translator(locale);
  it('project card', () => {
    for (const p of projects.slice(0, 20)) {
      const card = projectCard(p, deals.get(p.dealCode)!, clockView(p, deals.get(p.dealCode)!, registry, TODAY), {
        today: TODAY,
        tr: TR,
        lead: mrkdwn`${BIG}`,
        exposureLine: mrkdwn`${BIG}`,
        warnings: [BIG, BIG, BIG],
      });
      expectReply(card);
    }
  });

  it('list and status (both render project lists)', () => {
    expectReply(
      projectList(projects, {
        tr: TR,
        title: plain`${BIG}`,
        total: 5000,
        offset: 0,
        today: TODAY,
        deals,
        registry,
        narrowHint: mrkdwn`${BIG}`,
        empty: mrkdwn`none`,
      }),
    );
    const running = projects.filter((p) => p.stage === 'selected');
    const status = projectList(running, {
      tr: TR,
      title: plain`Running clocks`,
      total: 5000,
      offset: 0,
      today: TODAY,
      deals,
      registry,
      narrowHint: mrkdwn`\`status deal=JP\``,
      empty: mrkdwn`none`,
    });
    expectReply(status);
    expect(JSON.stringify(status.blocks)).toContain(locale === 'ja' ? 'で絞り込めます' : 'more — narrow it with');
  });

  it('history, help, calendar and deadline', async ({ db }) => {
    const ctx = testContext(db, { workspaceId: ws, today: TODAY, locale });
    for (const text of [
      'history texas-gulflink',
      'help',
      'help add',
      'calendar US-FRB 2026',
      'calendar JP 2026',
      'deadline 2026-02-17',
      'deadline 2026-02-17 deal=KR',
      'list',
      'status',
      'show texas-gulflink',
    ]) {
      const reply = await executeCommand(text, ctx);
      expect(reply.isError, text).toBeFalsy();
      expectReply(reply);
    }
  });

  it('error replies', async ({ db }) => {
    const reply = await executeCommand(`show ${'x'.repeat(3000)}`, testContext(db, { workspaceId: ws, locale }));
    expect(reply.isError).toBe(true);
    expectReply(reply);
  });

  it('App Home (100 blocks)', () => {
    const recent: AuditEvent[] = Array.from({ length: 300 }, (_, i) => ({
      id: i,
      at: new Date('2026-03-01T00:00:00Z'),
      actor: BIG,
      source: 'shell',
      channelId: null,
      action: i % 2 ? 'project.stage' : BIG,
      projectId: 1,
      subject: BIG,
      before: null,
      after: { stage: BIG },
    }));
    const running = projects.filter((p) => p.stage === 'selected');
    const view = homeView({
      today: TODAY,
      tr: TR,
      commandName: '/invest',
      running,
      totalRunning: 5000,
      deals,
      registry,
      recent,
      subscriptions: Array.from({ length: 300 }, () => mrkdwn`${BIG}`),
      isAdmin: true,
      milestones: DEFAULT_MILESTONES,
    });
    expect(view.type).toBe('home');
    expectWithinLimits(view.blocks as KnownBlock[], MAX_HOME_BLOCKS);
    expect(renderText({ text: 'home', blocks: view.blocks as KnownBlock[] })).toContain(locale === 'ja' ? '進行中の出資期限' : 'Running clocks');
  });

  it.each(['en', 'ja'] as const)('the add modal in %s (100 blocks, unique block ids)', (locale) => {
    const view = addModalView({ channelId: 'C0DEALS', responseUrl: 'https://hooks.slack.com/commands/T/1/abc' }, translator(locale));
    expectWithinLimits(view.blocks as KnownBlock[], 100);
    expect((view.private_metadata ?? '').length).toBeLessThanOrEqual(3000);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit!.text.length).toBeLessThanOrEqual(24);
    expect(view.close!.text.length).toBeLessThanOrEqual(24);
  });
});
