/**
 * GET /metrics on the bot's HTTP server: absent (404) unless DEALCLOCK_METRICS=on; when
 * on, the named series carry the right values after a few signed commands, a reminder
 * pass and a database error, and no command text or user id ever appears in them.
 */
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, expect } from 'vitest';
import type { Database } from '../../../src/db/database.ts';
import { countDatabaseErrors } from '../../../src/db/error-count.ts';
import { createLogger } from '../../../src/log.ts';
import { reconcile } from '../../../src/reminders/reconcile.ts';
import { startReminderScheduler } from '../../../src/reminders/scheduler.ts';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.ts';
import { createSlackPoster } from '../../../src/slack/slack-poster.ts';
import { newWorkspaceId } from '../../helpers/db.ts';
import type { FakeSlack } from '../../helpers/fake-slack.ts';
// The ledger gauges count every workspace's reminders: other files writing reminders
// at the same time must not move them mid-test.
import { itOnOwnDatabase as it } from '../../helpers/fixtures.ts';
import { responsesTo, SIGNING_SECRET, slackConfig, slashCommand, testRuntime } from '../../helpers/slack.ts';
import { run, settings } from '../reminders/setup.ts';

const TODAY = '2026-03-11';
const quiet = createLogger({ level: 'silent' });
const started: SlackApp[] = [];
/** While true, every statement fails as a dropped connection would. */
const broken = { on: false };

afterAll(async () => {
  for (const s of started) await s.stop();
});

function breakable(inner: Database): Database {
  const fail = () => Promise.reject(new Error('Connection terminated unexpectedly'));
  return new Proxy(inner, {
    get(target, prop) {
      if (prop === 'query') return (text: string, values?: unknown[]) => (broken.on ? fail() : target.query(text, values));
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

async function startBot(db: Database, fake: FakeSlack, env: Record<string, string> = {}) {
  const runtime = testRuntime(countDatabaseErrors(breakable(db)), slackConfig(fake, { DEALCLOCK_REMINDER_TIME: '00:00', ...env }), { today: TODAY });
  const slack = createSlackApp(runtime, { clientOptions: { retryConfig: { retries: 0 } } });
  await slack.start();
  started.push(slack);
  return { slack, runtime, base: `http://127.0.0.1:${(slack.server!.address() as AddressInfo).port}` };
}

async function command(fake: FakeSlack, base: string, teamId: string, text: string, userId = 'U0METRICS') {
  const { body: fields, responseId } = slashCommand(fake, { teamId, userId }, text);
  const body = new URLSearchParams(fields).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = 'v0=' + createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex');
  const res = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature },
    body,
  });
  expect(res.status).toBe(200);
  return { responseId, ack: await res.text() };
}

/** The scrape as `series{labels}` → value. */
async function scrape(base: string): Promise<{ text: string; value: (series: string) => number | undefined }> {
  const res = await fetch(`${base}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  const text = await res.text();
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    values.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return { text, value: (series) => values.get(series) };
}

it('is not served unless DEALCLOCK_METRICS=on', async ({ db, fake }) => {
  const { base } = await startBot(db, fake);
  expect((await fetch(`${base}/metrics`)).status).toBe(404);
  expect((await fetch(`${base}/healthz`)).status).toBe(200);
});

it('exposes commands, latency, the queue, reminders, the ledger and database errors', async ({ db, fake }) => {
  const { base, runtime, slack } = await startBot(db, fake, { DEALCLOCK_METRICS: 'on', DEALCLOCK_QUEUE_MAX_PER_USER: '1' });
  const ws = newWorkspaceId();
  await run(db, ws, 'add "Texas GulfLink" deal=JP cost=2.1B');

  // Two answered, two user errors (one not even a subcommand, carrying text that must not leak).
  for (const text of ['show texas-gulflink', 'status', 'show no-such-project', 'zzzleakzzz secret words']) {
    const { responseId } = await command(fake, base, ws, text);
    await expect.poll(() => responsesTo(fake, responseId).length).toBe(1);
  }
  // A dropped database connection: an internal error, and a database error by kind.
  broken.on = true;
  const failing = await command(fake, base, ws, 'show texas-gulflink');
  await expect.poll(() => responsesTo(fake, failing.responseId).length).toBe(1);
  broken.on = false;
  // Shed: replies take a while, both slots busy, one place for this user, the rest "busy".
  fake.latencyMs = 1500;
  const burst = await Promise.all(Array.from({ length: 6 }, () => command(fake, base, ws, 'show texas-gulflink', 'U0BURSTY')));
  const busy = burst.filter((b) => b.ack.includes('did not run')).length;
  expect(busy).toBe(3);
  await slack.idle();
  fake.latencyMs = 0;
  expect(burst.filter((b) => responsesTo(fake, b.responseId).length === 1)).toHaveLength(3);

  // Reminders: one workspace's plan waits in the ledger; another's goes out, one post failing.
  const waiting = newWorkspaceId();
  await run(db, waiting, 'add "Waiting Plant" deal=JP');
  await run(db, waiting, 'select waiting-plant notice=2026-02-17');
  await reconcile(db, TODAY, null, settings(waiting));
  const pendingInDb = Number((await db.query(`SELECT count(*) AS n FROM reminder WHERE status IN ('pending', 'sending')`)).rows[0]!.n);
  expect(pendingInDb).toBeGreaterThan(0);
  let m = await scrape(base);
  expect(m.value('dealclock_reminders_pending')).toBe(pendingInDb);
  expect(m.value('dealclock_reminders_oldest_pending_seconds')).toBeGreaterThanOrEqual(0);
  expect(m.value('dealclock_reminders_oldest_pending_seconds')).toBeLessThan(600);

  const sending = newWorkspaceId();
  for (const [name, channel] of [
    ['Posted Plant', 'C0POSTED'],
    ['Failing Plant', 'C0FAILS'],
  ] as const) {
    await run(db, sending, `add "${name}" deal=JP channel=${channel}`);
    await run(db, sending, `select ${name.toLowerCase().replace(' ', '-')} notice=2026-02-17`);
  }
  fake.failNext('chat.postMessage', { error: 'channel_not_found' });
  const poster = createSlackPoster({ token: 'xoxb-test-token', apiUrl: fake.apiUrl, logger: quiet, timeoutMs: 2_000 });
  const scheduler = startReminderScheduler({ runtime, poster, logger: quiet, workspaceIds: [sending], sender: { channelIntervalMs: 0, backoffBaseMs: 10 } });
  await scheduler.runNow();
  await scheduler.stop();
  const ledger = (
    await db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM reminder WHERE workspace_id = $1 GROUP BY status', [sending])
  ).rows;
  const byStatus = Object.fromEntries(ledger.map((r) => [r.status, r.n]));
  expect(byStatus).toEqual({ sent: 1, failed: 1 });

  // A database error outside any command.
  await expect(runtime.db.query('SELECT * FROM no_such_table')).rejects.toThrow();

  m = await scrape(base);
  const v = m.value;
  expect(v('dealclock_commands_total{subcommand="show",outcome="ok"}')).toBe(1 + 3);
  expect(v('dealclock_commands_total{subcommand="status",outcome="ok"}')).toBe(1);
  expect(v('dealclock_commands_total{subcommand="show",outcome="user_error"}')).toBe(1);
  expect(v('dealclock_commands_total{subcommand="invalid",outcome="user_error"}')).toBe(1);
  expect(v('dealclock_commands_total{subcommand="show",outcome="internal_error"}')).toBe(1);
  expect(v('dealclock_commands_total{subcommand="show",outcome="shed"}')).toBe(3);
  expect(v('dealclock_queue_shed_total{reason="user_full"}')).toBe(3);
  expect(v('dealclock_queue_shed_total{reason="full"}')).toBe(0);
  expect(v('dealclock_queue_shed_total{reason="expired"}')).toBe(0);
  expect(v('dealclock_command_ack_seconds_count')).toBe(11);
  expect(v('dealclock_command_reply_seconds_count{subcommand="show"}')).toBe(1 + 1 + 1 + 3);
  expect(v('dealclock_queue_wait_seconds_count')).toBe(11 - 3);
  expect(v('dealclock_queue_depth')).toBe(0);
  expect(v('dealclock_queue_running')).toBe(0);
  expect(v('dealclock_queue_limit')).toBe(500);
  expect(v('dealclock_reminders_planned_total')).toBe(2);
  expect(v('dealclock_reminders_posted_total')).toBe(1);
  expect(v('dealclock_reminders_failed_total')).toBe(1);
  expect(v('dealclock_db_errors_total{kind="connection"}')).toBeGreaterThanOrEqual(1);
  expect(v('dealclock_db_errors_total{kind="query"}')).toBe(1);
  // Idle connections may have been closed by now; the series is there either way.
  expect(v('dealclock_db_pool_connections{state="total"}')).toBe(runtime.db.pool.totalCount);
  expect(v('dealclock_db_pool_connections{state="waiting"}')).toBe(0);
  expect(v('process_resident_memory_bytes')).toBeGreaterThan(0);
  // Subcommand names only: nothing a user typed, no user or workspace id.
  expect(m.text).not.toContain('zzzleakzzz');
  expect(m.text).not.toContain('U0BURSTY');
  expect(m.text).not.toContain(ws);
});
