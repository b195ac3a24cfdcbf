/**
 * The daily check at 100,000 running clocks (notices spread over a year): reconcile
 * (enqueue the day's reminders) on each engine, against one set-based INSERT … SELECT
 * of the same running clocks into a scratch table (each row written once), same run.
 * Memory is sampled during the pass. For reference, each pass is also set against the
 * ledger floor: the rows it wrote, copied by one INSERT … SELECT into a table shaped like
 * the ledger (same indexes, unique keys and foreign keys) — what writing those rows costs
 * at the least, whoever plans them.
 */
import { reconcile } from '../src/reminders/reconcile.ts';
import { runningClocksAfter } from '../src/db/running-clocks.ts';
import { dueOnDay } from '../src/reminders/milestones.ts';
import { CalendarRegistry } from '../src/calendar/calendars.ts';
import type { Queryable } from '../src/db/database.ts';
import { benchDatabase, engines, int, mb, memorySampler, ms, note, now, ratio, seedProjects, size, table } from './lib.ts';

const TODAY = '2026-03-02';

export async function dailyBench(): Promise<void> {
  const n = size(100_000, 10_000);
  const rows: (string | number)[][] = [];
  const mem: (string | number)[][] = [];
  const breakdown: (string | number)[][] = [];
  const floor: (string | number)[][] = [];
  for (const engine of await engines()) {
    const db = await benchDatabase(engine, 'dealclock_bench_daily');
    const ws = 'TDAILY';
    const t0 = now();
    await seedProjects(db, { workspaceId: ws, count: n, runningShare: 1, firstNotice: '2025-06-01', spreadDays: 365 });
    note(`  [daily] ${engine}: seeded ${n} running clocks in ${ms(now() - t0)} ms`);
    const settings = { reminderTime: '09:00', milestones: [30, 15, 10, 5, 3, 2, 1, 0], defaultChannel: 'CDEFAULT' };

    // Anchor: every running clock read and one row written for each, in one statement.
    // Three runs (emptied in between), the median taken: one sample on a busy machine
    // swings by 2× either way.
    await db.query(`CREATE TABLE scratch_reminder (project_id bigint, milestone text, due_on date, fires_on date, channel_id text)`);
    const anchorRuns: number[] = [];
    let anchorRows = 0;
    for (let run = 0; run < 3; run++) {
      if (run > 0) await db.query('TRUNCATE scratch_reminder');
      const a0 = now();
      const anchor = await db.query(
        `INSERT INTO scratch_reminder SELECT id, 'remaining:' || (due_on - $2::date), due_on, $2::date, channel_id
         FROM project WHERE workspace_id = $1 AND stage = 'selected' AND notice_on IS NOT NULL AND due_on IS NOT NULL`,
        [ws, TODAY],
      );
      anchorRuns.push(now() - a0);
      anchorRows = anchor.rowCount ?? 0;
    }
    const anchorMs = [...anchorRuns].sort((a, b) => a - b)[1]!;

    // The ledger floor: a table like `reminder`, with its indexes and foreign keys.
    await db.query(`CREATE TABLE ledger_floor (LIKE reminder INCLUDING ALL)`);
    await db.query(`ALTER TABLE ledger_floor
      ADD FOREIGN KEY (workspace_id) REFERENCES workspace (id),
      ADD FOREIGN KEY (project_id) REFERENCES project (id),
      ADD FOREIGN KEY (subscription_id) REFERENCES subscription (id) ON DELETE SET NULL,
      ADD FOREIGN KEY (catchup_id) REFERENCES ledger_floor (id)`);
    // Counts the running clocks reconcile reads (rows of its SELECTs on project).
    let clocksRead = 0;
    const counted: Queryable = {
      async query(text: string, values?: unknown[]) {
        const r = await db.query(text, values);
        if (/^\s*SELECT id, deal_code\b/.test(text)) clocksRead += r.rows.length;
        return r as never;
      },
    };

    // First pass of the day (empty ledger), then a repeat pass (everything already there).
    for (const [label, day, watermark] of [
      ['first pass, empty ledger', TODAY, undefined],
      ['repeat pass, same day', TODAY, undefined],
      ['after 5 days down (catch-ups)', '2026-03-09', undefined],
    ] as const) {
      void watermark;
      global.gc?.();
      const lastId = (await db.query<{ id: number | null }>('SELECT max(id) AS id FROM reminder')).rows[0]!.id ?? 0;
      clocksRead = 0;
      const sampler = memorySampler();
      const r0 = now();
      const result = await reconcile(counted, day, null, settings);
      const dt = now() - r0;
      const m = sampler.stop();
      const written = result.milestones + result.catchups;
      const ok = dt <= 3 * anchorMs;
      rows.push([engine, int(n), label, int(written), ms(anchorMs), ms(dt), ratio(dt, anchorMs), int((n / dt) * 1000), ok ? 'met' : 'NOT met']);
      mem.push([engine, label, mb(m.startRss), mb(m.peakRss), mb(m.endRss), mb(m.startHeap), mb(m.peakHeap), mb(m.endHeap)]);
      const f0 = now();
      const copied = await db.query(
        `INSERT INTO ledger_floor (id, workspace_id, kind, project_id, milestone, due_on, fires_on, channel_id, status, catchup_id) OVERRIDING SYSTEM VALUE
         SELECT id, workspace_id, kind, project_id, milestone, due_on, fires_on, channel_id, status, catchup_id FROM reminder WHERE id > $1 ORDER BY id
         ON CONFLICT DO NOTHING`,
        [lastId],
      );
      const floorMs = now() - f0;
      floor.push([engine, label, int(clocksRead), int(copied.rowCount ?? 0), ms(floorMs), ms(dt), ratio(dt, floorMs), ratio(floorMs, anchorMs)]);
    }
    // For comparison, what reconcile did before it read by due date: every running clock
    // read (paged), and dueOnDay worked out in JS for each of them.
    const p0 = now();
    const clocks = [];
    for (let after = 0; ; ) {
      const page = await runningClocksAfter(db, ws, after, 5000);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      clocks.push(...page);
    }
    const readMs = now() - p0;
    const registry = new CalendarRegistry();
    const cals = { JP: registry.get('US-FRB+JP-BANK'), KR: registry.get('US-FRB+KR-BANK') } as Record<string, ReturnType<CalendarRegistry['get']>>;
    const j0 = now();
    let due = 0;
    for (const c of clocks)
      if (dueOnDay({ noticeOn: c.noticeOn, dueOn: c.dueOn, calendar: cals[c.dealCode]!, milestones: settings.milestones }, TODAY, undefined)) due++;
    const planMs = now() - j0;
    breakdown.push([engine, int(clocks.length), ms(readMs), ms(planMs), int(due)]);
    note(`  [daily] ${engine}: anchor wrote ${int(anchorRows)} rows; runs ${anchorRuns.map(ms).join(', ')} ms, median ${ms(anchorMs)} ms`);
    await db.close();
  }
  table(
    'Daily check: reconcile vs one INSERT … SELECT of the same running clocks (ms)',
    ['engine', 'clocks', 'pass', 'rows enqueued', 'anchor INSERT…SELECT', 'reconcile', 'ratio', 'clocks/s', 'goal ≤ 3×'],
    rows,
  );
  table(
    "Daily check against the ledger floor: the rows each pass wrote, copied by one INSERT … SELECT into a table with the ledger's indexes and foreign keys (ms)",
    ['engine', 'pass', 'clocks read', 'ledger rows written', 'ledger floor', 'reconcile', 'reconcile / floor', 'floor / anchor'],
    floor,
  );
  table(
    'For comparison: reading and planning every running clock (ms)',
    ['engine', 'clocks', 'paged reads of every clock (5,000/page)', 'dueOnDay for every clock (JS)', 'clocks due today'],
    breakdown,
  );
  table(
    'Daily check memory (sampled every 25 ms during the pass)',
    ['engine', 'pass', 'RSS start', 'RSS peak', 'RSS end', 'heap start', 'heap peak', 'heap end'],
    mem,
  );
}
