import { describe, expect } from 'vitest';
import { CalendarRegistry } from '../../../src/calendar/calendars.ts';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { reconcile } from '../../../src/reminders/reconcile.ts';
import { createSender } from '../../../src/reminders/sender.ts';
import { engineName, newWorkspaceId, serverUrl } from '../../helpers/db.ts';
import type { FakeSlack } from '../../helpers/fake-slack.ts';
import { it } from '../../helpers/fixtures.ts';
import { FAST, ledger, quiet, run, settings, slackPoster } from './setup.ts';

const calendar = new CalendarRegistry().get('US-FRB+JP-BANK');
const DAY = '2026-06-10';
const CHANNELS = ['C0REPA001', 'C0REPB001', 'C0REPC001', 'C0REPD001'];

/**
 * A workspace where, on DAY, every project hits a milestone: one per milestone of the
 * list, spread over four channels; plus projects whose earlier milestones were missed
 * (on another calendar, whose last pass ran ten business days ago), which get a catch-up.
 */
async function busyWorkspace(db: Database): Promise<string> {
  const ws = newWorkspaceId();
  const milestones = [30, 15, 10, 5, 3, 2, 1, 0];
  for (let i = 0; i < 16; i++) {
    const n = milestones[i % milestones.length]!;
    // remaining(DAY) = n when the notice is 45 - n open days before DAY.
    const notice = calendar.advance(DAY, -(45 - n));
    await run(db, ws, `add "Replica ${i}" deal=JP channel=${CHANNELS[i % CHANNELS.length]}`, notice);
    await run(db, ws, `select replica-${i} notice=${notice}`, notice);
  }
  for (let i = 0; i < 4; i++) {
    await run(db, ws, `add "Late ${i}" deal=JP calendar=US-FRB channel=${CHANNELS[i]}`, '2026-04-01');
    await run(db, ws, `select late-${i} notice=2026-04-01`, '2026-04-01');
  }
  // The last pass ran yesterday on the joint calendar, ten business days ago on US-FRB.
  await db.query(`INSERT INTO reminder_watermark (workspace_id, calendar_id, reconciled_on) VALUES ($1, 'US-FRB+JP-BANK', $2), ($1, 'US-FRB', $3)`, [
    ws,
    calendar.advance(DAY, -1),
    new CalendarRegistry().get('US-FRB').advance(DAY, -10),
  ]);
  return ws;
}

async function assertOncePerRow(db: Database, fake: FakeSlack, ws: string) {
  const rows = await ledger(db, ws);
  const sent = rows.filter((r) => r.status === 'sent');
  expect(sent.length).toBe(rows.filter((r) => r.kind !== 'milestone' || r.status !== 'merged').length);
  expect(sent.filter((r) => r.kind === 'milestone')).toHaveLength(16);
  expect(sent.filter((r) => r.kind === 'catchup')).toHaveLength(4);
  const byLedger = new Map<number, number>();
  for (const c of fake.callsTo('chat.postMessage')) {
    const id = (c.args.metadata as { event_payload: { ledger_id: number } }).event_payload.ledger_id;
    byLedger.set(id, (byLedger.get(id) ?? 0) + 1);
  }
  for (const r of sent) expect(byLedger.get(r.id), `ledger row ${r.id}`).toBe(1);
  expect(fake.callsTo('chat.postMessage')).toHaveLength(sent.length);
}

describe(`replicas (${engineName})`, () => {
  it('three reconcilers and three senders at once on one database: each reminder posted once', async ({ db, fake }) => {
    fake.reset();
    const ws = await busyWorkspace(db);
    await Promise.all(
      [0, 1, 2].map(async () => {
        await reconcile(db, DAY, null, settings(ws));
        await createSender(db, slackPoster(fake), quiet, { ...FAST, workspaceIds: [ws], batchSize: 3 }).run(DAY);
      }),
    );
    await assertOncePerRow(db, fake, ws);
  });

  it.skipIf(!serverUrl)('three reconcilers and three senders, each with its own pool, against the Postgres server', async ({ db, fake }) => {
    fake.reset();
    const ws = await busyWorkspace(db);
    const pools = await Promise.all([0, 1, 2].map(() => openDatabase({ databaseUrl: serverUrl, dataDir: '', maxConnections: 4 })));
    try {
      await Promise.all(
        pools.map(async (pool) => {
          // Each replica runs the hourly pass twice, racing the others both times.
          for (let pass = 0; pass < 2; pass++) {
            await reconcile(pool, DAY, null, settings(ws));
            await createSender(pool, slackPoster(fake), quiet, { ...FAST, workspaceIds: [ws], batchSize: 2 }).run(DAY);
          }
        }),
      );
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
    await assertOncePerRow(db, fake, ws);
  });
});
