/**
 * A small structured logger. One JSON line per event on stderr (stdout belongs to the
 * shell and the CLI). Every line passes through `redact`, which removes configured
 * secrets and anything shaped like a Slack token or a connection-string password, so a
 * secret cannot leak through an error message from pg or Bolt either.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const TOKEN_SHAPES: RegExp[] = [
  /xox[abposre]-[A-Za-z0-9-]+/g, // Slack bot, user, app-config and refresh tokens
  /xapp-[A-Za-z0-9-]+/g, // Slack app-level tokens
  /(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]+@/g, // password in a connection URL
];

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  out = out.replace(TOKEN_SHAPES[0]!, '[redacted]').replace(TOKEN_SHAPES[1]!, '[redacted]');
  out = out.replace(TOKEN_SHAPES[2]!, '$1[redacted]@');
  return out;
}

export interface LoggerOptions {
  level: LogLevel;
  secrets?: readonly string[];
  write?: (line: string) => void;
  fields?: Record<string, unknown>;
}

export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const secrets = options.secrets ?? [];
  const base = options.fields ?? {};
  const min = RANK[options.level];
  const emit = (level: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>) => {
    if (RANK[level] < min) return;
    const record = { time: new Date().toISOString(), level, msg, ...base, ...serialise(fields) };
    write(redact(JSON.stringify(record), secrets));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}

function serialise(fields?: Record<string, unknown>): Record<string, unknown> {
  if (!fields) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message, code: (v as { code?: unknown }).code, stack: v.stack } : v;
  }
  return out;
}

export const silentLogger: Logger = createLogger({ level: 'silent' });
