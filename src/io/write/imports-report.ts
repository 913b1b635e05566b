import {relative, resolve} from 'node:path'
import type {ImportEntry} from '../workspace/index.js'
import {contractTotals} from '../workspace/manifest.js'
import type {View} from './view.js'
import {count, currency, money, req, type Field, type Output} from './output-fields.js'

/** An import's or a source's row counts and control totals per currency (import, imports and inspect). */
export const IMPORT_COUNT_FIELDS: readonly Field[] = [
  req({key: 'rows', type: 'object', fields: [
    req(count('read')),
    req(count('imported')),
    req(count('rejected')),
    req(count('skipped')),
  ]}),
  req({key: 'totals', type: 'array', fields: [
    req(currency()),
    req(money('source')),
    req(money('imported')),
    req(money('rejected')),
  ]}),
]

/** An import as `spend import` and `spend imports` list it (the contract fields; more are written). */
export const IMPORT_ENTRY_FIELDS: readonly Field[] = [
  req({key: 'id', type: 'string'}),
  req({key: 'file', type: 'string', description: 'The file\'s name, without its folders ("<stdin>" for standard input); entries imported before path existed hold the path as typed then'}),
  {key: 'path', type: ['string', 'null'], description: 'The file\'s path relative to the workspace folder, with / separators; null for standard input and for entries imported before it existed'},
  req({key: 'sha256', type: 'string', pattern: '^[0-9a-f]{64}$'}),
  req({key: 'format', type: 'string'}),
  ...IMPORT_COUNT_FIELDS,
]

/** `spend imports --json`, declared once: schemas/imports.json comes from it. */
export const IMPORTS_OUTPUT: Output = {
  name: 'imports',
  title: '`spend imports --json`: the imports in the workspace, same fields as import',
  fields: [
    req({key: 'imports', type: 'array', fields: IMPORT_ENTRY_FIELDS}),
  ],
}

/** `spend imports remove ID --json`. */
export const IMPORTS_REMOVE_OUTPUT: Output = {
  name: 'imports-remove',
  title: '`spend imports remove ID --json`',
  fields: [
    req({key: 'removed', type: 'object', fields: [
      req({key: 'id', type: 'string'}),
      req({key: 'file', type: 'string'}),
    ]}),
  ],
}


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

/** A manifest entry from before or after sources were stored by name, with `path` relative to the workspace folder (null for stdin). */
type ListedEntry = ImportEntry & {path?: string | null}

/** Where `spend imports` runs: the workspace folder and the current directory. */
export interface ImportsPlace {
  workspace: string
  cwd: string
}

/**
 * An import's source as seen from `cwd`: its stored `path` (relative to the
 * workspace folder) resolved, then made relative to `cwd`; '' for standard
 * input; the file as it was given for entries stored before paths were.
 * @example shownPath({...entry, path: '../data/a.csv'}, {workspace: '/p/.spendkit', cwd: '/p/sub'}) // '../data/a.csv'
 */
export function shownPath(e: ListedEntry, where: ImportsPlace): string {
  if (e.path === undefined) return e.file
  if (e.path === null) return ''
  return relative(where.cwd, resolve(where.workspace, e.path)) || '.'
}

/** The file's name without its folders. */
const nameOf = (file: string) => file.split(/[\\/]/).pop() || file

/**
 * Views of `spend imports`: for scripts every import with its stored `file`
 * and its path from here; for people the id (never cut), the file name, and
 * the path, format and rejected count as optional columns a narrow terminal
 * leaves out.
 * @example importsViews(entries, {workspace: ws.dir, cwd: process.cwd()})(true)[0].columns[0].key // 'id'
 */
export function importsViews(entries: readonly ListedEntry[], where: ImportsPlace): (human: boolean) => View[] {
  const rows = entries.flatMap((e) =>
    (e.totals.length ? e.totals : [null]).map((t) => ({
      id: e.id, file: e.file, name: nameOf(e.file), path: shownPath(e, where), format: e.format,
      imported: e.rows.imported, rejected: e.rows.rejected, currency: t?.currency ?? null, amount: t?.imported ?? null,
    })),
  )
  return (human) => [{
    columns: human
      ? [
        {key: 'id', header: 'id', fit: 'id'},
        {key: 'name', header: 'file', fit: 'path'},
        {key: 'path', header: 'path', fit: 'path', drop: 2},
        {key: 'format', header: 'format', drop: 3},
        {key: 'imported', header: 'rows', kind: 'int'},
        {key: 'rejected', header: 'rejected', kind: 'int', drop: 1},
        {key: 'currency', header: 'cur'},
        {key: 'amount', header: 'imported total', kind: 'money'},
      ]
      : [
        {key: 'id', header: 'id'},
        {key: 'file', header: 'file'},
        {key: 'format', header: 'format'},
        {key: 'imported', header: 'rows', kind: 'int'},
        {key: 'rejected', header: 'rejected', kind: 'int'},
        {key: 'currency', header: 'currency'},
        {key: 'amount', header: 'imported total', kind: 'money'},
        {key: 'path', header: 'path'},
      ],
    rows,
  }]
}
