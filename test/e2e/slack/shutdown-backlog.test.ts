/**
 * SIGTERM to `dealclock start` (HTTP mode, a real process) with a backlog of acked
 * commands: it drains for DEALCLOCK_SHUTDOWN_DRAIN_SECONDS, then tells every command
 * still waiting through its response_url that the bot restarted before running it, and
 * exits 3 (work not run) instead of 0. Every acked command gets exactly one answer.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FakeSlack } from '../../helpers/fake-slack.ts';
import { BIN, freePort, postSlashCommand, slackEnv, untilServing, userEnv } from '../../helpers/process.ts';
import { responsesTo } from '../../helpers/slack.ts';

const TEAM = 'TBACKLOG';
const tmp = mkdtempSync(join(tmpdir(), 'dealclock-backlog-'));
let fake: FakeSlack;
let child: ChildProcess | undefined;
let port: number;
let stderr = '';

// The test adds its own Texas GulfLink (userEnv leaves the public pipeline, which holds one, off).
const env = (): NodeJS.ProcessEnv => userEnv(join(tmp, 'data'));

async function postCommand(text: string, userId: string) {
  const { res, responseId } = await postSlashCommand(port, fake, { teamId: TEAM, userId }, text);
  return { status: res.status, ack: await res.text(), responseId };
}

beforeAll(async () => {
  fake = await new FakeSlack().start();
  await promisify(execFile)(process.execPath, [BIN, 'run', 'add "Texas GulfLink" deal=JP cost=2.1B'], {
    cwd: tmp,
    env: { ...env(), DEALCLOCK_WORKSPACE: TEAM },
  });
  port = await freePort();
  child = spawn(process.execPath, [BIN, 'start'], {
    cwd: tmp,
    env: { ...env(), ...slackEnv(fake.apiUrl, port), DEALCLOCK_SHUTDOWN_DRAIN_SECONDS: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 90_000;
  await untilServing(child, port, () => stderr);
  // One command end to end first: Bolt's auth.test and the code paths are warm.
  const warm = await postCommand('show texas-gulflink', 'U0WARM');
  while (responsesTo(fake, warm.responseId).length === 0) {
    if (Date.now() > deadline) throw new Error(`no reply to the first command:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}, 180_000);

afterAll(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await fake?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

it('tells the queued commands the bot restarted before running them, and exits 3', async () => {
  // Every reply now takes 1.5 s to be taken: two commands hold the slots, the rest wait.
  fake.latencyMs = 1500;
  const sent = await Promise.all(Array.from({ length: 10 }, (_, i) => postCommand('show texas-gulflink', `U0USER${i}`)));
  for (const s of sent) {
    expect(s.status).toBe(200);
    expect(s.ack, 'admitted, not told "busy"').toBe('');
  }
  const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
  child!.kill('SIGTERM');
  const code = await exited;
  fake.latencyMs = 0;

  expect(code, stderr).toBe(3);
  let restarted = 0;
  let cards = 0;
  for (const s of sent) {
    const replies = responsesTo(fake, s.responseId);
    expect(replies, 'each acked command is answered exactly once').toHaveLength(1);
    const text = String(replies[0]!.args.text);
    if (text.includes('The bot restarted before running this; nothing was changed — please send it again.')) restarted++;
    else if (text.includes('texas-gulflink')) cards++;
  }
  expect(restarted + cards).toBe(10);
  expect(restarted).toBeGreaterThanOrEqual(10 - 2 * 2);
  expect(stderr).toContain('slack: stopped with work not done');
  expect(stderr).toMatch(/"notRun":\d+/);
}, 60_000);
