import {resolveParams} from '../../../src/analysis/flags/run.js'
import type {CheckContext, CheckName, ParamValue, ProcurementThreshold} from '../../../src/analysis/flags/types.js'
import type {SpendFrame} from '../../../src/model/frame.js'

/** Pounds to pence. */
export const GBP = (pounds: number) => Math.round(pounds * 100)

/** A threshold given by hand (jurisdiction `config`). */
export function threshold(name: string, pounds: number, from: string | null = '2020-01-01', to: string | null = null, currency = 'GBP'): ProcurementThreshold {
  return {jurisdiction: 'config', name, currency, minor: GBP(pounds), from, to, source: 'test contract procedure rules'}
}

/** What a check gets: the frame, every row, the check's parameters resolved, the thresholds. */
export function ctxOf(check: CheckName, frame: SpendFrame, thresholds: ProcurementThreshold[], params: Record<string, ParamValue> = {}): CheckContext {
  return {
    frame, selection: null, params: resolveParams(check, params), thresholds, fiscalYearStart: 4,
    pick: () => ({type: 'dict', codes: new Int32Array(frame.length).fill(-1), dict: []}),
  }
}

/** ISO date `n` days after `iso` (UTC). */
export function plusDays(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10)
}
