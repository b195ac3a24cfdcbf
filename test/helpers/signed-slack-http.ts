/**
 * Posting to a running Slack app over signed HTTP, as Slack does: a slash command's form
 * fields or an interaction's `payload`, signed with the test signing secret.
 */
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { SlackApp } from '../../src/slack/app.ts';
import { SIGNING_SECRET } from './slack.ts';

function sign(body: string, timestamp: number): string {
  return 'v0=' + createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex');
}

export function eventsUrl(slack: SlackApp): string {
  return `http://127.0.0.1:${(slack.server!.address() as AddressInfo).port}/slack/events`;
}

async function post(slack: SlackApp, body: string): Promise<Response> {
  const now = Math.floor(Date.now() / 1000);
  return fetch(eventsUrl(slack), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      connection: 'close',
      'x-slack-request-timestamp': String(now),
      'x-slack-signature': sign(body, now),
    },
    body,
  });
}

/** A slash command (the fields of `slashCommand(…).body`). */
export function postCommand(slack: SlackApp, fields: Record<string, string>): Promise<Response> {
  return post(slack, new URLSearchParams(fields).toString());
}

/** A button click or a form submission (`blockAction(…).body`, `viewSubmission(…)`). */
export function postInteraction(slack: SlackApp, payload: unknown): Promise<Response> {
  return post(slack, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
}
