/**
 * The buttons on a project card (Mark funded, Decline, Share) and "Show project" on
 * reminder messages. Each acks first. A stage button carries the stage the user saw; the
 * change is made only if the project is still in that stage, so a button clicked on an
 * old card answers with the project's current state instead of moving it twice.
 */
import { phrase } from '../i18n/error-message.ts';
import type { App, BlockAction, ButtonAction, RespondFn, webApi } from '@slack/bolt';
import type { CommandContext } from '../usecases/context.ts';
import { renderProject } from '../replies/project-card.ts';
import { UserError } from '../core/errors.ts';
import { STAGES, type Project, type Stage } from '../domain/project.ts';
import { ACTION_DECLINE, ACTION_FUND, ACTION_SHARE } from '../replies/project-card.ts';
import { userMention, type Mrkdwn } from '../core/mrkdwn.ts';
import { translator } from '../i18n/translator.ts';
import { context, type Reply } from '../replies/reply.ts';
import { permissionReply, refusePermission, replyForError } from '../commands/router.ts';
import type { Runtime } from '../runtime.ts';
import { metrics, type CommandOutcome } from '../metrics.ts';
import { exposureLine } from '../usecases/stake.ts';
import { findProject } from '../usecases/find-project.ts';
import { changeStage, StaleStageError } from '../usecases/project-changes.ts';
import { cachedReplyLocale, slackContext, teamIdOf } from './context.ts';
import { outcomeOf, tellNotRun, type ListenerOptions } from './command.ts';
import { notRunReply, queueKey } from './command-queue.ts';
import { republishHome } from './home.ts';
import { sendReply } from './respond.ts';

/** "Show project" on reminder and digest messages; value `{"id":…}` or a slug. */
export const ACTION_SHOW = 'project_show';

/** The buttons as `subcommand` label values of the command metrics. */
const BUTTON_LABELS: Record<string, string> = {
  [ACTION_FUND]: 'button_fund',
  [ACTION_DECLINE]: 'button_decline',
  [ACTION_SHARE]: 'button_share',
  [ACTION_SHOW]: 'button_show',
};

interface ButtonValue {
  id: number;
  stage?: Stage;
}

type WebClient = webApi.WebClient;
type ActionArgs = { body: BlockAction; action: ButtonAction; respond: RespondFn; client: WebClient };

export function registerActions(app: App, runtime: Runtime, { home, queue, firstDelivery }: ListenerOptions): void {
  const waitSeconds = runtime.config.DEALCLOCK_QUEUE_MAX_WAIT_SECONDS;
  // `forChannel`: the answer is posted in the channel (Share), so it is in the channel's language.
  const on = (actionId: string, run: (args: ActionArgs, ctx: CommandContext) => Promise<void>, { forChannel = false } = {}) =>
    app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: actionId }, async (args) => {
      const started = performance.now();
      const label = BUTTON_LABELS[actionId] ?? 'button';
      const { body } = args;
      const teamId = teamIdOf(body) ?? args.context.teamId ?? 'unknown';
      const admission = queue.reserve(queueKey(teamId, body.user.id));
      // A click's ack carries no message: one the queue has no room for is told through
      // its response_url instead.
      try {
        await args.ack();
      } catch (err) {
        if (admission.ok) admission.ticket.cancel();
        throw err;
      }
      metrics.ackSeconds((performance.now() - started) / 1000);
      if (!admission.ok) {
        metrics.command(label, 'shed');
        const tr = translator(cachedReplyLocale(runtime, { teamId, userId: body.user.id }));
        await sendReply(args.respond, notRunReply(admission.reason, waitSeconds, tr), runtime.logger);
        return;
      }
      await admission.ticket.start({
        run: async (waitedMs) => {
          metrics.queueWaitSeconds(waitedMs / 1000);
          // A copy of a click already handled changes nothing (no second stage change).
          if (!(await firstDelivery(args.context))) return;
          const ctx = await slackContext(runtime, { teamId, userId: body.user.id, channelId: body.channel?.id }, args.client, { forChannel });
          let outcome: CommandOutcome = 'ok';
          try {
            await run({ body, action: args.action, respond: args.respond, client: args.client }, ctx);
          } catch (err) {
            outcome = outcomeOf(err);
            await sendReply(args.respond, replyForError(err, ctx, { action: actionId, value: args.action.value?.slice(0, 200) }), ctx.logger);
          }
          metrics.command(label, outcome);
          metrics.replySeconds(label, (performance.now() - started) / 1000);
        },
        refuse: (reason) => tellNotRun(args.respond, runtime, reason, waitSeconds, label, { teamId, userId: body.user.id }),
      });
    });

  const move =
    (to: Extract<Stage, 'funded' | 'declined'>) =>
    async ({ action, respond, body, client }: ActionArgs, ctx: CommandContext) => {
      const button = to === 'funded' ? 'fund' : 'decline';
      if (!ctx.actor.isAdmin) {
        const refusal = await refusePermission(ctx, phrase('action.permission', { action: button }), {
          subcommand: `button ${button}`,
          text: action.value ?? '',
        });
        await sendReply(respond, permissionReply(refusal, ctx.tr), ctx.logger);
        return;
      }
      const value = parseValue(action.value);
      try {
        const { project, warnings } = await changeStage(ctx, value.id, { to, on: ctx.today, ...(value.stage ? { expectedStage: value.stage } : {}) });
        const lead = ctx.tr.mrkdwn(to === 'funded' ? 'action.funded' : 'action.declined', { user: userMention(body.user.id), slug: project.slug });
        const stake = to === 'declined' ? await stakeLine(ctx, project) : undefined;
        const reply = await renderProject(project, ctx, { lead, warnings, ...(stake ? { exposureLine: stake } : {}) });
        await sendReply(respond, reply, ctx.logger, { replace: true });
        await republishHome(client, runtime, { teamId: ctx.workspaceId, userId: body.user.id }, home);
      } catch (err) {
        if (!(err instanceof StaleStageError)) throw err;
        // Someone moved it first (another button, a command, a replica): show what is true now.
        const current = await renderProject(err.project, ctx, {});
        await sendReply(
          respond,
          withNote(current, ctx.tr.mrkdwn('action.stale', { stage: ctx.tr.text('stage.name', { stage: err.project.stage }) })),
          ctx.logger,
          { replace: true },
        );
      }
    };

  on(ACTION_FUND, move('funded'));
  on(ACTION_DECLINE, move('declined'));

  on(
    ACTION_SHARE,
    async ({ action, respond, body }, ctx) => {
      const project = await projectById(ctx, parseValue(action.value).id);
      const card = await renderProject(project, ctx, { buttons: false });
      await sendReply(respond, { ...withNote(card, ctx.tr.mrkdwn('action.shared_by', { user: userMention(body.user.id) })), share: true }, ctx.logger);
    },
    { forChannel: true },
  );

  on(ACTION_SHOW, async ({ action, respond }, ctx) => {
    const raw = action.value ?? '';
    const project = raw.trim().startsWith('{') ? await projectById(ctx, parseValue(raw).id) : await findProject(ctx.store, raw);
    await sendReply(respond, await renderProject(project, ctx, {}), ctx.logger);
  });
}

/** The card with a context line right under its header. */
function withNote(reply: Reply, note: Mrkdwn): Reply {
  const [first, ...rest] = reply.blocks;
  return { ...reply, blocks: first ? [first, context(note), ...rest] : [context(note)] };
}

function parseValue(raw: string | undefined): ButtonValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw ?? '');
  } catch {
    parsed = undefined;
  }
  const v = parsed as { id?: unknown; stage?: unknown } | undefined;
  if (!v || typeof v.id !== 'number' || !Number.isSafeInteger(v.id)) throw new Error(`malformed button value: ${String(raw).slice(0, 100)}`);
  const stage = typeof v.stage === 'string' && (STAGES as readonly string[]).includes(v.stage) ? (v.stage as Stage) : undefined;
  return stage ? { id: v.id, stage } : { id: v.id };
}

async function projectById(ctx: CommandContext, id: number): Promise<Project> {
  const project = await ctx.store.projects.byId(id);
  if (!project) throw new UserError('project_not_found', { ref: `id ${id}`, suggestions: [] });
  return project;
}

/** The exposure line is a courtesy on a decline that has already happened: never fail it. */
async function stakeLine(ctx: CommandContext, project: Project): Promise<Mrkdwn | undefined> {
  try {
    return await exposureLine(ctx, project, project.declinedOn ?? ctx.today);
  } catch (error) {
    ctx.logger.warn('slack: exposure line failed', { error, project: project.slug });
    return undefined;
  }
}
