/**
 * Every CLI command. Only this list is loaded up front: a command's code (Bolt, CSV,
 * the reminder engine…) loads while the database opens, so start-up waits for whichever
 * is slower, not for both one after the other.
 */
import type { CliCommand } from './cli-command.ts';

export const COMMANDS: readonly CliCommand[] = [
  {
    name: 'start',
    usage: 'start',
    summary: 'run the bot: Slack when SLACK_BOT_TOKEN (or OAuth) is set, else the local shell; the daily checks run in the process',
    waitsForDatabase: true,
    runsWhileOpening: true,
    load: () => import('./start.ts').then((m) => m.start),
  },
  {
    name: 'shell',
    usage: 'shell',
    summary: 'the local shell: /invest lines from the terminal or a pipe (no daily checks)',
    load: () => import('./start.ts').then((m) => m.shell),
  },
  {
    name: 'run',
    usage: 'run "<command text>"',
    summary: 'one command, e.g. dealclock run "deadline 2026-02-17 deal=JP"',
    load: () => import('./run.ts').then((m) => m.run),
  },
  {
    name: 'timeline',
    usage: 'timeline [deal] [--out file.png]',
    summary: 'a PNG picture of the running clocks (default a file in the current folder; the path is printed)',
    load: () => import('./run.ts').then((m) => m.timelineCmd),
  },
  {
    name: 'check',
    usage: 'check [--date YYYY-MM-DD] [--dry-run] [--retry-failed]',
    summary: 'one reminder pass (plan, then post) as of today or a date, then exit',
    waitsForDatabase: true,
    load: () => import('./check.ts').then((m) => m.check),
  },
  {
    name: 'migrate',
    usage: 'migrate',
    summary: 'apply database migrations (also done at every start)',
    migrates: false,
    load: () => import('./data.ts').then((m) => m.migrate),
  },
  {
    name: 'import',
    usage: 'import <file.csv>',
    summary: 'import projects (all or nothing)',
    load: () => import('./data.ts').then((m) => m.importCmd),
  },
  {
    name: 'export',
    usage: 'export [file.csv]',
    summary: 'export projects (to stdout without a file)',
    load: () => import('./data.ts').then((m) => m.exportCmd),
  },
  {
    name: 'import-baselines',
    usage: 'import-baselines <file.csv>',
    summary: 'import tariff import baselines (deal,category,annual_usd,year,source_url,basis; all or nothing)',
    load: () => import('./data.ts').then((m) => m.importBaselinesCmd),
  },
  {
    name: 'export-audit',
    usage: 'export-audit [file.csv]',
    summary: 'the audit trail as CSV (to stdout without a file)',
    load: () => import('./data.ts').then((m) => m.exportAuditCmd),
  },
  {
    name: 'export-ics',
    usage: 'export-ics [file.ics] [--deal JP] [--milestones]',
    summary: 'the due dates as an iCalendar file, the same calendar a feed serves (to stdout without a file)',
    load: () => import('./export-ics.ts').then((m) => m.exportIcsCmd),
  },
  {
    name: 'data',
    usage: 'data status|apply [file.json] [--dry-run] [--allow-older]',
    summary: 'the public-data pack: which one the workspace has and what a pack would change; apply one (fields edited here are kept)',
    load: () => import('./public-data.ts').then((m) => m.dataCmd),
  },
  {
    name: 'backup',
    usage: 'backup <file.tar.gz>',
    summary: 'back up the embedded database to a file',
    load: () => import('./data.ts').then((m) => m.backup),
  },
  {
    name: 'restore',
    usage: 'restore <file.tar.gz> [--force]',
    summary: 'restore the embedded database from a backup (refuses to replace data without --force)',
    needsRuntime: false,
    load: () => import('./data.ts').then((m) => m.restore),
  },
  {
    name: 'rotate-key',
    usage: 'rotate-key',
    summary: 're-encrypt stored Slack tokens under DEALCLOCK_ENCRYPTION_KEY (after a rotation)',
    load: () => import('./rotate-key.ts').then((m) => m.rotateKey),
  },
];
