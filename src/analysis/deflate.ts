import {SpendInputError} from '../errors.js'
import type {SpendFrame} from '../model/frame.js'
import {amounts, dictColumn} from './dims.js'
import {safe} from './fx.js'
import {subFrame} from './frame-access.js'
import type {Rows} from './kernel.js'
import {divRoundHalfEven, parseDecimal, type Fraction} from './rational.js'
import {analysisMsg} from '../messages.js'

/** One price-index value for a year (`2024`) or a month (`2024-03`). */
export interface IndexPoint {
  period: string
  /** Plain decimal text, kept as text so the restatement is exact. */
  value: string
}

export interface DeflateOptions {
  index: readonly IndexPoint[]
  /** Base year (`2024`), or a base month (`2024-03`) with a monthly index. */
  base: string | number
  selection?: Rows
}

/**
 * Restate amounts in constant prices of the base period:
 * amount * index[base] / index[t], exact, rounded half to even. The index is
 * either yearly or monthly (not mixed). With a monthly index a base year uses
 * the mean of its 12 months. Rows with no index value for their period (or no
 * date) are an error listing the periods. Returns a new frame; with a
 * selection it holds only the selected rows.
 * @example deflate(frame, {index: [{period: '2023', value: '100'}, {period: '2024', value: '104.5'}], base: 2024})
 */
export function deflate(frame: SpendFrame, opts: DeflateOptions): SpendFrame {
  const {points, monthly} = readIndex(opts.index)
  const base = baseValue(points, monthly, String(opts.base).trim())
  const src = opts.selection ? subFrame(frame, opts.selection) : frame
  const date = dictColumn(src, 'date')
  const perCode: (Fraction | null)[] = (date?.dict ?? []).map((d) => points.get(monthly ? d.slice(0, 7) : d.slice(0, 4)) ?? null)
  const missing = new Set<string>()
  const values = amounts(src)
  const out = new Float64Array(src.length)
  for (let i = 0; i < src.length; i++) {
    const c = date ? date.codes[i] : -1
    const f = c < 0 ? null : perCode[c]
    if (!f) {
      missing.add(c < 0 ? '(no date)' : date!.dict[c].slice(0, monthly ? 7 : 4))
      continue
    }
    out[i] = safe(divRoundHalfEven(BigInt(values[i]) * base.num * f.den, base.den * f.num), '--deflate')
  }
  if (missing.size > 0) {
    const list = [...missing].sort()
    throw new SpendInputError('INDEX_MISSING', analysisMsg.indexMissing(list), {
      where: '--deflate',
      hint: analysisMsg.indexMissingHint(),
    })
  }
  return {length: src.length, columns: {...src.columns, amount: {type: 'num', values: out}}}
}

function readIndex(index: readonly IndexPoint[]): {points: Map<string, Fraction>; monthly: boolean} {
  const points = new Map<string, Fraction>()
  let monthly: boolean | null = null
  for (const p of index) {
    const period = p.period.trim()
    const isMonth = /^\d{4}-(0[1-9]|1[0-2])$/.test(period)
    if (!isMonth && !/^\d{4}$/.test(period)) {
      throw new SpendInputError('BAD_INDEX', analysisMsg.badIndexPeriod(p.period), {where: '--deflate'})
    }
    if (monthly !== null && monthly !== isMonth) {
      throw new SpendInputError('BAD_INDEX', analysisMsg.indexMixesGrains(), {where: '--deflate', hint: analysisMsg.indexMixesGrainsHint()})
    }
    monthly = isMonth
    const f = parseDecimal(p.value)
    if (!f || f.num <= 0n) throw new SpendInputError('BAD_INDEX', analysisMsg.badIndexValue(p.value, period), {where: '--deflate'})
    points.set(period, f)
  }
  if (monthly === null) throw new SpendInputError('BAD_INDEX', analysisMsg.emptyIndex(), {where: '--deflate'})
  return {points, monthly}
}

function baseValue(points: Map<string, Fraction>, monthly: boolean, base: string): Fraction {
  const direct = points.get(base)
  if (direct) return direct
  if (monthly && /^\d{4}$/.test(base)) {
    let num = 0n
    let den = 1n
    for (let m = 1; m <= 12; m++) {
      const f = points.get(`${base}-${String(m).padStart(2, '0')}`)
      if (!f) throw new SpendInputError('INDEX_MISSING', analysisMsg.baseLacksMonth(base, m), {where: '--base'})
      num = num * f.den + f.num * den
      den *= f.den
    }
    return {num, den: den * 12n}
  }
  throw new SpendInputError('INDEX_MISSING', analysisMsg.noBaseIndex(base), {where: '--base'})
}
