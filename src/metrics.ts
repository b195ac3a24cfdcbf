/**
 * What the program counts, as plain calls anyone may make. They do nothing until a sink
 * is installed: `DEALCLOCK_METRICS=on` installs the Prometheus one (src/slack/prometheus.ts),
 * which loads prom-client only then, so a bot without metrics pays neither the import
 * nor the bookkeeping. Label values are closed sets; the sink maps anything else to
 * `other`, so no user text can become a series.
 */

/** How a command or button ended. `shed`: acked but not run (busy, too old, a restart). */
export type CommandOutcome = 'ok' | 'user_error' | 'internal_error' | 'shed';

/**
 * Why work was not run: the queue was full, the user's share of it was full, it waited
 * longer than the age bound, or the process stopped before its turn.
 */
export type ShedReason = 'full' | 'user_full' | 'expired' | 'shutdown';

/** A database error by SQLSTATE class; see src/db/error-count.ts. */
export type DbErrorKind = 'connection' | 'timeout' | 'constraint' | 'query';

export interface MetricsSink {
  command(subcommand: string, outcome: CommandOutcome): void;
  /** From the listener's start to the ack sent. */
  ackSeconds(seconds: number): void;
  /** From the listener's start to the reply delivered (queue wait included). */
  replySeconds(subcommand: string, seconds: number): void;
  /** Time between the ack and the work starting. */
  queueWaitSeconds(seconds: number): void;
  shed(reason: ShedReason): void;
  remindersPlanned(count: number): void;
  reminderPosted(): void;
  reminderFailed(): void;
  dbError(kind: DbErrorKind): void;
}

let sink: MetricsSink | undefined;

export function setMetricsSink(next: MetricsSink | undefined): void {
  sink = next;
}

export function metricsEnabled(): boolean {
  return sink !== undefined;
}

export const metrics: MetricsSink = {
  command: (subcommand, outcome) => sink?.command(subcommand, outcome),
  ackSeconds: (seconds) => sink?.ackSeconds(seconds),
  replySeconds: (subcommand, seconds) => sink?.replySeconds(subcommand, seconds),
  queueWaitSeconds: (seconds) => sink?.queueWaitSeconds(seconds),
  shed: (reason) => sink?.shed(reason),
  remindersPlanned: (count) => sink?.remindersPlanned(count),
  reminderPosted: () => sink?.reminderPosted(),
  reminderFailed: () => sink?.reminderFailed(),
  dbError: (kind) => sink?.dbError(kind),
};
