import {frameFromRecords, type DictColumn, type SpendFrame} from '../../../src/model/frame.js'
import type {SpendRecord} from '../../../src/model/record.js'
import {resolveParams} from '../../../src/analysis/flags/run.js'
import type {CheckContext, ParamValue} from '../../../src/analysis/flags/types.js'
import {rec} from '../../helpers/analysis-records.js'
import {random} from '../../helpers/prng.js'

/** A record with an invoice number column (null unless given). */
export function drec(p: Partial<SpendRecord>): SpendRecord {
  return rec({invoice_number: null, ...p})
}

/** ISO date `d` days after 2024-04-01 (UTC). */
export function isoDay(d: number): string {
  return new Date(Date.UTC(2024, 3, 1 + d)).toISOString().slice(0, 10)
}

/**
 * A clean council file, built as the planted fixture's: amounts log-normal
 * in pence, Monday-Friday dates in 2024-25, each payment its own invoice
 * number (INV + digits) and transaction number.
 */
export function cleanCouncil(buyer: string, source: string, rows: number, seed: number): SpendRecord[] {
  const rnd = random(seed)
  const out: SpendRecord[] = []
  for (let k = 0; k < rows; k++) {
    let d = Math.floor(rnd() * 360)
    while (new Date(Date.UTC(2024, 3, 1 + d)).getUTCDay() % 6 === 0) d++
    const supplier = `Supplier ${seed}-${Math.floor(rnd() * 50)}`
    const amount = Math.round(Math.exp(7 + rnd() * 6))
    out.push(drec({
      buyer, supplier, date: isoDay(d), amount, source, source_file: `${source}.csv`, source_line: k + 2,
      invoice_number: `INV${seed}${String(k).padStart(5, '0')}`, transaction_id: `T${seed}-${k}`,
    }))
  }
  return out
}

/** Renumber lines per source in order, so every row has its own (file, line). */
export function lines(records: SpendRecord[]): SpendRecord[] {
  const next = new Map<string, number>()
  return records.map((r) => {
    const l = (next.get(r.source) ?? 1) + 1
    next.set(r.source, l)
    return {...r, source_line: l}
  })
}

/** A check context over a frame; `pick` reads the frame's transaction ids at the chosen rows only, recording them. */
export function contextOf(records: SpendRecord[], params: Record<string, ParamValue> = {}): {ctx: CheckContext; picked: number[]; frame: SpendFrame} {
  const full = frameFromRecords(records)
  const tid = full.columns.transaction_id as DictColumn
  const {transaction_id: _omit, ...columns} = full.columns
  const frame: SpendFrame = {length: full.length, columns}
  const picked: number[] = []
  const ctx: CheckContext = {
    frame, selection: null, params: resolveParams('duplicates', params), thresholds: [], fiscalYearStart: 4,
    pick: (_c, rows) => {
      const codes = new Int32Array(frame.length).fill(-1)
      for (const i of Array.from(rows)) {
        picked.push(i)
        codes[i] = tid.codes[i]
      }
      return {type: 'dict', codes, dict: tid.dict}
    },
  }
  return {ctx, picked, frame}
}
