/**
 * `dealclock data status [file]` and `dealclock data apply [file] [--dry-run] [--allow-older]`:
 * the public-data pack of the workspace the CLI acts on (DEALCLOCK_WORKSPACE). Without a
 * file, the pack shipped in data/public-data.json. (Not src/cli/data.ts, which holds the
 * import, export and backup commands.)
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderText } from '../replies/render-text.ts';
import { applyText, statusReply } from '../replies/public-data.ts';
import { SHIPPED_PACK_FILE } from '../usecases/public-data/pack.ts';
import { applyPackFile, publicDataStatus } from '../usecases/public-data/status.ts';
import type { CliAction } from './cli-command.ts';

export const dataCmd: CliAction = {
  async run(args, { runtime, tr, usageError }) {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean' }, 'allow-older': { type: 'boolean' } },
    });
    const [verb, file, ...extra] = positionals;
    if (extra.length || (verb !== 'status' && verb !== 'apply')) return usageError();
    if (verb === 'status' && (values['dry-run'] || values['allow-older'])) return usageError();
    const ctx = await runtime!.localContext();
    // As any command: a workspace's first use loads the shipped pack.
    await ctx.ready();
    const path = file ? resolve(file) : SHIPPED_PACK_FILE;
    const label = file ?? tr.text('cli.data.shipped', { path: 'data/public-data.json' });
    if (verb === 'status') {
      // In the CLI's language (DEALCLOCK_LOCALE or --lang), like every line `dealclock` prints.
      process.stdout.write(renderText(statusReply(tr, await publicDataStatus(ctx, path), ctx.today, label)) + '\n');
      return 0;
    }
    const dryRun = values['dry-run'] ?? false;
    const result = await applyPackFile(ctx, path, { dryRun, allowOlder: values['allow-older'] ?? false });
    process.stdout.write(applyText(tr, result, label, dryRun) + '\n');
    return 0;
  },
};
