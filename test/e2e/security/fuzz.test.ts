/**
 * Fuzz: FUZZ_CASES generated command texts (default 10,000; seeded by FUZZ_SEED, so a
 * failure replays) through
 * `prepareCommand` + `runPrepared` — what the Slack command listener runs after its ack
 * (executeCommand is exactly those two) — and 3% as many more through the real Bolt app. Nothing
 * throws, every reply is a well-formed Slack message, and a refused input leaves the
 * workspace byte-for-byte unchanged.
 *
 * The fuzz runs as an admin, so every refusal here is a refusal of bad input. Permission
 * refusals do write (one `permission.refused` audit event, by design); they are covered
 * by permissions.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import type { Database } from '../../../src/db/database.ts';
import { toSlackMessage } from '../../../src/slack/blocks-to-slack.ts';
import { newWorkspaceId, openTestDatabase, testContext, workspaceSnapshot } from '../../helpers/db.ts';
import { FakeSlack } from '../../helpers/fake-slack.ts';
import { inProcessSlack, responsesTo, slashCommand } from '../../helpers/slack.ts';

/** mulberry32: small, fast, good enough to generate inputs. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How many inputs, and from which seed: `FUZZ_CASES=100000 FUZZ_SEED=7 npm run test:e2e` for a longer search. */
const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 0xdea1c10c);
const BOLT_CASES = Math.max(1, Math.round(CASES * 0.03));

const SUBS = [
  'help',
  'list',
  'status',
  'show',
  'add',
  'edit',
  'shortlist',
  'select',
  'fund',
  'decline',
  'withdraw',
  'deadline',
  'calendar',
  'history',
  'exposure',
  'tariffs',
  'tariff',
  'baseline',
  'subscribe',
  'unsubscribe',
  'subscriptions',
  'digest',
  'lsit',
  'SHOW',
  '/invest',
];
const KEYS = [
  'deal',
  'cost',
  'sector',
  'sponsor',
  'location',
  'announced',
  'channel',
  'slug',
  'calendar',
  'notice',
  'due',
  'on',
  'amount',
  'reason',
  'stage',
  'current',
  'threatened',
  'basis',
  'from',
  'to',
  'source',
  'year',
  '__proto__',
  'constructor',
  'x',
];
const ATOMS = [
  'texas-gulflink',
  'ohio-fab',
  '#1',
  '#999999999999',
  'texas',
  '"Texas GulfLink"',
  "'; DROP TABLE project; --",
  "' OR '1'='1",
  '$1',
  '%s',
  '\\',
  '"unclosed',
  '<!channel>',
  '<!here|here>',
  '<@U0ADMIN>',
  '<#C0DEALS|deals>',
  '<!subteam^S1|@admins>',
  '*bold*',
  '_it_',
  '~x~',
  '`code`',
  '```block```',
  '&amp;',
  '&lt;',
  '>quote',
  '2026-02-17',
  '2026-02-30',
  '1900-01-01',
  '9999-12-31',
  'today',
  'yesterday',
  '2.1B',
  '$600M',
  'US$33bn',
  '-5',
  '1e309',
  'NaN',
  'Infinity',
  '0x10',
  '١٢٣',
  'JP',
  'KR',
  'XX',
  'US-FRB',
  'US-FRB+JP-BANK',
  'daily',
  'weekly',
  'friday',
  'share',
  'close',
  'open',
  'reset',
  'set',
  'autos',
  'other',
  '25%',
  'MFN+10%',
  '日本語',
  '한국어',
  '🚀🔥',
  'e\u0301',
  '\u200b',
  '\u00a0',
  '\ufeff',
  'Ａ',
  '𝔘𝔫𝔦',
  '\u202e',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u0085',
  '\ud800',
  '\r\n',
  '\t',
];

function generate(rand: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const r = rand();
  if (r < 0.03) return pick(ATOMS).repeat(1 + Math.floor(rand() * 2000)); // long
  if (r < 0.06) return Array.from({ length: Math.floor(rand() * 300) }, () => String.fromCodePoint(Math.floor(rand() * 0x3000))).join(''); // random code points
  if (r < 0.08) return ''; // empty
  const parts: string[] = [];
  if (rand() < 0.9) parts.push(pick(SUBS));
  const n = Math.floor(rand() * 7);
  for (let i = 0; i < n; i++) {
    const q = rand();
    if (q < 0.45) parts.push(pick(ATOMS));
    else if (q < 0.85) parts.push(`${pick(KEYS)}=${rand() < 0.3 ? `"${pick(ATOMS)} ${pick(ATOMS)}"` : pick(ATOMS)}`);
    else parts.push(`${pick(KEYS)}=`);
  }
  return parts.join(rand() < 0.1 ? '  ' : ' ');
}

const BLOCK_TYPES = new Set(['section', 'header', 'context', 'divider', 'actions']);

function assertWellFormed(message: { text?: unknown; blocks?: unknown }, input: string): void {
  const where = `input ${JSON.stringify(input.slice(0, 120))}`;
  expect(typeof message.text === 'string' && message.text.trim().length > 0, where).toBe(true);
  expect((message.text as string).length, where).toBeLessThanOrEqual(3000);
  const blocks = message.blocks as { type: string; text?: { type: string; text: string }; fields?: { text: string }[]; elements?: unknown[] }[];
  expect(Array.isArray(blocks), where).toBe(true);
  expect(blocks.length, where).toBeLessThanOrEqual(50);
  for (const b of blocks) {
    expect(BLOCK_TYPES.has(b.type), `${where}: block type ${b.type}`).toBe(true);
    if (b.type === 'section') {
      expect(b.text || b.fields, where).toBeTruthy();
      if (b.text) expect(b.text.text.length, where).toBeLessThanOrEqual(3000);
      for (const f of b.fields ?? []) expect(f.text.length, where).toBeLessThanOrEqual(2000);
      expect((b.fields ?? []).length, where).toBeLessThanOrEqual(10);
    }
    if (b.type === 'header') expect(b.text!.text.length, where).toBeLessThanOrEqual(150);
  }
}

let db: Database;
let ws: string;

beforeAll(async () => {
  db = await openTestDatabase();
  ws = newWorkspaceId();
  const ctx = testContext(db, { workspaceId: ws });
  for (const text of ['add "Texas GulfLink" deal=JP cost=2.1B sector=energy', 'select texas-gulflink notice=2026-02-17', 'add "Ohio Fab" deal=JP cost=600M']) {
    expect((await executeCommand(text, ctx)).isError, text).toBeFalsy();
  }
});
afterAll(async () => {
  await db?.close();
});

describe('fuzz', () => {
  it(`${CASES} generated commands: no crash, well-formed replies, refused input changes nothing`, async () => {
    const rand = prng(SEED);
    const ctx = testContext(db, { workspaceId: ws, source: 'slack', userId: 'U0ADMIN', channelId: 'C0DEALS' });
    let refused = 0;
    let before = await workspaceSnapshot(db, ws);
    for (let i = 0; i < CASES; i++) {
      const input = generate(rand);
      const reply = await executeCommand(input, ctx);
      assertWellFormed(toSlackMessage(reply, { shared: Boolean(reply.share) }), input);
      if (reply.isError) {
        refused++;
        const after = await workspaceSnapshot(db, ws);
        expect(after, `refused input changed the database: ${JSON.stringify(input.slice(0, 200))}`).toBe(before);
      } else {
        // An accepted command may change data; the next comparison starts from here.
        before = await workspaceSnapshot(db, ws);
      }
    }
    // The generator must exercise both paths, mostly the hostile one.
    expect(refused).toBeGreaterThan(CASES / 2);
  }, 240_000);

  it(`${BOLT_CASES} more through the real Bolt app, as a non-admin would send them too`, async () => {
    const fake = await new FakeSlack().start();
    try {
      const s = inProcessSlack(db, fake);
      const rand = prng(process.env.FUZZ_SEED === undefined ? 42 : SEED + 1);
      for (let i = 0; i < BOLT_CASES; i++) {
        const input = generate(rand);
        const before = await workspaceSnapshot(db, ws);
        const { body, responseId } = slashCommand(fake, { teamId: ws }, input);
        const ack = await s.receiver.send(body);
        expect(ack.called).toBe(true);
        const replies = responsesTo(fake, responseId);
        if (input.trim() === 'add') continue; // opens the form instead of replying
        expect(replies, JSON.stringify(input.slice(0, 100))).toHaveLength(1);
        const message = replies[0]!.args as { text?: string; blocks?: unknown };
        assertWellFormed(message, input);
        if (/^:warning:/.test(JSON.stringify((message.blocks as { text?: { text: string } }[])[0]?.text?.text ?? ''))) {
          expect(await workspaceSnapshot(db, ws)).toBe(before);
        }
      }
    } finally {
      await fake.stop();
    }
  }, 120_000);
});
