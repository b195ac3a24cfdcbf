/**
 * The slash command. Slack gives a command 3 seconds, so `ack()` goes out first, before
 * any database work; the reply follows through the response_url (ephemeral unless the
 * user asked to share). The work waits its turn in the post-ack queue; a command the
 * queue has no room for is answered "busy" in the ack itself. `add` with no arguments
 * opens the add-project modal instead — straight after the ack, never queued, because a
 * trigger_id expires after 3 seconds.
 */
import { phrase } from '../i18n/error-message.ts';
import type { App, RespondFn } from '@slack/bolt';
import { permissionReply, prepareCommand, refusePermission, replyForError, runPrepared, type PreparedCommand } from '../commands/router.ts';
import { isUserError } from '../core/errors.ts';
import { metrics, type CommandOutcome } from '../metrics.ts';
import { errorReply, type Reply } from '../replies/reply.ts';
import type { Runtime } from '../runtime.ts';
import { busyAck, notRunReply, queueKey } from './command-queue.ts';
import { cachedReplyLocale, replyLocale, slackContext } from './context.ts';
import { translator } from '../i18n/translator.ts';
import { republishHome, type HomeOptions } from './home.ts';
import { openAddModal, relanguageAddModal, type OpenedModal } from './modal.ts';
import type { ReplayGuard } from './replay-guard.ts';
import { sendWithPicture } from './picture.ts';
import { sendReply } from './respond.ts';
import type { WorkQueue } from './work-queue.ts';

export interface ListenerOptions {
  home?: HomeOptions | undefined;
  /** Where the work after the ack waits its turn (see createSlackApp). */
  queue: WorkQueue;
  /** After the ack: false for a replayed copy of a signed request already handled (replay-guard.ts). */
  firstDelivery: ReplayGuard['firstDelivery'];
}

export function registerCommand(app: App, runtime: Runtime, { home, queue, firstDelivery }: ListenerOptions): void {
  const waitSeconds = runtime.config.DEALCLOCK_QUEUE_MAX_WAIT_SECONDS;
  app.command(runtime.config.DEALCLOCK_COMMAND, async ({ command, ack, respond, client, context }) => {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    // Parsing is pure and bounded (the text's length is capped): it decides, before the
    // ack, whether this opens the form or waits in the queue.
    let prepared: PreparedCommand | undefined;
    let parseError: unknown;
    try {
      prepared = prepareCommand(command.text);
    } catch (err) {
      parseError = err;
    }
    const subcommand = prepared?.sub.name ?? 'invalid';
    const opensForm =
      prepared !== undefined &&
      prepared.sub.name === 'add' &&
      prepared.args.words.length === 0 &&
      Object.keys(prepared.args.options).length === 0 &&
      !prepared.share;

    const work = async (): Promise<void> => {
      // A copy of a command already run gets the same empty 200 and nothing else.
      if (!(await firstDelivery(context))) return;
      const who = { teamId: command.team_id, userId: command.user_id, channelId: command.channel_id };
      const ctx = await slackContext(runtime, who, client, {
        forChannel: prepared?.share === true || prepared?.sub.postsInChannel === true,
        // The form's trigger_id expires 3 s after the command: no database read before it
        // opens, and a short wait for the person's language.
        stored: !opensForm,
      });
      const logContext = { text: command.text.slice(0, 500), channel: command.channel_id };
      const answer = async (reply: Reply, outcome: CommandOutcome) => {
        await sendWithPicture(client, respond, reply, ctx.logger);
        metrics.command(subcommand, outcome);
        metrics.replySeconds(subcommand, seconds());
      };

      if (!prepared) {
        await answer(replyForError(parseError, ctx, logContext), outcomeOf(parseError));
        return;
      }

      if (opensForm) {
        const meta = { channelId: command.channel_id, responseUrl: command.response_url };
        let opened: OpenedModal | undefined;
        if (ctx.actor.isAdmin) {
          try {
            opened = await openAddModal(client, command.trigger_id, meta, ctx.tr);
            metrics.command(subcommand, 'ok');
          } catch (error) {
            ctx.logger.warn('slack: the add modal did not open', { error });
          }
        }
        // The form is open (or will not be): now the person's `/invest lang` setting may be read.
        const tr = translator(await replyLocale(runtime, who, client));
        if (!ctx.actor.isAdmin) {
          const refusal = await refusePermission(ctx, phrase('action.permission', { action: 'add' }), { subcommand: 'add', text: command.text });
          await answer(permissionReply(refusal, tr), 'user_error');
        } else if (!opened) {
          await answer(errorReply(tr.text('form.did_not_open', { cmd: ctx.commandName })), 'internal_error');
        } else if (tr.locale !== ctx.tr.locale) {
          await relanguageAddModal(client, opened, meta, tr).catch((error: unknown) => ctx.logger.warn('slack: the add modal kept its language', { error }));
        }
        return;
      }

      let reply: Reply;
      let outcome: CommandOutcome = 'ok';
      try {
        reply = await runPrepared(prepared, ctx);
        if (reply.isError) outcome = 'user_error';
      } catch (err) {
        outcome = outcomeOf(err);
        reply = replyForError(err, { ...ctx, logger: ctx.logger.child({ subcommand: prepared.sub.name }) }, logContext);
      }
      await answer(reply, outcome);
      if (prepared.sub.mutates && !reply.isError) await republishHome(client, runtime, { teamId: command.team_id, userId: command.user_id }, home);
    };

    // The form must open within 3 s of the command (its trigger_id expires), so it never
    // waits behind other commands' work.
    if (opensForm) {
      await ack();
      metrics.ackSeconds(seconds());
      await work();
      return;
    }
    const admission = queue.reserve(queueKey(command.team_id, command.user_id));
    if (!admission.ok) {
      // Before the ack there is no time for a lookup: the cached language, else the default.
      await ack(busyAck(admission.reason, waitSeconds, translator(cachedReplyLocale(runtime, { teamId: command.team_id, userId: command.user_id }))));
      metrics.ackSeconds(seconds());
      metrics.command(subcommand, 'shed');
      return;
    }
    try {
      await ack();
    } catch (err) {
      admission.ticket.cancel();
      throw err;
    }
    metrics.ackSeconds(seconds());
    await admission.ticket.start({
      run: async (waitedMs) => {
        metrics.queueWaitSeconds(waitedMs / 1000);
        await work();
      },
      refuse: (reason) => tellNotRun(respond, runtime, reason, waitSeconds, subcommand, { teamId: command.team_id, userId: command.user_id }),
    });
  });
}

/**
 * Tells a user their command or click was not run (too old, or the bot is stopping), in
 * their cached language: the bot is too busy or stopping to look it up.
 */
export async function tellNotRun(
  respond: RespondFn,
  runtime: Runtime,
  reason: 'expired' | 'shutdown',
  waitSeconds: number,
  subcommand: string,
  who: { teamId: string; userId: string },
): Promise<void> {
  await sendReply(respond, notRunReply(reason, waitSeconds, translator(cachedReplyLocale(runtime, who))), runtime.logger);
  metrics.command(subcommand, 'shed');
}

export function outcomeOf(err: unknown): CommandOutcome {
  return isUserError(err) ? 'user_error' : 'internal_error';
}
