/**
 * Attacks on the HTTP endpoint, through a real HTTPReceiver configured as app.ts
 * configures it plus the timestamp guard (src/slack/signature-guard.ts): tampered body,
 * wrong secret, stale and far-future timestamps, missing headers, an oversized body. Then
 * a whole flow with DEALCLOCK_ADMINS=U1, and a log capture over a whole Slack flow.
 */
import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTTPReceiver } from '@slack/bolt';
import { afterAll, describe, expect } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { executeCommand } from '../../../src/commands/router.ts';
import { createLogger } from '../../../src/log.ts';
import { ACTION_DECLINE, ACTION_FUND } from '../../../src/replies/project-card.ts';
import { runCheck } from '../../../src/reminders/check.ts';
import { posterFor } from '../../../src/slack/poster-for.ts';
import { secretsOf } from '../../../src/runtime.ts';
import { BODY_LIMIT, createSlackApp, type SlackApp } from '../../../src/slack/app.ts';
import { ADD_MODAL_CALLBACK } from '../../../src/slack/modal.ts';
import { checkRequestTimestamp, guardHttpReceiver } from '../../../src/slack/signature-guard.ts';
import { newWorkspaceId, testContext, workspaceSnapshot } from '../../helpers/db.ts';
import type { FakeSlack } from '../../helpers/fake-slack.ts';
import { it } from '../../helpers/fixtures.ts';
import { BOT_TOKEN, blockAction, inProcessSlack, responsesTo, SIGNING_SECRET, slashCommand, testRuntime, viewSubmission } from '../../helpers/slack.ts';

const DB_PASSWORD = 'pw-Xq7sZk2Lm9';
const ENCRYPTION_KEY = 'q3J0c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0xMjM='; // 32 bytes, base64
const lines: string[] = [];

let slack: SlackApp;
let base: string;
let ws: string;

function env(fake: FakeSlack, extra: Record<string, string> = {}) {
  return loadConfig(
    {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      LOG_LEVEL: 'debug',
      DATABASE_URL: `postgres://dealclock:${DB_PASSWORD}@127.0.0.1:1/dealclock`,
      DEALCLOCK_ENCRYPTION_KEY: ENCRYPTION_KEY,
      DEALCLOCK_ADMINS: 'U1',
      ...extra,
    },
    '',
  );
}

it.beforeAll(async ({ db, fake }) => {
  const config = env(fake);
  const logger = createLogger({ level: 'debug', secrets: secretsOf(config), write: (l) => lines.push(l) });
  // The receiver app.ts builds in HTTP mode, with the guard installed as app.ts should.
  const receiver = guardHttpReceiver(
    new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: '/slack/events', port: 0, bodyLimit: BODY_LIMIT, signatureVerification: true }),
  );
  slack = createSlackApp(testRuntime(db, config, { logger }), { receiver, clientOptions: { retryConfig: { retries: 0 } } });
  const server = (await slack.app.start(0)) as unknown as Server;
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ws = newWorkspaceId();
  await executeCommand('add "Texas GulfLink" deal=JP cost=2.1B', testContext(db, { workspaceId: ws }));
  await executeCommand('select texas-gulflink notice=2026-02-17', testContext(db, { workspaceId: ws }));
});
afterAll(async () => {
  await slack?.app.stop();
});
it.beforeEach(({ fake }) => fake.reset());

function sign(body: string, timestamp: number | string, secret = SIGNING_SECRET): string {
  return 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
}

async function post(body: string, headers: Record<string, string>) {
  // A fresh connection per request: reusing a keep-alive socket races the server's 5 s
  // idle timeout when a test waits between requests (ECONNRESET on a slow machine).
  return fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', connection: 'close', ...headers },
    body,
  });
}

async function signedCommand(fake: FakeSlack, text: string, userId: string) {
  const { body: fields, responseId } = slashCommand(fake, { teamId: ws, userId }, text);
  const body = new URLSearchParams(fields).toString();
  const now = Math.floor(Date.now() / 1000);
  const res = await post(body, { 'x-slack-request-timestamp': String(now), 'x-slack-signature': sign(body, now) });
  return { res, responseId };
}

describe('request signatures', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const cases: [string, (b: string) => Record<string, string>, number][] = [
    ['tampered body', (b) => ({ 'x-slack-request-timestamp': String(now()), 'x-slack-signature': sign(b.replace('show', 'list'), now()) }), 401],
    ['wrong secret', (b) => ({ 'x-slack-request-timestamp': String(now()), 'x-slack-signature': sign(b, now(), 'another-secret-0000000000000000') }), 401],
    ['stale timestamp (6 minutes old)', (b) => ({ 'x-slack-request-timestamp': String(now() - 360), 'x-slack-signature': sign(b, now() - 360) }), 401],
    [
      'far-future timestamp (1 hour ahead), correctly signed',
      (b) => ({ 'x-slack-request-timestamp': String(now() + 3600), 'x-slack-signature': sign(b, now() + 3600) }),
      401,
    ],
    ['malformed timestamp', (b) => ({ 'x-slack-request-timestamp': '1e12', 'x-slack-signature': sign(b, '1e12') }), 401],
    ['missing headers', () => ({}), 401],
    ['missing signature', () => ({ 'x-slack-request-timestamp': String(now()) }), 401],
    ['missing timestamp', (b) => ({ 'x-slack-signature': sign(b, now()) }), 401],
  ];
  for (const [name, headers, status] of cases) {
    it(`${name} → ${status}, no handler runs, nothing changes`, async ({ db, fake }) => {
      const { body: fields } = slashCommand(fake, { teamId: ws, userId: 'U1' }, 'show texas-gulflink');
      const body = new URLSearchParams(fields).toString();
      const before = await workspaceSnapshot(db, ws);
      const res = await post(body, headers(body));
      expect(res.status).toBe(status);
      await new Promise((r) => setTimeout(r, 200));
      // Bolt may check its token once (auth.test); no handler may call anything.
      expect(fake.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
      expect(await workspaceSnapshot(db, ws)).toBe(before);
    });
  }

  it('a timestamp within the window still works (the guard only refuses)', async ({ fake }) => {
    const { res, responseId } = await signedCommand(fake, 'show texas-gulflink', 'U2');
    expect(res.status).toBe(200);
    await expect.poll(() => responsesTo(fake, responseId).length, { timeout: 20_000 }).toBe(1);
  });

  it('an oversized body → 413 before its signature is checked', async ({ fake }) => {
    const body = 'text=' + 'a'.repeat(600 * 1024);
    const res = await post(body, { 'x-slack-request-timestamp': String(now()), 'x-slack-signature': sign(body, now()) });
    expect(res.status).toBe(413);
    expect(fake.calls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
  });

  it('checkRequestTimestamp: five minutes either way, a missing header left to Bolt', () => {
    const t = 1_800_000_000_000;
    expect(checkRequestTimestamp(String(t / 1000), t)).toEqual({ ok: true });
    expect(checkRequestTimestamp(String(t / 1000 + 300), t)).toEqual({ ok: true });
    expect(checkRequestTimestamp(String(t / 1000 + 301), t)).toMatchObject({ ok: false });
    expect(checkRequestTimestamp(String(t / 1000 - 301), t)).toMatchObject({ ok: false });
    expect(checkRequestTimestamp('abc', t)).toMatchObject({ ok: false });
    expect(checkRequestTimestamp(undefined, t)).toEqual({ ok: true });
  });
});

describe('DEALCLOCK_ADMINS=U1, signed `/invest add`', () => {
  it('from U2 is refused with a clear message and changes nothing; from U1 it succeeds; both are on record', async ({ db, fake }) => {
    const text = 'add "Portsmouth Powered Land" deal=JP cost=US$33bn';
    const beforeProjects = (await db.query('SELECT * FROM project WHERE workspace_id = $1 ORDER BY id', [ws])).rows;

    const refused = await signedCommand(fake, text, 'U2');
    expect(refused.res.status).toBe(200);
    await expect.poll(() => responsesTo(fake, refused.responseId).length, { timeout: 20_000 }).toBe(1);
    expect((responsesTo(fake, refused.responseId)[0]!.args as { text: string }).text).toBe('Only <@U1> can use `add`. You can still read everything.');
    expect((await db.query('SELECT * FROM project WHERE workspace_id = $1 ORDER BY id', [ws])).rows).toEqual(beforeProjects);

    const allowed = await signedCommand(fake, text, 'U1');
    await expect.poll(() => responsesTo(fake, allowed.responseId).length, { timeout: 20_000 }).toBe(1);
    expect((responsesTo(fake, allowed.responseId)[0]!.args as { text: string }).text).toContain('portsmouth-powered-land');

    const { rows } = await db.query<{ actor: string; action: string; channel_id: string; after: { text?: string } }>(
      "SELECT actor, action, channel_id, after FROM audit_event WHERE workspace_id = $1 AND action IN ('permission.refused', 'project.add') ORDER BY id DESC LIMIT 2",
      [ws],
    );
    expect(rows.reverse().map((r) => [r.actor, r.action, r.channel_id])).toEqual([
      ['U2', 'permission.refused', 'C0DEALS'],
      ['U1', 'project.add', 'C0DEALS'],
    ]);
    expect(rows[0]!.after.text).toBe(text);
  }, 30_000);
});

describe('logs', () => {
  it('a whole Slack flow (command, buttons, modal, errors, a reminder send with a 500) logs no configured secret', async ({ db, fake }) => {
    const config = env(fake, { DEALCLOCK_DEFAULT_CHANNEL: 'C0REMIND' });
    const logger = createLogger({ level: 'debug', secrets: secretsOf(config), write: (l) => lines.push(l) });
    const s = inProcessSlack(db, fake, { env: { LOG_LEVEL: 'debug', DEALCLOCK_ADMINS: 'U1', DEALCLOCK_DEFAULT_CHANNEL: 'C0REMIND' }, logger });
    const flowWs = newWorkspaceId();
    const admin = { teamId: flowWs, userId: 'U1' };
    await s.receiver.send(slashCommand(fake, admin, 'add "Log Test" deal=JP cost=1B').body);
    await s.receiver.send(slashCommand(fake, admin, 'select log-test notice=2026-01-05').body);
    await s.receiver.send(slashCommand(fake, { teamId: flowWs, userId: 'U2' }, 'fund log-test').body);
    await s.receiver.send(slashCommand(fake, admin, 'show "unclosed').body);
    const { rows } = await db.query<{ id: number }>('SELECT id FROM project WHERE workspace_id = $1', [flowWs]);
    await s.receiver.send(
      blockAction(fake, { teamId: flowWs, userId: 'U2' }, { actionId: ACTION_FUND, value: JSON.stringify({ id: rows[0]!.id, stage: 'selected' }) }).body,
    );
    await s.receiver.send(blockAction(fake, admin, { actionId: ACTION_DECLINE, value: 'not json' }).body);
    await s.receiver.send(
      viewSubmission(admin, ADD_MODAL_CALLBACK, {
        name: { type: 'plain_text_input', value: 'Form Log' },
        deal: { type: 'static_select', selected_option: { value: 'JP' } },
      }),
    );
    // A reply that cannot be delivered, and Web API calls that fail with a 500.
    fake.failNext('response_url', { status: 500 });
    await s.receiver.send(slashCommand(fake, admin, 'list').body);
    fake.failNext('views.publish', { status: 500 });
    await s.receiver.send(slashCommand(fake, admin, 'edit log-test cost=2B').body);
    fake.failNext('chat.postMessage', { status: 500 }, { status: 500 }, { status: 500 });
    const checkRuntime = { ...testRuntime(db, config, { logger, today: '2026-02-20' }), config: { ...config, DEALCLOCK_WORKSPACE: flowWs } };
    const silent = { write: () => true } as unknown as NodeJS.WritableStream & import('node:stream').Writable;
    await runCheck(checkRuntime, { date: '2026-02-20', output: silent, poster: await posterFor(checkRuntime.config, logger, silent, db) }).catch(
      (error: unknown) => logger.error('check failed', { error }),
    );
    // Errors from pg and Bolt carry what they were given: a connection string, a token.
    logger.error('database unreachable', { error: new Error(`connect ECONNREFUSED ${config.DATABASE_URL}`) });
    logger.error('slack call failed', { error: new Error(`An API error occurred: invalid_auth (token ${BOT_TOKEN})`), key: ENCRYPTION_KEY });

    const all = lines.join('\n');
    expect(lines.length).toBeGreaterThan(5);
    expect(all).toContain('[redacted]');
    for (const secret of [BOT_TOKEN, SIGNING_SECRET, DB_PASSWORD, ENCRYPTION_KEY]) expect(all).not.toContain(secret);
  });
});
