/** Commands that move data in and out: migrate, import, export, backups, the audit trail. */
import { parseArgs } from 'node:util';
import { exportAudit } from '../csv/audit-csv.ts';
import { importBaselines } from '../csv/baselines-csv.ts';
import { exportProjects, importProjects } from '../csv/projects-csv.ts';
import { backupEmbedded, restoreEmbedded } from '../db/backup.ts';
import { migrate as applyMigrations } from '../db/migrate.ts';
import { UserError } from '../core/errors.ts';
import type { CliAction } from './cli-command.ts';

function onePath(args: string[], optional = false): string | undefined | null {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  if (positionals.length > 1 || (!optional && positionals.length === 0)) return null;
  return positionals[0];
}

export const migrate: CliAction = {
  async run(_args, { runtime, tr }) {
    const applied = await applyMigrations(runtime!.db);
    // Migration names are file names: listed as they are, in either language.
    process.stdout.write((applied.length ? tr.text('cli.migrate.applied', { names: applied.join(', ') }) : tr.text('cli.migrate.up_to_date')) + '\n');
    return 0;
  },
};

export const importCmd: CliAction = {
  async run(args, { runtime, tr, usageError }) {
    const file = onePath(args);
    if (!file) return usageError();
    const count = await importProjects(await runtime!.localContext(), file);
    process.stdout.write(tr.text('cli.import.projects', { n: count, file }) + '\n');
    return 0;
  },
};

export const exportCmd: CliAction = {
  async run(args, { runtime, tr, usageError }) {
    const file = onePath(args, true);
    if (file === null) return usageError();
    const count = await exportProjects(await runtime!.localContext(), file);
    if (file) process.stdout.write(tr.text('cli.export.projects', { n: count, file }) + '\n');
    return 0;
  },
};

export const importBaselinesCmd: CliAction = {
  async run(args, { runtime, tr, usageError }) {
    const file = onePath(args);
    if (!file) return usageError();
    const count = await importBaselines(await runtime!.localContext(), file);
    process.stdout.write(tr.text('cli.import.baselines', { n: count, file }) + '\n');
    return 0;
  },
};

export const exportAuditCmd: CliAction = {
  async run(args, { runtime, tr, usageError }) {
    const file = onePath(args, true);
    if (file === null) return usageError();
    const count = await exportAudit(await runtime!.localContext(), file);
    if (file) process.stdout.write(tr.text('cli.export.audit', { n: count, file }) + '\n');
    return 0;
  },
};

export const backup: CliAction = {
  async run(args, { runtime, tr, usageError }) {
    const file = onePath(args);
    if (!file) return usageError();
    const bytes = await backupEmbedded(runtime!.db, file);
    process.stdout.write(tr.text('cli.backup.done', { file, size: (bytes / 1024 / 1024).toFixed(1) }) + '\n');
    return 0;
  },
};

export const restore: CliAction = {
  async run(args, { config, tr, usageError }) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean' } } });
    if (positionals.length !== 1) return usageError();
    if (config.DATABASE_URL) throw new UserError('embedded_only', { command: 'restore' });
    await restoreEmbedded({ dataDir: config.DEALCLOCK_DATA_DIR, file: positionals[0]!, force: values.force ?? false });
    process.stdout.write(tr.text('cli.restore.done', { dir: config.DEALCLOCK_DATA_DIR, file: positionals[0]! }) + '\n');
    return 0;
  },
};
