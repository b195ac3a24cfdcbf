/**
 * Shared pieces of the benchmarks: timing and percentiles, table printing, memory
 * sampling, a throwaway Postgres server, and seeding projects straight into the schema.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { CalendarRegistry } from '../src/calendar/calendars.ts';
import { openDatabase, openMemoryDatabase, type Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { addDays } from '../src/core/civil-date.ts';

export const QUICK = process.env.BENCH_QUICK === '1';
/** Pick the full or the smoke size. */
export const size = (full: number, quick: number): number => (QUICK ? quick : full);

export const now = (): number => performance.now();

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summary(samples: number[]): { n: number; p50: number; p99: number; max: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN, mean: s.reduce((a, b) => a + b, 0) / (s.length || 1) };
}

export const ms = (v: number): string => (Number.isFinite(v) ? (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) : '–');
export const ratio = (v: number, anchor: number): string => (Number.isFinite(v / anchor) ? `${(v / anchor).toFixed(2)}×` : '–');
export const int = (v: number): string => Math.round(v).toLocaleString('en-US');
export const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MB`;

/** Prints a Markdown table (so the output pastes straight into BENCHMARKS.md). */
export function table(title: string, headers: string[], rows: (string | number)[][]): void {
  const cells = rows.map((r) => r.map(String));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n### ${title}\n`);
  console.log(line(headers));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const r of cells) console.log(line(r));
  console.log('');
}

export function note(text: string): void {
  console.log(text);
}

/** Samples RSS and heap every `everyMs` while running; `stop()` returns start/peak/end. */
export function memorySampler(everyMs = 25) {
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peakRss) peakRss = m.rss;
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const end = process.memoryUsage();
      return {
        startRss: start.rss,
        peakRss: Math.max(peakRss, end.rss),
        endRss: end.rss,
        startHeap: start.heapUsed,
        peakHeap: Math.max(peakHeap, end.heapUsed),
        endHeap: end.heapUsed,
      };
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

// ---- Postgres server -------------------------------------------------------------------

export interface PgServer {
  /** Base URL without a database name. */
  url(database: string): string;
  stop(): void;
  description: string;
}

function pgBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'pg_ctl'))) return join(root, v, 'bin');
  return undefined;
}

let server: PgServer | undefined | null = null;

/**
 * A Postgres server for the benchmarks: BENCH_DATABASE_URL / TEST_DATABASE_URL when set,
 * else a throwaway cluster started here (fsync off) and stopped at exit. Undefined when
 * neither is possible; the server rows are then skipped.
 */
export async function postgresServer(): Promise<PgServer | undefined> {
  if (server !== null) return server;
  const given = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (given) {
    const u = new URL(given);
    server = {
      url: (db) => {
        const x = new URL(given);
        x.pathname = `/${db}`;
        return x.toString();
      },
      stop: () => {},
      description: `server at ${u.hostname}:${u.port || 5432}`,
    };
    return server;
  }
  const bin = pgBinDir();
  if (!bin) {
    server = undefined;
    return server;
  }
  const dir = mkdtempSync(join(tmpdir(), 'dealclock-bench-pg-'));
  const port = await freePort();
  const asPostgres = (cmd: string) => {
    if (process.getuid?.() === 0) execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', cmd], { stdio: 'pipe' });
    else execFileSync('/bin/sh', ['-c', cmd], { stdio: 'pipe' });
  };
  try {
    if (process.getuid?.() === 0)
      chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
    asPostgres(`${bin}/initdb -D ${dir}/data -A trust -U postgres >/dev/null`);
    asPostgres(
      `${bin}/pg_ctl -D ${dir}/data -l ${dir}/log -w -o '-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100' start >/dev/null`,
    );
  } catch (err) {
    note(`(no Postgres server: ${(err as Error).message.split('\n')[0]})`);
    rmSync(dir, { recursive: true, force: true });
    server = undefined;
    return server;
  }
  let stopped = false;
  const version = execFileSync(`${bin}/postgres`, ['--version']).toString().trim();
  server = {
    url: (db) => `postgres://postgres@127.0.0.1:${port}/${db}`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        asPostgres(`${bin}/pg_ctl -D ${dir}/data -m fast -w stop >/dev/null`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    description: `${version}, throwaway cluster on 127.0.0.1:${port}, fsync=off`,
  };
  process.once('exit', () => server?.stop());
  return server;
}

/** A fresh, migrated database on the server (dropped and re-created), or in-memory PGlite. */
export async function benchDatabase(engine: 'pglite' | 'postgres', name: string, maxConnections = 10): Promise<Database> {
  let db: Database;
  if (engine === 'pglite') db = await openMemoryDatabase();
  else {
    const s = (await postgresServer())!;
    const admin = new pg.Client({ connectionString: s.url('postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    db = await openDatabase({ databaseUrl: s.url(name), dataDir: '', maxConnections });
  }
  await migrate(db);
  return db;
}

export async function engines(): Promise<('pglite' | 'postgres')[]> {
  return (await postgresServer()) ? ['pglite', 'postgres'] : ['pglite'];
}

// ---- Data ------------------------------------------------------------------------------

const SECTORS = ['energy', 'semiconductors', 'shipbuilding', 'pharma', 'minerals', 'ai-infrastructure'];
const OTHER_STAGES = ['candidate', 'shortlisted', 'funded', 'declined', 'withdrawn'] as const;

export interface SeedOptions {
  workspaceId: string;
  count: number;
  /** Share of projects with a running clock (stage selected); the rest mixed. */
  runningShare?: number;
  /** First notice date; notices spread over `spreadDays` from it. */
  firstNotice?: string;
  spreadDays?: number;
  /** Channel ids are C + this prefix + a number modulo `channels`. */
  channels?: number;
}

/**
 * Project rows written straight into the schema in batches (the same columns the app
 * writes, due dates from the real calendars), so seeding 100,000 takes seconds.
 */
export async function seedProjects(db: Database, o: SeedOptions): Promise<void> {
  const registry = new CalendarRegistry();
  const deals = new Map(
    (await db.query<{ code: string; clock_calendar: string; clock_days: number }>('SELECT code, clock_calendar, clock_days FROM deal')).rows.map((d) => [
      d.code,
      d,
    ]),
  );
  await db.query('INSERT INTO workspace (id, name) VALUES ($1, $1) ON CONFLICT DO NOTHING', [o.workspaceId]);
  const first = o.firstNotice ?? '2025-09-01';
  const spread = o.spreadDays ?? 365;
  const share = o.runningShare ?? 1;
  const channels = o.channels ?? 50;
  const batch = 10_000;
  for (let start = 0; start < o.count; start += batch) {
    const cols = {
      number: [] as number[],
      slug: [] as string[],
      name: [] as string[],
      deal: [] as string[],
      stage: [] as string[],
      sector: [] as string[],
      cost: [] as number[],
      notice: [] as (string | null)[],
      due: [] as (string | null)[],
      funded: [] as (string | null)[],
      declined: [] as (string | null)[],
      withdrawn: [] as (string | null)[],
      channel: [] as string[],
    };
    for (let i = start; i < Math.min(o.count, start + batch); i++) {
      const deal = i % 2 === 0 ? 'JP' : 'KR';
      const d = deals.get(deal)!;
      // Deterministic spread: i * a prime modulo the window.
      const notice = addDays(first, (i * 7919) % spread);
      const running = (i * 2654435761) % 1000 < share * 1000;
      const stage = running ? 'selected' : OTHER_STAGES[i % OTHER_STAGES.length]!;
      const hasNotice = stage === 'selected' || stage === 'funded' || stage === 'declined';
      cols.number.push(i + 1);
      cols.slug.push(`project-${i + 1}`);
      cols.name.push(`Project ${i + 1} ${SECTORS[i % SECTORS.length]}`);
      cols.deal.push(deal);
      cols.stage.push(stage);
      cols.sector.push(SECTORS[i % SECTORS.length]!);
      cols.cost.push(((i % 97) + 1) * 100_000_000);
      cols.notice.push(hasNotice ? notice : null);
      cols.due.push(hasNotice ? registry.get(d.clock_calendar).advance(notice, d.clock_days) : null);
      cols.funded.push(stage === 'funded' ? addDays(notice, 60) : null);
      cols.declined.push(stage === 'declined' ? addDays(notice, 10) : null);
      cols.withdrawn.push(stage === 'withdrawn' ? '2025-12-01' : null);
      cols.channel.push(`CBENCH${i % channels}`);
    }
    await db.query(
      `INSERT INTO project (workspace_id, number, slug, name, deal_code, stage, sector, cost_usd, notice_on, due_on, funded_on, declined_on, withdrawn_on, channel_id)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::date[], $10::date[], $11::date[], $12::date[], $13::date[], $14::text[])`,
      [
        o.workspaceId,
        cols.number,
        cols.slug,
        cols.name,
        cols.deal,
        cols.stage,
        cols.sector,
        cols.cost,
        cols.notice,
        cols.due,
        cols.funded,
        cols.declined,
        cols.withdrawn,
        cols.channel,
      ],
    );
  }
  await db.query('ANALYZE project');
}

export function machine(): string {
  return `node ${process.version}, ${process.platform}/${process.arch}`;
}
