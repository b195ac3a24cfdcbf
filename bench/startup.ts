/**
 * Start-up and memory of the real command: `npm start` (and `node bin/dealclock.js start`
 * without npm) with no Slack credentials, to the first reply to a piped `help` (the
 * shell); and with fake Slack credentials, PORT and SLACK_API_URL, to /healthz answering.
 * First run on an empty data folder, then warm. Resident memory of the bot process idle.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSlack } from '../test/helpers/fake-slack.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../test/helpers/slack.ts';
import { freePort, mb, ms, now, ratio, table } from './lib.ts';

const ROOT = new URL('..', import.meta.url).pathname;

function rssOf(pid: number): number {
  // npm runs sh → node; take the largest resident process of the group.
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function treeRss(pid: number): number {
  return Math.max(rssOf(pid), ...childrenOf(pid).map(treeRss));
}

interface StartRun {
  ms: number;
  /** HTTP only: until the port accepted a connection. */
  listenMs?: number;
  idleRss: number;
}

async function startShell(cmd: string[], dataDir: string): Promise<StartRun> {
  const env = {
    ...process.env,
    DEALCLOCK_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SLACK_BOT_TOKEN: '',
    SLACK_APP_TOKEN: '',
    SLACK_SIGNING_SECRET: '',
    DATABASE_URL: '',
  };
  const t0 = now();
  const child = spawn(cmd[0]!, cmd.slice(1), { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  child.stdin.write('help\n');
  let out = '';
  const elapsed = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      // The help reply lists the subcommands.
      if (/\blist\b/.test(out)) resolve(now() - t0);
    });
    child.on('exit', (code) => reject(new Error(`shell exited ${code} before replying: ${out.slice(0, 200)}`)));
  });
  await new Promise((r) => setTimeout(r, 300));
  const idleRss = treeRss(child.pid!);
  child.removeAllListeners('exit');
  const exited = new Promise((r) => child.once('exit', r));
  child.stdin.end();
  await exited;
  return { ms: elapsed, idleRss };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function healthz(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/healthz', timeout: 500 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
  });
}

async function startHttp(cmd: string[], dataDir: string, apiUrl: string): Promise<StartRun> {
  const port = await freePort();
  const env = {
    ...process.env,
    DEALCLOCK_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_APP_TOKEN: '',
    SLACK_API_URL: apiUrl,
    PORT: String(port),
    DATABASE_URL: '',
  };
  const t0 = now();
  const child = spawn(cmd[0]!, cmd.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  // First the port accepting connections, then /healthz answering 200 (which also needs
  // the database open and migrated).
  let listening = NaN;
  let elapsed = NaN;
  for (;;) {
    if (exited) throw new Error(`the bot exited before listening: ${err.slice(0, 300)}`);
    if (Number.isNaN(listening) && (await accepts(port))) listening = now() - t0;
    if (!Number.isNaN(listening) && (await healthz(port))) {
      elapsed = now() - t0;
      break;
    }
    if (now() - t0 > 60_000) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, 300));
  const idleRss = treeRss(child.pid!);
  const done = new Promise((r) => (exited ? r(undefined) : child.once('exit', r)));
  // The whole group this benchmark started (npm → sh → node).
  process.kill(-child.pid!, 'SIGTERM');
  await done;
  return { ms: elapsed, listenMs: listening, idleRss };
}

const WARM_RUNS = 5;

/** Median time for the launcher to run nothing, from spawn to exit. */
async function launcherFloor(cmd: string[]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const t0 = now();
    await new Promise((r) => spawn(cmd[0]!, cmd.slice(1), { cwd: ROOT, stdio: 'ignore' }).once('exit', r));
    times.push(now() - t0);
  }
  return medianOf(times);
}

function medianOf(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

export async function startupBench(): Promise<void> {
  const fake = await new FakeSlack().start();
  const rows: (string | number)[][] = [];
  // Each command against the same launcher doing nothing: bare `node -e`, and npm running
  // its built-in `env` script (npm's own start-up, which dealclock cannot change).
  const variants: [string, string[], string[]][] = [
    ['npm start', ['npm', 'start', '--silent'], ['npm', 'run', '--silent', 'env']],
    ['node bin/dealclock.js start', [process.execPath, 'bin/dealclock.js', 'start'], [process.execPath, '-e', 'process.stdout.write("x")']],
  ];
  for (const [label, cmd, anchor] of variants) {
    const floor = await launcherFloor(anchor);
    for (const mode of ['shell', 'http'] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'dealclock-bench-start-'));
      try {
        const once = () => (mode === 'shell' ? startShell(cmd, join(dir, 'data')) : startHttp(cmd, join(dir, 'data'), fake.apiUrl));
        const first = await once();
        // Several warm starts, reported by their median: one start is one noisy sample.
        const warm: StartRun[] = [];
        for (let i = 0; i < WARM_RUNS; i++) warm.push(await once());
        const rss = medianOf(warm.map((w) => w.idleRss));
        const row = (until: string, pick: (r: StartRun) => number) => {
          const times = warm.map(pick).sort((a, b) => a - b);
          const median = medianOf(times);
          rows.push([
            label,
            until,
            ms(pick(first)),
            ms(median),
            `${ms(times[0]!)}–${ms(times[times.length - 1]!)}`,
            ms(floor),
            ratio(median, floor),
            mb(rss),
            median < 1500 ? 'met' : 'NOT met',
          ]);
        };
        if (mode === 'shell') row('shell: reply to piped help', (r) => r.ms);
        else {
          row('HTTP: port listening', (r) => r.listenMs!);
          row('HTTP: /healthz answers 200', (r) => r.ms);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  await fake.stop();
  table(
    'Start-up on PGlite (ms) and idle memory',
    [
      'command',
      'until',
      'first run (empty folder)',
      'warm (median)',
      'warm range',
      'anchor: launcher alone',
      'warm ratio',
      'RSS idle (warm)',
      'goal: warm < 1.5 s',
    ],
    rows,
  );
}
