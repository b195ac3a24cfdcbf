/**
 * Memory over a long run of query-heavy commands on the embedded database: 10,000
 * projects and 50,000 `status` commands (a 100-row reply each) over signed HTTP through
 * the real bot, driven as in latency.ts (createSlackApp on port 0; fake Slack and the load
 * generator on their own thread), 20 commands in progress at a time. Every 5,000 commands:
 * the process's RSS as it stands, and the heaps of the main thread and of the database
 * thread after a full collection. After the warm-up the heaps must not grow, and RSS, once
 * idle after the run, must be back within noise of its warmed-up value.
 *
 * In `npm run bench` (BENCH_QUICK=1: 5,000 commands, a sample every 1,000), or alone:
 *   npx tsx bench/memory.ts [--commands=50000] [--every=5000] [--projects=10000] [--concurrency=20]
 * The same settings as BENCH_MEMORY_COMMANDS, BENCH_MEMORY_EVERY, BENCH_MEMORY_PROJECTS,
 * BENCH_MEMORY_CONCURRENCY.
 */
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Database } from '../src/db/database.ts';
import { createSlackApp } from '../src/slack/app.ts';
import { slackConfig, testRuntime } from '../test/helpers/slack.ts';
import { benchDatabase, int, mb, ms, note, now, seedProjects, size, summary, table } from './lib.ts';
import { loadWorker } from './load-client.ts';

const TODAY = '2026-03-02';
const TEAM = 'TBENCHMEMORY';
const KB = 1024;
/** Heap growth per command after warm-up above which memory is not flat (the leak was ~78 KB). */
const FLAT_BYTES_PER_COMMAND = 1 * KB;
/**
 * How far RSS may stand above its warmed-up value once idle and still be noise: between
 * samples it moves by ±50 MB on a 2-core machine (collections and allocator pages in three
 * threads), and it keeps climbing for the first few thousand commands. The leak added
 * 80 KB per command: 400 MB over the quick run's 5,000, 3.9 GB over 50,000.
 */
const RSS_NOISE = 100 * 1024 * KB;

interface Settings {
  commands: number;
  every: number;
  projects: number;
  concurrency: number;
}

function settings(argv: string[]): Settings {
  const flag = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const pick = (name: string, full: number, quick: number) => {
    const value = flag(name) ?? process.env[`BENCH_MEMORY_${name.toUpperCase()}`];
    const n = value === undefined ? size(full, quick) : Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number, not ${value}`);
    return n;
  };
  return {
    commands: pick('commands', 50_000, 5_000),
    every: pick('every', 5_000, 1_000),
    projects: pick('projects', 10_000, 10_000),
    concurrency: pick('concurrency', 20, 20),
  };
}

let gc: (() => void) | undefined;
/** This thread's heap after a full collection (what is kept alive, not garbage). */
function mainHeapAfterGc(): number {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  return process.memoryUsage().heapUsed;
}

interface Sample {
  label: string;
  commands: number;
  rss: number;
  mainHeap: number;
  workerHeap: number | undefined;
  workerExternal: number | undefined;
  rate?: number;
  replyP50?: number;
  replyP99?: number;
}

async function sample(db: Database, label: string, commands: number): Promise<Sample> {
  // RSS as an operator sees it, before anything is collected on purpose.
  const rss = process.memoryUsage().rss;
  const worker = await db.workerMemory!().catch(() => undefined);
  return { label, commands, rss, mainHeap: mainHeapAfterGc(), workerHeap: worker?.heapUsed, workerExternal: worker?.external };
}

const mbOr = (bytes: number | undefined) => (bytes === undefined ? 'dead' : mb(bytes));
const perCommand = (delta: number, commands: number) => `${(delta / commands / KB).toFixed(2)} KB`;

export async function memoryBench(argv: string[] = []): Promise<void> {
  const s = settings(argv);
  const load = await loadWorker();
  const db = await benchDatabase('pglite', 'dealclock_bench_memory');
  let died: { after: number; error: string } | undefined;
  let done = 0;
  db.onLost!((err) => (died = { after: done, error: err.message }));
  const runtime = testRuntime(db, slackConfig({ apiUrl: load.apiUrl } as Parameters<typeof slackConfig>[0]), { today: TODAY });
  const slack = createSlackApp(runtime, { clientOptions: { retryConfig: { retries: 0 } } });
  await slack.start();
  const port = (slack.server!.address() as AddressInfo).port;
  const t0 = now();
  await seedProjects(db, { workspaceId: TEAM, count: s.projects, runningShare: 0.6 });
  note(
    `  [memory] seeded ${int(s.projects)} projects in ${ms(now() - t0)} ms; ${int(s.commands)} \`status\` commands, ${s.concurrency} in progress, a sample every ${int(s.every)}`,
  );

  const samples: Sample[] = [await sample(db, 'seeded', 0)];
  const warmup = Math.min(1_000, s.every);
  await load.drive(port, TEAM, 'status', warmup, s.concurrency, true);
  done = warmup;
  const baseline = await sample(db, 'warmed up', done);
  samples.push(baseline);
  const started = now();
  while (done < s.commands + warmup && !died) {
    const n = Math.min(s.every, s.commands + warmup - done);
    const t = now();
    const run = await load.drive(port, TEAM, 'status', n, s.concurrency, true);
    const seconds = (now() - t) / 1000;
    done += n;
    const reply = summary(run.reply);
    const row = { ...(await sample(db, '', done)), rate: n / seconds, replyP50: reply.p50, replyP99: reply.p99 };
    samples.push(row);
    note(
      `  [memory] ${int(done - warmup)} commands: RSS ${mb(row.rss)}, database thread heap ${mbOr(row.workerHeap)}, main heap ${mb(row.mainHeap)}, ${int(row.rate)}/s`,
    );
  }
  const ran = done - warmup;
  const runSeconds = (now() - started) / 1000;
  const last = samples[samples.length - 1]!;
  const idleSeconds = size(10, 3);
  await new Promise((r) => setTimeout(r, idleSeconds * 1000));
  samples.push(await sample(db, `idle ${idleSeconds} s`, done));
  await slack.stop();
  await db.close();
  await load.stop();

  table(
    `Memory over ${int(ran)} \`status\` commands at ${int(s.projects)} projects, embedded database, concurrency ${s.concurrency} (heaps after a full collection)`,
    ['commands', 'RSS', 'database thread heap', 'database thread external', 'main heap', 'commands/s', 'reply p50 ms', 'reply p99 ms'],
    samples.map((x) => [
      x.label || int(x.commands - warmup),
      mb(x.rss),
      mbOr(x.workerHeap),
      mbOr(x.workerExternal),
      mb(x.mainHeap),
      x.rate ? int(x.rate) : '',
      x.replyP50 !== undefined ? ms(x.replyP50) : '',
      x.replyP99 !== undefined ? ms(x.replyP99) : '',
    ]),
  );
  note(`${int(ran)} commands in ${ms(runSeconds)} s after a warm-up of ${int(warmup)}.`);
  if (died) {
    note(`The database thread DIED after ${int(died.after)} commands: ${died.error}`);
    return;
  }
  // RSS moves by tens of MB between samples (collections and allocator pages in three
  // threads); a leak shows as a slope and as memory not given back once idle.
  const running = samples.filter((x) => x.rate !== undefined);
  const idle = samples[samples.length - 1]!;
  const rssSlope = slope(running.map((x) => [x.commands, x.rss]));
  const idleGrowth = idle.rss - baseline.rss;
  const heapGrowth = (last.workerHeap ?? 0) - (baseline.workerHeap ?? 0);
  const mainGrowth = last.mainHeap - baseline.mainHeap;
  note(
    `After warm-up: RSS between ${mb(Math.min(...running.map((x) => x.rss)))} and ${mb(Math.max(...running.map((x) => x.rss)))}, ` +
      `fitted slope ${perCommand(rssSlope, 1)} per command; idle after the run ${mb(idle.rss)}, ${mb(idleGrowth)} from warmed up (${perCommand(idleGrowth, ran)} per command). ` +
      `Database thread heap ${perCommand(heapGrowth, ran)} per command, main heap ${perCommand(mainGrowth, ran)}.`,
  );
  const flat = idleGrowth < RSS_NOISE && [heapGrowth, mainGrowth].every((g) => g / ran < FLAT_BYTES_PER_COMMAND);
  note(
    flat
      ? `Memory flat: idle RSS within ${mb(RSS_NOISE)} of warmed up, both heaps grew by less than ${FLAT_BYTES_PER_COMMAND / KB} KB per command.`
      : `Memory NOT flat: idle RSS ${mb(RSS_NOISE)} or more above warmed up, or a heap grew by ${FLAT_BYTES_PER_COMMAND / KB} KB per command or more.`,
  );
}

/** Least-squares slope of y over x. */
function slope(points: [number, number][]): number {
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / (values.length || 1);
  const mx = mean(points.map((p) => p[0]));
  const my = mean(points.map((p) => p[1]));
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return den ? num / den : 0;
}

// `npx tsx bench/memory.ts …` runs this benchmark alone.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await memoryBench(process.argv.slice(2));
  process.exit(0);
}
