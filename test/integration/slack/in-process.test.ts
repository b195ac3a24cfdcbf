import { describe, expect } from 'vitest';
import { executeCommand } from '../../../src/commands/router.ts';
import type { Database } from '../../../src/db/database.ts';
import { ACTION_DECLINE, ACTION_FUND, ACTION_SHARE } from '../../../src/replies/project-card.ts';
import { ACTION_SHOW } from '../../../src/slack/actions.ts';
import { ADD_MODAL_CALLBACK } from '../../../src/slack/modal.ts';
import { createLogger } from '../../../src/log.ts';
import { channelMention, mrkdwn } from '../../../src/core/mrkdwn.ts';
import { newWorkspaceId, testContext, workspaceSnapshot } from '../../helpers/db.ts';
import { it } from '../../helpers/fixtures.ts';
import { appHomeOpened, blockAction, inProcessSlack, responsesTo, slashCommand, viewSubmission, type InProcessSlack } from '../../helpers/slack.ts';

let s: InProcessSlack;

it.beforeAll(async ({ db, fake }) => {
  s = inProcessSlack(db, fake);
});
it.beforeEach(({ fake }) => fake.reset());

/** A workspace with Texas GulfLink selected (clock running) and a candidate. */
async function seed(db: Database): Promise<string> {
  const ws = newWorkspaceId();
  const ctx = testContext(db, { workspaceId: ws, today: '2026-03-02' });
  for (const text of ['add "Texas GulfLink" deal=JP cost=2.1B sector=energy', 'select texas-gulflink notice=2026-02-17', 'add "Ohio Fab" deal=JP cost=600M']) {
    const reply = await executeCommand(text, ctx);
    expect(reply.isError, text).toBeFalsy();
  }
  return ws;
}

async function projectRow(db: Database, ws: string, slug: string) {
  const { rows } = await db.query<{ id: number; stage: string; funded_on: string | null; declined_on: string | null }>(
    'SELECT id, stage, funded_on, declined_on FROM project WHERE workspace_id = $1 AND slug = $2',
    [ws, slug],
  );
  return rows[0]!;
}

type Posted = {
  response_type?: string;
  replace_original?: boolean;
  text?: string;
  blocks?: { type: string; text?: { text: string }; elements?: { action_id?: string; text?: unknown }[]; fields?: { text: string }[] }[];
};
const posted = (c: { args: Record<string, unknown> }) => c.args as Posted;
const allText = (p: Posted) => JSON.stringify(p.blocks ?? []) + (p.text ?? '');

describe('slash command', () => {
  it('acks before any database work, then answers ephemerally with the project card through response_url', async ({ db, fake }) => {
    const ws = await seed(db);
    const { body, responseId } = slashCommand(fake, { teamId: ws }, 'show texas-gulflink');
    const ack = await s.receiver.send(body);
    expect(ack.called).toBe(true);
    expect(ack.value).toBeUndefined();
    expect(ack.queriesBeforeAck).toBe(0);
    const [reply] = responsesTo(fake, responseId);
    expect(reply).toBeDefined();
    const p = posted(reply!);
    expect(p.response_type).toBe('ephemeral');
    expect(p.replace_original).toBe(false);
    expect(p.text).toContain('texas-gulflink');
    expect(p.blocks![0]!.type).toBe('header');
    expect(allText(p)).toContain('Thu 2026-04-23');
    expect(p.blocks!.some((b) => b.type === 'actions')).toBe(true);
    // A read changes nothing, so the Home is not republished.
    expect(fake.callsTo('views.publish')).toHaveLength(0);
  });

  it('`share` posts in the channel, without buttons', async ({ db, fake }) => {
    const ws = await seed(db);
    const { body, responseId } = slashCommand(fake, { teamId: ws }, 'list share');
    await s.receiver.send(body);
    const p = posted(responsesTo(fake, responseId)[0]!);
    expect(p.response_type).toBe('in_channel');
    expect(allText(p)).toContain('texas-gulflink');
    expect(p.blocks!.some((b) => b.type === 'actions')).toBe(false);
  });

  it('a user error is an ephemeral message saying how to write it right', async ({ db, fake }) => {
    const ws = await seed(db);
    const { body, responseId } = slashCommand(fake, { teamId: ws }, 'shwo texas');
    await s.receiver.send(body);
    const p = posted(responsesTo(fake, responseId)[0]!);
    expect(p.response_type).toBe('ephemeral');
    expect(p.text).toContain('Did you mean `show`?');
  });

  it('an internal error is logged with context and answered with an apology and an error id', async ({ db, fake }) => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'error', write: (l) => lines.push(l) });
    const broken = {
      ...db,
      query: () => Promise.reject(new Error('connection reset')),
      transaction: () => Promise.reject(new Error('connection reset')),
    } as unknown as Database;
    const b = inProcessSlack(broken, fake, { logger });
    const { body, responseId } = slashCommand(fake, { teamId: newWorkspaceId() }, 'show texas-gulflink');
    const ack = await b.receiver.send(body);
    expect(ack.called).toBe(true);
    const p = posted(responsesTo(fake, responseId)[0]!);
    expect(p.response_type).toBe('ephemeral');
    const id = /error id ([0-9a-f]{8})/.exec(p.text!)?.[1];
    expect(id).toBeDefined();
    expect(p.text).not.toContain('connection reset');
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.errorId === id);
    expect(logged).toMatchObject({ msg: 'command failed', text: 'show texas-gulflink', user: 'U0ADMIN' });
    expect(JSON.stringify(lines)).not.toContain('xoxb-');
  });

  it('a response_url that fails (500) is logged; the handler does not throw', async ({ db, fake }) => {
    const lines: string[] = [];
    const logged = inProcessSlack(db, fake, { logger: createLogger({ level: 'error', write: (l) => lines.push(l) }) });
    fake.failNext('response_url', { status: 500 });
    const ack = await logged.receiver.send(slashCommand(fake, { teamId: await seed(db) }, 'status').body);
    expect(ack.called).toBe(true);
    expect(lines.join('\n')).toContain('reply could not be delivered');
  });

  it('a change republishes the acting user’s App Home', async ({ db, fake }) => {
    const ws = await seed(db);
    const { body, responseId } = slashCommand(fake, { teamId: ws, userId: 'U0AIKO' }, 'fund texas-gulflink');
    await s.receiver.send(body);
    expect(posted(responsesTo(fake, responseId)[0]!).text).toContain('funded');
    const [publish] = fake.callsTo('views.publish');
    expect(publish?.args.user_id).toBe('U0AIKO');
    expect((await projectRow(db, ws, 'texas-gulflink')).stage).toBe('funded');
  });

  it('a failing views.publish never fails the command', async ({ db, fake }) => {
    const ws = await seed(db);
    fake.failNext('views.publish', { status: 500 });
    const { body, responseId } = slashCommand(fake, { teamId: ws }, 'shortlist ohio-fab');
    await s.receiver.send(body);
    expect(posted(responsesTo(fake, responseId)[0]!).text).toContain('shortlisted');
    expect((await projectRow(db, ws, 'ohio-fab')).stage).toBe('shortlisted');
  });

  it('with DEALCLOCK_ADMINS set, a non-admin may read but not change', async ({ db, fake }) => {
    const ws = await seed(db);
    const limited = inProcessSlack(db, fake, { env: { DEALCLOCK_ADMINS: 'U0BOSS,U0CHIEF' } });
    const read = slashCommand(fake, { teamId: ws, userId: 'U0INTERN' }, 'show texas');
    await limited.receiver.send(read.body);
    expect(posted(responsesTo(fake, read.responseId)[0]!).text).toContain('texas-gulflink');
    const write = slashCommand(fake, { teamId: ws, userId: 'U0INTERN' }, 'fund texas');
    await limited.receiver.send(write.body);
    const p = posted(responsesTo(fake, write.responseId)[0]!);
    expect(p.text).toContain('Only <@U0BOSS> or <@U0CHIEF> can');
    expect((await projectRow(db, ws, 'texas-gulflink')).stage).toBe('selected');
  });
});

describe('buttons', () => {
  const value = (id: number, stage: string) => JSON.stringify({ id, stage });

  it('Mark funded acks first, updates the message in place and the database', async ({ db, fake }) => {
    const ws = await seed(db);
    const row = await projectRow(db, ws, 'texas-gulflink');
    const { body, responseId } = blockAction(fake, { teamId: ws, userId: 'U0AIKO' }, { actionId: ACTION_FUND, value: value(row.id, 'selected') });
    const ack = await s.receiver.send(body);
    expect(ack.called).toBe(true);
    expect(ack.queriesBeforeAck).toBe(0);
    const p = posted(responsesTo(fake, responseId)[0]!);
    expect(p.replace_original).toBe(true);
    expect(allText(p)).toContain('<@U0AIKO> marked *texas-gulflink* funded');
    // The updated card offers no stage buttons any more.
    expect(JSON.stringify(p.blocks)).not.toContain(ACTION_FUND);
    expect(await projectRow(db, ws, 'texas-gulflink')).toMatchObject({ stage: 'funded', funded_on: '2026-03-02' });
    const audit = await db.query('SELECT actor, source FROM audit_event WHERE workspace_id = $1 AND action = $2 ORDER BY id', [ws, 'project.stage']);
    expect(audit.rows.at(-1)).toEqual({ actor: 'U0AIKO', source: 'slack' });
    expect(fake.callsTo('views.publish')).toHaveLength(1);
  });

  it('a stale button answers with the current state and changes nothing', async ({ db, fake }) => {
    const ws = await seed(db);
    const row = await projectRow(db, ws, 'texas-gulflink');
    await executeCommand('decline texas-gulflink', testContext(db, { workspaceId: ws }));
    const before = await workspaceSnapshot(db, ws);
    const { body, responseId } = blockAction(fake, { teamId: ws }, { actionId: ACTION_FUND, value: value(row.id, 'selected') });
    await s.receiver.send(body);
    const p = posted(responsesTo(fake, responseId)[0]!);
    expect(p.replace_original).toBe(true);
    expect(allText(p)).toContain('Someone changed this project meanwhile: it is now *declined*');
    expect(p.blocks![1]!.type).toBe('context');
    expect(await workspaceSnapshot(db, ws)).toBe(before);
  });

  it('a non-admin is refused, told who can, and nothing changes', async ({ db, fake }) => {
    const ws = await seed(db);
    const limited = inProcessSlack(db, fake, { env: { DEALCLOCK_ADMINS: 'U0BOSS' } });
    const row = await projectRow(db, ws, 'texas-gulflink');
    const before = await workspaceSnapshot(db, ws);
    const { body, responseId } = blockAction(fake, { teamId: ws, userId: 'U0INTERN' }, { actionId: ACTION_DECLINE, value: value(row.id, 'selected') });
    const ack = await limited.receiver.send(body);
    expect(ack.called).toBe(true);
    const p = posted(responsesTo(fake, responseId)[0]!);
    expect(p.response_type).toBe('ephemeral');
    expect(p.replace_original).toBe(false);
    expect(p.text).toBe('Only <@U0BOSS> can decline projects. You can still read everything.');
    expect(await workspaceSnapshot(db, ws, { ignoreRefusals: true })).toBe(before);
  });

  it('Decline declines in place', async ({ db, fake }) => {
    const ws = await seed(db);
    const row = await projectRow(db, ws, 'texas-gulflink');
    const { body, responseId } = blockAction(fake, { teamId: ws }, { actionId: ACTION_DECLINE, value: value(row.id, 'selected') });
    await s.receiver.send(body);
    const p = posted(responsesTo(fake, responseId)[0]!);
    expect(p.replace_original).toBe(true);
    expect(allText(p)).toContain('declined *texas-gulflink*');
    expect(await projectRow(db, ws, 'texas-gulflink')).toMatchObject({ stage: 'declined', declined_on: '2026-03-02' });
  });

  it('Share posts the card in the channel without buttons and leaves the original alone', async ({ db, fake }) => {
    const ws = await seed(db);
    const row = await projectRow(db, ws, 'texas-gulflink');
    const before = await workspaceSnapshot(db, ws);
    const { body, responseId } = blockAction(fake, { teamId: ws, userId: 'U0AIKO' }, { actionId: ACTION_SHARE, value: value(row.id, 'selected') });
    await s.receiver.send(body);
    const p = posted(responsesTo(fake, responseId)[0]!);
    expect(p.response_type).toBe('in_channel');
    expect(p.replace_original).toBe(false);
    expect(allText(p)).toContain('Shared by <@U0AIKO>');
    expect(p.blocks!.some((b) => b.type === 'actions')).toBe(false);
    expect(await workspaceSnapshot(db, ws)).toBe(before);
  });

  it('Show project (reminder messages) answers with the card ephemerally', async ({ db, fake }) => {
    const ws = await seed(db);
    const row = await projectRow(db, ws, 'texas-gulflink');
    const { body, responseId } = blockAction(fake, { teamId: ws }, { actionId: ACTION_SHOW, value: JSON.stringify({ id: row.id }) });
    await s.receiver.send(body);
    const p = posted(responsesTo(fake, responseId)[0]!);
    expect(p.response_type).toBe('ephemeral');
    expect(p.text).toContain('texas-gulflink');
  });

  it('a button of another workspace cannot reach this one', async ({ db, fake }) => {
    const ws = await seed(db);
    const row = await projectRow(db, ws, 'texas-gulflink');
    const before = await workspaceSnapshot(db, ws);
    const { body, responseId } = blockAction(fake, { teamId: newWorkspaceId() }, { actionId: ACTION_FUND, value: value(row.id, 'selected') });
    await s.receiver.send(body);
    expect(posted(responsesTo(fake, responseId)[0]!).text).toContain('No project matches');
    expect(await workspaceSnapshot(db, ws)).toBe(before);
  });
});

describe('add modal', () => {
  const form = (over: Record<string, string | null> = {}) => {
    const v = {
      name: 'Portsmouth Powered Land',
      deal: 'JP',
      cost: 'US$33bn',
      sector: 'data centres',
      sponsor: '',
      location: 'Piketon, OH',
      announced: '2026-02-20',
      channel: 'C0OWNER',
      ...over,
    };
    return {
      name: { type: 'plain_text_input', value: v.name },
      deal: { type: 'static_select', selected_option: v.deal === null ? null : { value: v.deal } },
      cost: { type: 'plain_text_input', value: v.cost },
      sector: { type: 'plain_text_input', value: v.sector },
      sponsor: { type: 'plain_text_input', value: v.sponsor || null },
      location: { type: 'plain_text_input', value: v.location },
      announced: { type: 'datepicker', selected_date: v.announced },
      channel: { type: 'conversations_select', selected_conversation: v.channel },
    };
  };

  it('`add` with no arguments opens the modal with the trigger_id, before any database work', async ({ fake }) => {
    const ws = newWorkspaceId();
    const { body } = slashCommand(fake, { teamId: ws, channelId: 'C0DEALS' }, 'add');
    const ack = await s.receiver.send(body);
    expect(ack.queriesBeforeAck).toBe(0);
    const [open] = fake.callsTo('views.open');
    expect(open?.args.trigger_id).toBe(body.trigger_id);
    const view = open!.args.view as { callback_id: string; private_metadata: string; blocks: { block_id: string }[] };
    expect(view.callback_id).toBe(ADD_MODAL_CALLBACK);
    expect(view.blocks.map((b) => b.block_id)).toEqual(['name', 'deal', 'cost', 'sector', 'sponsor', 'location', 'announced', 'channel']);
    expect(JSON.parse(view.private_metadata)).toEqual({ channelId: 'C0DEALS', responseUrl: body.response_url });
  });

  it('the modal opens without touching the database at all', async ({ fake }) => {
    const start = s.counter.count;
    let beforeOpen = -1;
    fake.on('views.open', () => {
      beforeOpen = s.counter.count - start;
      return { ok: true, view: { id: 'VFORM', hash: 'h1' } };
    });
    try {
      await s.receiver.send(slashCommand(fake, { teamId: newWorkspaceId() }, 'add').body);
    } finally {
      fake.off('views.open');
    }
    // After it is open, the person's language setting may be read (one query).
    expect(beforeOpen).toBe(0);
  });

  it('an invalid submission answers response_action errors per field and writes nothing', async ({ db, fake }) => {
    const ws = await seed(db);
    const before = await workspaceSnapshot(db, ws);
    const ack = await s.receiver.send(
      viewSubmission({ teamId: ws }, ADD_MODAL_CALLBACK, form({ name: 'Texas GulfLink', cost: 'lots', location: 'x'.repeat(201) })),
    );
    expect(ack.value).toMatchObject({ response_action: 'errors' });
    const errors = (ack.value as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(['cost', 'location', 'name']);
    expect(errors.cost).toContain('is not an amount');
    expect(errors.name).toContain('already exists');
    for (const e of Object.values(errors)) expect(e.length).toBeLessThanOrEqual(150);
    expect(await workspaceSnapshot(db, ws)).toBe(before);
    // Nothing is posted; the person's language may be looked up (users.info).
    expect(fake.calls.filter((c) => c.method !== 'users.info')).toHaveLength(0);
  });

  it('a valid submission adds the project and confirms to the user', async ({ db, fake }) => {
    const ws = newWorkspaceId();
    const responseUrl = fake.responseUrl('modal-confirm');
    const meta = JSON.stringify({ channelId: 'C0DEALS', responseUrl });
    const ack = await s.receiver.send(viewSubmission({ teamId: ws, userId: 'U0AIKO' }, ADD_MODAL_CALLBACK, form(), meta));
    expect(ack.called).toBe(true);
    expect(ack.value).toBeUndefined();
    const { rows } = await db.query(
      'SELECT slug, name, deal_code, cost_usd, sector, sponsor, location, announced_on, channel_id, stage FROM project WHERE workspace_id = $1',
      [ws],
    );
    expect(rows).toEqual([
      {
        slug: 'portsmouth-powered-land',
        name: 'Portsmouth Powered Land',
        deal_code: 'JP',
        cost_usd: 33_000_000_000,
        sector: 'data centres',
        sponsor: null,
        location: 'Piketon, OH',
        announced_on: '2026-02-20',
        channel_id: 'C0OWNER',
        stage: 'candidate',
      },
    ]);
    const [confirmation] = responsesTo(fake, 'modal-confirm');
    expect(posted(confirmation!).response_type).toBe('ephemeral');
    expect(posted(confirmation!).text).toContain('portsmouth-powered-land');
    expect(fake.callsTo('views.publish')[0]?.args.user_id).toBe('U0AIKO');
  });

  it('without a response_url the confirmation is posted ephemerally in the channel', async ({ db, fake }) => {
    const ws = newWorkspaceId();
    await s.receiver.send(
      viewSubmission({ teamId: ws, userId: 'U0AIKO' }, ADD_MODAL_CALLBACK, form({ channel: null }), JSON.stringify({ channelId: 'C0DEALS' })),
    );
    const [eph] = fake.callsTo('chat.postEphemeral');
    expect(eph?.args).toMatchObject({ channel: 'C0DEALS', user: 'U0AIKO' });
    const { rows } = await db.query('SELECT channel_id FROM project WHERE workspace_id = $1', [ws]);
    expect(rows).toEqual([{ channel_id: null }]);
  });

  it('a non-admin cannot open or submit the form', async ({ db, fake }) => {
    const limited = inProcessSlack(db, fake, { env: { DEALCLOCK_ADMINS: 'U0BOSS' } });
    const ws = newWorkspaceId();
    const cmd = slashCommand(fake, { teamId: ws, userId: 'U0INTERN' }, 'add');
    await limited.receiver.send(cmd.body);
    expect(fake.callsTo('views.open')).toHaveLength(0);
    expect(posted(responsesTo(fake, cmd.responseId)[0]!).text).toContain('Only <@U0BOSS> can add projects');
    const ack = await limited.receiver.send(viewSubmission({ teamId: ws, userId: 'U0INTERN' }, ADD_MODAL_CALLBACK, form()));
    expect((ack.value as { errors: Record<string, string> }).errors.name).toContain('Only <@U0BOSS>');
    expect((await db.query('SELECT 1 FROM project WHERE workspace_id = $1', [ws])).rows).toHaveLength(0);
  });
});

describe('App Home', () => {
  it('app_home_opened publishes running clocks, next milestones and recent changes', async ({ db, fake }) => {
    const ws = await seed(db);
    const ack = await s.receiver.send(appHomeOpened({ teamId: ws, userId: 'U0AIKO' }));
    expect(ack.called).toBe(true);
    const [publish] = fake.callsTo('views.publish');
    expect(publish?.args.user_id).toBe('U0AIKO');
    const view = publish!.args.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('Running clocks');
    expect(text).toContain('texas-gulflink');
    // 37 business days left on 2026-03-02: the next milestone is 30 left, 7 business days on.
    expect(text).toContain('30 business days left on Wed 2026-03-11 (in 7 business days)');
    expect(text).toContain('Recent changes');
    expect(text).toContain('moved `texas-gulflink` to *selected*');
    // Other workspaces' projects never show.
    expect(text).not.toContain('portsmouth');
  });

  it('follows DEALCLOCK_MILESTONES: with 20,5,1 the schedule and the next milestone are those', async ({ db, fake }) => {
    const ws = await seed(db);
    const custom = inProcessSlack(db, fake, { env: { DEALCLOCK_MILESTONES: '20,5,1' } });
    await custom.receiver.send(appHomeOpened({ teamId: ws, userId: 'U0AIKO' }));
    const text = JSON.stringify(fake.callsTo('views.publish')[0]!.args.view);
    expect(text).toContain('reminders go out at 20, 5 and 1 business days left');
    expect(text).not.toContain('30, 15');
    // 37 business days left on 2026-03-02: the next milestone is 20 left, 17 business days on.
    expect(text).toContain('20 business days left on Thu 2026-03-26 (in 17 business days)');
    expect(text).not.toContain('30 business days left');
  });

  it('the messages tab publishes nothing', async ({ fake }) => {
    await s.receiver.send(appHomeOpened({ teamId: newWorkspaceId() }, 'messages'));
    expect(fake.callsTo('views.publish')).toHaveLength(0);
  });

  it('shows channel subscriptions when the hook is provided', async ({ db, fake }) => {
    const ws = await seed(db);
    const withSubs = inProcessSlack(db, fake, { home: { subscriptions: async () => [mrkdwn`• ${channelMention('C0DEALS')} daily digest, JP`] } });
    await withSubs.receiver.send(appHomeOpened({ teamId: ws }));
    const text = JSON.stringify(fake.callsTo('views.publish')[0]!.args.view);
    expect(text).toContain('Channel digests');
    expect(text).toContain('<#C0DEALS> daily digest, JP');
  });

  it('a rate-limited views.publish is logged, not thrown', async ({ db, fake }) => {
    const lines: string[] = [];
    const logged = inProcessSlack(db, fake, { logger: createLogger({ level: 'warn', write: (l) => lines.push(l) }) });
    fake.failNext('views.publish', { status: 429, retryAfter: 1 });
    const ack = await logged.receiver.send(appHomeOpened({ teamId: await seed(db) }));
    expect(ack.called).toBe(true);
    expect(lines.join('\n')).toContain('App Home not published');
  });
});
