/**
 * `npm run bench` runs every benchmark; `npm run bench -- clock latency` runs those named.
 * BENCH_QUICK=1 uses smoke sizes. BENCH_DATABASE_URL (or TEST_DATABASE_URL) names a
 * Postgres server; without one a throwaway cluster is started and stopped here.
 * Every figure is printed next to an anchor measured in the same run, with the ratio.
 */
import { cpus, totalmem } from 'node:os';
import { clockBench } from './clock.ts';
import { dailyBench } from './daily.ts';
import { feedsBench } from './feeds.ts';
import { floodBench } from './flood.ts';
import { importBench } from './import.ts';
import { languageBench } from './language.ts';
import { latencyBench } from './latency.ts';
import { publicDataBench } from './public-data.ts';
import { mb, ms, now, postgresServer, QUICK } from './lib.ts';
import { memoryBench } from './memory.ts';
import { sendingBench } from './sending.ts';
import { startupBench } from './startup.ts';
import { valuesBench } from './values.ts';
import { timelineBench } from './timeline.ts';

const BENCHMARKS: Record<string, () => Promise<void>> = {
  clock: clockBench,
  latency: latencyBench,
  daily: dailyBench,
  sending: sendingBench,
  import: importBench,
  flood: floodBench,
  'public-data': publicDataBench,
  language: languageBench,
  feeds: feedsBench,
  memory: () => memoryBench(),
  values: valuesBench,
  timeline: timelineBench,
  // Last: it also reports this process's memory after the 100,000-project benchmarks.
  startup: startupBench,
};

const wanted = process.argv.slice(2).filter((a) => a !== '--');
const unknown = wanted.filter((w) => !(w in BENCHMARKS));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
const names = wanted.length ? wanted : Object.keys(BENCHMARKS);

console.log(`# dealclock benchmarks${QUICK ? ' (BENCH_QUICK: smoke sizes)' : ''}`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${mb(totalmem())} RAM, node ${process.version}`);
const pg = await postgresServer();
console.log(`postgres: ${pg ? pg.description : 'none (server rows skipped)'}`);
// Ctrl-C: stop the throwaway server before leaving ('exit' handlers do not run on signals).
process.once('SIGINT', () => {
  pg?.stop();
  process.exit(130);
});
const idle = process.memoryUsage();
try {
  for (const name of names) {
    const t0 = now();
    console.log(`\n## ${name}`);
    await BENCHMARKS[name]!();
    console.log(`(${name}: ${ms((now() - t0) / 1000)} s)`);
  }
} finally {
  pg?.stop();
}
const after = process.memoryUsage();
console.log(`\nbench process memory: RSS at start ${mb(idle.rss)}, after the benchmarks ${mb(after.rss)}; heap ${mb(idle.heapUsed)} → ${mb(after.heapUsed)}`);
process.exit(0);
