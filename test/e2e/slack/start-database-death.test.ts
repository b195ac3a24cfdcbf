/**
 * `dealclock start` whose embedded database thread dies (its heap running out, a crash):
 * the process must not go on acking commands it can no longer answer. It says so in one
 * error line and exits non-zero, so that a service manager starts a fresh one. The thread
 * is killed from outside (test/helpers/database-thread-killer.mjs terminates it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../helpers/fake-slack.ts';
import { BIN, freePort, postSlashCommand, slackEnv, untilServing, userEnv } from '../../helpers/process.ts';
import { responsesTo } from '../../helpers/slack.ts';

const KILLER = fileURLToPath(new URL('../../helpers/database-thread-killer.mjs', import.meta.url));
const TEAM = 'TTHREADDEATH';
const tmp = mkdtempSync(join(tmpdir(), 'dealclock-thread-death-'));
let fake: FakeSlack;
let child: ChildProcess;
let port: number;
let stderr = '';

const postCommand = (text: string) => postSlashCommand(port, fake, { teamId: TEAM }, text);

beforeAll(async () => {
  fake = await new FakeSlack().start();
  port = await freePort();
  child = spawn(process.execPath, ['--import', KILLER, BIN, 'start'], {
    cwd: tmp,
    env: { ...userEnv(join(tmp, 'data')), ...slackEnv(fake.apiUrl, port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await untilServing(child, port, () => stderr);
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
