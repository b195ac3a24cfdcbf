/**
 * `dealclock start` whose embedded database thread dies (its heap running out, a crash):
 * the process must not go on acking commands it can no longer answer. It says so in one
 * error line and exits non-zero, so that a service manager starts a fresh one. The thread
 * is killed from outside (test/helpers/database-thread-killer.mjs terminates it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../helpers/fake-slack.ts';
import { BOT_TOKEN, responsesTo, SIGNING_SECRET, slashCommand } from '../../helpers/slack.ts';

const BIN = fileURLToPath(new URL('../../../bin/dealclock.js', import.meta.url));
const KILLER = fileURLToPath(new URL('../../helpers/database-thread-killer.mjs', import.meta.url));
const TEAM = 'TTHREADDEATH';
const tmp = mkdtempSync(join(tmpdir(), 'dealclock-thread-death-'));
let fake: FakeSlack;
let child: ChildProcess;
let port: number;
let stderr = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
    srv.on('error', reject);
  });
}

async function postCommand(text: string) {
  const { body: fields, responseId } = slashCommand(fake, { teamId: TEAM }, text);
  const body = new URLSearchParams(fields).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = 'v0=' + createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex');
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      connection: 'close',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature,
    },
    body,
  });
  return { res, responseId };
}

beforeAll(async () => {
  fake = await new FakeSlack().start();
  port = await freePort();
  child = spawn(process.execPath, ['--import', KILLER, BIN, 'start'], {
    cwd: tmp,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DEALCLOCK_DATA_DIR: join(tmp, 'data'),
      DEALCLOCK_PUBLIC_DATA: 'off',
      LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`dealclock start did not come up:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}, 180_000);

afterAll(async () => {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
  }
  await fake?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('dealclock start when its database thread dies', () => {
  it('answers while the thread lives, then logs one error line and exits 1', async () => {
    const { res, responseId } = await postCommand('status');
    expect(res.status).toBe(200);
    await expect.poll(() => responsesTo(fake, responseId).length, { timeout: 10_000 }).toBe(1);

    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGUSR2');
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running 20 s after its database thread died'), 20_000))]);
    expect(code).toBe(1);

    const errors = stderr.split('\n').filter((line) => line.includes('"level":"error"'));
    expect(errors).toHaveLength(1);
    const line = JSON.parse(errors[0]!) as { msg: string; error: string };
    expect(line.msg).toMatch(/embedded database thread died; exiting/);
    expect(line.error).toMatch(/the database thread exited \(code 1\)/);
    // Nothing acks any more.
    await expect(postCommand('status')).rejects.toThrow();
  }, 60_000);
});
