import { PassThrough } from 'node:stream';
import { describe, expect } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { createShellPoster } from '../../../src/reminders/poster.ts';
import { startReminderScheduler } from '../../../src/reminders/scheduler.ts';
import type { Runtime } from '../../../src/runtime.ts';
import { engineName, newWorkspaceId } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';
import { FAST, ledger, quiet, run } from './setup.ts';

describe(`reminder scheduler (${engineName})`, () => {
  it('runs a pass at start, prints in the shell without Slack, and stops cleanly', async ({ db }) => {
    const ws = newWorkspaceId();
    await run(db, ws, 'add "Shell Clock" deal=JP');
    await run(db, ws, 'select shell-clock notice=2026-02-17');
    // Midnight as the reminder time: the pass is never gated by the real time of day.
    const config = loadConfig({ DEALCLOCK_REMINDER_TIME: '00:00', LOG_LEVEL: 'silent' }, '');
    const runtime = { config, logger: quiet, db, today: () => '2026-03-11' } as unknown as Runtime;
    const out = new PassThrough();
    const scheduler = startReminderScheduler({ runtime, poster: createShellPoster(out), logger: quiet, sender: FAST, workspaceIds: [ws] });
    await scheduler.runNow();
    await scheduler.runNow();
    await scheduler.stop();
    const printed = String(out.read());
    expect(printed).toContain('── to #shell ──');
    expect(printed.match(/30 business days left/g)!.length).toBeGreaterThanOrEqual(1);
    expect((await ledger(db, ws)).map((r) => [r.milestone, r.status, r.channel_id])).toEqual([['remaining:30', 'sent', 'shell']]);
  });
});
