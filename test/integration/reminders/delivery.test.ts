import { describe, expect } from 'vitest';
import type { Database } from '../../../src/db/database.ts';
import { reconcile } from '../../../src/reminders/reconcile.ts';
import { createSender } from '../../../src/reminders/sender.ts';
import { engineName, newWorkspaceId } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';
import { FAST, ledger, posts, quiet, run, settings, slackPoster } from './setup.ts';

// 30 business days before the 2026-04-23 due date of a 2026-02-17 JP notice.
const DAY = '2026-03-11';

/** A workspace with one reminder planned for DAY, in its own channel. */
async function planned(db: Database, channel: string): Promise<string> {
  const ws = newWorkspaceId();
  await run(db, ws, `add "Project ${channel}" deal=JP channel=${channel}`);
  await run(db, ws, `select project-${channel.toLowerCase()} notice=2026-02-17`);
  const r = await reconcile(db, DAY, null, settings(ws));
  expect(r.milestones).toBe(1);
  return ws;
}

class Crash extends Error {}

/** As if the claims of `ws` were taken an hour ago: a lease that has run out, without waiting for it. */
async function ageClaims(db: Database, ws: string): Promise<void> {
  await db.query(`UPDATE reminder SET claimed_at = claimed_at - interval '1 hour' WHERE workspace_id = $1 AND status = 'sending'`, [ws]);
}

describe(`delivery exactly once (${engineName})`, () => {
  it('a crash after claiming, before posting: the row is re-claimed after its lease and posted once', async ({ db, fake }) => {
    fake.reset();
    const ws = await planned(db, 'C0CRASHA1');
    const dying = createSender(db, slackPoster(fake), quiet, {
      ...FAST,
      workspaceIds: [ws],
      hooks: {
        afterClaim: () => {
          throw new Crash('killed after claim');
        },
      },
    });
    await expect(dying.run(DAY)).rejects.toBeInstanceOf(Crash);
    expect((await ledger(db, ws))[0]).toMatchObject({ status: 'sending' });
    // Within the lease nobody else takes it.
    expect(await createSender(db, slackPoster(fake), quiet, { ...FAST, workspaceIds: [ws] }).run(DAY)).toMatchObject({ sent: 0 });
    await ageClaims(db, ws);
    const restarted = await createSender(db, slackPoster(fake), quiet, { ...FAST, workspaceIds: [ws] }).run(DAY);
    expect(restarted).toMatchObject({ sent: 1, recovered: 0 });
    expect(posts(fake, 'C0CRASHA1')).toHaveLength(1);
    expect((await ledger(db, ws))[0]).toMatchObject({ status: 'sent' });
  });

  it('a crash after posting, before recording: the restart finds the post by its metadata and does not post again', async ({ db, fake }) => {
    fake.reset();
    const ws = await planned(db, 'C0CRASHB1');
    const dying = createSender(db, slackPoster(fake), quiet, {
      ...FAST,
      workspaceIds: [ws],
      hooks: {
        afterPost: () => {
          throw new Crash('killed after post');
        },
      },
    });
    await expect(dying.run(DAY)).rejects.toBeInstanceOf(Crash);
    expect(posts(fake, 'C0CRASHB1')).toHaveLength(1);
    expect((await ledger(db, ws))[0]).toMatchObject({ status: 'sending', slack_ts: null });
    await ageClaims(db, ws);
    const restarted = await createSender(db, slackPoster(fake), quiet, { ...FAST, workspaceIds: [ws] }).run(DAY);
    expect(restarted).toMatchObject({ sent: 0, recovered: 1 });
    expect(posts(fake, 'C0CRASHB1')).toHaveLength(1);
    const lookups = fake.callsTo('conversations.history');
    expect(lookups.at(-1)!.args).toMatchObject({ channel: 'C0CRASHB1', include_all_metadata: true });
    const [row] = await ledger(db, ws);
    expect(row).toMatchObject({ status: 'sent' });
    expect(row!.slack_ts).toBe(fake.messages.get('C0CRASHB1')![0]!.ts);
  });

  it('429 with Retry-After, then 200: waits, then one post', async ({ db, fake }) => {
    fake.reset();
    const ws = await planned(db, 'C0RATE001');
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 3 });
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    const result = await createSender(db, slackPoster(fake), quiet, { ...FAST, workspaceIds: [ws], sleep }).run(DAY);
    expect(result).toMatchObject({ sent: 1, failed: 0 });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
    // The wait Slack asked for, once, before the second post.
    expect(waits).toEqual([3_000]);
    expect(fake.messages.get('C0RATE001')).toHaveLength(1);
    expect((await ledger(db, ws))[0]).toMatchObject({ status: 'sent' });
  });

  it('500 three times: backs off, looks before each repeat, then one post', async ({ db, fake }) => {
    fake.reset();
    const ws = await planned(db, 'C0FIVE001');
    fake.failNext('chat.postMessage', { status: 500 }, { status: 500 }, { status: 500 });
    const result = await createSender(db, slackPoster(fake), quiet, { ...FAST, workspaceIds: [ws] }).run(DAY);
    expect(result).toMatchObject({ sent: 1, failed: 0 });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(4);
    expect(fake.callsTo('conversations.history')).toHaveLength(3);
    expect(fake.messages.get('C0FIVE001')).toHaveLength(1);
    expect((await ledger(db, ws))[0]).toMatchObject({ status: 'sent' });
  });

  it('a timeout that posted anyway: the lookup finds it; one post', async ({ db, fake }) => {
    fake.reset();
    const ws = await planned(db, 'C0HANG001');
    // Slack takes the message but answers after the client gave up.
    fake.failNext('chat.postMessage', { hangMs: 400 });
    // The lookup waits for a request that timed out to settle before reading the channel.
    const result = await createSender(db, slackPoster(fake, 150), quiet, { ...FAST, workspaceIds: [ws], ambiguousSettleMs: 600 }).run(DAY);
    expect(fake.callsTo('conversations.history')[0]!.at - fake.callsTo('chat.postMessage')[0]!.at).toBeGreaterThanOrEqual(700);
    expect(result).toMatchObject({ sent: 0, recovered: 1 });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(fake.messages.get('C0HANG001')).toHaveLength(1);
    expect((await ledger(db, ws))[0]).toMatchObject({ status: 'sent' });
  });

  it('a permanent error (channel_not_found) fails the row and reports it to the ops channel', async ({ db, fake }) => {
    fake.reset();
    const ws = await planned(db, 'C0GONE001');
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    const result = await createSender(db, slackPoster(fake), quiet, { ...FAST, workspaceIds: [ws], opsChannel: 'C0OPS0001' }).run(DAY);
    expect(result).toMatchObject({ sent: 0, failed: 1 });
    const [row] = await ledger(db, ws);
    expect(row).toMatchObject({ status: 'failed' });
    const report = posts(fake, 'C0OPS0001');
    expect(report).toHaveLength(1);
    expect(report[0]!.text).toBe(
      `:warning: Reminder #${row!.id} (30 business days left for \`project-c0gone001\`) could not be delivered to <#C0GONE001>: channel_not_found. It was not posted; fix the cause, then requeue it with \`dealclock check --retry-failed\`.`,
    );
  });

  it("the ops channel's report is in that channel's language, whatever the failed channel reads", async ({ db, fake }) => {
    fake.reset();
    const ws = await planned(db, 'C0GONE002');
    await run(db, ws, 'lang ja channel', DAY, { channelId: 'C0OPSJA01', source: 'slack' });
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await createSender(db, slackPoster(fake), quiet, { ...FAST, workspaceIds: [ws], opsChannel: 'C0OPSJA01' }).run(DAY);
    const [row] = await ledger(db, ws);
    const report = posts(fake, 'C0OPSJA01');
    expect(report.map((m) => m.text)).toEqual([
      `:warning: リマインダー #${row!.id}（\`project-c0gone002\` の「残り30営業日」）を送信できませんでした（送信先 <#C0GONE002>）：channel_not_found。投稿していません。原因を解消してから \`dealclock check --retry-failed\` で再送してください。`,
    ]);
  });

  it("the report still goes out, in the default language, when the ops channel's language cannot be read", async ({ db, fake }) => {
    fake.reset();
    const ws = await planned(db, 'C0GONE003');
    await run(db, ws, 'lang ja channel', DAY, { channelId: 'C0OPSJA02', source: 'slack' });
    // Only the ops channel's setting is unreadable: the reminder itself composes as usual.
    const unreadable = new Proxy(db, {
      get(target, prop) {
        if (prop === 'query')
          return (text: string, values?: unknown[]) =>
            /language_setting/.test(text) && values?.includes('C0OPSJA02') ? Promise.reject(new Error('relation is locked')) : target.query(text, values);
        const value: unknown = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    fake.failNext('chat.postMessage', { error: 'channel_not_found' });
    await createSender(unreadable, slackPoster(fake), quiet, { ...FAST, workspaceIds: [ws], opsChannel: 'C0OPSJA02' }).run(DAY);
    expect(posts(fake, 'C0OPSJA02').map((m) => m.text)).toEqual([
      expect.stringMatching(/^:warning: Reminder #\d+ \(30 business days left for `project-c0gone003`\)/),
    ]);
  });

  it('gives up after maxAttempts and reports, without posting twice', async ({ db, fake }) => {
    fake.reset();
    const ws = await planned(db, 'C0DOWN001');
    fake.failNext('chat.postMessage', { status: 500 }, { status: 500 }, { status: 500 }, { status: 500 });
    const result = await createSender(db, slackPoster(fake), quiet, { ...FAST, workspaceIds: [ws], maxAttempts: 4, opsChannel: 'C0OPS0002' }).run(DAY);
    expect(result).toMatchObject({ failed: 1 });
    expect((await ledger(db, ws))[0]).toMatchObject({ status: 'failed' });
    expect(posts(fake, 'C0OPS0002')).toHaveLength(1);
  });
});
