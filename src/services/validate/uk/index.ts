/**
 * `spend validate FILE --standard uk-25k|uk-lga`: a UK spend file checked
 * before it is published, read by the project's own readers (openSources: CSV
 * in any encoding, XLS/XLSX sheets, zip members), so each problem names the
 * physical line and the 1-based field it is in.
 */
import {SpendInputError} from '../../../errors.js'
import {openSources} from '../../../io/read/bytes/sources.js'
import {HEADER_SEARCH_ROWS, isBlankRow} from '../../../io/read/table/header.js'
import type {CellRow, TableSource} from '../../../io/read/types.js'
import type {Problem, ValidationOutcome} from '../types.js'
import {readHeader} from './columns.js'
import {specOf, type UkSpec, type UkStandard} from './guidance.js'
import {RowChecker} from './rows.js'

export {UK_25K, UK_LGA} from './guidance.js'

/** Check a CSV, spreadsheet or zip of them against the UK guidance named by `standard`. */
export async function validateUk(file: string, standard: UkStandard): Promise<ValidationOutcome> {
  const spec = specOf(standard)
  const tables: {name: string; problems: Problem[]; rows: number}[] = []
  for await (const source of openSources(file)) {
    if (source.kind !== 'table') {
      throw new SpendInputError('NOT_A_TABLE', `${source.name} is JSON, not a table of payments`, {where: file, hint: 'UK spend files are CSV or spreadsheets; for OCDS JSON use --standard ocds', exit: 2})
    }
    tables.push({name: source.name, ...(await validateTable(source, spec))})
  }
  const many = tables.length > 1
  const problems = tables.flatMap((t) => (many ? t.problems.map((p) => ({...p, message: `${t.name}: ${p.message}`})) : t.problems))
  return {problems, guidance: spec.guidance, rows: tables.reduce((n, t) => n + t.rows, 0)}
}

async function validateTable(source: TableSource, spec: UkSpec): Promise<{problems: Problem[]; rows: number}> {
  const it = source.rows[Symbol.asyncIterator]()
  // The header search looks at the first non-blank rows, as `spend import` does.
  const head: CellRow[] = []
  let looked = 0
  let done = false
  while (looked < HEADER_SEARCH_ROWS) {
    const next = await it.next()
    if (next.done) {
      done = true
      break
    }
    for (const r of next.value) {
      head.push(r)
      if (!isBlankRow(r.cells)) looked++
    }
  }
  const header = readHeader(head, spec)
  if (header === null) {
    if (!done) await drainRows(it)
    return {problems: [{line: null, column: null, severity: 'error', code: 'no-rows', message: 'the file has no rows', fix: 'publish a header and one row per transaction', field: null}], rows: 0}
  }
  const checker = new RowChecker(spec, header.index, header.cells, source.typedCells)
  for (const r of head.slice(header.at + 1)) checker.row(r)
  while (!done) {
    const next = await it.next()
    if (next.done) break
    for (const r of next.value) checker.row(r)
  }
  checker.finish()
  const problems = [...header.problems, ...checker.problems].sort(byPlace)
  if (checker.rows === 0) problems.push({line: null, column: null, severity: 'error', code: 'no-rows', message: 'no transactions below the header', fix: 'publish one row per transaction', field: null})
  return {problems, rows: checker.rows}
}

/** File order: by line (whole-file problems last), then column (whole-row problems first). */
function byPlace(a: Problem, b: Problem): number {
  const la = a.line ?? Number.MAX_SAFE_INTEGER
  const lb = b.line ?? Number.MAX_SAFE_INTEGER
  if (la !== lb) return la - lb
  return (a.column ?? 0) - (b.column ?? 0)
}

async function drainRows(it: AsyncIterator<CellRow[]>): Promise<void> {
  for (;;) if ((await it.next()).done) return
}

