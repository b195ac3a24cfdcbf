/**
 * User text never becomes a ping, a mention or a link. A project, sponsor, location,
 * sector and reason made of Slack markup go through every surface — slash command replies
 * (ephemeral and shared), buttons, the add form, the App Home, reminders, catch-ups and
 * digests — with the real Bolt app against the fake Slack, and every `text` in every
 * recorded payload is checked: the only `<…>` tokens are the ones the bot builds itself.
 * The shell shows the same text exactly as typed.
 */
import { Writable } from 'node:stream';
import { describe, expect } from 'vitest';
import type { Database } from '../../../src/db/database.ts';
import { executeCommand } from '../../../src/commands/router.ts';
import { tariffExposureLine } from '../../../src/reminders/compose.ts';
import { createShellPoster } from '../../../src/reminders/poster.ts';
import { reconcile } from '../../../src/reminders/reconcile.ts';
import { createSender } from '../../../src/reminders/sender.ts';
import { renderText } from '../../../src/replies/render-text.ts';
import { ACTION_SHARE } from '../../../src/replies/project-card.ts';
import { ACTION_SHOW } from '../../../src/slack/actions.ts';
import { ADD_MODAL_CALLBACK } from '../../../src/slack/modal.ts';
import { newWorkspaceId, testContext } from '../../helpers/db.ts';
import type { FakeSlack, FakeSlackCall } from '../../helpers/fake-slack.ts';
import { it } from '../../helpers/fixtures.ts';
import { appHomeOpened, blockAction, inProcessSlack, responsesTo, slashCommand, viewSubmission, type InProcessSlack } from '../../helpers/slack.ts';
import { checkDay, FAST, quiet, settings, slackPoster } from '../reminders/setup.ts';

const NAME = '<!channel> <@U0CEO> <https://x.test|y>';
const SPONSOR = '<!here> & Sons';
const LOCATION = '<#C0OTHER>';
const SECTOR = '<!everyone> a &lt; b';
const REASON = '<!here> see <#C0OTHER|general>';
const MODAL_NAME = '<!here> Modal <@U0CEO> Works';
/** The escaped form of NAME, as Slack must receive it. */
const NAME_ESCAPED = '&lt;!channel&gt; &lt;@U0CEO&gt; &lt;https://x.test|y&gt;';

const OWNER = 'C0PROJ001';
const DIGESTS = 'C0DIGEST1';

let s: InProcessSlack;
let ws: string;
let slug: string;
let modalSlug: string;

/** Every string stored under a `text` key, anywhere in a payload. */
function texts(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) texts(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'text' && typeof v === 'string') out.push(v);
      else texts(v, out);
    }
  }
  return out;
}

/**
 * The `<…>` tokens the bot writes itself: the acting user, owner and digest channels it
 * was given as IDs, and links to the deals' and tariff rows' recorded sources.
 */
const ALLOWED_TOKEN = [/^<@U0ADMIN>$/, new RegExp(`^<#(${OWNER}|${DIGESTS}|C0DEALS)>$`), /^<https:\/\/(?!x\.test)[^\s<>|]+\|[^<>]*>$/];

function expectNoInjectedMarkup(calls: FakeSlackCall[]): void {
  expect(calls.length).toBeGreaterThan(0);
  for (const call of calls) {
    for (const text of texts(call.args)) {
      const where = `${call.method}: ${text.slice(0, 300)}`;
      expect(text, where).not.toContain('<!');
      expect(text, where).not.toContain('<@U0CEO');
      expect(text, where).not.toContain('<#C0OTHER');
      expect(text, where).not.toContain('<https://x.test');
      for (const token of text.match(/<[^>]*>?/g) ?? []) {
        expect(
          ALLOWED_TOKEN.some((re) => re.test(token)),
          `${where}\n  token ${token}`,
        ).toBe(true);
      }
    }
  }
}

const payloadText = (calls: FakeSlackCall[]) => calls.map((c) => JSON.stringify(c.args)).join('\n');

async function command(fake: FakeSlack, text: string, channelId = 'C0DEALS') {
  const { body, responseId } = slashCommand(fake, { teamId: ws, channelId }, text);
  await s.receiver.send(body);
  const replies = responsesTo(fake, responseId);
  expect(replies, text).toHaveLength(1);
  return replies[0]!;
}

async function projectId(db: Database, slugOf: string): Promise<number> {
  const { rows } = await db.query<{ id: number }>('SELECT id FROM project WHERE workspace_id = $1 AND slug = $2', [ws, slugOf]);
  return rows[0]!.id;
}

it.beforeAll(async ({ db, fake }) => {
  s = inProcessSlack(db, fake);
  ws = newWorkspaceId();
  // Through Slack: the text arrives as Slack sends it, with the markup whole.
  const add = await command(
    fake,
    `add "${NAME}" deal=JP cost=2.1B sponsor="${SPONSOR}" location="${LOCATION}" sector="${SECTOR.replace('&', '&amp;')}" channel=<#${OWNER}|proj>`,
  );
  expect(JSON.stringify(add.args)).not.toContain('could not');
  const { rows } = await db.query<{ slug: string; name: string; sponsor: string; sector: string }>(
    'SELECT slug, name, sponsor, sector FROM project WHERE workspace_id = $1',
    [ws],
  );
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ name: NAME, sponsor: SPONSOR, sector: SECTOR });
  slug = rows[0]!.slug;
  await command(fake, `select ${slug} notice=2026-02-17`);
  await command(fake, 'subscribe daily', DIGESTS);
});

describe('user text in Slack payloads is escaped', () => {
  it('ephemeral replies: add, show, list, status, history, exposure, edit, and an error that quotes the input', async ({ fake }) => {
    fake.reset();
    await command(fake, `show ${slug}`);
    await command(fake, 'list');
    await command(fake, 'status');
    await command(fake, `history ${slug}`);
    await command(fake, `exposure ${slug}`);
    await command(fake, `edit ${slug} location="${LOCATION} <!here>"`);
    await command(fake, `edit ${slug} location="${LOCATION}"`);
    await command(fake, 'show <!channel>');
    await command(fake, 'history');
    const calls = fake.callsTo('response_url');
    expectNoInjectedMarkup(calls);
    expect(payloadText(calls)).toContain(NAME_ESCAPED);
    // The header (plain_text) carries the escaped name too, and reads no emoji codes in it.
    const header = (calls[0]!.args.blocks as { type: string; text: { text: string; emoji?: boolean } }[])[0]!;
    expect(header.type).toBe('header');
    expect(header.text.text).toBe(NAME_ESCAPED);
    expect(header.text.emoji).toBe(false);
  });

  it('tariff, baseline and calendar text typed by admins: legal bases, sources, reasons, audit values', async ({ fake }) => {
    fake.reset();
    await command(
      fake,
      `tariff set JP autos current=15% threatened=25% basis="${REASON}" from=2026-01-01 source=https://example.gov/a?x=1&amp;y=2 note="${SPONSOR}"`,
    );
    await command(fake, `baseline set JP autos 50bn year=2025 source=<https://example.gov/b> basis="${SECTOR.replace('&', '&amp;')}"`);
    await command(fake, `calendar close US-FRB 2026-12-24 reason="${LOCATION} <!channel>"`);
    await command(fake, 'tariffs JP');
    await command(fake, 'exposure JP');
    await command(fake, `exposure ${slug} threatened=30%`);
    await command(fake, 'calendar US-FRB 2026');
    await command(fake, 'history');
    const calls = fake.callsTo('response_url');
    expect(calls).toHaveLength(8);
    expect(calls.map((c) => String(c.args.text).slice(0, 40))).toEqual([
      'Recorded: JP autos from 2026-01-01',
      'Recorded: JP autos baseline for 2025',
      'Thu 2026-12-24 is now closed on `US-FRB`',
      expect.stringContaining('Tariff regimes as of 2026-03-02'),
      expect.stringContaining('Tariff exposure as of 2026-03-02'),
      `${slug} — Tariff exposure as of 2026-03-02: JP: US`.slice(0, 40),
      'US-FRB: 11 closed weekdays in 2026',
      expect.stringContaining('History of this workspace'),
    ]);
    expectNoInjectedMarkup(calls);
    const all = payloadText(calls);
    expect(all).toContain('&lt;!here&gt; see &lt;#C0OTHER|general&gt;');
    expect(all).toContain('&lt;#C0OTHER&gt; &lt;!channel&gt;');
    expect(all).toContain('&lt;!everyone&gt; a &amp;lt; b');
    expect(all).toContain('<https://example.gov/a?x=1&y=2|source>');
  });

  it('shared replies: `share` and the Share button', async ({ db, fake }) => {
    fake.reset();
    const shared = await command(fake, `show ${slug} share`);
    expect(shared.args.response_type).toBe('in_channel');
    const { body, responseId } = blockAction(
      fake,
      { teamId: ws },
      { actionId: ACTION_SHARE, value: JSON.stringify({ id: await projectId(db, slug), stage: 'selected' }) },
    );
    await s.receiver.send(body);
    expect(responsesTo(fake, responseId)[0]!.args.response_type).toBe('in_channel');
    const show = blockAction(fake, { teamId: ws }, { actionId: ACTION_SHOW, value: JSON.stringify({ id: await projectId(db, slug) }) });
    await s.receiver.send(show.body);
    const calls = fake.callsTo('response_url');
    expect(calls).toHaveLength(3);
    expectNoInjectedMarkup(calls);
    expect(payloadText(calls)).toContain(NAME_ESCAPED);
    expect(payloadText(calls)).toContain('Shared by <@U0ADMIN>');
  });

  it('the add form: its confirmation, the App Home it republishes, and a reason on a later withdrawal', async ({ db, fake }) => {
    fake.reset();
    const form = {
      name: { type: 'plain_text_input', value: MODAL_NAME },
      deal: { type: 'static_select', selected_option: { value: 'JP' } },
      cost: { type: 'plain_text_input', value: '' },
      sector: { type: 'plain_text_input', value: SECTOR },
      sponsor: { type: 'plain_text_input', value: LOCATION },
      location: { type: 'plain_text_input', value: SPONSOR },
      announced: { type: 'datepicker', selected_date: null },
      channel: { type: 'conversations_select', selected_conversation: null },
    };
    const meta = JSON.stringify({ channelId: 'C0DEALS', responseUrl: fake.responseUrl('modal-escaping') });
    const ack = await s.receiver.send(viewSubmission({ teamId: ws }, ADD_MODAL_CALLBACK, form, meta));
    expect(ack.value).toBeUndefined();
    const { rows } = await db.query<{ slug: string }>('SELECT slug FROM project WHERE workspace_id = $1 AND name = $2', [ws, MODAL_NAME]);
    modalSlug = rows[0]!.slug;
    await command(fake, `withdraw ${modalSlug} reason="${REASON}"`);
    await command(fake, `show ${modalSlug}`);
    const calls = fake.calls.filter((c) => c.method === 'response_url' || c.method === 'views.publish');
    expect(responsesTo(fake, 'modal-escaping')).toHaveLength(1);
    expectNoInjectedMarkup(calls);
    const all = payloadText(calls);
    expect(all).toContain('&lt;!here&gt; Modal &lt;@U0CEO&gt; Works');
    expect(all).toContain('&lt;!here&gt; see &lt;#C0OTHER|general&gt;');
  });

  it('the App Home', async ({ fake }) => {
    fake.reset();
    await s.receiver.send(appHomeOpened({ teamId: ws }));
    const calls = fake.callsTo('views.publish');
    expect(calls).toHaveLength(1);
    expectNoInjectedMarkup(calls);
    expect(payloadText(calls)).toContain(NAME_ESCAPED);
  });

  it('reminders, a catch-up after downtime, and channel digests', async ({ db, fake }) => {
    fake.reset();
    const poster = slackPoster(fake);
    const send = (day: string) => checkDay(db, ws, poster, day, { ...FAST, exposure: tariffExposureLine });
    await send('2026-03-02');
    // 30 business days left.
    await send('2026-03-11');
    // Back after the 15 and 10 milestones went by: a catch-up.
    await send('2026-04-13');
    const calls = fake.callsTo('chat.postMessage');
    const toOwner = calls.filter((c) => c.args.channel === OWNER);
    const digests = calls.filter((c) => c.args.channel === DIGESTS);
    expect(toOwner.length).toBeGreaterThanOrEqual(2);
    expect(payloadText(toOwner)).toContain('missed reminders');
    expect(digests.length).toBeGreaterThanOrEqual(3);
    expectNoInjectedMarkup(calls);
    for (const c of toOwner) expect(String(c.args.text)).toContain(NAME_ESCAPED);
    for (const c of digests) expect(JSON.stringify(c.args.blocks)).toContain(NAME_ESCAPED);
  });
});

describe('the shell shows user text exactly as typed', () => {
  const ctx = (db: Database) => testContext(db, { workspaceId: ws, today: '2026-03-02' });

  it('in command replies', async ({ db }) => {
    for (const text of [`show ${slug}`, 'list', 'status', `history ${slug}`, `exposure ${slug}`]) {
      const out = renderText(await executeCommand(text, ctx(db)));
      expect(out, text).toContain(NAME);
      expect(out, text).not.toContain('&lt;!');
    }
    const card = renderText(await executeCommand(`show ${slug}`, ctx(db)));
    for (const typed of [SPONSOR, LOCATION, SECTOR]) expect(card).toContain(typed);
    expect(renderText(await executeCommand(`show ${modalSlug}`, ctx(db)))).toContain(REASON);
  });

  it('in reminders printed to the shell', async ({ db }) => {
    const other = newWorkspaceId();
    const run = (text: string) => executeCommand(text, testContext(db, { workspaceId: other, today: '2026-03-02' }));
    await run(`add "${NAME}" deal=JP`);
    await run(`select ${slug} notice=2026-02-17`);
    let printed = '';
    const output = new Writable({
      write(chunk, _enc, done) {
        printed += String(chunk);
        done();
      },
    });
    await reconcile(db, '2026-03-11', null, settings(other));
    await createSender(db, createShellPoster(output), quiet, { workspaceIds: [other], ...FAST }).run('2026-03-11');
    expect(printed).toContain(`${NAME}: 30 business days left`);
    expect(printed).not.toContain('&lt;');
  });
});
