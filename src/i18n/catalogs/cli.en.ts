/**
 * English words of the `dealclock` command line's own lines (usage, counts, the check's
 * summary); merged into en.ts. See en.ts for the rules. Command names, usages and file
 * paths are arguments: they are typed as they are in every language.
 */
export const cliEn = {
  // main.ts
  'cli.usage': 'Usage: {usage}',
  'cli.unknown_command': 'Unknown command `{name}`.',
  'cli.failed': 'dealclock {command} failed: {message}',
  'cli.wait_aborted': 'dealclock {command}: {when, select, opening {stopped while the database was opening} other {stopped while waiting for the database}}',
  // One line of `dealclock help` per command (the same words as before: commands.ts no longer holds them).
  'cli.summary.start': 'run the bot: Slack when SLACK_BOT_TOKEN (or OAuth) is set, else the local shell; the daily checks run in the process',
  'cli.summary.shell': 'the local shell: /invest lines from the terminal or a pipe (no daily checks)',
  'cli.summary.run': 'one command, e.g. dealclock run "deadline 2026-02-17 deal=JP"',
  'cli.summary.timeline': 'a PNG picture of the running clocks (default a file in the current folder; the path is printed)',
  'cli.summary.check': 'one reminder pass (plan, then post) as of today or a date, then exit',
  'cli.summary.migrate': 'apply database migrations (also done at every start)',
  'cli.summary.import': 'import projects (all or nothing)',
  'cli.summary.export': 'export projects (to stdout without a file)',
  'cli.summary.import-baselines': 'import tariff import baselines (deal,category,annual_usd,year,source_url,basis; all or nothing)',
  'cli.summary.export-audit': 'the audit trail as CSV (to stdout without a file)',
  'cli.summary.export-ics': 'the due dates as an iCalendar file, the same calendar a feed serves (to stdout without a file)',
  'cli.summary.data': 'the public-data pack: which one the workspace has and what a pack would change; apply one (fields edited here are kept)',
  'cli.summary.backup': 'back up the embedded database to a file',
  'cli.summary.restore': 'restore the embedded database from a backup (refuses to replace data without --force)',
  'cli.summary.rotate-key': 're-encrypt stored Slack tokens under DEALCLOCK_ENCRYPTION_KEY (after a rotation)',

  // src/cli/data.ts
  'cli.migrate.applied': 'Applied {names}',
  'cli.migrate.up_to_date': 'The database is up to date.',
  'cli.import.projects': 'Imported {n, plural, one {# project} other {# projects}} from {file}.',
  'cli.export.projects': 'Exported {n, plural, one {# project} other {# projects}} to {file}.',
  'cli.import.baselines': 'Imported {n, plural, one {# baseline} other {# baselines}} from {file}.',
  'cli.export.audit': 'Exported {n, plural, one {# audit event} other {# audit events}} to {file}.',
  'cli.backup.done': 'Backed up the embedded database to {file} ({size} MB).',
  'cli.restore.done': 'Restored {dir} from {file}.',
  // src/cli/export-ics.ts
  'cli.export_ics.done': 'Wrote {n, plural, one {# event} other {# events}} to {file}.',
  // src/cli/rotate-key.ts
  'cli.rotate_key.no_key': '{variable} is not set: there is no key to rotate to.',
  'cli.rotate_key.done':
    'Re-encrypted {n, plural, one {# token} other {# tokens}} under key {key}{failed, plural, =0 {} other {; # could not be decrypted (see the log)}}.',
  // src/cli/public-data.ts
  'cli.data.shipped': '{path} (shipped with this release)',

  // `dealclock check` (src/reminders/check.ts): one summary line of clauses.
  'cli.check.planned': 'Check for {today}: planned {milestones} reminder(s), {catchups} catch-up(s), {digests} digest(s)',
  'cli.check.not_yet': 'Check for {today}: before the reminder time: nothing planned yet',
  'cli.check.cancelled': 'cancelled {n}',
  'cli.check.requeued': 'requeued {n} failed',
  'cli.check.sent': 'posted {sent}, found already posted {recovered}, failed {failed}, cancelled at send {cancelled}, deferred {deferred}',
  'cli.check.would_post': 'would post {n} (dry run: nothing was written)',
  'cli.check.separator': '; ',
  'cli.check.end': '{clauses}.',
  // The dry run's lines, one per reminder in the queue.
  'cli.check.would_post_to': '── would post to {channel, select, none {(no channel)} other {#{channel}}} · reminder #{id} ──',
  // Reminders printed instead of posted (no Slack configured: `check`, the shell).
  'cli.posted_to': '── to #{channel} ──',
  'cli.check.would_cancel': '(would cancel reminder #{id}: {reason})',
  'cli.check.cancel_reason':
    '{reason, select, gone {the project no longer exists} stopped {the clock stopped ({stage})} moved {the due date moved to {due}} no_notice {the project has no notice date} all_posted {every missed milestone was already posted} unsubscribed {unsubscribed} other {{reason}}}',
} as const satisfies Record<string, string>;
