import {cubeRows, cubeToJson, type CubeJson, type CubeTable} from '../../analysis/cube.js'
import {cubeAmountText, cubeId, cubeLabel, otherLabel} from '../../analysis/cube-table.js'
import {DIM_ID_FIELDS, shareText} from '../../analysis/json.js'
import type {AnalysisInput} from '../analysis-input.js'
import {dimColumns, dimHeader, moneyJson, shownLabel, titled} from './analysis-common.js'
import {CHUNK_ROWS, delimitedCell, delimitedHeader, type DelimitedSource} from './delimited.js'
import type {View, ViewColumn} from './view.js'

export type CubeOutput = CubeJson & {rollup: boolean; top: number | null; level: string | null; fiscal_year_start: number}

/**
 * The `spend cube --json` result: the analysis' `{by, rows}` plus the
 * parameters and what was done to amounts. `rows` is built on first read
 * (JSON output): CSV, TSV and tables are written from the columns.
 * @example cubeOutput(cubeTable(frame, opts), {rollup: false, top: null, level: null, fiscal_year_start: 1}, input.money)
 */
export function cubeOutput(table: CubeTable, params: Omit<CubeOutput, 'by' | 'rows'>, money: AnalysisInput['money']): CubeOutput {
  const out = {by: table.by, ...params, ...moneyJson(money)} as CubeOutput
  let rows: CubeJson['rows'] | undefined
  // Enumerable, and defined last, so JSON.stringify prints it where it always was.
  Object.defineProperty(out, 'rows', {enumerable: true, get: () => (rows ??= cubeToJson(cubeRows(table)).rows)})
  return out
}

/**
 * Views of `spend cube`. For scripts: every field of the JSON rows. For
 * people: one column per dimension (subtotal rows say Subtotal / Total),
 * currency, amount, count and the share of the parent group.
 * @example await this.emit(out, (human) => cubeViews(out, table, human, input.money), flags.format)
 */
export function cubeViews(out: CubeOutput, table: CubeTable, human: boolean, money: AnalysisInput['money']): View[] {
  const title = titled(`Spend by ${out.by.join(', ') || 'currency'}`, money)
  if (!human) {
    const columns: ViewColumn[] = [
      ...dimColumns(out.by),
      {key: 'currency', header: 'currency'},
      {key: 'amount', header: 'amount', kind: 'money'},
      {key: 'count', header: 'count', kind: 'int'},
      {key: 'share', header: 'share', kind: 'share'},
      {key: 'share_total', header: 'share_total', kind: 'share'},
      ...(out.rollup ? [{key: 'rollup', header: 'rollup', kind: 'bool' as const}] : []),
      ...(out.top !== null ? [{key: 'other', header: 'other', kind: 'int' as const}] : []),
    ]
    const view: View & DelimitedSource = {
      title, columns, rows: [],
      delimited: (delimiter) => cubeDelimited(table, columns, out.rollup, out.top !== null, delimiter),
    }
    // The JSON rows, only if a writer other than CSV/TSV asks for them.
    Object.defineProperty(view, 'rows', {enumerable: true, get: () => out.rows})
    return [view]
  }
  const columns: ViewColumn[] = [
    ...out.by.map((d, i) => ({key: `d${i}`, header: dimHeader(d)})),
    {key: 'currency', header: 'cur'},
    {key: 'amount', header: 'amount', kind: 'money'},
    {key: 'count', header: 'count', kind: 'int'},
    {key: 'share', header: out.by.length > 1 ? 'of parent' : 'share', kind: 'share'},
  ]
  const n = out.by.length
  const rows: Record<string, unknown>[] = new Array(table.length)
  for (let r = 0; r < table.length; r++) {
    const share = table.share[r]
    const row: Record<string, unknown> = {
      currency: table.currencies[table.currency[r]], amount: cubeAmountText(table, r), count: table.count[r],
      share: Number.isNaN(share) ? null : share,
    }
    const depth = table.depth[r]
    for (let i = 0; i < n; i++) {
      const label = cubeLabel(table, r, i)
      if (i < depth) row[`d${i}`] = table.other[r] >= 0 && i === depth - 1 ? label : shownLabel(out.by[i], cubeId(table, r, i), label)
      else if (i === depth) row[`d${i}`] = depth === 0 ? 'Total' : 'Subtotal'
    }
    rows[r] = row
  }
  return [{title, columns, rows}]
}

/**
 * CSV/TSV text of the machine view straight from the columns: byte for byte
 * what renderDelimited gives for the JSON rows, without building them.
 * @example cubeDelimited(table, columns, false, false, ',')
 */
export function cubeDelimited(t: CubeTable, columns: readonly ViewColumn[], rollup: boolean, top: boolean, delimiter: ',' | '\t'): string {
  const field = delimitedCell(delimiter)
  const n = t.by.length
  const hasId = t.by.map((d) => DIM_ID_FIELDS[d] !== undefined)
  // Each dimension value's cells ("label,id,") are made once: they repeat down the output.
  const dimText = t.dims.map((d) => new Array<string | undefined>(d.size))
  const blank = hasId.map((id) => (id ? delimiter + delimiter : delimiter))
  const curText = t.currencies.map((c) => field(c) + delimiter)
  // A leading '-' may need neutralising (a share like -1e-7); digits never do.
  const num = (s: string): string => (s.charCodeAt(0) === 45 ? field(s) : s)
  const shareCell = (x: number): string => (Number.isNaN(x) ? '' : num(shareText(x)))
  const chunks: string[] = [delimitedHeader(columns, delimiter)]
  let lines: string[] = []
  for (let r = 0; r < t.length; r++) {
    let line = ''
    for (let i = 0; i < n; i++) {
      const k = t.keys[i][r]
      if (k >= 0) {
        let s = dimText[i][k]
        if (s === undefined) {
          s = dimText[i][k] = field(t.dims[i].labels[k]) + delimiter + (hasId[i] ? field(t.dims[i].ids[k]) + delimiter : '')
        }
        line += s
      } else if (t.other[r] >= 0 && i === t.depth[r] - 1) {
        line += field(otherLabel(t.by[i], t.other[r])) + delimiter + (hasId[i] ? delimiter : '')
      } else {
        line += blank[i]
      }
    }
    line += curText[t.currency[r]] + num(cubeAmountText(t, r)) + delimiter + t.count[r] + delimiter +
      shareCell(t.share[r]) + delimiter + shareCell(t.shareOfTotal[r])
    if (rollup) line += t.depth[r] < n ? `${delimiter}true` : delimiter
    if (top) line += t.other[r] >= 0 ? delimiter + t.other[r] : delimiter
    // Lines are joined into chunks as they come, so each dies young (measured:
    // faster than collecting every piece of a chunk and joining once).
    lines.push(line)
    if (lines.length === CHUNK_ROWS) {
      chunks.push(lines.join('\n'))
      lines = []
    }
  }
  if (lines.length > 0) chunks.push(lines.join('\n'))
  return chunks.join('\n') + '\n'
}

