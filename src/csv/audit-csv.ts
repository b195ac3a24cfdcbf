/**
 * The audit trail as CSV (`dealclock export-audit`): one row per change, oldest first.
 * Cells a spreadsheet would run as a formula are written as text (spreadsheet-cells.ts).
 */
import type { CommandContext } from '../usecases/context.ts';
import { openOutputFile, writeTo } from './output-file.ts';
import { stringifyCsv } from './spreadsheet-cells.ts';

export const AUDIT_COLUMNS = ['id', 'at', 'workspace', 'actor', 'source', 'channel_id', 'action', 'project_id', 'subject', 'before', 'after'] as const;

export async function exportAudit(ctx: CommandContext, file?: string): Promise<number> {
  const out = file ? openOutputFile(file) : process.stdout;
  const write = (text: string) => writeTo(out, text);
  let count = 0;
  try {
    await write(stringifyCsv([AUDIT_COLUMNS]));
    for await (const page of ctx.store.audit.all()) {
      await write(
        stringifyCsv(
          page.map((e) => [
            e.id,
            e.at.toISOString(),
            e.workspaceId,
            e.actor,
            e.source,
            e.channelId,
            e.action,
            e.projectId,
            e.subject,
            e.before === null ? null : JSON.stringify(e.before),
            e.after === null ? null : JSON.stringify(e.after),
          ]),
        ),
      );
      count += page.length;
    }
  } finally {
    if (file) await new Promise<void>((resolve) => (out as NodeJS.WritableStream).end(resolve));
  }
  return count;
}
