import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import type { Database } from '../../../src/db/database.ts';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.ts';
import { newWorkspaceId, testContext } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';
import { responsesTo, SIGNING_SECRET, slackConfig, slashCommand, testRuntime } from '../../helpers/slack.ts';

let slack: SlackApp;
let base: string;
let ws: string;

it.beforeAll(async ({ db, fake }) => {
  slack = createSlackApp(testRuntime(db, slackConfig(fake)), { clientOptions: { retryConfig: { retries: 0 } } });
  await slack.start();
  base = `http://127.0.0.1:${(slack.server!.address() as AddressInfo).port}`;
  ws = newWorkspaceId();
  await executeCommand('add "Texas GulfLink" deal=JP cost=2.1B', testContext(db, { workspaceId: ws }));
});
afterAll(async () => {
  await slack?.stop();
});
it.beforeEach(({ fake }) => fake.reset());

function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
}

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

async function post(body: string, headers: Record<string, string>) {
  return fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', connection: 'close', ...headers },
    body,
  });
}

/** Every request taken has finished, its work after the ack included. */
async function settle(): Promise<void> {
  await slack.idle();
}

describe('signed HTTP (HTTPReceiver on app.start(0))', () => {
  it('a correctly signed command → 200 quickly, then the card via response_url', async ({ fake }) => {
    const { body: fields, responseId } = slashCommand(fake, { teamId: ws }, 'show texas-gulflink');
    const body = form(fields);
    const now = Math.floor(Date.now() / 1000);
    const started = Date.now();
    const res = await post(body, { 'x-slack-request-timestamp': String(now), 'x-slack-signature': sign(body, now) });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    await expect.poll(() => responsesTo(fake, responseId).length, { timeout: 5000 }).toBe(1);
    expect(JSON.stringify(responsesTo(fake, responseId)[0]!.args)).toContain('texas-gulflink');
  });

  const rejected: [string, (body: string, now: number) => Record<string, string>, string?][] = [
    ['wrong secret', (b, now) => ({ 'x-slack-request-timestamp': String(now), 'x-slack-signature': sign(b, now, 'another-secret-0000000000000000') })],
    ['tampered body', (b, now) => ({ 'x-slack-request-timestamp': String(now), 'x-slack-signature': sign(b.replace('show', 'list'), now) })],
    ['missing headers', () => ({})],
    ['missing signature', (_b, now) => ({ 'x-slack-request-timestamp': String(now) })],
    ['five-minutes-stale timestamp', (b, now) => ({ 'x-slack-request-timestamp': String(now - 5 * 60 - 1), 'x-slack-signature': sign(b, now - 5 * 60 - 1) })],
  ];
  it('idle() waits for the work after the ack: the reply is there with no polling', async ({ fake }) => {
    const { body: fields, responseId } = slashCommand(fake, { teamId: ws }, 'status');
    const body = form(fields);
    const now = Math.floor(Date.now() / 1000);
    expect((await post(body, { 'x-slack-request-timestamp': String(now), 'x-slack-signature': sign(body, now) })).status).toBe(200);
    await settle();
    expect(responsesTo(fake, responseId)).toHaveLength(1);
  });

  for (const [name, headers] of rejected) {
    it(`${name} → 401 and nothing reaches a handler`, async ({ db, fake }) => {
      const { body: fields } = slashCommand(fake, { teamId: ws }, 'show texas-gulflink');
      const body = form(fields);
      const now = Math.floor(Date.now() / 1000);
      // Scoped to this test's workspace: other test files write to the same server database.
      const before = (await db.query('SELECT count(*)::int AS n FROM audit_event WHERE workspace_id = $1', [ws])).rows[0];
      const res = await post(body, headers(body, now));
      expect(res.status).toBe(401);
      await settle();
      expect(fake.calls).toHaveLength(0);
      expect((await db.query('SELECT count(*)::int AS n FROM audit_event WHERE workspace_id = $1', [ws])).rows[0]).toEqual(before);
    });
  }

  it('a rejected change writes nothing', async ({ db, fake }) => {
    const { body: fields } = slashCommand(fake, { teamId: ws }, 'add "Forged Project"');
    const body = form(fields);
    const now = Math.floor(Date.now() / 1000);
    const res = await post(body, { 'x-slack-request-timestamp': String(now), 'x-slack-signature': sign(body, now, 'forged-secret-000000000000000000') });
    expect(res.status).toBe(401);
    await settle();
    expect((await db.query('SELECT 1 FROM project WHERE workspace_id = $1 AND slug = $2', [ws, 'forged-project'])).rows).toHaveLength(0);
  });

  it('GET /healthz reports the database', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: 'up' });
  });

  it('/healthz answers 503 when the database is down', async ({ db, fake }) => {
    const broken = { ...db, query: () => Promise.reject(new Error('down')) } as unknown as Database;
    const other = createSlackApp(testRuntime(broken, slackConfig(fake)));
    await other.start();
    try {
      const res = await fetch(`http://127.0.0.1:${(other.server!.address() as AddressInfo).port}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ ok: false, database: 'down' });
    } finally {
      await other.stop();
    }
  });

  it('a body over the limit is refused before its signature is checked', async ({ fake }) => {
    const body = 'text=' + 'a'.repeat(600 * 1024);
    const now = Math.floor(Date.now() / 1000);
    const res = await post(body, { 'x-slack-request-timestamp': String(now), 'x-slack-signature': sign(body, now) });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(fake.calls).toHaveLength(0);
  });
});
