/**
 * Bolt's logger interface on top of ours, so Bolt's own lines go through the same JSON
 * output and the same secret redaction (Bolt may log request bodies or errors that carry a
 * token or a response_url).
 */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger, LogLevel as OurLevel } from '../log.ts';

const TO_BOLT: Record<OurLevel, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

export function boltLogger(logger: Logger, level: OurLevel): BoltLogger {
  let name = 'bolt';
  let current = TO_BOLT[level];
  const line = (parts: unknown[]) => {
    const error = parts.find((p): p is Error => p instanceof Error);
    const text = parts.map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : safeJson(p))).join(' ');
    return { text, fields: { component: name, ...(error ? { error } : {}) } };
  };
  // Bolt logs several debug lines per request, some with the whole payload: format them
  // only when they will be written.
  const debugOn = () => current === LogLevel.DEBUG;
  return {
    debug: (...m: unknown[]) => {
      if (!debugOn()) return;
      const { text, fields } = line(m);
      logger.debug(text, fields);
    },
    info: (...m: unknown[]) => {
      if (!debugOn()) return;
      const { text, fields } = line(m);
      // Bolt's info lines ("Now connected to Slack", "unhandled request") are operational detail.
      logger.debug(text, fields);
    },
    warn: (...m: unknown[]) => {
      const { text, fields } = line(m);
      logger.warn(text, fields);
    },
    error: (...m: unknown[]) => {
      const { text, fields } = line(m);
      logger.error(text, fields);
    },
    setLevel: (l: LogLevel) => {
      current = l;
    },
    getLevel: () => current,
    setName: (n: string) => {
      name = n;
    },
  };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}
