import type {FrameColumn, RecordColumn, SpendRecord} from './record.js'

/**
 * A columnar, dictionary-encoded view of spend records: what the workspace
 * loads and what analyses read. Strings are integer codes into a dictionary
 * (code -1 = null), so group-bys run over typed arrays.
 */
export interface DictColumn {
  type: 'dict'
  codes: Int32Array
  dict: string[]
}

/** Exact integers stored in doubles (minor units, line numbers): safe below 2^53. */
export interface NumColumn {
  type: 'num'
  values: Float64Array
}

export interface BoolColumn {
  type: 'bool'
  values: Uint8Array
}

export type Column = DictColumn | NumColumn | BoolColumn

export interface SpendFrame {
  length: number
  columns: Partial<Record<FrameColumn, Column>>
}

const NUMERIC: ReadonlySet<FrameColumn> = new Set(['amount', 'source_line'])
const BOOLEAN: ReadonlySet<FrameColumn> = new Set(['redacted'])

/** The storage kind of a canonical column. */
export function columnKind(name: FrameColumn): Column['type'] {
  if (NUMERIC.has(name)) return 'num'
  if (BOOLEAN.has(name)) return 'bool'
  return 'dict'
}

/**
 * Build a frame from records (tests, in-memory imports of files given directly).
 * @example frameFromRecords([{...rec, supplier: 'ACME'}]).columns.supplier
 */
export function frameFromRecords(records: readonly SpendRecord[], columns?: readonly RecordColumn[]): SpendFrame {
  const names = columns ?? (Object.keys(records[0] ?? {}) as RecordColumn[])
  const frame: SpendFrame = {length: records.length, columns: {}}
  for (const name of names) {
    const kind = columnKind(name)
    if (kind === 'num') {
      frame.columns[name] = {type: 'num', values: Float64Array.from(records, (r) => Number(r[name]))}
    } else if (kind === 'bool') {
      frame.columns[name] = {type: 'bool', values: Uint8Array.from(records, (r) => (r[name] ? 1 : 0))}
    } else {
      const index = new Map<string, number>()
      const dict: string[] = []
      const codes = new Int32Array(records.length)
      records.forEach((r, i) => {
        const v = r[name] as string | null
        if (v === null || v === undefined) {
          codes[i] = -1
          return
        }
        let code = index.get(v)
        if (code === undefined) {
          code = dict.length
          dict.push(v)
          index.set(v, code)
        }
        codes[i] = code
      })
      frame.columns[name] = {type: 'dict', codes, dict}
    }
  }
  return frame
}

/** Read a string cell of a dictionary column (null for code -1). */
export function dictValue(col: DictColumn, row: number): string | null {
  const c = col.codes[row]
  return c < 0 ? null : col.dict[c]
}
