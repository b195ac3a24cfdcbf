/**
 * A signed request replayed within its five minutes (the same bytes, the same headers)
 * runs once: the copy gets the same empty 200 and does nothing, on this replica or
 * another one on the same database. What Slack itself repeats is not a replay: the same
 * command typed again, or an Events API retry (X-Slack-Retry-Num), comes with a new
 * timestamp and signature and is handled as before.
 */
import { createHash, createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect } from 'vitest';
import type { Database } from '../../../src/db/database.ts';
import { executeCommand } from '../../../src/commands/router.ts';
import { ACTION_FUND } from '../../../src/replies/project-card.ts';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.ts';
import { REMEMBER_SECONDS } from '../../../src/slack/replay-guard.ts';
import { newWorkspaceId, testContext } from '../../helpers/db.ts';
import type { FakeSlack } from '../../helpers/fake-slack.ts';
import { it } from '../../helpers/fixtures.ts';
import { appHomeOpened, blockAction, responsesTo, SIGNING_SECRET, slackConfig, slashCommand, testRuntime } from '../../helpers/slack.ts';

let replicaA: SlackApp;
let replicaB: SlackApp;
let ws: string;

async function startReplica(db: Database, fake: FakeSlack): Promise<SlackApp> {
  const slack = createSlackApp(testRuntime(db, slackConfig(fake)), { clientOptions: { retryConfig: { retries: 0 } } });
  await slack.start();
  return slack;
}
const baseOf = (s: SlackApp) => `http://127.0.0.1:${(s.server!.address() as AddressInfo).port}`;

it.beforeAll(async ({ db, fake }) => {
  replicaA = await startReplica(db, fake);
  replicaB = await startReplica(db, fake);
});
afterAll(async () => {
  await replicaA?.stop();
  await replicaB?.stop();
});
it.beforeEach(({ fake }) => {
  fake.reset();
  ws = newWorkspaceId();
});

/** A request as Slack signs it: the exact bytes and headers, to send as often as wanted. */
function signed(body: string, contentType: string, timestamp = Math.floor(Date.now() / 1000), extra: Record<string, string> = {}) {
  const headers = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': 'v0=' + createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex'),
    ...extra,
  };
  return (to: SlackApp) => fetch(`${baseOf(to)}/slack/events`, { method: 'POST', headers: { ...headers, connection: 'close' }, body });
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = 'application/x-www-form-urlencoded';

async function settle(ms = 500): Promise<void> {
  await new Promise((r) => setTimeout(r, ms));
}

async function count(db: Database, sql: string, values: unknown[]): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, values)).rows[0]!.n;
}

describe('a replayed slash command', () => {
  it('runs once: the copy gets 200 and adds nothing, answers nothing', async ({ db, fake }) => {
    const { body: fields, responseId } = slashCommand(fake, { teamId: ws }, 'add "Replay Once" deal=JP');
    const send = signed(form(fields), FORM);
    expect((await send(replicaA)).status).toBe(200);
    await expect.poll(() => responsesTo(fake, responseId).length, { timeout: 10_000 }).toBe(1);
    const replay = await send(replicaA);
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe('');
    await settle();
    expect(responsesTo(fake, responseId)).toHaveLength(1);
    expect(await count(db, 'project WHERE workspace_id = $1', [ws])).toBe(1);
    expect(await count(db, "audit_event WHERE workspace_id = $1 AND action = 'project.add'", [ws])).toBe(1);
  });

  it('is refused by another replica too (the signatures live in the database)', async ({ db, fake }) => {
    const { body: fields, responseId } = slashCommand(fake, { teamId: ws }, 'add "Replica Replay" deal=JP');
    const send = signed(form(fields), FORM);
    expect((await send(replicaA)).status).toBe(200);
    await expect.poll(() => responsesTo(fake, responseId).length, { timeout: 10_000 }).toBe(1);
    expect((await send(replicaB)).status).toBe(200);
    await settle();
    expect(responsesTo(fake, responseId)).toHaveLength(1);
    expect(await count(db, 'project WHERE workspace_id = $1', [ws])).toBe(1);
  });

  it('the same command sent again by Slack (a new timestamp, so a new signature) runs again', async ({ fake }) => {
    const { body: fields, responseId } = slashCommand(fake, { teamId: ws }, 'deadline 2026-02-17 deal=JP');
    const body = form(fields);
    expect((await signed(body, FORM, Math.floor(Date.now() / 1000) - 1)(replicaA)).status).toBe(200);
    expect((await signed(body, FORM)(replicaA)).status).toBe(200);
    await expect.poll(() => responsesTo(fake, responseId).length, { timeout: 10_000 }).toBe(2);
  });

  it('is remembered until its signature could no longer be accepted, then forgotten', async ({ db, fake }) => {
    const ts = Math.floor(Date.now() / 1000);
    const { body: fields, responseId } = slashCommand(fake, { teamId: ws }, 'list');
    const send = signed(form(fields), FORM, ts);
    await send(replicaA);
    await expect.poll(() => responsesTo(fake, responseId).length, { timeout: 10_000 }).toBe(1);
    const hash = createHash('sha256')
      .update(signatureOf(form(fields), ts))
      .digest();
    const { rows } = await db.query<{ expires_at: Date }>('SELECT expires_at FROM slack_request_seen WHERE signature_hash = $1', [hash]);
    expect(rows).toHaveLength(1);
    // The guard accepts a timestamp for five minutes; the row outlives that by five more.
    expect(rows[0]!.expires_at.getTime()).toBe((ts + REMEMBER_SECONDS) * 1000);
    expect(REMEMBER_SECONDS).toBeGreaterThanOrEqual(10 * 60);
  });
});

function signatureOf(body: string, ts: number): string {
  return 'v0=' + createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex');
}

describe('a replayed button click', () => {
  it('moves the project once and answers once', async ({ db, fake }) => {
    await executeCommand('add "Click Once" deal=JP', testContext(db, { workspaceId: ws }));
    await executeCommand('select click-once notice=2026-02-17', testContext(db, { workspaceId: ws }));
    const { rows } = await db.query<{ id: number }>('SELECT id FROM project WHERE workspace_id = $1', [ws]);
    const { body: payload, responseId } = blockAction(
      fake,
      { teamId: ws },
      { actionId: ACTION_FUND, value: JSON.stringify({ id: rows[0]!.id, stage: 'selected' }) },
    );
    const send = signed(form({ payload: JSON.stringify(payload) }), FORM);
    expect((await send(replicaA)).status).toBe(200);
    await expect.poll(() => responsesTo(fake, responseId).length, { timeout: 10_000 }).toBe(1);
    expect((await send(replicaB)).status).toBe(200);
    expect((await send(replicaA)).status).toBe(200);
    await settle();
    // Without the guard each copy answers again ("Someone changed this project meanwhile").
    expect(responsesTo(fake, responseId)).toHaveLength(1);
    expect(await count(db, "audit_event WHERE workspace_id = $1 AND action = 'project.stage'", [ws])).toBe(2);
    expect((await db.query('SELECT stage FROM project WHERE workspace_id = $1', [ws])).rows).toEqual([{ stage: 'funded' }]);
  });
});

describe('Events API retries', () => {
  it('a retry (X-Slack-Retry-Num, a new signature) is handled as before', async ({ fake }) => {
    const event = appHomeOpened({ teamId: ws, userId: 'U0HOME' });
    const body = JSON.stringify(event);
    expect((await signed(body, 'application/json', Math.floor(Date.now() / 1000) - 2)(replicaA)).status).toBe(200);
    await expect.poll(() => fake.callsTo('views.publish').length, { timeout: 10_000 }).toBe(1);
    const retry = await signed(body, 'application/json', Math.floor(Date.now() / 1000), { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' })(
      replicaB,
    );
    expect(retry.status).toBe(200);
    await expect.poll(() => fake.callsTo('views.publish').length, { timeout: 10_000 }).toBe(2);
  });
});
