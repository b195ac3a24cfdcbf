/**
 * The add-project modal, in the person's language. It opens within the trigger_id's 3
 * seconds, so its choices are static and its language is looked up with a short wait
 * (FORM_LOCALE_WAIT_MS); the submission is checked with the same
 * validators as `/invest add` and every bad field is shown next to that field
 * (`response_action: errors`). Nothing is written unless every field is valid.
 */
import type { App, ViewStateValue, webApi } from '@slack/bolt';
import type { KnownBlock, ModalView } from '@slack/types';
import type { CommandContext } from '../usecases/context.ts';
import { renderProject } from '../replies/project-card.ts';
import { isUserError, UserError } from '../core/errors.ts';
import { errorText, phrase } from '../i18n/error-message.ts';
import type { Translator } from '../i18n/translator.ts';
import { hasControlCharacters } from '../commands/parse.ts';
import { refusePermission } from '../commands/router.ts';
import { errorReply } from '../replies/reply.ts';
import { toSlackMessage, type SlackMessage } from './blocks-to-slack.ts';
import type { Runtime } from '../runtime.ts';
import { addProject } from '../usecases/project-changes.ts';
import { MAX_NAME, MAX_TEXT_FIELD, parseDescriptiveFields, slugForName, validDeal, validName } from '../usecases/project-fields.ts';
import { slackContext, teamIdOf } from './context.ts';
import { republishHome, type HomeOptions } from './home.ts';
import type { ReplayGuard } from './replay-guard.ts';

export const ADD_MODAL_CALLBACK = 'project_add';
const COST_MAX = 40;

/** Where the confirmation goes: the channel the command was typed in, and its response_url. */
export interface AddModalMetadata {
  channelId?: string | undefined;
  responseUrl?: string | undefined;
}

const OPTIONAL_KEYS = ['cost', 'sector', 'sponsor', 'location', 'announced', 'channel'] as const;
type FieldKey = 'name' | 'deal' | (typeof OPTIONAL_KEYS)[number];

// The built-in deals and their sizes. The list is static because the modal must open
// before any query; the submission still checks the code against the deals table.
const DEAL_OPTIONS = [
  { code: 'JP', usd: 550e9 },
  { code: 'KR', usd: 350e9 },
];

export function addModalView(meta: AddModalMetadata, tr: Translator): ModalView {
  const words = (key: 'form.label' | 'form.hint' | 'form.placeholder', field: FieldKey) => ({ type: 'plain_text' as const, text: tr.text(key, { field }) });
  const text = (block: FieldKey, optional = true, max = MAX_TEXT_FIELD, placeholder = false): KnownBlock => ({
    type: 'input',
    block_id: block,
    optional,
    label: words('form.label', block),
    hint: words('form.hint', block),
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      max_length: max,
      ...(placeholder ? { placeholder: words('form.placeholder', block) } : {}),
    },
  });
  const deals = DEAL_OPTIONS.map((d) => ({
    text: { type: 'plain_text' as const, text: tr.text('form.deal_option', { code: d.code, size: tr.money(d.usd) }) },
    value: d.code,
  }));
  const channel = meta.channelId && /^[CG][A-Z0-9]+$/.test(meta.channelId) ? meta.channelId : undefined;
  return {
    type: 'modal',
    callback_id: ADD_MODAL_CALLBACK,
    title: { type: 'plain_text', text: tr.text('form.title') },
    submit: { type: 'plain_text', text: tr.text('form.submit') },
    close: { type: 'plain_text', text: tr.text('form.close') },
    private_metadata: JSON.stringify(meta).slice(0, 3000),
    blocks: [
      text('name', false, MAX_NAME, true),
      {
        type: 'input',
        block_id: 'deal',
        label: words('form.label', 'deal'),
        element: {
          type: 'static_select',
          action_id: 'value',
          initial_option: deals[0]!,
          options: deals,
        },
      },
      text('cost', true, COST_MAX, true),
      text('sector'),
      text('sponsor'),
      text('location'),
      {
        type: 'input',
        block_id: 'announced',
        optional: true,
        label: words('form.label', 'announced'),
        hint: words('form.hint', 'announced'),
        element: { type: 'datepicker', action_id: 'value' },
      },
      {
        type: 'input',
        block_id: 'channel',
        optional: true,
        label: words('form.label', 'channel'),
        hint: words('form.hint', 'channel'),
        element: {
          type: 'conversations_select',
          action_id: 'value',
          filter: { include: ['public', 'private'], exclude_bot_users: true, exclude_external_shared_channels: false },
          ...(channel ? { initial_conversation: channel } : {}),
        },
      },
    ],
  };
}

/** Which form is open, to put it in another language once the person's setting is known. */
export interface OpenedModal {
  id: string | undefined;
  hash: string | undefined;
}

export async function openAddModal(client: webApi.WebClient, triggerId: string, meta: AddModalMetadata, tr: Translator): Promise<OpenedModal> {
  const res = await client.views.open({ trigger_id: triggerId, view: addModalView(meta, tr) });
  return { id: res.view?.id, hash: res.view?.hash };
}

/**
 * The open form in another language (same blocks and ids, so what has been typed stays).
 * `hash` makes Slack refuse it if the form has changed meanwhile; a refusal leaves the form
 * as it is, which is still a working form.
 */
export async function relanguageAddModal(client: webApi.WebClient, opened: OpenedModal, meta: AddModalMetadata, tr: Translator): Promise<void> {
  if (!opened.id) return;
  await client.views.update({ view_id: opened.id, ...(opened.hash ? { hash: opened.hash } : {}), view: addModalView(meta, tr) });
}

/** The submitted values as the strings `/invest add` would get ('' for an empty field). */
export function readSubmission(values: Record<string, Record<string, ViewStateValue>>): Record<FieldKey, string> {
  const get = (block: FieldKey): string => {
    const v = values[block]?.value;
    if (!v) return '';
    return v.value ?? v.selected_option?.value ?? v.selected_date ?? v.selected_conversation ?? '';
  };
  return {
    name: get('name'),
    deal: get('deal') || 'JP',
    cost: get('cost'),
    sector: get('sector'),
    sponsor: get('sponsor'),
    location: get('location'),
    announced: get('announced'),
    channel: get('channel'),
  };
}

/** Per-field problems, in Slack's `errors` shape; empty when the submission can be written. */
export async function validateSubmission(ctx: CommandContext, form: Record<FieldKey, string>): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  const check = (key: FieldKey, fn: () => unknown) => {
    if (errors[key]) return;
    try {
      fn();
    } catch (err) {
      if (!isUserError(err)) throw err;
      errors[key] = plain(errorText(ctx.tr, err));
    }
  };
  if (!ctx.actor.isAdmin) {
    const refusal = await refusePermission(ctx, phrase('action.permission', { action: 'add' }), { subcommand: 'modal add', text: form.name });
    errors.name = plain(errorText(ctx.tr, refusal));
    return errors;
  }
  // Slack enforces max_length in the form, but the submission is only as good as its
  // sender: the same bounds and character rules as a typed command apply here.
  for (const [key, value] of Object.entries(form) as [FieldKey, string][]) {
    const max = key === 'name' ? MAX_NAME : key === 'cost' ? COST_MAX : MAX_TEXT_FIELD;
    if (value.length > max) errors[key] = ctx.tr.text('form.too_long', { max: String(max) });
    else if (hasControlCharacters(value) || /[\r\n]/.test(value)) errors[key] = ctx.tr.text('form.control_characters');
  }
  let slug: string | undefined;
  check('name', () => {
    slug = slugForName(validName(form.name));
  });
  const deals = await ctx.deals();
  check('deal', () => validDeal(form.deal, deals));
  for (const key of OPTIONAL_KEYS) if (form[key] !== '') check(key, () => parseDescriptiveFields({ [key]: form[key] }, ctx.today));
  if (slug && !errors.name && (await ctx.store.projects.bySlug(slug))) {
    errors.name = plain(errorText(ctx.tr, new UserError('duplicate_project', { slug })));
  }
  return errors;
}

export interface ModalOptions {
  home?: HomeOptions | undefined;
  /** After the ack: false for a replayed copy of a submission already handled (replay-guard.ts). */
  firstDelivery: ReplayGuard['firstDelivery'];
}

export function registerModal(app: App, runtime: Runtime, { home, firstDelivery }: ModalOptions): void {
  app.view(ADD_MODAL_CALLBACK, async ({ ack, body, view, client, context }) => {
    const meta = parseMetadata(view.private_metadata);
    const teamId = teamIdOf(body) ?? context.teamId ?? 'unknown';
    const userId = body.user.id;
    const ctx = await slackContext(runtime, { teamId, userId, channelId: meta.channelId }, client);
    const form = readSubmission(view.state.values);
    // A submission must be answered within 3 seconds, with its errors in the answer, so
    // the checks (one cached read and a slug lookup) run before the ack here.
    let errors: Record<string, string>;
    try {
      errors = await validateSubmission(ctx, form);
    } catch (error) {
      ctx.logger.error('slack: add modal validation failed', { error });
      errors = { name: ctx.tr.text('form.internal') };
    }
    if (Object.keys(errors).length > 0) {
      // Slack shows these under the inputs as plain text (no mrkdwn), to the submitter only: user text in them needs no escaping.
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    // A copy of a submission already handled adds nothing.
    if (!(await firstDelivery(context))) return;

    let message: SlackMessage;
    try {
      const options: Record<string, string> = { deal: form.deal };
      // An emptied channel select means "no owner channel", not "the channel I typed in".
      for (const key of OPTIONAL_KEYS) if (form[key] !== '' || key === 'channel') options[key] = form[key];
      const project = await addProject(ctx, form.name, options);
      message = toSlackMessage(await renderProject(project, ctx, { lead: ctx.tr.mrkdwn('form.added', { slug: project.slug }) }));
      await republishHome(client, runtime, { teamId, userId }, home);
    } catch (err) {
      if (!isUserError(err)) ctx.logger.error('slack: add from the modal failed', { error: err });
      message = toSlackMessage(errorReply(isUserError(err) ? errorText(ctx.tr, err) : ctx.tr.text('form.add_failed')));
    }
    await confirm(client, ctx, meta, userId, message);
  });
}

/** The confirmation goes where the user typed the command: its response_url, else an ephemeral post. */
async function confirm(client: webApi.WebClient, ctx: CommandContext, meta: AddModalMetadata, userId: string, message: SlackMessage): Promise<void> {
  try {
    if (meta.responseUrl) {
      const res = await fetch(meta.responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...message }),
        signal: AbortSignal.timeout(10_000),
      });
      if (res.ok) return;
      ctx.logger.warn('slack: response_url refused the confirmation', { status: res.status });
    }
    if (meta.channelId) await client.chat.postEphemeral({ channel: meta.channelId, user: userId, ...message });
  } catch (error) {
    ctx.logger.warn('slack: add confirmation not delivered', { error });
  }
}

function parseMetadata(raw: string | undefined): AddModalMetadata {
  try {
    const v = JSON.parse(raw ?? '{}') as Record<string, unknown>;
    return {
      channelId: typeof v.channelId === 'string' ? v.channelId : undefined,
      responseUrl: typeof v.responseUrl === 'string' && /^https?:\/\//.test(v.responseUrl) ? v.responseUrl : undefined,
    };
  } catch {
    return {};
  }
}

/** Modal errors are plain text: drop mrkdwn code marks and keep them short. */
function plain(message: string): string {
  const text = message.replace(/`/g, '');
  return text.length > 150 ? text.slice(0, 149) + '…' : text;
}
