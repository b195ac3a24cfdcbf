/**
 * Tried as a new user would: `dealclock start` with Slack variables serves
 * HTTP, answers a signed slash command within Slack's 3 seconds, delivers the card to the
 * response_url, shares `list share` in the channel, and refuses a badly signed request.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../helpers/fake-slack.ts';
import { BIN, freePort, postSlashCommand, slackEnv, untilServing, userEnv } from '../../helpers/process.ts';
import { BOT_TOKEN, responsesTo, SIGNING_SECRET } from '../../helpers/slack.ts';
import { TcpProxy } from '../../helpers/tcp-proxy.ts';

const TEAM = 'TDONEWHEN';
const tmp = mkdtempSync(join(tmpdir(), 'dealclock-start-'));
let fake: FakeSlack;
let child: ChildProcess | undefined;
let port: number;
let stderr = '';

const baseEnv = () => userEnv(join(tmp, 'data'));

const postCommand = (text: string, secret?: string) => postSlashCommand(port, fake, { teamId: TEAM }, text, { secret });

beforeAll(async () => {
  fake = await new FakeSlack().start();
  const run = promisify(execFile);
  await run(process.execPath, [BIN, 'run', 'add "Texas GulfLink" deal=JP cost=2.1B sector=energy'], {
    cwd: tmp,
    env: { ...baseEnv(), DEALCLOCK_WORKSPACE: TEAM },
  });
  await run(process.execPath, [BIN, 'run', 'select texas-gulflink notice=2026-02-17'], { cwd: tmp, env: { ...baseEnv(), DEALCLOCK_WORKSPACE: TEAM } });
  port = await freePort();
  child = spawn(process.execPath, [BIN, 'start'], {
    cwd: tmp,
    env: { ...baseEnv(), ...slackEnv(fake.apiUrl, port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await untilServing(child, port, () => stderr);
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }
  await fake?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('dealclock start with Slack variables (HTTP)', () => {
  it('serves /healthz', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await res.json()).toEqual({ ok: true, database: 'up' });
  });

  it('answers a signed `/invest show texas-gulflink` with 200 well under 3 s; the card reaches response_url', async () => {
    const { res, ms, responseId } = await postCommand('show texas-gulflink');
    expect(res.status).toBe(200);
    expect(ms).toBeLessThan(1500);
    await expect.poll(() => responsesTo(fake, responseId).length, { timeout: 10_000 }).toBe(1);
    const reply = responsesTo(fake, responseId)[0]!.args as { response_type: string; blocks: { type: string }[]; text: string };
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.blocks[0]!.type).toBe('header');
    expect(JSON.stringify(reply.blocks)).toContain('Thu 2026-04-23');
  });

  it('`/invest list share` reaches the fake as an in_channel response', async () => {
    const { res, responseId } = await postCommand('list share');
    expect(res.status).toBe(200);
    await expect.poll(() => responsesTo(fake, responseId).length, { timeout: 10_000 }).toBe(1);
    const reply = responsesTo(fake, responseId)[0]!.args as { response_type: string; text: string };
    expect(reply.response_type).toBe('in_channel');
    expect(JSON.stringify(reply)).toContain('texas-gulflink');
  });

  it('a badly signed request gets 401', async () => {
    const before = fake.calls.length;
    const { res } = await postCommand('show texas-gulflink', 'not-the-secret-00000000000000000');
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.calls.length).toBe(before);
  });

  it('never logs a token or the signing secret', () => {
    expect(stderr).not.toContain(BOT_TOKEN);
    expect(stderr).not.toContain(SIGNING_SECRET);
    expect(stderr).toContain('slack: serving HTTP');
  });

  it('stops cleanly on SIGTERM', async () => {
    child!.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child!.once('exit', (c) => r(c)));
    expect(code).toBe(0);
  });
});

describe('dealclock start while Slack is unreachable', () => {
  const signedCommandTo = (httpPort: number) => postSlashCommand(httpPort, fake, { teamId: TEAM }, 'show texas-gulflink');

  function startWithSlackAt(apiPort: number, dataDir: string) {
    return freePort().then((httpPort) => {
      const proc = spawn(process.execPath, [BIN, 'start'], {
        cwd: tmp,
        env: { ...userEnv(join(tmp, dataDir)), ...slackEnv(`http://127.0.0.1:${apiPort}/api/`, httpPort) },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let log = '';
      proc.stderr!.on('data', (d: Buffer) => (log += d.toString()));
      const exited = new Promise<number | null>((r) => proc.once('exit', (c) => r(c)));
      return { proc, httpPort, log: () => log, exited };
    });
  }

  it('answers 503 with Retry-After (never 404) until Slack answers, and still stops on SIGTERM without waiting out retries', async () => {
    const p = await startWithSlackAt(await freePort(), 'unreachable');
    try {
      // auth.test fails and is tried again every few seconds while the HTTP server answers.
      await expect
        .poll(() => p.log().includes('slack: Web API not reachable yet') && p.log().includes('fetch failed'), { timeout: 90_000, interval: 250 })
        .toBe(true);
      const { res, ms } = await signedCommandTo(p.httpPort);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(ms).toBeLessThan(1_000);
      const health = await fetch(`http://127.0.0.1:${p.httpPort}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ ok: false, starting: true, database: 'up', slack: 'waiting' });
      p.proc.kill('SIGTERM');
      const code = await Promise.race([p.exited, new Promise<string>((r) => setTimeout(() => r('still running 30 s after SIGTERM'), 30_000))]);
      expect(code).toBe(0);
    } finally {
      if (p.proc.exitCode === null) p.proc.kill('SIGKILL');
    }
  }, 150_000);

  it('serves within seconds of Slack coming back (not at the Web API client’s next scheduled retry)', async () => {
    const proxy = new TcpProxy(await freePort(), { host: '127.0.0.1', port: Number(new URL(fake.url).port) });
    const p = await startWithSlackAt(proxy.port, 'comes-back');
    try {
      await expect.poll(() => p.log().includes('slack: Web API not reachable yet'), { timeout: 90_000, interval: 250 }).toBe(true);
      // Long enough for several tries to fail first.
      await new Promise((r) => setTimeout(r, 6_000));
      expect((await signedCommandTo(p.httpPort)).res.status).toBe(503);
      await proxy.open();
      const opened = Date.now();
      await expect.poll(async () => (await fetch(`http://127.0.0.1:${p.httpPort}/healthz`)).status, { timeout: 30_000, interval: 200 }).toBe(200);
      // The pause between tries is at most 5 s.
      expect(Date.now() - opened).toBeLessThan(8_000);
      const { res, responseId } = await signedCommandTo(p.httpPort);
      expect(res.status).toBe(200);
      await expect.poll(() => responsesTo(fake, responseId).length, { timeout: 10_000 }).toBe(1);
      p.proc.kill('SIGTERM');
      expect(await p.exited).toBe(0);
    } finally {
      if (p.proc.exitCode === null) p.proc.kill('SIGKILL');
      await proxy.close();
    }
  }, 150_000);
});
