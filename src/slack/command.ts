/**
 * The slash command. Slack gives a command 3 seconds, so `ack()` goes out first, before
 * any database work; the reply follows through the response_url (ephemeral unless the
 * user asked to share). `add` with no arguments opens the add-project modal instead —
 * straight after the ack, because a trigger_id expires after 3 seconds.
 */
import type { App } from '@slack/bolt';
import { permissionReply, prepareCommand, refusePermission, replyForError, runPrepared, type PreparedCommand } from '../commands/router.ts';
import { errorReply, type Reply } from '../replies/reply.ts';
import type { Runtime } from '../runtime.ts';
import { slackContext } from './context.ts';
import { republishHome, type HomeOptions } from './home.ts';
import { openAddModal } from './modal.ts';
import type { ReplayGuard } from './replay-guard.ts';
import { sendReply } from './respond.ts';

export interface ListenerOptions {
  home?: HomeOptions | undefined;
  /** Runs the work after the ack, a few listeners at a time (see createSlackApp). */
  afterAck: <T>(work: () => Promise<T>) => Promise<T>;
  /** After the ack: false for a replayed copy of a signed request already handled (replay-guard.ts). */
  firstDelivery: ReplayGuard['firstDelivery'];
}

export function registerCommand(app: App, runtime: Runtime, { home, afterAck, firstDelivery }: ListenerOptions): void {
  app.command(runtime.config.DEALCLOCK_COMMAND, async ({ command, ack, respond, client, context }) => {
    await ack();
    // A copy of a command already run gets the same empty 200 and nothing else.
    if (!(await firstDelivery(context))) return;
    let prepared: PreparedCommand | undefined;
    let parseError: unknown;
    try {
      prepared = prepareCommand(command.text);
    } catch (err) {
      parseError = err;
    }
    const opensForm =
      prepared !== undefined &&
      prepared.sub.name === 'add' &&
      prepared.args.words.length === 0 &&
      Object.keys(prepared.args.options).length === 0 &&
      !prepared.share;
    // The form must open within 3 s of the command (its trigger_id expires), so it never
    // waits for a slot behind other commands' work.
    const run = opensForm ? <T>(work: () => Promise<T>) => work() : afterAck;
    await run(async () => {
      const ctx = await slackContext(runtime, { teamId: command.team_id, userId: command.user_id, channelId: command.channel_id }, client);
      const logContext = { text: command.text.slice(0, 500), channel: command.channel_id };

      if (!prepared) {
        await sendReply(respond, replyForError(parseError, ctx, logContext), ctx.logger);
        return;
      }

      if (opensForm) {
        if (!ctx.actor.isAdmin) {
          const refusal = await refusePermission(ctx, 'add projects', { subcommand: 'add', text: command.text });
          await sendReply(respond, permissionReply(refusal), ctx.logger);
          return;
        }
        try {
          await openAddModal(client, command.trigger_id, { channelId: command.channel_id, responseUrl: command.response_url });
        } catch (error) {
          ctx.logger.warn('slack: the add modal did not open', { error });
          await sendReply(
            respond,
            errorReply(
              `The form did not open (Slack allows 3 seconds). Try again, or type the project on one line, e.g. \`${ctx.commandName} add "Texas GulfLink" deal=JP cost=2.1B\`.`,
            ),
            ctx.logger,
          );
        }
        return;
      }

      let reply: Reply;
      try {
        reply = await runPrepared(prepared, ctx);
      } catch (err) {
        reply = replyForError(err, { ...ctx, logger: ctx.logger.child({ subcommand: prepared.sub.name }) }, logContext);
      }
      await sendReply(respond, reply, ctx.logger);
      if (prepared.sub.mutates && !reply.isError) await republishHome(client, runtime, { teamId: command.team_id, userId: command.user_id }, home);
    });
  });
}
