/**
 * `dealclock start` against a database server that is not up yet: it waits (bounded,
 * logged, no secrets), answers /healthz with 503 within a second meanwhile, and comes up
 * by itself when the server does. The late server is a loopback proxy in front of the
 * test server (TEST_DATABASE_URL) that is not listening at first, then forwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOwnTestDatabase, serverUrl } from '../../helpers/db.ts';
import { FakeSlack } from '../../helpers/fake-slack.ts';
import { BIN, freePort, postSigned, slackEnv } from '../../helpers/process.ts';
import { TcpProxy, targetOf, viaProxy } from '../../helpers/tcp-proxy.ts';

const DB_PASSWORD = 'Sup3rSecretPw';
const tmp = mkdtempSync(join(tmpdir(), 'dealclock-late-db-'));
let fake: FakeSlack;

beforeAll(async () => {
  fake = await new FakeSlack().start();
});
afterAll(async () => {
  await fake?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

interface Started {
  proc: ChildProcess;
  port: number;
  log: () => string;
  exited: Promise<number | null>;
}

async function startDealclock(databaseUrl: string, env: Record<string, string> = {}): Promise<Started> {
  const port = await freePort();
  const proc = spawn(process.execPath, [BIN, 'start'], {
    cwd: tmp,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: 'info',
      DATABASE_URL: databaseUrl,
      ...slackEnv(fake.apiUrl, port),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  proc.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, port, log: () => log, exited };
}

async function healthz(port: number): Promise<{ status: number; ms: number; body: Record<string, unknown> }> {
  const started = Date.now();
  const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5_000) });
  return { status: res.status, ms: Date.now() - started, body: (await res.json()) as Record<string, unknown> };
}

/** Waits for the port to answer at all (the process loads in a few seconds). */
async function listening(s: Started): Promise<void> {
  await expect
    .poll(
      async () => {
        if (s.proc.exitCode !== null) throw new Error(`dealclock start exited (${s.proc.exitCode}):\n${s.log()}`);
        return healthz(s.port).then(
          () => true,
          () => false,
        );
      },
      { timeout: 60_000, interval: 100 },
    )
    .toBe(true);
}

async function stop(s: Started): Promise<number | null> {
  if (s.proc.exitCode !== null) return s.proc.exitCode;
  s.proc.kill('SIGTERM');
  const code = await Promise.race([s.exited, new Promise<string>((r) => setTimeout(() => r('still running 15 s after SIGTERM'), 15_000))]);
  if (s.proc.exitCode === null) s.proc.kill('SIGKILL');
  return code as number | null;
}

const signedPost = (port: number, body: string) => postSigned(port, body, { timeoutMs: 5_000 });

describe('dealclock start with nothing listening at DATABASE_URL', () => {
  it('waits: /healthz 503 within a second throughout, Slack routes 503 with Retry-After, each attempt logged without the password; SIGTERM stops it with 0', async () => {
    const s = await startDealclock(`postgres://dealclock:${DB_PASSWORD}@127.0.0.1:${await freePort()}/dealclock`, { DEALCLOCK_DB_START_WAIT_SECONDS: '120' });
    try {
      await listening(s);
      const until = Date.now() + 4_000;
      while (Date.now() < until) {
        const h = await healthz(s.port);
        expect(h.status).toBe(503);
        expect(h.ms).toBeLessThan(1_000);
        expect(h.body).toEqual({ ok: false, starting: true, database: 'waiting', slack: 'waiting' });
        await new Promise((r) => setTimeout(r, 250));
      }
      const res = await signedPost(s.port, 'command=%2Finvest&text=list');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      const attempts = s
        .log()
        .split('\n')
        .filter((l) => l.includes('database: not reachable yet; retrying'));
      expect(attempts.length).toBeGreaterThanOrEqual(2);
      expect(attempts[0]).toContain('ECONNREFUSED');
      expect(attempts[0]).toContain('"server":"127.0.0.1:');
      expect(s.log()).not.toContain(DB_PASSWORD);
      expect(await stop(s)).toBe(0);
    } finally {
      await stop(s);
    }
  }, 120_000);

  it('gives up after DEALCLOCK_DB_START_WAIT_SECONDS with one line naming the wait, and exits 1', async () => {
    const s = await startDealclock(`postgres://dealclock:${DB_PASSWORD}@127.0.0.1:${await freePort()}/dealclock`, { DEALCLOCK_DB_START_WAIT_SECONDS: '2' });
    try {
      const code = await Promise.race([s.exited, new Promise<string>((r) => setTimeout(() => r('still running after 60 s'), 60_000))]);
      expect(code).toBe(1);
      expect(s.log()).toMatch(/did not become reachable within \d+ s/);
      expect(s.log()).not.toContain(DB_PASSWORD);
    } finally {
      await stop(s);
    }
  }, 90_000);
});

describe.skipIf(!serverUrl)('dealclock start with a database server that comes up 6 s later', () => {
  it('comes up by itself once the server is there; /healthz answers within a second throughout', async () => {
    // A database of its own: the bot's reminder pass covers every workspace in it, and must
    // neither touch other files' reminders nor wait on theirs when told to stop.
    const own = await openOwnTestDatabase({ migrated: false });
    const proxy = new TcpProxy(await freePort(), targetOf(own.url!));
    const s = await startDealclock(viaProxy(own.url!, proxy.port), { DEALCLOCK_DB_START_WAIT_SECONDS: '120' });
    try {
      await listening(s);
      const opensAt = Date.now() + 6_000;
      let opened: number | undefined;
      let ready: number | undefined;
      while (ready === undefined && Date.now() < opensAt + 30_000) {
        if (opened === undefined && Date.now() >= opensAt) {
          await proxy.open();
          opened = Date.now();
        }
        const h = await healthz(s.port);
        expect(h.ms).toBeLessThan(1_000);
        if (h.status === 200) {
          expect(opened, 'healthy before the server was up').toBeDefined();
          expect(h.body).toEqual({ ok: true, database: 'up' });
          ready = Date.now();
        } else expect(h.status).toBe(503);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(ready, `not ready 30 s after the server came up:\n${s.log()}`).toBeDefined();
      // The pause between attempts is at most 5 s; migrations and Slack's auth.test follow.
      expect(ready! - opened!).toBeLessThan(15_000);
      expect(s.log()).toContain('slack: serving HTTP');
      expect(await stop(s)).toBe(0);
    } finally {
      await stop(s);
      await proxy.close();
      await own.db.close();
    }
  }, 120_000);
});
