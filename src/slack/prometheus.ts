/**
 * GET /metrics in the Prometheus text format, when DEALCLOCK_METRICS=on. prom-client is
 * loaded only then. Counters and histograms are fed through src/metrics.ts; gauges are
 * read when scraped: the post-ack queue, the pg pool, and the reminder ledger (one
 * bounded query, reused for a few seconds so that several scrapers cost one read).
 *
 * Labels carry names from closed lists only (subcommands, outcomes, reasons, kinds): no
 * workspace, user, channel or command text ever becomes a series. The series and the
 * alerts to set on them are described in docs/operations.md.
 */
import type { ServerResponse } from 'node:http';
import { subcommands } from '../commands/handlers/index.ts';
import { pendingSummary, type PendingSummary } from '../db/reminders.ts';
import { setMetricsSink, type CommandOutcome, type DbErrorKind, type ShedReason } from '../metrics.ts';
import type { Runtime } from '../runtime.ts';
import type { WorkQueue } from './work-queue.ts';

type PromClient = typeof import('prom-client');
type Registry = InstanceType<PromClient['Registry']>;

export interface MetricsEndpoint {
  /** Resolves once prom-client is loaded and counting. */
  ready: Promise<void>;
  /** A Bolt custom route (GET /metrics). */
  route: { path: string; method: string[]; handler: (req: unknown, res: ServerResponse) => undefined };
}

/** Reminder rows the pending gauge reads at most per scrape. */
export const PENDING_CAP = 100_000;
/** How long one read of the ledger serves scrapes. */
const PENDING_TTL_MS = 5_000;
/** A scrape does not wait longer than this for the ledger; the last value is kept. */
const PENDING_TIMEOUT_MS = 2_000;

const OUTCOMES: readonly CommandOutcome[] = ['ok', 'user_error', 'internal_error', 'shed'];
const SHED_REASONS: readonly ShedReason[] = ['full', 'user_full', 'expired', 'shutdown'];
const DB_ERROR_KINDS: readonly DbErrorKind[] = ['connection', 'timeout', 'constraint', 'query'];
const OTHER_LABELS = ['invalid', 'button', 'button_fund', 'button_decline', 'button_share', 'button_show'];

export function prometheusEndpoint(runtime: Runtime, queue: WorkQueue): MetricsEndpoint {
  const registry = import('prom-client').then((client) => build(client, runtime, queue));
  registry.catch(() => {}); // reported by `ready` and by each scrape
  return {
    ready: registry.then(() => {}),
    route: {
      path: '/metrics',
      method: ['GET'],
      handler: (_req: unknown, res: ServerResponse) => void serve(registry, res, runtime),
    },
  };
}

async function serve(registry: Promise<Registry>, res: ServerResponse, runtime: Runtime): Promise<void> {
  try {
    const r = await registry;
    const body = await r.metrics();
    res.writeHead(200, { 'content-type': r.contentType, 'cache-control': 'no-store' });
    res.end(body);
  } catch (error) {
    runtime.logger.warn('metrics: scrape failed', { error });
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('metrics unavailable\n');
  }
}

function build(client: PromClient, runtime: Runtime, queue: WorkQueue): Registry {
  const registry = new client.Registry();
  // Process memory, CPU, event-loop lag and GC: the first things to look at in a flood.
  client.collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const known = new Set([...subcommands.map((s) => s.name), ...OTHER_LABELS]);
  const subcommand = (name: string) => (known.has(name) ? name : 'other');

  const commands = new client.Counter({
    name: 'dealclock_commands_total',
    help: 'Slash commands and buttons handled, by subcommand (or button) and outcome; shed = acked but not run',
    labelNames: ['subcommand', 'outcome'],
    registers,
  });
  const ack = new client.Histogram({
    name: 'dealclock_command_ack_seconds',
    help: 'From the listener starting to the ack sent (Slack allows 3 s)',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3],
    registers,
  });
  const reply = new client.Histogram({
    name: 'dealclock_command_reply_seconds',
    help: 'From the listener starting to the reply delivered to the response_url, queue wait included',
    labelNames: ['subcommand'],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers,
  });
  const queueWait = new client.Histogram({
    name: 'dealclock_queue_wait_seconds',
    help: 'Time work waited in the post-ack queue before it started',
    buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 120, 300],
    registers,
  });
  const shed = new client.Counter({
    name: 'dealclock_queue_shed_total',
    help: 'Acked work not run: full and user_full answered busy in the ack, expired (waited past the age bound) and shutdown told through the response_url',
    labelNames: ['reason'],
    registers,
  });
  for (const reason of SHED_REASONS) shed.inc({ reason }, 0);
  new client.Gauge({
    name: 'dealclock_queue_depth',
    help: 'Work admitted to the post-ack queue and not yet running (or being told it was not run)',
    registers,
    collect() {
      this.set(queue.stats().queued);
    },
  });
  new client.Gauge({
    name: 'dealclock_queue_running',
    help: 'Work from the post-ack queue running now',
    registers,
    collect() {
      this.set(queue.stats().running);
    },
  });
  new client.Gauge({ name: 'dealclock_queue_limit', help: 'The queue depth bound (DEALCLOCK_QUEUE_MAX)', registers }).set(queue.limit);

  const planned = new client.Counter({ name: 'dealclock_reminders_planned_total', help: 'Reminders and digests planned into the ledger', registers });
  const posted = new client.Counter({
    name: 'dealclock_reminders_posted_total',
    help: 'Reminders and digests posted to Slack (or found already posted and recorded)',
    registers,
  });
  const failed = new client.Counter({
    name: 'dealclock_reminders_failed_total',
    help: 'Reminders and digests given up on (marked failed and reported)',
    registers,
  });
  const ledger = pendingReader(runtime);
  new client.Gauge({
    name: 'dealclock_reminders_pending',
    help: `Reminders due and not yet delivered (pending or being sent; counted up to ${PENDING_CAP})`,
    registers,
    async collect() {
      const s = await ledger();
      if (s) this.set(s.pending);
    },
  });
  new client.Gauge({
    name: 'dealclock_reminders_oldest_pending_seconds',
    help: 'Seconds since the oldest undelivered reminder was planned (0 when none wait)',
    registers,
    async collect() {
      const s = await ledger();
      if (s) this.set(s.oldestSeconds);
    },
  });

  const dbErrors = new client.Counter({
    name: 'dealclock_db_errors_total',
    help: 'Database errors by kind: connection, timeout (cancelled, lock, deadlock), constraint, query',
    labelNames: ['kind'],
    registers,
  });
  for (const kind of DB_ERROR_KINDS) dbErrors.inc({ kind }, 0);
  new client.Gauge({
    name: 'dealclock_db_pool_connections',
    help: `Database pool connections by state (${runtime.db.engine === 'postgres' ? 'Postgres server' : 'embedded database: a pool of one'}); waiting = queries queued for a connection`,
    labelNames: ['state'],
    registers,
    collect() {
      const pool = runtime.db.pool;
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });

  setMetricsSink({
    command: (name, outcome) => commands.inc({ subcommand: subcommand(name), outcome: OUTCOMES.includes(outcome) ? outcome : 'internal_error' }),
    ackSeconds: (s) => ack.observe(s),
    replySeconds: (name, s) => reply.observe({ subcommand: subcommand(name) }, s),
    queueWaitSeconds: (s) => queueWait.observe(s),
    shed: (reason) => shed.inc({ reason }),
    remindersPlanned: (n) => planned.inc(n),
    reminderPosted: () => posted.inc(),
    reminderFailed: () => failed.inc(),
    dbError: (kind) => dbErrors.inc({ kind }),
  });
  return registry;
}

/**
 * The ledger summary, read at most once per PENDING_TTL_MS however many scrapes come. A
 * scrape waits at most PENDING_TIMEOUT_MS and otherwise gets the last value (undefined
 * at first); a read still running is joined, never doubled, so a hung database sees one
 * query from here, not one per scrape.
 */
function pendingReader(runtime: Runtime): () => Promise<PendingSummary | undefined> {
  let last: PendingSummary | undefined;
  let at = -Infinity;
  let reading: Promise<void> | undefined;
  return async () => {
    if (performance.now() - at < PENDING_TTL_MS) return last;
    reading ??= pendingSummary(runtime.db, PENDING_CAP).then(
      (s) => {
        last = s;
        at = performance.now();
        reading = undefined;
      },
      (error: unknown) => {
        runtime.logger.warn('metrics: reminder ledger not readable', { error });
        reading = undefined;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([reading, new Promise((resolve) => (timer = setTimeout(resolve, PENDING_TIMEOUT_MS)))]);
    clearTimeout(timer);
    return last;
  };
}
