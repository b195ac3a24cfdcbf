/**
 * A check Bolt's request verification leaves out. Bolt refuses a timestamp more than five
 * minutes in the past, but accepts one any distance in the future; a request signed with
 * a future timestamp (a leaked signature, a clock-skewed forger) would then stay
 * replayable until that moment arrives. This guard refuses timestamps too far from now in
 * either direction before Bolt buffers the body, and otherwise hands the request to Bolt
 * unchanged: Bolt still verifies the signature of every request it receives.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/** Slack's own replay window, applied both ways. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export type TimestampVerdict = { ok: true } | { ok: false; reason: string };

/** Judges the `x-slack-request-timestamp` header; a missing one is left to Bolt (401 there). */
export function checkRequestTimestamp(header: string | string[] | undefined, nowMs = Date.now(), maxSkewSeconds = MAX_CLOCK_SKEW_SECONDS): TimestampVerdict {
  if (header === undefined) return { ok: true };
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw === undefined || !/^\d{1,12}$/.test(raw.trim())) return { ok: false, reason: 'malformed timestamp' };
  const skew = Number(raw.trim()) - Math.floor(nowMs / 1000);
  if (skew > maxSkewSeconds) return { ok: false, reason: 'timestamp in the future' };
  if (skew < -maxSkewSeconds) return { ok: false, reason: 'stale timestamp' };
  return { ok: true };
}

export interface GuardOptions {
  maxSkewSeconds?: number;
  /** Told about each refusal (never with the body or the signature). */
  onRefused?: (reason: string, req: IncomingMessage) => void;
}

/** Wraps a request listener (HTTPReceiver's `requestListener`) with the timestamp check. */
export function guardRequestListener(next: RequestListener, options: GuardOptions = {}): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    // Only Slack's POSTs are signed; /healthz and other routes pass straight through.
    if (req.method === 'POST') {
      const verdict = checkRequestTimestamp(req.headers['x-slack-request-timestamp'], Date.now(), options.maxSkewSeconds);
      if (!verdict.ok) {
        options.onRefused?.(verdict.reason, req);
        // Drain nothing: answering and closing is cheaper than reading an unwanted body.
        res.writeHead(401, { 'content-type': 'text/plain', connection: 'close' });
        res.end();
        return;
      }
    }
    next(req, res);
  };
}

/**
 * Installs the guard on an HTTPReceiver in place: its server calls `requestListener`
 * for every request, so replacing that property is enough. Returns the receiver.
 */
export function guardHttpReceiver<R extends { requestListener: RequestListener }>(receiver: R, options: GuardOptions = {}): R {
  receiver.requestListener = guardRequestListener(receiver.requestListener, options);
  return receiver;
}
