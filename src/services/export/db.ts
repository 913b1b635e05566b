import {exportMsg} from '../../messages.js'
import {SpendInputError} from '../../errors.js'
import {resolveWorkspace, Workspace} from '../../io/workspace/index.js'
import type {AnalysisFlagValues} from '../analysis-input.js'
import {exportWorkspaceToPostgres} from './postgres.js'
import type {ExportResult} from './run.js'

/** The URL as shown in output: without its password. */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@')
  }
}

/**
 * `spend export --db URL`: the workspace's records (with the analyses'
 * filters) COPYed into the PostgreSQL table in one transaction, replacing the
 * rows of the same imports; the control totals per currency from the table.
 */
export async function runDbExport(url: string, opts: {table?: string; flags: AnalysisFlagValues}): Promise<ExportResult> {
  for (const f of ['fx', 'deflate', 'file'] as const) {
    if (opts.flags[f] !== undefined && (opts.flags[f] as unknown) !== false) throw new SpendInputError('BAD_FLAG', exportMsg.noMoneyFlag(f), {exit: 2})
  }
  const ws = await Workspace.open(resolveWorkspace(opts.flags.workspace))
  const load = await exportWorkspaceToPostgres(ws, url, {filters: opts.flags, table: opts.table})
  const {pgClient} = await import('../../sql/engines.js')
  const client = await pgClient(url)
  let totals: ExportResult['totals']
  try {
    const table = load.table.split('.').map((p) => `"${p}"`).join('.')
    const ids = (await ws.list()).map((e) => e.id)
    const res = await client.query(`SELECT currency, COUNT(*)::bigint AS rows, SUM(amount)::text AS amount FROM ${table} WHERE import_id = ANY($1) GROUP BY currency ORDER BY currency COLLATE "C"`, [ids])
    totals = (res.rows as {currency: string; rows: string; amount: string}[]).map((r) => ({currency: r.currency, rows: Number(r.rows), amount: r.amount}))
  } finally {
    await client.end()
  }
  return {out: shownUrl(url), rows: load.rows, bytes: null, sha256: null, format: 'postgres', totals, table: load.table, replaced: load.replaced}
}
