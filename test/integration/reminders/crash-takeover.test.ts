/**
 * A process killed during a reminder pass leaves its claimed rows 'sending'. On the
 * embedded database the folder lock proves the claimer is gone, so the restarted process
 * takes them over once a post the dead one had in flight has settled, not after the
 * 5-minute lease. On a server another replica may still be posting them, so they wait
 * out the lease there.
 */
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Database } from '../../../src/db/database.ts';
import { openMemoryDatabase } from '../../../src/db/database.ts';
import { migrate } from '../../../src/db/migrate.ts';
import { reconcile } from '../../../src/reminders/reconcile.ts';
import { startReminderScheduler } from '../../../src/reminders/scheduler.ts';
import { createSender } from '../../../src/reminders/sender.ts';
import { engineName, newWorkspaceId } from '../../helpers/db.ts';
import type { FakeSlack } from '../../helpers/fake-slack.ts';
import { it } from '../../helpers/fixtures.ts';
import { slackConfig, testRuntime } from '../../helpers/slack.ts';
import { FAST, ledger, posts, quiet, run, settings, slackPoster } from './setup.ts';

/** An embedded database of this test's own (the scheduler case), whatever TEST_DATABASE_URL says. */
let memory: Database;
beforeAll(async () => {
  memory = await openMemoryDatabase();
  await migrate(memory);
});
afterAll(async () => {
  await memory?.close();
});

// 30 business days before the 2026-04-23 due date of a 2026-02-17 JP notice.
const DAY = '2026-03-11';
class Crash extends Error {}

async function plannedAndCrashed(fake: FakeSlack, q: Database, channel: string): Promise<string> {
  const ws = newWorkspaceId();
  await run(q, ws, `add "Project ${channel}" deal=JP channel=${channel}`);
  await run(q, ws, `select project-${channel.toLowerCase()} notice=2026-02-17`);
  expect((await reconcile(q, DAY, null, settings(ws))).milestones).toBe(1);
  const dying = createSender(q, slackPoster(fake), quiet, {
    ...FAST,
    workspaceIds: [ws],
    hooks: {
      afterClaim: () => {
        throw new Crash('kill -9 after claiming');
      },
    },
  });
  await expect(dying.run(DAY)).rejects.toBeInstanceOf(Crash);
  expect((await ledger(q, ws))[0]).toMatchObject({ status: 'sending' });
  return ws;
}

describe('claims left by a killed process', () => {
  it('the embedded database says no other process can be using it since it opened', () => {
    expect(memory.exclusiveSince).toBeInstanceOf(Date);
  });

  it(`are taken over by the restarted process ~settle time after its start when its predecessor is provably gone (${engineName})`, async ({ db, fake }) => {
    fake.reset();
    const ws = await plannedAndCrashed(fake, db, 'C0TAKEA1');
    // The restart: everything claimed before this moment was claimed by a dead process.
    const restartedAt = new Date();
    const options = { ...FAST, ambiguousSettleMs: 300, workspaceIds: [ws], predecessorGoneSince: restartedAt };
    // Not before a post the dead process may have had in flight could have landed.
    expect(await createSender(db, slackPoster(fake), quiet, options).run(DAY)).toMatchObject({ sent: 0 });
    await new Promise((r) => setTimeout(r, 350));
    // The default lease (5 minutes) has not run out; the take-over does not wait for it.
    expect(await createSender(db, slackPoster(fake), quiet, options).run(DAY)).toMatchObject({ sent: 1 });
    expect(posts(fake, 'C0TAKEA1')).toHaveLength(1);
    expect((await ledger(db, ws))[0]).toMatchObject({ status: 'sent' });
  });

  it('are left to their lease when no one can prove the claimer is gone (a server with replicas)', async ({ db, fake }) => {
    fake.reset();
    const ws = await plannedAndCrashed(fake, db, 'C0TAKEB1');
    await new Promise((r) => setTimeout(r, 350));
    expect(await createSender(db, slackPoster(fake), quiet, { ...FAST, ambiguousSettleMs: 300, workspaceIds: [ws] }).run(DAY)).toMatchObject({ sent: 0 });
    expect(posts(fake, 'C0TAKEB1')).toHaveLength(0);
    // A claim made after the restart is a live one, whatever the restart proves.
    const beforeCrash = new Date(Date.now() - 60_000);
    expect(
      await createSender(db, slackPoster(fake), quiet, { ...FAST, ambiguousSettleMs: 0, workspaceIds: [ws], predecessorGoneSince: beforeCrash }).run(DAY),
    ).toMatchObject({ sent: 0 });
  });

  it('the scheduler of a process on the embedded database takes them over by itself, without waiting for the next minute', async ({ fake }) => {
    fake.reset();
    const ws = await plannedAndCrashed(fake, memory, 'C0TAKEC1');
    // The restarted process: its database was opened after the crash.
    const restarted: Database = { ...memory, exclusiveSince: new Date() };
    const runtime = testRuntime(restarted, slackConfig(fake), { today: DAY });
    const scheduler = startReminderScheduler({ runtime, poster: slackPoster(fake), workspaceIds: [ws], sender: { ...FAST, ambiguousSettleMs: 500 } });
    try {
      await expect.poll(() => posts(fake, 'C0TAKEC1').length, { timeout: 5_000, interval: 100 }).toBe(1);
    } finally {
      await scheduler.stop();
    }
    expect((await ledger(memory, ws))[0]).toMatchObject({ status: 'sent' });
  });
});
