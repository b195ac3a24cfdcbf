import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import type { Database } from '../../../src/db/database.ts';
import { feedVersionTag, forgetEventTexts, renderFeed, type FeedSource } from '../../../src/feeds/feed-calendar.ts';
import { createLogger } from '../../../src/log.ts';
import { renderText } from '../../../src/replies/render-text.ts';
import { createContext } from '../../../src/usecases/context.ts';
import { feedForToken } from '../../../src/usecases/feeds.ts';
import { engineName, newWorkspaceId, openTestDatabase } from '../../helpers/db.ts';
import { parseFeed } from '../../helpers/ics.ts';

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

const BASE = 'https://dealclock.example.com';
const TOKEN_URL = /https:\/\/dealclock\.example\.com\/feeds\/(dcf_[A-Za-z0-9_-]{43})\.ics/;
const logger = createLogger({ level: 'silent' });
const settings = { slackWebUrl: 'https://slack.com', commandName: '/invest', logger };

function ctx(workspaceId: string, o: { isAdmin?: boolean; userId?: string; today?: string; locale?: 'en' | 'ja' } = {}) {
  return createContext({
    db,
    workspaceId,
    actor: { userId: o.userId ?? 'U0ADMIN', source: 'slack', channelId: 'C0DEALS', isAdmin: o.isAdmin ?? true, adminsDescription: '<@U0ADMIN>' },
    today: o.today ?? '2026-03-02',
    commandName: '/invest',
    logger,
    locale: o.locale,
    feedBase: { url: BASE, configured: true },
  });
}

async function run(ws: string, text: string, o: Parameters<typeof ctx>[1] = {}) {
  const reply = await executeCommand(text, ctx(ws, o));
  return { reply, out: renderText(reply) };
}

async function feedRows(ws: string) {
  return (await db.query('SELECT * FROM feed WHERE workspace_id = $1 ORDER BY id', [ws])).rows;
}
async function auditRows(ws: string) {
  return (await db.query('SELECT action, subject, before, after FROM audit_event WHERE workspace_id = $1 ORDER BY id', [ws])).rows;
}

async function createFeedUrl(ws: string, text = 'feed'): Promise<string> {
  const { reply, out } = await run(ws, text);
  expect(reply.isError, out).toBeFalsy();
  return TOKEN_URL.exec(out)![1]!;
}

async function feedText(source: FeedSource, now = new Date()) {
  return renderFeed(db, source, settings, now);
}

describe(`feed subcommand (${engineName})`, () => {
  it('creates a feed: the URL is shown once, only its hash is stored, the creation is audited', async () => {
    const ws = newWorkspaceId();
    const { reply, out } = await run(ws, 'feed deal=JP channel=<#C0DEALS|deals> milestones=on share');
    expect(reply.isError).toBeFalsy();
    // `share` does not post a secret URL in the channel.
    expect(reply.share).toBeFalsy();
    expect(reply.secret).toBe(true);
    const token = TOKEN_URL.exec(out)![1]!;
    expect(out).not.toContain('DEALCLOCK_PUBLIC_URL is not set');
    const rows = await feedRows(ws);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ deal_code: 'JP', channel_id: 'C0DEALS', milestones: true, created_by: 'U0ADMIN', revoked_at: null });
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const audit = await auditRows(ws);
    expect(audit).toEqual([
      { action: 'feed.create', subject: `feed:${rows[0]!.id}`, before: null, after: { deal: 'JP', channel: 'C0DEALS', milestones: true } },
    ]);
    expect(JSON.stringify(audit)).not.toContain(token.slice(4));
    expect((await feedForToken(db, token))?.id).toBe(rows[0]!.id);
    // The list names the feed and never its URL.
    const list = await run(ws, 'feed list');
    expect(list.out).toContain(`#${rows[0]!.id}`);
    expect(list.out).toContain('deal JP');
    expect(list.out).not.toContain(token);
  });

  it('says when DEALCLOCK_PUBLIC_URL is not set', async () => {
    const ws = newWorkspaceId();
    const c = { ...ctx(ws), feedBase: { url: 'http://localhost:3000', configured: false } };
    const out = renderText(await executeCommand('feed', c));
    expect(out).toMatch(/http:\/\/localhost:3000\/feeds\/dcf_[A-Za-z0-9_-]{43}\.ics/);
    expect(out).toContain('DEALCLOCK_PUBLIC_URL is not set');
  });

  it('revokes: the token stops working, the revocation is audited, a second revoke is refused', async () => {
    const ws = newWorkspaceId();
    const token = await createFeedUrl(ws);
    const [row] = await feedRows(ws);
    const revoked = await run(ws, `feed revoke ${row!.id}`);
    expect(revoked.reply.isError).toBeFalsy();
    expect(revoked.out).toContain(`Revoked calendar feed #${row!.id}`);
    expect(await feedForToken(db, token)).toBeUndefined();
    expect((await auditRows(ws)).map((a) => a.action)).toEqual(['feed.create', 'feed.revoke']);
    const again = await run(ws, `feed revoke ${row!.id}`);
    expect(again.reply.isError).toBe(true);
    expect(again.out).toContain(`no working calendar feed #${row!.id}`);
    expect((await run(ws, 'feed list')).out).toContain('No calendar feed');
  });

  it("cannot list or revoke another workspace's feed", async () => {
    const a = newWorkspaceId();
    const b = newWorkspaceId();
    const token = await createFeedUrl(a);
    const [row] = await feedRows(a);
    expect((await run(b, 'feed list')).out).toContain('No calendar feed');
    const refused = await run(b, `feed revoke ${row!.id}`);
    expect(refused.reply.isError).toBe(true);
    expect(await feedForToken(db, token)).toBeDefined();
    expect(await auditRows(b)).toEqual([]);
  });

  it('only admins create and revoke (where admins are configured); everyone may list', async () => {
    const ws = newWorkspaceId();
    await createFeedUrl(ws);
    const [row] = await feedRows(ws);
    const member = { isAdmin: false, userId: 'U0MEMBER' };
    for (const text of ['feed', 'feed deal=JP', `feed revoke ${row!.id}`]) {
      const { reply, out } = await run(ws, text, member);
      expect(reply.isError, text).toBe(true);
      expect(out).toContain('Only @U0ADMIN can use feed');
    }
    expect(await feedRows(ws)).toHaveLength(1);
    expect((await feedRows(ws))[0]!.revoked_at).toBeNull();
    expect((await auditRows(ws)).map((a) => a.action)).toEqual(['feed.create', 'permission.refused', 'permission.refused', 'permission.refused']);
    const list = await run(ws, 'feed list', member);
    expect(list.reply.isError).toBeFalsy();
    expect(list.out).toContain(`#${row!.id}`);
  });

  it.each([
    ['feed deal=XX', 'There is no deal XX'],
    ['feed channel=#deals', 'name the channel as a #mention or its ID'],
    ['feed channel=deals', 'name the channel as a #mention or its ID'],
    ['feed milestones=maybe', 'write on or off'],
    ['feed weekly', 'does not take weekly'],
    ['feed owner=U1', 'has no option owner='],
    ['feed revoke', 'needs the number of a feed'],
    ['feed revoke abc', 'is not a valid feed number'],
    ['feed list deal=JP', 'has no option deal='],
  ])('%s: a clear error, and nothing is created or audited', async (text, message) => {
    const ws = newWorkspaceId();
    const { reply, out } = await run(ws, text);
    expect(reply.isError).toBe(true);
    expect(out).toContain(message);
    expect(await feedRows(ws)).toEqual([]);
    expect(await auditRows(ws)).toEqual([]);
  });
});

describe(`feed content (${engineName})`, () => {
  it('one all-day event per running clock on its due date; a moved date keeps its UID and raises SEQUENCE; a funded project is cancelled', async () => {
    const ws = newWorkspaceId();
    await run(ws, 'add "Texas GulfLink" deal=JP cost=2.1B channel=C0DEALS1');
    await run(ws, 'select texas notice=2026-02-17');
    await run(ws, 'add "Ohio Valley Grid" deal=JP');
    await run(ws, 'select ohio notice=2026-03-02');
    await run(ws, 'add "Ulsan Battery Works" deal=KR');
    await run(ws, 'select ulsan notice=2026-02-17');
    await run(ws, 'add "Candidate Only" deal=JP');
    const jp: FeedSource = { workspaceId: ws, dealCode: 'JP', channelId: null, milestones: false, locale: 'en' };

    const first = parseFeed(await feedText(jp));
    expect(first.calendar['WR-CALNAME']).toBe('dealclock funding dates (deal JP)');
    expect(first.events.map((e) => [e.summary, e.date, e.dateOnly, e.status])).toEqual([
      ['Texas GulfLink — funding due (45 business days, US-FRB+JP-BANK)', '2026-04-23', true, 'CONFIRMED'],
      ['Ohio Valley Grid — funding due (45 business days, US-FRB+JP-BANK)', expect.any(String), true, 'CONFIRMED'],
    ]);
    const texas = first.events[0]!;
    expect(texas.description).toContain('Notice received: Tue 2026-02-17');
    expect(texas.description).toContain('Calendar spread: US-FRB Tue 2026-04-21, JP-BANK Thu 2026-04-23');
    expect(texas.description).toContain('Stage: selected');
    expect(texas.description).toContain('In Slack: /invest show texas-gulflink');
    expect(texas.description).toContain(`Channel: https://slack.com/app_redirect?team=${ws}&channel=C0DEALS1`);
    const all = parseFeed(await feedText({ ...jp, dealCode: null }));
    expect(all.events.map((e) => e.summary.split(' — ')[0]).sort()).toEqual(['Ohio Valley Grid', 'Texas GulfLink', 'Ulsan Battery Works']);
    const channel = parseFeed(await feedText({ ...jp, dealCode: null, channelId: 'C0DEALS1' }));
    expect(channel.events.map((e) => e.uid)).toEqual([texas.uid]);

    const before = await feedVersionTag(db, jp, settings, new Date());
    await run(ws, 'edit texas-gulflink notice=2026-02-18 due=2026-05-01');
    const after = await feedVersionTag(db, jp, settings, new Date());
    expect(after.etag).not.toBe(before.etag);
    const moved = parseFeed(await feedText(jp)).events.find((e) => e.uid === texas.uid)!;
    expect(moved.date).toBe('2026-05-01');
    expect(moved.sequence).toBeGreaterThan(texas.sequence);

    await run(ws, 'fund texas on=2026-04-20 amount=2.1B');
    const funded = parseFeed(await feedText(jp)).events.find((e) => e.uid === texas.uid)!;
    expect(funded.status).toBe('CANCELLED');
    expect(funded.sequence).toBeGreaterThan(moved.sequence);
    expect(funded.summary).toContain('funded');
    // After 30 days the cancelled event is gone.
    const later = parseFeed(await feedText(jp, new Date(Date.now() + 31 * 86_400_000)));
    expect(later.events.map((e) => e.uid)).not.toContain(texas.uid);
    expect(later.events).toHaveLength(1);
  });

  it('a feed from kept event texts is byte for byte the one written afresh, after an edit and a calendar closure too', async () => {
    const ws = newWorkspaceId();
    await run(ws, 'add "Texas GulfLink" deal=JP cost=2.1B');
    await run(ws, 'select texas notice=2026-02-17');
    await run(ws, 'add "Ulsan Battery Works" deal=KR');
    await run(ws, 'select ulsan notice=2026-02-17');
    const source: FeedSource = { workspaceId: ws, dealCode: null, channelId: null, milestones: true, locale: 'en' };
    const fresh = async () => {
      forgetEventTexts();
      return feedText(source);
    };
    const first = await feedText(source);
    expect(await feedText(source)).toBe(first);
    expect(await fresh()).toBe(first);

    await run(ws, 'edit texas-gulflink notice=2026-02-18');
    const edited = await feedText(source);
    expect(edited).not.toBe(first);
    expect(await fresh()).toBe(edited);

    // A closure moves Texas GulfLink's due date (a new calendar registry): nothing kept is reused wrongly.
    await run(ws, 'calendar close JP-BANK 2026-03-10 reason="bank strike"');
    const closed = await feedText(source);
    expect(parseFeed(closed).events.find((e) => e.uid.startsWith('due') && e.summary.startsWith('Texas'))!.date).not.toBe(
      parseFeed(edited).events.find((e) => e.uid.startsWith('due') && e.summary.startsWith('Texas'))!.date,
    );
    expect(await fresh()).toBe(closed);
  });

  it('milestone events at 30, 15, 10 and 5 business days left, with UIDs of their own', async () => {
    const ws = newWorkspaceId();
    await run(ws, 'add "Texas GulfLink" deal=JP');
    await run(ws, 'select texas notice=2026-02-17');
    const { events } = parseFeed(await feedText({ workspaceId: ws, dealCode: null, channelId: null, milestones: true, locale: 'en' }));
    expect(events.map((e) => [e.uid.split('-')[0], e.date])).toEqual([
      ['due', '2026-04-23'],
      ['left30', '2026-03-11'],
      ['left15', '2026-04-02'],
      ['left10', '2026-04-09'],
      ['left5', '2026-04-16'],
    ]);
    expect(events[4]!.summary).toBe('Texas GulfLink — 5 business days left (due Thu 2026-04-23)');
    expect(new Set(events.map((e) => e.uid)).size).toBe(5);
  });

  it('a feed made in Japanese speaks Japanese; Japanese names survive folding byte for byte', async () => {
    const ws = newWorkspaceId();
    const name = '北海道グリーン水素・アンモニア供給網整備事業（苫小牧東部地域）第二期';
    await run(ws, `add "${name}" deal=JP slug=hokkaido-h2`);
    await run(ws, 'select hokkaido-h2 notice=2026-02-17');
    const token = await createFeedUrl(ws, 'feed');
    const { reply } = await run(ws, 'feed list', { locale: 'ja' });
    expect(renderText(reply)).toContain('カレンダーフィード');
    const jaToken = TOKEN_URL.exec(renderText(await executeCommand('feed deal=JP', ctx(ws, { locale: 'ja' }))))![1]!;
    const [en, ja] = [await feedForToken(db, token), await feedForToken(db, jaToken)];
    expect([en?.locale, ja?.locale]).toEqual(['en', 'ja']);
    const text = await feedText({ workspaceId: ws, dealCode: 'JP', channelId: null, milestones: true, locale: 'ja' });
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const { calendar, events } = parseFeed(text);
    expect(calendar['WR-CALNAME']).toBe('dealclock 出資期日（枠組み JP）');
    expect(events[0]!.summary).toBe(`${name} — 出資期日（45営業日、US-FRB+JP-BANK）`);
    expect(Buffer.from(events[0]!.summary, 'utf8').subarray(0, Buffer.byteLength(name)).equals(Buffer.from(name, 'utf8'))).toBe(true);
    expect(events[0]!.description).toContain('出資期日：2026年4月23日（木）（US-FRB+JP-BANK、45営業日）');
    expect(events[0]!.description).toContain('段階：選定済み');
    expect(events[4]!.summary).toBe(`${name} — 残り5営業日（出資期日 2026年4月23日（木））`);
  });

  it("a workspace's feed never shows another workspace's projects", async () => {
    const a = newWorkspaceId();
    const b = newWorkspaceId();
    await run(a, 'add "Alpha Port" deal=JP');
    await run(a, 'select alpha notice=2026-02-17');
    await run(b, 'add "Beta Smelter" deal=JP');
    await run(b, 'select beta notice=2026-02-17');
    const feedA = parseFeed(await feedText({ workspaceId: a, dealCode: null, channelId: null, milestones: false, locale: 'en' }));
    expect(feedA.events.map((e) => e.summary)).toEqual(['Alpha Port — funding due (45 business days, US-FRB+JP-BANK)']);
    const tokenB = await createFeedUrl(b);
    const feedB = await feedForToken(db, tokenB);
    expect(feedB?.workspaceId).toBe(b);
  });
});
