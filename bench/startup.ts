/**
 * Start-up and memory of the real command: `npm start` (and `node bin/dealclock.js start`
 * without npm) with no Slack credentials, to the first reply to a piped `help` (the
 * shell); and with fake Slack credentials, PORT and SLACK_API_URL, to /healthz answering.
 * First run on an empty data folder, then warm. Resident memory of the bot process idle.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
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
  idleRss: number;
}

async function startShell(cmd: string[], dataDir: string): Promise<StartRun> {
  const env = { ...process.env, DEALCLOCK_DATA_DIR: dataDir, LOG_LEVEL: 'warn', SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', SLACK_SIGNING_SECRET: '', DATABASE_URL: '' };
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
  const env = { ...process.env, DEALCLOCK_DATA_DIR: dataDir, LOG_LEVEL: 'warn', SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: '', SLACK_API_URL: apiUrl, PORT: String(port), DATABASE_URL: '' };
  const t0 = now();
  const child = spawn(cmd[0]!, cmd.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  let exited = false;
  child.once('exit', () => (exited = true));
  let elapsed = NaN;
  for (;;) {
    if (exited) throw new Error(`the bot exited before listening: ${err.slice(0, 300)}`);
    if (await healthz(port)) {
      elapsed = now() - t0;
      break;
    }
    if (now() - t0 > 60_000) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  await new Promise((r) => setTimeout(r, 300));
  const idleRss = treeRss(child.pid!);
  const done = new Promise((r) => (exited ? r(undefined) : child.once('exit', r)));
  // The whole group this benchmark started (npm → sh → node).
  process.kill(-child.pid!, 'SIGTERM');
  await done;
  return { ms: elapsed, idleRss };
}

export async function startupBench(): Promise<void> {
  const fake = await new FakeSlack().start();
  const rows: (string | number)[][] = [];
  const variants: [string, string[]][] = [
    ['npm start', ['npm', 'start', '--silent']],
    ['node bin/dealclock.js start', [process.execPath, 'bin/dealclock.js', 'start']],
  ];
  // The anchor: a bare node process that prints and exits (the runtime's own floor).
  const n0 = now();
  await new Promise((r) => spawn(process.execPath, ['-e', 'process.stdout.write("x")'], { stdio: 'ignore' }).once('exit', r));
  const nodeFloor = now() - n0;
  for (const [label, cmd] of variants) {
    for (const mode of ['shell', 'http'] as const) {
      const dir = mkdtempSync(join(tmpdir(), 'dealclock-bench-start-'));
      try {
        const first = mode === 'shell' ? await startShell(cmd, join(dir, 'data')) : await startHttp(cmd, join(dir, 'data'), fake.apiUrl);
        const warm = mode === 'shell' ? await startShell(cmd, join(dir, 'data')) : await startHttp(cmd, join(dir, 'data'), fake.apiUrl);
        rows.push([label, mode === 'shell' ? 'shell: reply to piped help' : 'HTTP: /healthz answers', ms(first.ms), ms(warm.ms), ms(nodeFloor), ratio(warm.ms, nodeFloor), mb(warm.idleRss), warm.ms < 1500 ? 'met' : 'NOT met']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  await fake.stop();
  table('Start-up on PGlite (ms) and idle memory', ['command', 'until', 'first run (empty folder)', 'warm', 'anchor: bare node -e', 'warm ratio', 'RSS idle (warm)', 'goal: warm < 1.5 s'], rows);
}
