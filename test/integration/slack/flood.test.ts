/**
 * A flood of slash commands through the real Bolt app (in-process receiver), on a real
 * database made deliberately slow: the post-ack queue never grows past its bound, every
 * command is either answered through its response_url or told in its ack that it was not
 * run, one user's burst does not starve another user's single command, and work that
 * waited past the age bound is answered "not run" (and really was not run).
 */
import { expect } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import type { Database, Queryable } from '../../../src/db/database.ts';
import { createSlackApp } from '../../../src/slack/app.ts';
import { AFTER_ACK_CONCURRENCY } from '../../../src/slack/app.ts';
import { newWorkspaceId, testContext } from '../../helpers/db.ts';
import type { FakeSlack } from '../../helpers/fake-slack.ts';
import { it } from '../../helpers/fixtures.ts';
import { responsesTo, slackConfig, slashCommand, testRuntime, TestReceiver, type AckRecord } from '../../helpers/slack.ts';

/** Every query of the slow database waits this long first. */
const delay = { ms: 0 };

/** The real database, each statement delayed: a loaded server, without faking a result. */
function slowDatabase(inner: Database): Database {
  const wait = () => (delay.ms ? new Promise((r) => setTimeout(r, delay.ms)) : Promise.resolve());
  const slowQ = (q: Queryable): Queryable => ({
    query: async (text, values) => {
      await wait();
      return q.query(text, values);
    },
  });
  return {
    get engine() {
      return inner.engine;
    },
    get pool() {
      return inner.pool;
    },
    query: async (text, values) => {
      await wait();
      return inner.query(text, values);
    },
    transaction: (fn) => inner.transaction((tx) => fn(slowQ(tx))),
    close: () => inner.close(),
  };
}

function floodApp(db: Database, fake: FakeSlack, env: Record<string, string>) {
  const runtime = testRuntime(slowDatabase(db), slackConfig(fake, env));
  const receiver = new TestReceiver({ count: 0 });
  const slack = createSlackApp(runtime, { receiver, clientOptions: { retryConfig: { retries: 0 } } });
  return { slack, receiver };
}

async function seed(db: Database): Promise<string> {
  const ws = newWorkspaceId();
  expect((await executeCommand('add "Texas GulfLink" deal=JP cost=2.1B', testContext(db, { workspaceId: ws }))).isError).toBeFalsy();
  return ws;
}

const BUSY = /did not run this one\. Nothing was changed/;
const ackText = (a: AckRecord) => (a.value as { text?: string; response_type?: string } | undefined)?.text ?? '';

it('a flood: the queue stays within its bound and every command is answered or told it was shed', async ({ db, fake }) => {
  const ws = await seed(db);
  const { slack, receiver } = floodApp(db, fake, { DEALCLOCK_QUEUE_MAX: '8', DEALCLOCK_QUEUE_MAX_PER_USER: '5' });
  delay.ms = 15;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, slack.queue.stats().queued)), 2);
  // Six users, fifteen commands each, all at once.
  const commands = Array.from({ length: 90 }, (_, i) => slashCommand(fake, { teamId: ws, userId: `U0FLOOD${i % 6}` }, 'show texas-gulflink'));
  const acks = await Promise.all(commands.map((c) => receiver.send(c.body)));
  clearInterval(sampler);
  delay.ms = 0;

  let answered = 0;
  let shed = 0;
  commands.forEach((c, i) => {
    const ack = acks[i]!;
    const replies = responsesTo(fake, c.responseId);
    expect(ack.called, 'every command is acked').toBe(true);
    if (BUSY.test(ackText(ack))) {
      // Told in the ack itself, ephemerally, and nothing else.
      expect((ack.value as { response_type: string }).response_type).toBe('ephemeral');
      expect(replies).toHaveLength(0);
      shed++;
    } else {
      expect(ack.value).toBeUndefined();
      expect(replies, 'an admitted command gets exactly one reply').toHaveLength(1);
      expect(String(replies[0]!.args.text)).toContain('texas-gulflink');
      answered++;
    }
  });
  expect(answered + shed).toBe(90);
  expect(shed).toBeGreaterThan(0);
  // All ninety arrive before the first one's work starts: the eight places are all there is.
  expect(answered).toBeGreaterThanOrEqual(8);
  const stats = slack.queue.stats();
  expect(stats.peakQueued).toBeLessThanOrEqual(8);
  expect(peak).toBeLessThanOrEqual(8);
  expect(stats.shed.full + stats.shed.user_full).toBe(shed);
  expect(stats).toMatchObject({ queued: 0, running: 0, ran: answered });
});

it("one user's burst does not starve another user's single command", async ({ db, fake }) => {
  const ws = await seed(db);
  const { slack, receiver } = floodApp(db, fake, { DEALCLOCK_QUEUE_MAX: '40', DEALCLOCK_QUEUE_MAX_PER_USER: '20' });
  delay.ms = 10;
  const burst = Array.from({ length: 30 }, () => slashCommand(fake, { teamId: ws, userId: 'U0BURST' }, 'show texas-gulflink'));
  const sending = burst.map((c) => receiver.send(c.body));
  // The burst is queued (up to 20 waiting, the rest told "busy") before the second user types.
  for (;;) {
    const { running, queued } = slack.queue.stats();
    if (running === AFTER_ACK_CONCURRENCY && queued >= 15) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  const single = slashCommand(fake, { teamId: ws, userId: 'U0OTHER' }, 'show texas-gulflink');
  const singleAck = await receiver.send(single.body);
  await Promise.all(sending);
  delay.ms = 0;

  expect(singleAck.value, 'the second user is admitted').toBeUndefined();
  const [reply] = responsesTo(fake, single.responseId);
  expect(reply, 'and answered').toBeDefined();
  const burstRepliesBefore = burst.flatMap((c) => responsesTo(fake, c.responseId)).filter((r) => r.at < reply!.at).length;
  // In arrival order it would wait for all twenty; taking turns, for the ones running
  // when it came and about one more per slot.
  expect(burstRepliesBefore).toBeLessThanOrEqual(2 * AFTER_ACK_CONCURRENCY + 1);
  const told = burst.length - burst.filter((c) => responsesTo(fake, c.responseId).length === 1).length;
  expect(told).toBe(slack.queue.stats().shed.user_full);
  expect(told).toBeGreaterThanOrEqual(30 - 20 - AFTER_ACK_CONCURRENCY);
});

it('work that waited past the age bound is answered "not run" and is not run', async ({ db, fake }) => {
  const ws = await seed(db);
  const { slack, receiver } = floodApp(db, fake, { DEALCLOCK_QUEUE_MAX_WAIT_SECONDS: '0.3' });
  // Each `add` takes a few statements: well over the bound for the ones behind.
  delay.ms = 60;
  const commands = Array.from({ length: 8 }, (_, i) => slashCommand(fake, { teamId: ws, userId: 'U0AGED' }, `add "Aged Plant ${i}" deal=JP`));
  const acks = await Promise.all(commands.map((c) => receiver.send(c.body)));
  delay.ms = 0;

  const ran: string[] = [];
  let notRun = 0;
  commands.forEach((c, i) => {
    expect(acks[i]!.value).toBeUndefined();
    const replies = responsesTo(fake, c.responseId);
    expect(replies, 'exactly one answer each').toHaveLength(1);
    const text = String(replies[0]!.args.text);
    if (text.includes('This waited more than 0.3 seconds behind other requests, so I did not run it. Nothing was changed')) notRun++;
    else ran.push(`aged-plant-${i}`);
  });
  expect(notRun).toBeGreaterThan(0);
  expect(ran.length).toBeGreaterThanOrEqual(AFTER_ACK_CONCURRENCY);
  // "Nothing was changed" is true: only the ones that ran added a project.
  const { rows } = await db.query<{ slug: string }>("SELECT slug FROM project WHERE workspace_id = $1 AND slug LIKE 'aged-plant-%' ORDER BY slug", [ws]);
  expect(rows.map((r) => r.slug)).toEqual(ran.sort());
  expect(slack.queue.stats().shed.expired).toBe(notRun);
});
