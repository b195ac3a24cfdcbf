import { describe, expect } from 'vitest';
import type { Database } from '../../../src/db/database.ts';
import { executeCommand } from '../../../src/commands/router.ts';
import { reconcile } from '../../../src/reminders/reconcile.ts';
import { createSender } from '../../../src/reminders/sender.ts';
import { renderText } from '../../../src/replies/render-text.ts';
import { engineName, newWorkspaceId, testContext } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';
import { checkDay, days, FAST, ledger, posts, quiet, run, settings, slackPoster } from './setup.ts';

/** A command typed in a Slack channel. */
async function inChannel(db: Database, ws: string, channelId: string, text: string, today = '2026-03-02') {
  const reply = await executeCommand(text, testContext(db, { workspaceId: ws, channelId, source: 'slack', today }));
  return { reply, out: renderText(reply) };
}

async function workspaceWithClocks(db: Database): Promise<string> {
  const ws = newWorkspaceId();
  await run(db, ws, 'add "Texas GulfLink" deal=JP channel=C0PROJJP1');
  await run(db, ws, 'select texas notice=2026-02-17');
  await run(db, ws, 'add "Ulsan Yards" deal=KR channel=C0PROJKR1');
  await run(db, ws, 'select ulsan notice=2026-02-20');
  await run(db, ws, 'add "Done Deal" deal=JP');
  await run(db, ws, 'select done-deal notice=2026-02-17');
  return ws;
}

describe(`digests (${engineName})`, () => {
  it('daily: one per business day however often the pass runs; lists what was funded since the last one', async ({ db, fake }) => {
    fake.reset();
    const ws = await workspaceWithClocks(db);
    expect((await inChannel(db, ws, 'C0DAILY01', 'subscribe daily')).out).toContain('daily');
    // Mon 2026-03-02 … Sun 2026-03-08: five business days.
    for (const day of days('2026-03-02', '2026-03-08')) {
      if (day === '2026-03-04') await run(db, ws, 'fund done-deal on=2026-03-04', day);
      await checkDay(db, ws, slackPoster(fake), day);
      await checkDay(db, ws, slackPoster(fake), day);
    }
    const digests = posts(fake, 'C0DAILY01');
    expect(digests).toHaveLength(5);
    const rows = (await ledger(db, ws)).filter((r) => r.kind === 'digest');
    expect(rows.map((r) => r.period)).toEqual(['day:2026-03-02', 'day:2026-03-03', 'day:2026-03-04', 'day:2026-03-05', 'day:2026-03-06']);
    // Funded on Wednesday (before Wednesday's digest went out): in Wednesday's, not Thursday's.
    expect(digests[2]!.text).toContain('funded or declined since the last digest');
    expect(digests[3]!.text).not.toContain('funded or declined');
    expect(digests[0]!.text).toContain('3 running clocks');
    expect(digests[3]!.text).toContain('2 running clocks');
  });

  it('weekly on a weekday, for one deal; nothing running is one line', async ({ db, fake }) => {
    fake.reset();
    const ws = await workspaceWithClocks(db);
    expect((await inChannel(db, ws, 'C0WEEKLY1', 'subscribe weekly wed deal=KR')).out).toContain('weekly on Wednesday, deal KR');
    expect((await inChannel(db, ws, 'C0WEEKLY1', 'subscribe weekly sunday')).reply.isError).toBe(true);
    for (const day of days('2026-03-02', '2026-03-15')) await checkDay(db, ws, slackPoster(fake), day);
    const weekly = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0WEEKLY1');
    expect(weekly).toHaveLength(2);
    expect((await ledger(db, ws)).filter((r) => r.kind === 'digest').map((r) => [r.period, r.fires_on])).toEqual([
      ['week:2026-03-02', '2026-03-04'],
      ['week:2026-03-09', '2026-03-11'],
    ]);
    const body = JSON.stringify(weekly[0]!.args.blocks);
    expect(body).toContain('ulsan-yards');
    expect(body).not.toContain('texas-gulflink');

    await run(db, ws, 'withdraw ulsan', '2026-03-16');
    await checkDay(db, ws, slackPoster(fake), '2026-03-18');
    const last = fake
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === 'C0WEEKLY1')
      .at(-1)!;
    expect(last.args.text).toContain('No clock is running for KR');
    expect(last.args.blocks as unknown[]).toHaveLength(1);

    expect((await inChannel(db, ws, 'C0WEEKLY1', 'subscriptions')).out).toContain('weekly on Wednesday, deal KR');
    expect((await inChannel(db, ws, 'C0WEEKLY1', 'unsubscribe deal=KR')).out).toContain('Unsubscribed');
    expect((await inChannel(db, ws, 'C0WEEKLY1', 'subscriptions')).out).toContain('No channel gets a digest');
  });

  it('subscribe and unsubscribe are for admins; digest answers in the channel now', async ({ db }) => {
    const ws = await workspaceWithClocks(db);
    const reply = await executeCommand('subscribe daily', testContext(db, { workspaceId: ws, channelId: 'C0NOADMIN', source: 'slack', isAdmin: false }));
    expect(reply.isError).toBe(true);
    const now = await inChannel(db, ws, 'C0NOW0001', 'digest deal=JP');
    expect(now.reply.share).toBe(true);
    expect(now.out).toContain('texas-gulflink');
    expect(now.out).not.toContain('ulsan');
  });

  it('paces: two digests to one channel are at least a second apart; other channels do not wait', async ({ db, fake }) => {
    fake.reset();
    const ws = await workspaceWithClocks(db);
    await inChannel(db, ws, 'C0PACE001', 'subscribe daily deal=JP');
    await inChannel(db, ws, 'C0PACE001', 'subscribe daily deal=KR');
    await inChannel(db, ws, 'C0OTHER01', 'subscribe daily');
    // Not 03-02: a Korean bank holiday (Independence Movement Day, substituted).
    await reconcile(db, '2026-03-03', null, settings(ws));
    await createSender(db, slackPoster(fake), quiet, { ...FAST, workspaceIds: [ws], channelIntervalMs: 1000 }).run('2026-03-03');
    const paced = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0PACE001');
    const other = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0OTHER01');
    expect(paced).toHaveLength(2);
    expect(other).toHaveLength(1);
    expect(paced[1]!.at - paced[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(other[0]!.at).toBeLessThan(paced[1]!.at);
  });
});
