/**
 * Permissions through the real Bolt app: every mutating subcommand, the Mark funded and
 * Decline buttons and the add form, for admins and for everyone else, with admins named
 * in DEALCLOCK_ADMINS and with a Slack user group (DEALCLOCK_ADMIN_GROUP). A refusal
 * changes nothing but one `permission.refused` audit event; reads stay open to everyone.
 */
import { describe, expect } from 'vitest';
import type { Database } from '../../../src/db/database.ts';
import { executeCommand } from '../../../src/commands/router.ts';
import { ACTION_DECLINE, ACTION_FUND } from '../../../src/replies/project-card.ts';
import { clearAdminGroupCache } from '../../../src/slack/context.ts';
import { ADD_MODAL_CALLBACK } from '../../../src/slack/modal.ts';
import { newWorkspaceId, testContext, workspaceSnapshot } from '../../helpers/db.ts';
import type { FakeSlack } from '../../helpers/fake-slack.ts';
import { it } from '../../helpers/fixtures.ts';
import { blockAction, inProcessSlack, responsesTo, slashCommand, viewSubmission, type InProcessSlack } from '../../helpers/slack.ts';

const SOURCE = 'https://www.govinfo.gov/content/pkg/FR-2025-09-16/html/2025-17908.htm';

/** Every mutating subcommand, written so that it succeeds for an admin on the seed. */
const MUTATING: string[] = [
  'add "Nevada Lithium" deal=JP cost=1.2B',
  'edit ohio-fab cost=700M',
  'shortlist ohio-fab',
  'select ohio-fab notice=2026-02-20',
  'fund texas-gulflink',
  'decline texas-gulflink reason="offtake risk"',
  'withdraw ohio-fab reason="sponsor pulled out"',
  'calendar close US-FRB 2026-12-24 reason="Executive order closure"',
  'calendar open US-FRB 2026-12-25 reason="test reopening"',
  'calendar reset US-FRB 2026-12-24',
  `tariff set JP autos current=25% threatened=25% basis="Section 232 snap-back" from=2026-12-01 source=${SOURCE}`,
  `baseline set JP autos 56bn year=2025 source=${SOURCE}`,
  'subscribe daily',
  'unsubscribe',
];
const READS = ['list', 'status', 'show texas-gulflink', 'history', 'history texas-gulflink', 'calendar US-FRB 2026', 'subscriptions', 'tariffs'];

let byList: InProcessSlack;
let byGroup: InProcessSlack;

it.beforeAll(async ({ db, fake }) => {
  byList = inProcessSlack(db, fake, { env: { DEALCLOCK_ADMINS: 'U0BOSS,U0CHIEF' } });
  byGroup = inProcessSlack(db, fake, { env: { DEALCLOCK_ADMIN_GROUP: 'S0ADMINS' } });
});
it.beforeEach(({ fake }) => {
  fake.reset();
  clearAdminGroupCache();
  fake.on('usergroups.users.list', (args) => (args.usergroup === 'S0ADMINS' ? { ok: true, users: ['U0GROUPIE'] } : { ok: false, error: 'no_such_subteam' }));
});

async function seed(db: Database): Promise<string> {
  const ws = newWorkspaceId();
  const ctx = testContext(db, { workspaceId: ws });
  for (const text of ['add "Texas GulfLink" deal=JP cost=2.1B sector=energy', 'select texas-gulflink notice=2026-02-17', 'add "Ohio Fab" deal=JP cost=600M']) {
    expect((await executeCommand(text, ctx)).isError, text).toBeFalsy();
  }
  return ws;
}

async function refusals(db: Database, ws: string) {
  const { rows } = await db.query<{ actor: string; source: string; channel_id: string; subject: string; after: { subcommand: string; text: string } }>(
    "SELECT actor, source, channel_id, subject, after FROM audit_event WHERE workspace_id = $1 AND action = 'permission.refused' ORDER BY id",
    [ws],
  );
  return rows;
}

/** The snapshot minus the refusal events: what "nothing else changed" compares. */
async function dataSnapshot(db: Database, ws: string): Promise<string> {
  const parts = JSON.parse(await workspaceSnapshot(db, ws)) as unknown[][];
  parts[1] = (parts[1] as { action: string }[]).filter((e) => e.action !== 'permission.refused');
  const extra = await db.query('SELECT * FROM tariff_regime WHERE workspace_id = $1 ORDER BY id', [ws]).catch(() => ({ rows: [] }));
  const subs = await db.query('SELECT * FROM subscription WHERE workspace_id = $1 ORDER BY id', [ws]).catch(() => ({ rows: [] }));
  return JSON.stringify([parts, extra.rows, subs.rows]);
}

async function command(fake: FakeSlack, s: InProcessSlack, ws: string, userId: string, text: string) {
  const { body, responseId } = slashCommand(fake, { teamId: ws, userId, channelId: 'C0DEALS' }, text);
  await s.receiver.send(body);
  const [reply] = responsesTo(fake, responseId);
  expect(reply, text).toBeDefined();
  return reply!.args as { text: string; blocks: { text?: { text: string } }[] };
}

for (const [label, surface, admin, other] of [
  ['DEALCLOCK_ADMINS', () => byList, 'U0CHIEF', 'U0INTERN'],
  ['DEALCLOCK_ADMIN_GROUP', () => byGroup, 'U0GROUPIE', 'U0INTERN'],
] as const) {
  describe(`admins from ${label}`, () => {
    for (const text of MUTATING) {
      const name = text
        .split(' ')
        .slice(0, text.startsWith('calendar') ? 2 : 1)
        .join(' ');
      it(`\`${name}\`: refused to ${other} (nothing changes, the attempt is recorded); allowed to ${admin}`, async ({ db, fake }) => {
        const ws = await seed(db);
        if (text === 'unsubscribe') await executeCommand('subscribe daily', testContext(db, { workspaceId: ws, source: 'slack', channelId: 'C0DEALS' }));
        const before = await dataSnapshot(db, ws);
        const refused = await command(fake, surface(), ws, other, text);
        expect(refused.text).toMatch(/^Only .* can use `/);
        expect(refused.text).toContain(label === 'DEALCLOCK_ADMINS' ? '<@U0BOSS> or <@U0CHIEF>' : '<!subteam^S0ADMINS>');
        // The mentions stay live in the blocks, so Slack shows who to ask.
        expect(JSON.stringify(refused.blocks)).toContain(label === 'DEALCLOCK_ADMINS' ? '<@U0BOSS>' : '<!subteam^S0ADMINS>');
        expect(await dataSnapshot(db, ws)).toBe(before);
        const recorded = await refusals(db, ws);
        expect(recorded).toHaveLength(1);
        expect(recorded[0]).toMatchObject({ actor: other, source: 'slack', channel_id: 'C0DEALS', subject: name });
        expect(recorded[0]!.after.text).toBe(text.slice(0, 200));

        const allowed = await command(fake, surface(), ws, admin, text);
        expect(allowed.text, text).not.toMatch(/^Only /);
        expect(await dataSnapshot(db, ws)).not.toBe(before);
        expect(await refusals(db, ws)).toHaveLength(1);
      });
    }

    it('everyone may read', async ({ db, fake }) => {
      const ws = await seed(db);
      for (const text of READS) expect((await command(fake, surface(), ws, other, text)).text, text).not.toMatch(/^Only /);
      expect(await refusals(db, ws)).toHaveLength(0);
    });

    for (const [actionId, stage] of [
      [ACTION_FUND, 'funded'],
      [ACTION_DECLINE, 'declined'],
    ] as const) {
      it(`the ${stage === 'funded' ? 'Mark funded' : 'Decline'} button: refused to ${other}, allowed to ${admin}`, async ({ db, fake }) => {
        const ws = await seed(db);
        const { rows } = await db.query<{ id: number }>('SELECT id FROM project WHERE workspace_id = $1 AND slug = $2', [ws, 'texas-gulflink']);
        const value = JSON.stringify({ id: rows[0]!.id, stage: 'selected' });
        const before = await dataSnapshot(db, ws);
        const no = blockAction(fake, { teamId: ws, userId: other }, { actionId, value });
        await surface().receiver.send(no.body);
        expect((responsesTo(fake, no.responseId)[0]!.args as { text: string }).text).toMatch(/^Only .* can (mark projects funded|decline projects)/);
        expect(await dataSnapshot(db, ws)).toBe(before);
        expect((await refusals(db, ws)).map((r) => r.subject)).toEqual([`button ${stage === 'funded' ? 'fund' : 'decline'}`]);

        const yes = blockAction(fake, { teamId: ws, userId: admin }, { actionId, value });
        await surface().receiver.send(yes.body);
        const { rows: after } = await db.query<{ stage: string }>('SELECT stage FROM project WHERE workspace_id = $1 AND slug = $2', [ws, 'texas-gulflink']);
        expect(after[0]!.stage).toBe(stage);
      });
    }

    it(`the add form: refused to ${other} (and \`/invest add\` does not open it), allowed to ${admin}`, async ({ db, fake }) => {
      const ws = await seed(db);
      const before = await dataSnapshot(db, ws);
      const open = slashCommand(fake, { teamId: ws, userId: other }, 'add');
      await surface().receiver.send(open.body);
      expect(fake.callsTo('views.open')).toHaveLength(0);
      expect((responsesTo(fake, open.responseId)[0]!.args as { text: string }).text).toContain('can add projects');
      const values = { name: { type: 'plain_text_input', value: 'Form Project' }, deal: { type: 'static_select', selected_option: { value: 'JP' } } };
      const ack = await surface().receiver.send(viewSubmission({ teamId: ws, userId: other }, ADD_MODAL_CALLBACK, values));
      expect((ack.value as { errors: Record<string, string> }).errors.name).toMatch(/^Only .* can add projects/);
      expect(await dataSnapshot(db, ws)).toBe(before);
      expect((await refusals(db, ws)).map((r) => r.subject)).toEqual(['add', 'modal add']);

      const ok = await surface().receiver.send(viewSubmission({ teamId: ws, userId: admin }, ADD_MODAL_CALLBACK, values));
      expect(ok.value).toBeUndefined();
      expect((await db.query('SELECT 1 FROM project WHERE workspace_id = $1 AND slug = $2', [ws, 'form-project'])).rows).toHaveLength(1);
    });
  });
}

describe('the admin group', () => {
  it('is read once a minute per workspace and group, through the request client', async ({ db, fake }) => {
    const ws = await seed(db);
    await command(fake, byGroup, ws, 'U0GROUPIE', 'edit ohio-fab cost=800M');
    await command(fake, byGroup, ws, 'U0INTERN', 'edit ohio-fab cost=900M');
    await command(fake, byGroup, ws, 'U0GROUPIE', 'list');
    const calls = fake.callsTo('usergroups.users.list');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args.usergroup).toBe('S0ADMINS');
    expect(calls[0]!.token).toBe('xoxb-1-test-token');
  });

  it('fails closed when Slack cannot list its members: writes refused with a reason, reads still work', async ({ db, fake }) => {
    const ws = await seed(db);
    fake.failNext('usergroups.users.list', { error: 'missing_scope' });
    const before = await dataSnapshot(db, ws);
    const reply = await command(fake, byGroup, ws, 'U0GROUPIE', 'edit ohio-fab cost=800M');
    expect(reply.text).toContain('could not check the group');
    expect(await dataSnapshot(db, ws)).toBe(before);
    expect((await command(fake, byGroup, ws, 'U0GROUPIE', 'show ohio-fab')).text).toContain('ohio-fab');
  });

  it('with both settings, a listed user needs no group lookup and the refusal names both', async ({ db, fake }) => {
    const both = inProcessSlack(db, fake, { env: { DEALCLOCK_ADMINS: 'U0BOSS', DEALCLOCK_ADMIN_GROUP: 'S0ADMINS' } });
    const ws = await seed(db);
    expect((await command(fake, both, ws, 'U0BOSS', 'edit ohio-fab cost=800M')).text).not.toMatch(/^Only/);
    expect(fake.callsTo('usergroups.users.list')).toHaveLength(0);
    expect((await command(fake, both, ws, 'U0INTERN', 'edit ohio-fab cost=900M')).text).toBe(
      'Only <@U0BOSS> or members of <!subteam^S0ADMINS> can use `edit`. You can still read everything.',
    );
    expect((await command(fake, both, ws, 'U0GROUPIE', 'edit ohio-fab cost=900M')).text).not.toMatch(/^Only/);
  });
});

describe('history shows events that belong to no project', () => {
  it('`history` without a project lists the workspace: overrides, subscriptions and refusals', async ({ db, fake }) => {
    const ws = await seed(db);
    await command(fake, byList, ws, 'U0INTERN', 'add "Sneaky <!channel>"');
    await command(fake, byList, ws, 'U0BOSS', 'calendar close US-FRB 2026-12-24 reason="Executive order closure"');
    await command(fake, byList, ws, 'U0BOSS', 'subscribe daily');
    const reply = await command(fake, byList, ws, 'U0INTERN', 'history');
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain('calendar.override');
    expect(text).toContain('subscription.set');
    expect(text).toContain('*refused*');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
  });
});
