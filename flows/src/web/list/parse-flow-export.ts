import { FlowExportSchema } from '../../contracts/index.ts';
import type { FlowExport } from '../../contracts/index.ts';

export type ParsedExport = { ok: true; value: FlowExport } | { ok: false; message: string };

/** Reads an exported automation; says in words what is wrong with a file that is not one. */
export function parseFlowExport(text: string): ParsedExport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'The file is not JSON.' };
  }
  const parsed = FlowExportSchema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (at ${issue.path.join('.')})` : '';
  return {
    ok: false,
    message: `The file is not an exported automation${where}: ${issue?.message ?? 'unknown shape'}.`,
  };
}
