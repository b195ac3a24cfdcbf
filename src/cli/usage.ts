/**
 * `dealclock help` and the language of what is printed before the configuration is read
 * (the usage, an unknown command).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import stringWidth from 'string-width';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../core/locale.ts';
import type { Translator } from '../i18n/translator.ts';
import { COMMANDS } from './commands.ts';

/** Where the summaries start: after the longest usage. */
const USAGE_WIDTH = 44;

/**
 * DEALCLOCK_LOCALE as the configuration reads it (the environment, where `--lang` has put
 * it, before the `.env` file; see loadConfig), without loading the configuration: help
 * needs no database and no other setting. A value the configuration would refuse is
 * English here; a command that reads the configuration then reports it.
 */
export function localeBeforeConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Locale {
  const value = env.DEALCLOCK_LOCALE ?? envFileValue(envFile, 'DEALCLOCK_LOCALE');
  return (LOCALES as readonly string[]).includes(value ?? '') ? (value as Locale) : DEFAULT_LOCALE;
}

function envFileValue(path: string, name: string): string | undefined {
  try {
    return existsSync(path) ? parseEnv(readFileSync(path, 'utf8'))[name] : undefined;
  } catch {
    return undefined; // unreadable: the configuration will say so
  }
}

/**
 * Every command with its summary. Usages are typed as they are in every language; the
 * summaries line up in display columns (a Japanese character takes two).
 */
export function usageText(tr: Translator): string {
  return [tr.text('cli.usage', { usage: 'dealclock <command>' }), ...COMMANDS.map((c) => `  ${padToWidth(c.usage, USAGE_WIDTH)} ${tr.text(c.summary)}`)].join(
    '\n',
  );
}

function padToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}
