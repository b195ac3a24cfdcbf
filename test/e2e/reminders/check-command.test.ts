import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { executeCommand } from '../../../src/commands/router.ts';
import { describeCheck, runCheck } from '../../../src/reminders/check.ts';
import { translator } from '../../../src/i18n/translator.ts';
import { posterFor } from '../../../src/slack/poster-for.ts';
import { createRuntime, type Runtime } from '../../../src/runtime.ts';
import { engineName, newWorkspaceId, serverUrl } from '../../helpers/db.ts';
import { FakeSlack } from '../../helpers/fake-slack.ts';
import { FAST, quiet } from '../../integration/reminders/setup.ts';

const exec = promisify(execFile);
const ROOT = new URL('../../../', import.meta.url).pathname;

let fake: FakeSlack;
let dir: string;
beforeAll(async () => {
  fake = await new FakeSlack().start();
  dir = mkdtempSync(join(tmpdir(), 'dealclock-check-'));
});
afterAll(async () => {
  await fake?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function env(ws: string, dataDir: string): Record<string, string> {
  return {
    DEALCLOCK_DATA_DIR: dataDir,
    ...(serverUrl ? { DATABASE_URL: serverUrl } : {}),
    DEALCLOCK_WORKSPACE: ws,
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_APP_TOKEN: 'xapp-test-token',
    SLACK_API_URL: fake.apiUrl,
    LOG_LEVEL: 'silent',
    DEALCLOCK_PUBLIC_DATA: 'off',
  };
}

async function runtimeFor(ws: string, dataDir: string): Promise<Runtime> {
  return createRuntime(loadConfig(env(ws, dataDir), ''), { logger: quiet });
}

async function seed(rt: Runtime, channel: string): Promise<void> {
  const ctx = await rt.localContext('2026-02-17');
  for (const text of [`add "Check Project" deal=JP channel=${channel}`, 'select check-project notice=2026-02-17']) {
    const reply = await executeCommand(text, ctx);
    expect(reply.isError).toBeFalsy();
  }
}

describe(`dealclock check (${engineName})`, () => {
  it('posts a date’s reminders once; the same date again posts nothing; --dry-run writes nothing', async () => {
    fake.reset();
    const ws = newWorkspaceId();
    const rt = await runtimeFor(ws, join(dir, 'inproc'));
    try {
      await seed(rt, 'C0CHECK01');
      const out = new PassThrough();
      const dry = await runCheck(rt, { date: '2026-03-11', dryRun: true, output: out });
      expect(dry.wouldPost).toBe(1);
      expect(String(out.read())).toContain('30 business days left');
      expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
      expect((await rt.db.query('SELECT count(*)::int AS n FROM reminder WHERE workspace_id = $1', [ws])).rows[0]!.n).toBe(0);

      const first = await runCheck(rt, { date: '2026-03-11', output: out, sender: FAST, poster: await posterFor(rt.config, rt.logger, out, rt.db) });
      expect(first.sent).toMatchObject({ sent: 1 });
      expect(describeCheck(first, translator('en'))).toContain('posted 1');
      const again = await runCheck(rt, { date: '2026-03-11', output: out, sender: FAST, poster: await posterFor(rt.config, rt.logger, out, rt.db) });
      expect(again.planned.milestones).toBe(0);
      expect(again.sent).toMatchObject({ sent: 0, recovered: 0 });
      expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
      const history = await executeCommand('history check-project', await rt.localContext());
      expect(JSON.stringify(history.blocks)).toContain(String(fake.messages.get('C0CHECK01')![0]!.ts));
    } finally {
      await rt.close();
    }
  }, 120_000);

  it('as separate processes: each date of a clock posts once, and a second run posts nothing', async () => {
    fake.reset();
    const ws = newWorkspaceId();
    const dataDir = join(dir, 'spawned');
    const rt = await runtimeFor(ws, dataDir);
    try {
      await seed(rt, 'C0SPAWN01');
    } finally {
      await rt.close();
    }
    const check = (date: string) =>
      exec(process.execPath, ['--import', 'tsx', 'src/main.ts', 'check', '--date', date], { cwd: ROOT, env: { ...process.env, ...env(ws, dataDir) } });
    // 30 and 15 business days left.
    for (const date of ['2026-03-11', '2026-04-02']) {
      const first = await check(date);
      expect(first.stdout).toContain('posted 1');
      const second = await check(date);
      expect(second.stdout).toContain('posted 0');
    }
    expect(fake.callsTo('chat.postMessage').map((c) => String(c.args.text).split(' — ')[0])).toEqual([
      'Check Project (check-project): 30 business days left',
      'Check Project (check-project): 15 business days left',
    ]);
  }, 180_000);

  it.skipIf(!serverUrl)(
    'three check processes at once against the Postgres server post nothing twice',
    async () => {
      fake.reset();
      const ws = newWorkspaceId();
      const rt = await runtimeFor(ws, join(dir, 'server'));
      try {
        await seed(rt, 'C0THREE01');
      } finally {
        await rt.close();
      }
      const check = () =>
        exec(process.execPath, ['--import', 'tsx', 'src/main.ts', 'check', '--date', '2026-03-11'], {
          cwd: ROOT,
          env: { ...process.env, ...env(ws, join(dir, 'server')) },
        });
      await Promise.all([check(), check(), check()]);
      expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    },
    120_000,
  );
});
