/**
 * Calendar feeds as a new user meets them: the real Bolt app in HTTP mode against the fake
 * Slack, signed `/invest feed` commands, and the feed URL fetched from the bot's server.
 */
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import type { Database } from '../../../src/db/database.ts';
import { createLogger } from '../../../src/log.ts';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.ts';
import { FEED_RATE } from '../../../src/slack/feed-route.ts';
import { createHttpFront, RETRY_AFTER_SECONDS } from '../../../src/slack/http-front.ts';
import { newWorkspaceId, openTestDatabase, testContext } from '../../helpers/db.ts';
import { FakeSlack } from '../../helpers/fake-slack.ts';
import { parseFeed } from '../../helpers/ics.ts';
import { responsesTo, SIGNING_SECRET, slackConfig, slashCommand, testRuntime } from '../../helpers/slack.ts';

const PUBLIC_URL = 'https://dealclock.example.com';
const FEED_URL = /https:\/\/dealclock\.example\.com(\/feeds\/dcf_[A-Za-z0-9_-]{43}\.ics)/;

let db: Database;
let fake: FakeSlack;
let slack: SlackApp;
let base: string;
let ws: string;

beforeAll(async () => {
  db = await openTestDatabase();
  fake = await new FakeSlack().start();
  const config = slackConfig(fake, { DEALCLOCK_PUBLIC_URL: PUBLIC_URL, DEALCLOCK_ADMINS: 'U0ADMIN' });
  slack = createSlackApp(testRuntime(db, config), { clientOptions: { retryConfig: { retries: 0 } } });
  await slack.start();
  base = `http://127.0.0.1:${(slack.server!.address() as AddressInfo).port}`;
  ws = newWorkspaceId();
  await executeCommand('add "Texas GulfLink" deal=JP cost=2.1B', testContext(db, { workspaceId: ws }));
  await executeCommand('select texas-gulflink notice=2026-02-17', testContext(db, { workspaceId: ws }));
});
afterAll(async () => {
  await slack?.stop();
  await fake?.stop();
  await db?.close();
});
beforeEach(() => fake.reset());

function sign(body: string, timestamp: number): string {
  return `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** A signed slash command over HTTP; resolves with the reply's JSON once the work after the ack is done. */
async function command(text: string, who: { teamId?: string; userId?: string } = {}): Promise<{ json: string; args: Record<string, unknown> }> {
  const { body: fields, responseId } = slashCommand(fake, { teamId: who.teamId ?? ws, ...(who.userId ? { userId: who.userId } : {}) }, text);
  const body = new URLSearchParams(fields).toString();
  const now = Math.floor(Date.now() / 1000);
  const res = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(now), 'x-slack-signature': sign(body, now) },
    body,
  });
  expect(res.status).toBe(200);
  await slack.idle();
  const [reply] = responsesTo(fake, responseId);
  expect(reply, text).toBeDefined();
  return { json: JSON.stringify(reply!.args), args: reply!.args };
}

async function createFeed(text: string, teamId = ws): Promise<string> {
  const { json, args } = await command(text, { teamId });
  expect(args.response_type).toBe('ephemeral');
  const path = FEED_URL.exec(json)?.[1];
  expect(path, json).toBeDefined();
  return path!;
}

function get(path: string, headers: Record<string, string> = {}) {
  return fetch(`${base}${path}`, { headers });
}

describe('calendar feeds over HTTP', () => {
  it('an admin gets a URL; the calendar has the due date; an edit moves it under the same UID; revoking answers 404', async () => {
    const path = await createFeed('feed deal=JP share');
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(new Date(res.headers.get('last-modified')!).getTime()).toBeGreaterThan(0);
    const text = await res.text();
    expect(text).toContain('\r\nDTSTART;VALUE=DATE:20260423\r\n');
    const first = parseFeed(text).events;
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      date: '2026-04-23',
      dateOnly: true,
      summary: 'Texas GulfLink — funding due (45 business days, US-FRB+JP-BANK)',
      status: 'CONFIRMED',
    });
    expect(new Date(`${first[0]!.date}T00:00:00Z`).getUTCDay()).toBe(4); // a Thursday

    const unchanged = await get(path, { 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('etag')).toBe(etag);
    expect(await unchanged.text()).toBe('');

    const edited = await command('edit texas-gulflink notice=2026-02-18 due=2026-05-01');
    expect(edited.json).toContain('Updated');
    const moved = await get(path, { 'if-none-match': etag });
    expect(moved.status).toBe(200);
    expect(moved.headers.get('etag')).not.toBe(etag);
    const [event] = parseFeed(await moved.text()).events;
    expect(event).toMatchObject({ uid: first[0]!.uid, date: '2026-05-01' });
    expect(event!.sequence).toBeGreaterThan(first[0]!.sequence);

    const list = await command('feed list');
    const id = /#(\d+)/.exec(list.json)![1];
    expect(list.json).not.toContain(path);
    const revoked = await command(`feed revoke ${id}`);
    expect(revoked.json).toContain(`Revoked calendar feed #${id}`);
    const gone = await get(path);
    expect(gone.status).toBe(404);
    const unknown = await get(`/feeds/dcf_${'A'.repeat(43)}.ics`);
    const malformed = await get('/feeds/guess.ics');
    // Revoked, unknown and malformed look the same: nothing tells which tokens exist.
    const bodies = await Promise.all([gone, unknown, malformed].map((r) => r.text()));
    expect([unknown.status, malformed.status]).toEqual([404, 404]);
    expect(new Set(bodies).size).toBe(1);
    expect(new Set([gone, unknown, malformed].map((r) => r.headers.get('content-type'))).size).toBe(1);
  });

  it('a member who is not an admin cannot create a feed', async () => {
    const { json } = await command('feed', { userId: 'U0MEMBER' });
    expect(json).toContain('Only <@U0ADMIN> can use `feed`');
    expect(json).not.toMatch(FEED_URL);
  });

  it("another workspace's feed shows only that workspace's projects", async () => {
    const other = newWorkspaceId();
    await executeCommand('add "Ulsan Battery Works" deal=KR', testContext(db, { workspaceId: other }));
    await executeCommand('select ulsan notice=2026-02-17', testContext(db, { workspaceId: other }));
    const path = await createFeed('feed', other);
    const { events } = parseFeed(await (await get(path)).text());
    expect(events.map((e) => e.summary)).toEqual(['Ulsan Battery Works — funding due (45 business days, US-FRB+KR-BANK)']);
    expect(events[0]!.uid).toContain(other);
  });

  it('answers 429 past the per-token limit, and other tokens are not affected', async () => {
    const limited = await createFeed('feed');
    const other = await createFeed('feed deal=JP');
    const { headers } = await get(limited);
    const etag = headers.get('etag')!;
    const statuses: number[] = [];
    for (let i = 1; i < FEED_RATE.burst; i++) statuses.push((await get(limited, { 'if-none-match': etag })).status);
    expect(new Set(statuses)).toEqual(new Set([304]));
    const over = await get(limited, { 'if-none-match': etag });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await get(other)).status).toBe(200);
  });

  it('refuses other methods', async () => {
    const path = await createFeed('feed');
    const res = await fetch(`${base}${path}`, { method: 'POST', body: 'x' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('calendar feeds while the bot starts', () => {
  it('answers 503 with Retry-After for a feed URL, like every other route it serves, not 404', async () => {
    const front = createHttpFront({
      routes: [],
      host: '127.0.0.1',
      port: 0,
      headersTimeoutMs: 5_000,
      requestTimeoutMs: 10_000,
      logger: createLogger({ level: 'silent' }),
    });
    const { port } = await front.listen();
    try {
      const res = await fetch(`http://127.0.0.1:${port}/feeds/dcf_${'A'.repeat(43)}.ics`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
      expect((await fetch(`http://127.0.0.1:${port}/elsewhere`)).status).toBe(404);
    } finally {
      await front.close();
    }
  });
});
