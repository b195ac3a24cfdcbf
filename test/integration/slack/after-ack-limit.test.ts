/**
 * A burst of commands: every one is acked at once, while the work after the acks (queries,
 * rendering, the reply) runs a few at a time, so a new request's ack never waits behind
 * the whole burst's work on the one JavaScript thread.
 */
import { expect } from 'vitest';
import { AFTER_ACK_CONCURRENCY } from '../../../src/slack/app.ts';
import { executeCommand } from '../../../src/commands/router.ts';
import { newWorkspaceId, testContext } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';
import { inProcessSlack, responsesTo, slashCommand, type InProcessSlack } from '../../helpers/slack.ts';

let s: InProcessSlack;

it.beforeAll(async ({ db, fake }) => {
  s = inProcessSlack(db, fake);
});

it(`acks a burst of commands at once and runs their replies ${AFTER_ACK_CONCURRENCY} at a time`, async ({ db, fake }) => {
  const ws = newWorkspaceId();
  const ctx = testContext(db, { workspaceId: ws });
  expect((await executeCommand('add "Texas GulfLink" deal=JP cost=2.1B', ctx)).isError).toBeFalsy();
  // Each reply holds its slot for a while, as a slow Slack would.
  fake.latencyMs = 300;
  const burst = 3 * AFTER_ACK_CONCURRENCY;
  const commands = Array.from({ length: burst }, () => slashCommand(fake, { teamId: ws }, 'show texas-gulflink'));
  // The receiver resolves once a listener has finished, reply included.
  const acks = await Promise.all(commands.map((c) => s.receiver.send(c.body)));
  fake.latencyMs = 0;

  for (const c of commands) expect(responsesTo(fake, c.responseId), 'every command is answered').toHaveLength(1);
  expect(fake.peakConcurrency.get('response_url')).toBe(AFTER_ACK_CONCURRENCY);
  // Replies come in waves; every ack went out before the second wave, i.e. no ack waited
  // for a slot.
  const arrivals = fake
    .callsTo('response_url')
    .map((c) => c.at)
    .sort((a, b) => a - b);
  const secondWave = arrivals[AFTER_ACK_CONCURRENCY]!;
  expect(secondWave - arrivals[0]!).toBeGreaterThanOrEqual(250);
  expect(acks.every((a) => a.called && a.at < secondWave)).toBe(true);
});

it('opens the add form at once, without waiting for a slot behind a burst (a trigger_id lasts 3 s)', async ({ db, fake }) => {
  const ws = newWorkspaceId();
  const ctx = testContext(db, { workspaceId: ws });
  expect((await executeCommand('add "Alaska LNG" deal=KR', ctx)).isError).toBeFalsy();
  fake.latencyMs = 300;
  const burst = Array.from({ length: 3 * AFTER_ACK_CONCURRENCY }, () => slashCommand(fake, { teamId: ws }, 'show alaska-lng'));
  const started = Date.now();
  const busy = burst.map((c) => s.receiver.send(c.body));
  const form = slashCommand(fake, { teamId: ws }, 'add');
  await s.receiver.send(form.body);
  await Promise.all(busy);
  fake.latencyMs = 0;
  const open = fake.callsTo('views.open').find((c) => c.args.trigger_id === form.body.trigger_id);
  expect(open, 'the form opened').toBeDefined();
  // The burst's replies take three waves of 300 ms; the form went out during the first
  // two: after at most one users.info round trip (the person's language), never queued.
  expect(open!.at - started).toBeLessThan(600);
});
