/**
 * Japanese input as Slack delivers it, through the real Bolt app against the fake Slack:
 * a slash command typed with the keyboard in full-width mode, and the add form.
 */
import { describe, expect } from 'vitest';
import { ADD_MODAL_CALLBACK } from '../../../src/slack/modal.ts';
import { newWorkspaceId } from '../../helpers/db.ts';
import type { FakeSlack } from '../../helpers/fake-slack.ts';
import { it } from '../../helpers/fixtures.ts';
import { inProcessSlack, responsesTo, slashCommand, viewSubmission, type InProcessSlack } from '../../helpers/slack.ts';

let s: InProcessSlack;

it.beforeAll(async ({ db, fake }) => {
  s = inProcessSlack(db, fake, { today: '2026-03-02' });
});

async function command(fake: FakeSlack, ws: string, text: string): Promise<string> {
  const { body, responseId } = slashCommand(fake, { teamId: ws, channelId: 'C0DEALS' }, text);
  await s.receiver.send(body);
  const replies = responsesTo(fake, responseId);
  expect(replies, text).toHaveLength(1);
  return JSON.stringify(replies[0]!.args);
}

function addForm(name: string, cost: string) {
  return {
    name: { type: 'plain_text_input', value: name },
    deal: { type: 'static_select', selected_option: { value: 'JP' } },
    cost: { type: 'plain_text_input', value: cost },
    sector: { type: 'plain_text_input', value: '' },
    sponsor: { type: 'plain_text_input', value: '' },
    location: { type: 'plain_text_input', value: '' },
    announced: { type: 'datepicker', selected_date: null },
    channel: { type: 'conversations_select', selected_conversation: null },
  };
}

describe('Japanese input through Slack', () => {
  it('a slash command typed in full width adds and selects a project with a Japanese slug', async ({ db, fake }) => {
    const ws = newWorkspaceId();
    expect(await command(fake, ws, 'ａｄｄ　「テキサス・ガルフリンク」　ｄｅａｌ＝ＪＰ　ｃｏｓｔ＝２１億ドル')).toContain('テキサス-ガルフリンク');
    const selected = await command(fake, ws, 'select テキサス notice=２０２６年２月１７日（火）');
    expect(selected).toContain('2026-04-23');
    const { rows } = await db.query('SELECT slug, cost_usd, due_on FROM project WHERE workspace_id = $1', [ws]);
    expect(rows).toEqual([{ slug: 'テキサス-ガルフリンク', cost_usd: 2_100_000_000, due_on: '2026-04-23' }]);
  });

  it('the add form refuses yen without a rate on the cost field, then adds it with one', async ({ db }) => {
    const ws = newWorkspaceId();
    const refused = await s.receiver.send(viewSubmission({ teamId: ws }, ADD_MODAL_CALLBACK, addForm('米国・送電網', '3400億円')));
    const errors = (refused.value as { response_action: string; errors: Record<string, string> }).errors;
    expect(Object.keys(errors)).toEqual(['cost']);
    expect(errors.cost).toContain('3400億円@150');
    expect((await db.query('SELECT 1 FROM project WHERE workspace_id = $1', [ws])).rows).toEqual([]);

    const added = await s.receiver.send(viewSubmission({ teamId: ws }, ADD_MODAL_CALLBACK, addForm('米国・送電網', '３４００億円＠１５０')));
    expect(added.value).toBeUndefined();
    await s.slack.idle();
    const { rows } = await db.query('SELECT slug, name, cost_usd FROM project WHERE workspace_id = $1', [ws]);
    expect(rows).toEqual([{ slug: '米国-送電網', name: '米国・送電網', cost_usd: 2_266_666_667 }]);
  });
});
