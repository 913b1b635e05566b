import type {ImportEntry} from '../workspace/index.js'
import {contractTotals} from './import-report.js'
import type {View} from './view.js'

/**
 * `spend imports --json`: {imports: [{id, file, path, sha256, bytes, format, rows, totals, options, tool_version}]}.
 * `file` is the name, `path` relative to the workspace folder (null for stdin and for entries that predate it).
 */
export function importsJson(entries: readonly ImportEntry[]) {
  return {
    imports: entries.map((e) => ({
      id: e.id,
      file: e.file,
      path: e.path ?? null,
      sha256: e.sha256,
      bytes: e.bytes,
      format: e.format,
      rows: e.rows,
      totals: contractTotals(e.totals),
      options: e.options,
      tool_version: e.tool_version,
    })),
  }
}

export type ImportsJson = ReturnType<typeof importsJson>

export function importsViews(entries: readonly ImportEntry[]): View[] {
  return [{
    columns: [
      {key: 'id', header: 'id'},
      {key: 'file', header: 'file'},
      {key: 'format', header: 'format'},
      {key: 'imported', header: 'rows', kind: 'int'},
      {key: 'rejected', header: 'rejected', kind: 'int'},
      {key: 'currency', header: 'currency'},
      {key: 'amount', header: 'imported total', kind: 'money'},
    ],
    rows: entries.flatMap((e) =>
      (e.totals.length ? e.totals : [null]).map((t) => ({
        id: e.id, file: e.file, format: e.format, imported: e.rows.imported, rejected: e.rows.rejected,
        currency: t?.currency ?? null, amount: t?.imported ?? null,
      })),
    ),
  }]
}
