/**
 * Graceful shutdown in Slack mode: stop() refuses new requests but waits for the work
 * Slack already handed over (acked, reply not yet sent) before the database may close.
 * And start-up: the reminders start only once requests are served.
 */
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../../src/db/database.ts';
import { createSlackApp } from '../../../src/slack/app.ts';
import { runSlack } from '../../../src/slack/run.ts';
import { newWorkspaceId, openTestDatabase } from '../../helpers/db.ts';
import { FakeSlack } from '../../helpers/fake-slack.ts';
import { responsesTo, signatureHeaders, slackConfig, slashCommand, testRuntime } from '../../helpers/slack.ts';

let db: Database;
let fake: FakeSlack;
beforeAll(async () => {
  db = await openTestDatabase();
  fake = await new FakeSlack().start();
});
afterAll(async () => {
  await fake?.stop();
  await db?.close();
});

it('stop() finishes a command that was acked but not yet answered', async () => {
  const slack = createSlackApp(testRuntime(db, slackConfig(fake)), { clientOptions: { retryConfig: { retries: 0 } } });
  await slack.start();
  const port = (slack.server!.address() as AddressInfo).port;
  // The reply (through response_url) takes a second: the command is in flight after its ack.
  fake.latencyMs = 1000;
  const ws = newWorkspaceId();
  const { body: fields, responseId } = slashCommand(fake, { teamId: ws }, 'add "Shutdown Test Project"');
  const body = new URLSearchParams(fields).toString();
  const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders(body) },
    body,
  });
  expect(res.status).toBe(200);
  const stopping = Date.now();
  await slack.stop();
  // It waited for the slow reply (a lower bound only: the reply takes at least a second).
  expect(Date.now() - stopping).toBeGreaterThanOrEqual(700);
  fake.latencyMs = 0;
  // By the time stop() resolves, the reply went out and the project is written.
  expect(responsesTo(fake, responseId)).toHaveLength(1);
  const { rows } = await db.query('SELECT slug FROM project WHERE workspace_id = $1', [ws]);
  expect(rows).toEqual([{ slug: 'shutdown-test-project' }]);
  // And it takes no more requests.
  await expect(fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body })).rejects.toThrow();
});

it('runSlack starts the reminders once requests are served, and stops serving if they fail to start', async () => {
  const port = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  const runtime = testRuntime(db, slackConfig(fake, { PORT: String(port) }));
  let healthzDuringStart: number | undefined;
  const running = runSlack(runtime.config, runtime, {
    afterStart: async () => {
      healthzDuringStart = (await fetch(`http://127.0.0.1:${port}/healthz`)).status;
      throw new Error('the scheduler did not start');
    },
  });
  await expect(running).rejects.toThrow('the scheduler did not start');
  expect(healthzDuringStart).toBe(200);
  // Stopped: nothing listens on the port any more.
  await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
});
