/**
 * Configuration: one zod schema, parsed once at start from the environment (and `.env`
 * when present). Nothing else in the program reads `process.env`. A missing or malformed
 * value stops the process with one line naming the variable and what is expected.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const schema = z
  .object({
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// connection URL')
        .optional(),
    ),
    DEALCLOCK_DATA_DIR: z.string().trim().min(1, 'a folder path').default('./.dealclock'),
    DEALCLOCK_TIMEZONE: z
      .string()
      .trim()
      .default('Asia/Tokyo')
      .refine(isTimeZone, 'an IANA time zone such as Asia/Tokyo'),
    LOG_LEVEL: z.enum(LOG_LEVELS, { message: `one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    DEALCLOCK_COMMAND: z
      .string()
      .trim()
      .regex(/^\/[a-z0-9_-]{1,31}$/, 'a slash command such as /invest')
      .default('/invest'),
    DEALCLOCK_DEFAULT_CHANNEL: optionalText.pipe(
      z
        .string()
        .regex(/^[CGD][A-Z0-9]{2,}$/, 'a Slack channel ID such as C0123456789')
        .optional(),
    ),
    DEALCLOCK_SHELL_USER: z.string().trim().min(1).default('shell'),
    DEALCLOCK_WORKSPACE: optionalText.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,40}$/, 'a workspace (Slack team) ID such as T0123456789')
        .optional(),
    ),
  })
  .loose();

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the environment. `.env` in the working directory is read when present; values
 * already in the environment win, as with dotenv.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  const merged: Record<string, string | undefined> = { ...readEnvFile(envFile), ...env };
  const result = schema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? 'configuration');
    const shown = merged[name];
    throw new ConfigError(
      `Configuration error: ${name} ${shown === undefined || shown === '' ? 'is missing' : 'is invalid'}; expected ${issue.message}.`,
    );
  }
  return result.data;
}

function readEnvFile(path: string): Record<string, string> {
  if (!path || !existsSync(path)) return {};
  return parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
}
