/** Commands that move data in and out: migrate, import, export, backups, the audit trail. */
import { parseArgs } from 'node:util';
import { exportAudit } from '../csv/audit-csv.ts';
import { importBaselines } from '../csv/baselines-csv.ts';
import { exportProjects, importProjects } from '../csv/projects-csv.ts';
import { backupEmbedded, restoreEmbedded } from '../db/backup.ts';
import { migrate as applyMigrations } from '../db/migrate.ts';
import { UserError } from '../domain/errors.ts';
import { plural, usageError, type CliCommand } from './cli-command.ts';

function onePath(args: string[], optional = false): string | undefined | null {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  if (positionals.length > 1 || (!optional && positionals.length === 0)) return null;
  return positionals[0];
}

export const migrate: CliCommand = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'apply database migrations (also done at every start)',
  async run(_args, { runtime }) {
    const applied = await applyMigrations(runtime!.db);
    process.stdout.write(applied.length ? `Applied ${applied.join(', ')}\n` : 'The database is up to date.\n');
    return 0;
  },
};

export const importCmd: CliCommand = {
  name: 'import',
  usage: 'import <file.csv>',
  summary: 'import projects (all or nothing)',
  async run(args, { runtime }) {
    const file = onePath(args);
    if (!file) return usageError(importCmd);
    const count = await importProjects(await runtime!.localContext(), file);
    process.stdout.write(`Imported ${plural(count, 'project')} from ${file}.\n`);
    return 0;
  },
};

export const exportCmd: CliCommand = {
  name: 'export',
  usage: 'export [file.csv]',
  summary: 'export projects (to stdout without a file)',
  async run(args, { runtime }) {
    const file = onePath(args, true);
    if (file === null) return usageError(exportCmd);
    const count = await exportProjects(await runtime!.localContext(), file);
    if (file) process.stdout.write(`Exported ${plural(count, 'project')} to ${file}.\n`);
    return 0;
  },
};

export const importBaselinesCmd: CliCommand = {
  name: 'import-baselines',
  usage: 'import-baselines <file.csv>',
  summary: 'import tariff import baselines (deal,category,annual_usd,year,source_url,basis; all or nothing)',
  async run(args, { runtime }) {
    const file = onePath(args);
    if (!file) return usageError(importBaselinesCmd);
    const count = await importBaselines(await runtime!.localContext(), file);
    process.stdout.write(`Imported ${plural(count, 'baseline')} from ${file}.\n`);
    return 0;
  },
};

export const exportAuditCmd: CliCommand = {
  name: 'export-audit',
  usage: 'export-audit [file.csv]',
  summary: 'the audit trail as CSV (to stdout without a file)',
  async run(args, { runtime }) {
    const file = onePath(args, true);
    if (file === null) return usageError(exportAuditCmd);
    const count = await exportAudit(await runtime!.localContext(), file);
    if (file) process.stdout.write(`Exported ${plural(count, 'audit event')} to ${file}.\n`);
    return 0;
  },
};

export const backup: CliCommand = {
  name: 'backup',
  usage: 'backup <file.tar.gz>',
  summary: 'back up the embedded database to a file',
  async run(args, { runtime }) {
    const file = onePath(args);
    if (!file) return usageError(backup);
    const bytes = await backupEmbedded(runtime!.db, file);
    process.stdout.write(`Backed up the embedded database to ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB).\n`);
    return 0;
  },
};

export const restore: CliCommand = {
  name: 'restore',
  usage: 'restore <file.tar.gz> [--force]',
  summary: 'restore the embedded database from a backup (refuses to replace data without --force)',
  needsRuntime: false,
  async run(args, { config }) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean' } } });
    if (positionals.length !== 1) return usageError(restore);
    if (config.DATABASE_URL) throw new UserError('embedded_only', { command: 'restore' });
    await restoreEmbedded({ dataDir: config.DEALCLOCK_DATA_DIR, file: positionals[0]!, force: values.force ?? false });
    process.stdout.write(`Restored ${config.DEALCLOCK_DATA_DIR} from ${positionals[0]}.\n`);
    return 0;
  },
};
