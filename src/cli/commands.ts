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
    summary: 'cli.summary.start',
    waitsForDatabase: true,
    runsWhileOpening: true,
    load: () => import('./start.ts').then((m) => m.start),
  },
  {
    name: 'shell',
    usage: 'shell',
    summary: 'cli.summary.shell',
    load: () => import('./start.ts').then((m) => m.shell),
  },
  {
    name: 'run',
    usage: 'run "<command text>"',
    summary: 'cli.summary.run',
    load: () => import('./run.ts').then((m) => m.run),
  },
  {
    name: 'timeline',
    usage: 'timeline [deal] [--out file.png]',
    summary: 'cli.summary.timeline',
    load: () => import('./run.ts').then((m) => m.timelineCmd),
  },
  {
    name: 'check',
    usage: 'check [--date YYYY-MM-DD] [--dry-run] [--retry-failed]',
    summary: 'cli.summary.check',
    waitsForDatabase: true,
    load: () => import('./check.ts').then((m) => m.check),
  },
  {
    name: 'migrate',
    usage: 'migrate',
    summary: 'cli.summary.migrate',
    migrates: false,
    load: () => import('./data.ts').then((m) => m.migrate),
  },
  {
    name: 'import',
    usage: 'import <file.csv>',
    summary: 'cli.summary.import',
    load: () => import('./data.ts').then((m) => m.importCmd),
  },
  {
    name: 'export',
    usage: 'export [file.csv]',
    summary: 'cli.summary.export',
    load: () => import('./data.ts').then((m) => m.exportCmd),
  },
  {
    name: 'import-baselines',
    usage: 'import-baselines <file.csv>',
    summary: 'cli.summary.import-baselines',
    load: () => import('./data.ts').then((m) => m.importBaselinesCmd),
  },
  {
    name: 'export-audit',
    usage: 'export-audit [file.csv]',
    summary: 'cli.summary.export-audit',
    load: () => import('./data.ts').then((m) => m.exportAuditCmd),
  },
  {
    name: 'export-ics',
    usage: 'export-ics [file.ics] [--deal JP] [--milestones]',
    summary: 'cli.summary.export-ics',
    load: () => import('./export-ics.ts').then((m) => m.exportIcsCmd),
  },
  {
    name: 'data',
    usage: 'data status|apply [file.json] [--dry-run] [--allow-older]',
    summary: 'cli.summary.data',
    load: () => import('./public-data.ts').then((m) => m.dataCmd),
  },
  {
    name: 'backup',
    usage: 'backup <file.tar.gz>',
    summary: 'cli.summary.backup',
    load: () => import('./data.ts').then((m) => m.backup),
  },
  {
    name: 'restore',
    usage: 'restore <file.tar.gz> [--force]',
    summary: 'cli.summary.restore',
    needsRuntime: false,
    load: () => import('./data.ts').then((m) => m.restore),
  },
  {
    name: 'rotate-key',
    usage: 'rotate-key',
    summary: 'cli.summary.rotate-key',
    load: () => import('./rotate-key.ts').then((m) => m.rotateKey),
  },
];
