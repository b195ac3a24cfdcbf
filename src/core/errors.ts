/**
 * The catalogue of user errors. A user error is a coded value: `code` says what went
 * wrong, `details` carries the facts, and `userMessage()` (the one place that turns
 * codes into words) says what was wrong and how to write it right. Anything thrown that
 * is not a `UserError` is an internal error: logged, never shown to a user.
 */

/**
 * A detail in words the bot chose (a reason, what is missing), named by its message key so
 * each reader gets it in their language; its `toString()` is the English (what the log and
 * the English message carry). Made by `phrase()` in i18n/.
 */
export interface Phrase {
  readonly key: string;
  readonly args: Readonly<Record<string, string | number>>;
  toString(): string;
}

type Details = Record<string, string | number | undefined | readonly string[] | Phrase>;

const MESSAGES = {
  input_too_long: (d) => `That command is too long (${d.length} characters; at most ${d.max}).`,
  control_characters: () => 'That command contains control characters. Type it again as plain text.',
  unbalanced_quote: (d) => `A quote opened at character ${d.position} is never closed. Close it, e.g. \`add "Texas GulfLink"\`.`,
  unknown_subcommand: (d) => `I don't know \`${d.word}\`.${d.suggestion ? ` Did you mean \`${d.suggestion}\`?` : ''} Try \`help\` for the list.`,
  missing_argument: (d) => `\`${d.subcommand}\` needs ${d.what}. Usage: \`${d.usage}\``,
  unexpected_argument: (d) => `\`${d.subcommand}\` does not take \`${d.word}\`. Usage: \`${d.usage}\``,
  unknown_option: (d) => `\`${d.subcommand}\` has no option \`${d.key}=\`. It accepts: ${d.allowed}.`,
  duplicate_option: (d) => `\`${d.key}=\` is given twice. Give it once.`,
  invalid_date: (d) => `\`${d.value}\` is not a date. Write \`YYYY-MM-DD\` (e.g. \`2026-02-17\`), \`today\` or \`yesterday\`.`,
  date_out_of_range: (d) => `${d.value} is outside the dates I support (${d.min} to ${d.max}).`,
  invalid_money: (d) => `\`${d.value}\` is not an amount. Write e.g. \`2.1B\`, \`$2.1bn\`, \`600M\`, \`350 million\`, \`US$33bn\` or \`1,200,000,000\`.`,
  invalid_number: (d) => `\`${d.value}\` is not a valid ${d.what}. ${d.hint ?? ''}`.trim(),
  invalid_value: (d) => `\`${d.key}=${d.value}\` is not valid: ${d.reason}`,
  invalid_name: (d) => `That project name is not usable: ${d.reason}`,
  project_not_found: (d) =>
    `No project matches \`${d.ref}\`.${Array.isArray(d.suggestions) && d.suggestions.length ? ` Did you mean ${(d.suggestions as string[]).map((s) => `\`${s}\``).join(', ')}?` : ''} Try \`list\`.`,
  ambiguous_project: (d) => `\`${d.ref}\` matches several projects: ${(d.matches as string[]).map((s) => `\`${s}\``).join(', ')}. Type more of the name.`,
  duplicate_project: (d) => `A project with the slug \`${d.slug}\` already exists. Choose another name or pass \`slug=…\`.`,
  invalid_stage_move: (d) => `\`${d.slug}\` is ${d.from}; it cannot become ${d.to}. ${d.reason}`,
  unknown_deal: (d) => `There is no deal \`${d.value}\`. Deals: ${d.allowed}.`,
  unknown_calendar: (d) => `\`${d.value}\` is not a calendar. Calendars: ${d.allowed}, or joints such as \`US-FRB+JP-BANK\`.`,
  unknown_stage: (d) => `\`${d.value}\` is not a stage. Stages: ${d.allowed}.`,
  nothing_to_change: (d) => `Nothing to change. Give fields to set, e.g. \`edit ${d.slug} cost=2.1B sector=energy\`.`,
  due_before_floor: (d) => `The due date ${d.due} is before the 45-business-day floor ${d.floor}.`,
  feed_not_found: (d) => `This workspace has no working calendar feed #${d.id}. \`feed list\` shows its feeds.`,
  permission_denied: (d) => `Only ${d.who} can ${d.action}. You can still read everything.`,
  csv_invalid: (d) => `${d.file}, line ${d.line}${d.column ? `, column ${d.column}` : ''}: ${d.reason}. Nothing was imported.`,
  file_error: (d) => `Cannot ${d.action} \`${d.file}\`: ${d.reason}`,
  restore_refused: (d) =>
    `The embedded database in ${d.dir} already holds data (${d.what}). Restoring would replace it: run \`dealclock restore ${d.file} --force\` (the current data is kept in ${d.dir}/pgdata.before-restore-…).`,
  backup_invalid: (d) => `\`${d.file}\` is not a dealclock backup (${d.reason}). Nothing was changed.`,
  embedded_only: (d) => `\`${d.command}\` works on the embedded database only. With DATABASE_URL, use your server's tools (pg_dump / pg_restore).`,
  pack_invalid: (d) => `${d.file} is not a valid public-data pack; nothing was changed.\n${(d.problems as string[]).map((p) => `• ${p}`).join('\n')}`,
  pack_older: (d) =>
    `${d.file} (version ${d.version}, as of ${d.asOf}) is older than the public data this workspace has (version ${d.current}, as of ${d.currentAsOf}); nothing was changed. Add \`--allow-older\` to apply it anyway.`,
  database_locked: (d) =>
    `The embedded database in ${d.dir} is in use by another dealclock process (${d.holder}). Stop it first, or set DEALCLOCK_DATA_DIR to another folder.${d.hint ?? ''}`,
  hidden_character: (d) =>
    `\`${d.value}\` contains ${d.codePoint}${d.name ? ` (${d.name})` : ''} at character ${d.position}, ${d.kind === 'mark' ? 'a combining mark (an accent or sign on the character before it)' : d.kind === 'bidi' ? 'a bidi control that makes text display out of order' : 'an invisible character'}, so it may not be what it looks like. Type the value again without it.`,
  wrong_weekday: (d) => `\`${d.value}\`: ${d.date} is a ${d.actual} (${d.actualJa}), not a ${d.given} (${d.givenJa}). Check the date.`,
  era_out_of_range: (d) =>
    `\`${d.value}\` is not a date in the ${d.era} era (${d.start} to ${d.end || 'today'}). Check the year, or write it as \`YYYY-MM-DD\`.`,
  invalid_japanese_amount: (d) =>
    `\`${d.value}\` is not an amount: write digits before each unit, the units from large to small (兆, 億, 万), each once, e.g. \`21億ドル\`, \`1兆2000億ドル\` or \`2,100万ドル\`.`,
  money_two_currencies: (d) => `\`${d.value}\` names a currency twice (${d.currencies}). Write one, e.g. \`21億ドル\`, or yen with its rate, \`3400億円@150\`.`,
  yen_needs_rate: (d) =>
    `\`${d.value}\` is in yen, and amounts are kept in US dollars. Add the yen-per-dollar rate you used after \`@\`, e.g. \`${d.example}\` (150 yen to the dollar).`,
  invalid_yen_rate: (d) =>
    `\`${d.value}\`: \`${d.rate}\` is not a yen-per-dollar rate between ${d.min} and ${d.max}. Write e.g. \`3400億円@150\` or \`3400億円@149.5\`.`,
  rate_without_yen: (d) =>
    `\`${d.value}\`: a rate after \`@\` converts yen to dollars, but this amount is not in yen. Drop the \`@…\`, or write the yen amount, e.g. \`3400億円@150\`.`,
} satisfies Record<string, (d: Details) => string>;

export type ErrorCode = keyof typeof MESSAGES;

/** Every error code (for the catalogue checks). */
export const ERROR_CODES = Object.keys(MESSAGES) as ErrorCode[];

export class UserError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: Details = {},
  ) {
    super(MESSAGES[code](details));
    this.name = 'UserError';
  }

  /** The message a user sees: what was wrong and how to write it right. */
  userMessage(): string {
    return this.message;
  }
}

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}
