/**
 * A flood of slash commands against the real bot process: `node bin/dealclock.js start`
 * in HTTP mode on the embedded database (on disk, FLOOD_PROJECTS projects), Slack faked
 * here. FLOOD_CLIENTS clients (distinct users) each send the next signed command as soon
 * as the previous one's ack is back, for FLOOD_SECONDS, without waiting for replies.
 *
 * Printed: the bot's resident memory and post-ack queue depth over time; commands acked,
 * answered through their response_url, told "busy" in the ack, told "not run" afterwards,
 * and never answered; /healthz latency during the flood (one probe every 250 ms, 5 s
 * timeout); the exit code after SIGTERM once the flood is over.
 *
 * Goal: RSS under 600 MB, every acked command answered or told it was not run, /healthz
 * answering throughout.
 *
 * Alone: `npx tsx bench/flood.ts` (FLOOD_SECONDS=20 by default, 10 with BENCH_QUICK=1).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { FakeSlack, type FakeSlackCall } from '../test/helpers/fake-slack.ts';
import { BOT_TOKEN, SIGNING_SECRET } from '../test/helpers/slack.ts';
import { freePort, int, mb, ms, note, now, QUICK, seedProjects, summary, table } from './lib.ts';
import { signedSlashCommand } from './load-client.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const TEAM = 'TFLOOD';
const COMMANDS = ['status', 'show project-77', 'list deal=JP'];
const RSS_GOAL = 600 * 1024 * 1024;

const envNumber = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

function rssOf(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

function httpCall(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  signed?: { body: string; headers: Record<string, string> },
  timeoutMs = 30_000,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent, headers: signed?.headers ?? {}, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(signed?.body);
  });
}

/** Where each command is: sent → admitted (empty ack) or told busy; admitted → answered. */
type State = 'sent' | 'admitted' | 'replied';

interface Counts {
  acked: number;
  busyInAck: number;
  answered: number;
  notRunAfterAck: number;
  httpErrors: number;
  unexpectedReplies: number;
}

export async function floodBench(): Promise<void> {
  const seconds = envNumber('FLOOD_SECONDS', QUICK ? 10 : 20);
  const clients = envNumber('FLOOD_CLIENTS', 20);
  const projects = envNumber('FLOOD_PROJECTS', 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'dealclock-flood-'));
  const dataDir = join(dir, 'data');
  try {
    const db = await openDatabase({ dataDir });
    await migrate(db);
    const t0 = now();
    await seedProjects(db, { workspaceId: TEAM, count: projects, runningShare: 0.6 });
    await db.close();
    note(`  [flood] seeded ${int(projects)} projects into the embedded database in ${ms(now() - t0)} ms`);

    const states = new Map<string, State>();
    const counts: Counts = { acked: 0, busyInAck: 0, answered: 0, notRunAfterAck: 0, httpErrors: 0, unexpectedReplies: 0 };
    const fake = await new FakeSlack().start();
    // Keep nothing per call (a flood makes hundreds of thousands): classify the replies.
    fake.calls.push = (...calls: FakeSlackCall[]) => {
      for (const c of calls) {
        if (c.method !== 'response_url') continue;
        const id = c.path!.slice('/respond/'.length);
        const notRun = /did not run|restarted before running/.test(String(c.args.text));
        const state = states.get(id);
        if (state === 'admitted') states.delete(id);
        else if (state === 'sent') states.set(id, 'replied');
        else {
          counts.unexpectedReplies++;
          continue;
        }
        if (notRun) counts.notRunAfterAck++;
        else counts.answered++;
      }
      return 0;
    };

    const port = await freePort();
    const distFresh = (() => {
      try {
        return readFileSync(join(ROOT, 'dist/main.js')).length > 0;
      } catch {
        return false;
      }
    })();
    const child = spawn(process.execPath, [join(ROOT, 'bin/dealclock.js'), 'start'], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DEALCLOCK_DATA_DIR: dataDir,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
        DEALCLOCK_METRICS: 'on',
        LOG_LEVEL: 'error',
        // Reminders stay out of the measurement: no pass plans anything before 23:59 UTC.
        DEALCLOCK_TIMEZONE: 'UTC',
        DEALCLOCK_REMINDER_TIME: '23:59',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const probe = new Agent({ keepAlive: false });
    const up = now();
    for (;;) {
      try {
        if ((await httpCall(probe, port, 'GET', '/healthz', undefined, 2_000)).status === 200) break;
      } catch {
        // not yet
      }
      if (child.exitCode !== null || now() - up > 120_000) throw new Error(`the bot did not start:\n${stderr}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const idleRss = rssOf(child.pid!);

    const send = async (agent: Agent, user: string, text: string) => {
      const command = signedSlashCommand(fake, TEAM, user, text);
      const id = command.responseId;
      states.set(id, 'sent');
      try {
        const res = await httpCall(agent, port, 'POST', '/slack/events', command);
        if (res.status !== 200) {
          counts.httpErrors++;
          states.delete(id);
          return;
        }
        counts.acked++;
        if (/did not run/.test(res.body)) {
          counts.busyInAck++;
          if (states.get(id) === 'replied') counts.unexpectedReplies++;
          states.delete(id);
        } else if (states.get(id) === 'replied') states.delete(id);
        else states.set(id, 'admitted');
      } catch {
        counts.httpErrors++;
        states.delete(id);
      }
    };
    // One warm-up command end to end (Bolt's auth.test, first queries).
    await send(probe, 'U0WARM', 'status');
    while ([...states.values()].includes('admitted')) await new Promise((r) => setTimeout(r, 50));
    Object.assign(counts, { acked: 0, answered: 0 });

    const start = now();
    const until = start + seconds * 1000;
    const healthz: number[] = [];
    let healthzFailures = 0;
    const samples: (string | number)[][] = [];
    let peakRss = 0;
    let peakDepth = 0;
    /** From the bot's own /metrics: queue depth and the main thread's V8 heap in use. */
    const scrape = async () => {
      try {
        const m = (await httpCall(probe, port, 'GET', '/metrics', undefined, 5_000)).body;
        const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(m)?.[1] ?? NaN);
        return { depth: value('dealclock_queue_depth'), heap: value('nodejs_heap_size_used_bytes') };
      } catch {
        return { depth: NaN, heap: NaN };
      }
    };
    let windowHealthz: number[] = [];
    const sampler = (async () => {
      let next = start;
      while (now() < until + 1000) {
        next += 2_000;
        await new Promise((r) => setTimeout(r, Math.max(0, next - now())));
        const rss = rssOf(child.pid!);
        const { depth: d, heap } = await scrape();
        peakRss = Math.max(peakRss, rss);
        if (Number.isFinite(d)) peakDepth = Math.max(peakDepth, d);
        const h = summary(windowHealthz);
        windowHealthz = [];
        samples.push([
          ((now() - start) / 1000).toFixed(0),
          mb(rss),
          Number.isFinite(heap) ? mb(heap) : '–',
          Number.isFinite(d) ? d : '–',
          int(counts.acked),
          int(counts.busyInAck),
          int(counts.answered),
          int(counts.notRunAfterAck),
          ms(h.p50),
          ms(h.max),
        ]);
      }
    })();
    const rssTicker = setInterval(() => (peakRss = Math.max(peakRss, rssOf(child.pid!))), 250);
    const healthProbe = (async () => {
      while (now() < until) {
        const t = now();
        try {
          const res = await httpCall(probe, port, 'GET', '/healthz', undefined, 5_000);
          if (res.status === 200) {
            healthz.push(now() - t);
            windowHealthz.push(now() - t);
          } else healthzFailures++;
        } catch {
          healthzFailures++;
        }
        await new Promise((r) => setTimeout(r, Math.max(0, 250 - (now() - t))));
      }
    })();
    await Promise.all(
      Array.from({ length: clients }, async (_, i) => {
        const agent = new Agent({ keepAlive: false });
        for (let n = i; now() < until; n++) await send(agent, `U0FLOOD${i}`, COMMANDS[n % COMMANDS.length]!);
        agent.destroy();
      }),
    );
    const floodMs = now() - start;
    await healthProbe;
    await sampler;
    const acked = counts.acked;
    // Everything admitted is answered or told within the age bound (120 s) of its ack.
    const drainStart = now();
    while ([...states.values()].includes('admitted') && now() - drainStart < 150_000) await new Promise((r) => setTimeout(r, 250));
    const drainMs = now() - drainStart;
    const unanswered = () => [...states.values()].filter((s) => s === 'admitted').length;
    const waitingAtStop = unanswered();
    const beforeStop = { answered: counts.answered, notRun: counts.notRunAfterAck };
    clearInterval(rssTicker);
    const endRss = rssOf(child.pid!);
    // SIGTERM: what was still waiting is run within the drain time or told it was not.
    child.kill('SIGTERM');
    const code = await exited;
    const never = unanswered();
    await fake.stop();

    table(
      `The bot's memory and queue during the flood (${clients} clients, ${int(projects)} projects, every 2 s; counts cumulative)`,
      ['t (s)', 'RSS', 'main heap used', 'queue depth', 'acked', 'busy in ack', 'answered', 'not run (after ack)', '/healthz p50 ms', '/healthz max ms'],
      samples,
    );
    const h = summary(healthz);
    table(
      'Flood totals',
      [
        'seconds',
        'clients',
        'projects',
        'acked',
        'acks/s',
        'busy in ack',
        'answered',
        'not run after ack',
        'waited after flood',
        'unanswered at SIGTERM',
        'answered / told during shutdown',
        'never answered',
        'exit code',
        'HTTP errors',
      ],
      [
        [
          (floodMs / 1000).toFixed(1),
          clients,
          int(projects),
          int(acked),
          int(acked / (floodMs / 1000)),
          int(counts.busyInAck),
          int(beforeStop.answered),
          int(beforeStop.notRun),
          `${(drainMs / 1000).toFixed(1)} s`,
          int(waitingAtStop),
          `${int(counts.answered - beforeStop.answered)} / ${int(counts.notRunAfterAck - beforeStop.notRun)}`,
          int(never),
          String(code),
          int(counts.httpErrors),
        ],
      ],
    );
    table(
      'Memory (flood and the wait after it) and /healthz during the flood (ms)',
      ['idle RSS', 'peak RSS', 'RSS at SIGTERM', '/healthz n', 'p50', 'p99', 'max', 'failed (5 s timeout)'],
      [[mb(idleRss), mb(peakRss), mb(endRss), h.n, ms(h.p50), ms(h.p99), ms(h.max), healthzFailures]],
    );
    const accounted = counts.busyInAck + counts.answered + counts.notRunAfterAck + never === acked;
    if (!accounted) note(`  [flood] accounting does not add up: ${JSON.stringify({ ackedInFlood: acked, ...counts, never })}`);
    const met = peakRss < RSS_GOAL && never === 0 && counts.unexpectedReplies === 0 && accounted && healthzFailures === 0;
    note(
      `  [flood] peak queue depth seen ${Number.isFinite(peakDepth) ? peakDepth : '–'}; replies not matching an admitted command: ${counts.unexpectedReplies}; ${distFresh ? 'dist/ present (bin/dealclock.js runs it when newer than src/)' : 'no dist/: the bot runs from src/ through tsx'}`,
    );
    note(
      `Flood goal (peak RSS < ${mb(RSS_GOAL)}, every acked command answered or told it was not run, /healthz answering): ${met ? 'met' : 'NOT met'} — peak ${mb(peakRss)}, never answered ${never}, /healthz failures ${healthzFailures}.`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await floodBench();
  process.exit(0);
}
