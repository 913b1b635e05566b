import {workspaceMsg} from '../../messages.js'
import {reimportCommand} from '../workspace/damage.js'
import type {ImportCheck} from '../workspace/verify.js'
import type {View} from './view.js'
import {count, req, type Output} from './output-fields.js'

/** `spend check --json`, declared once: schemas/check.json comes from it. */
export const CHECK_OUTPUT: Output = {
  name: 'check',
  title: '`spend check --json`: each import ok, damaged (what, where, how to fix) or unverifiable (no checksums stored); exit 1 when one is damaged',
  fields: [
    req({key: 'ok', type: 'boolean', description: 'false when an import is damaged; an unverifiable import is not damage'}),
    req({key: 'counts', type: 'object', fields: [req(count('ok')), req(count('damaged')), req(count('unverifiable'))]}),
    req({key: 'imports', type: 'array', fields: [
      req({key: 'id', type: 'string'}),
      req({key: 'file', type: 'string'}),
      req({key: 'status', type: 'string', enum: ['ok', 'damaged', 'unverifiable']}),
      req({key: 'problems', type: 'array', fields: [
        req({key: 'file', type: ['string', 'null'], description: 'the damaged file, relative to the workspace (imports/<id>/part-00000.arrow); null for the import as a whole', pattern: '^imports/[^/]+/[^/]+$'}),
        req({key: 'problem', type: 'string', pattern: '^[^\\n]+$'}),
      ]}),
      req({key: 'fix', type: ['string', 'null'], description: 'the command that re-imports it (null when ok)', pattern: '^spend import .+ --replace'}),
      count('parts'),
      count('rows'),
      count('rejected'),
    ]}),
  ],
}

/**
 * `spend check --json`: {ok, counts: {ok, damaged, unverifiable}, imports: [{id, file, status,
 * problems: [{file, problem}], fix, parts, rows, rejected}]}. `ok` is false when an import is
 * damaged; an unverifiable import (no checksums stored) is not damage. `fix` is the command
 * that rebuilds the import (null when it is ok).
 */
export function checkJson(checks: readonly ImportCheck[], root: string, workspace?: string) {
  const count = (status: ImportCheck['status']) => checks.filter((c) => c.status === status).length
  return {
    ok: count('damaged') === 0,
    counts: {ok: count('ok'), damaged: count('damaged'), unverifiable: count('unverifiable')},
    imports: checks.map(({entry, status, problems}) => ({
      id: entry.id,
      file: entry.file,
      status,
      problems: problems.map((p) => ({file: p.file, problem: p.problem})),
      fix: status === 'ok' ? null : reimportCommand(entry, root, workspace),
      parts: entry.parts.length,
      rows: entry.rows.imported,
      rejected: entry.rows.rejected,
    })),
  }
}

export type CheckJson = ReturnType<typeof checkJson>

/** One row per import, and one more per further problem; the detail says which file and what. */
export function checkViews(result: CheckJson): View[] {
  return [{
    columns: [
      {key: 'id', header: 'id'},
      {key: 'file', header: 'file'},
      {key: 'status', header: 'status'},
      {key: 'detail', header: 'detail'},
      {key: 'fix', header: 'fix'},
    ],
    rows: result.imports.flatMap((i) => {
      const base = {id: i.id, file: i.file, status: i.status, fix: i.fix}
      if (i.problems.length === 0) return [{...base, detail: i.status === 'unverifiable' ? workspaceMsg.unverifiable() : null}]
      return i.problems.map((p) => ({...base, detail: p.file ? `${p.file}: ${p.problem}` : p.problem}))
    }),
  }]
}

/** The closing line for people (stderr). */
export function checkNote(result: CheckJson): string {
  const {ok, damaged, unverifiable} = result.counts
  const total = ok + damaged + unverifiable
  if (damaged > 0) return workspaceMsg.checkDamaged(damaged, total)
  if (unverifiable > 0) return workspaceMsg.checkUnverifiable(unverifiable)
  return workspaceMsg.checkOk(total)
}
