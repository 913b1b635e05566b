/**
 * The `duplicates` check: exact and near duplicate payments, the tests
 * ledger audit tools run (ACL's and IDEA's duplicate and fuzzy-duplicate
 * tests), on one buyer's payments to one supplier entity in one currency.
 *
 * Kinds (stable ids): `exact` (same amount, date and number: the invoice
 * number where the row has one, else its transaction number, else none),
 * `same-number-other-date` (the same invoice number and amount paid on two
 * or more dates), `same-number-close-amount` (the same invoice number with
 * amounts within `amount_tolerance` of each other, on different dates: the
 * lines of one multi-line invoice share a date and are never compared),
 * `same-amount-other-number` and `similar-number` (the same amount within
 * `near_days` under different numbers; similar when two of them look like
 * one number keyed twice, dup-numbers.ts), `same-amount-within-days` (the
 * same amount within `near_days`, in files that publish no numbers at all).
 * Recurring series (dup-schedule.ts) are recognised and no near kind flags
 * them. The scan is in dup-scan.ts.
 *
 * Identical lines are routine in some publishers' files (separate lines of
 * one invoice). Per import, the share of its rows in an exact group is
 * measured; above `routine_share` its exact groups are counted, and only
 * those whose line amount is above the file's typical line (Q3 +
 * `routine_fence` x IQR of the absolute amounts of its rows, type 7
 * quantiles) are flagged; the same invoice paid on other dates is flagged
 * there as everywhere (`same-number-other-date`), and the same-amount
 * kinds are held to the same fence (SAME_AMOUNT_KINDS: where one line is
 * routinely listed many times, one amount repeated is routine too). Below
 * it, every exact group is flagged.
 *
 * Score: a fixed order by kind (KIND_SCORE), strongest evidence first.
 * Amount involved: the payments after the first (the extra ones).
 */
import {codePointCompare} from '../../model/entity-name.js'
import {formatMinor} from '../../model/money.js'
import {duplicatesMsg} from '../../messages.js'
import {quantileSorted} from '../benchmark/stats.js'
import {dictColumn} from '../frame-access.js'
import {dayNumber} from './calendar.js'
import {SCHEDULES} from './dup-schedule.js'
import {type DupDetail, type DupGroup, type DupKind, scanDuplicates} from './dup-scan.js'
import type {CheckContext, CheckDef, CheckResult, Flag} from './types.js'

/** The score of each kind: how directly the rows show one payment made twice. */
export const KIND_SCORE: Readonly<Record<DupKind, number>> = {
  exact: 6,
  'same-number-other-date': 5,
  'similar-number': 4,
  'same-number-close-amount': 3,
  'same-amount-other-number': 2,
  'same-amount-within-days': 1,
}

/** The kinds a routine file holds to its typical-line fence (the same-number kinds are tied to one invoice and always flagged). */
const SAME_AMOUNT_KINDS: ReadonlySet<DupKind> = new Set<DupKind>(['exact', 'same-amount-other-number', 'similar-number', 'same-amount-within-days'])

const LIST = 5
const list = (items: readonly string[]): string => (items.length <= LIST ? items.join(', ') : `${items.slice(0, LIST).join(', ')}, ... (${items.length})`)

function run(ctx: CheckContext): CheckResult {
  const {frame, selection: sel, params} = ctx
  const nearDays = Number(params.near_days)
  const tolerance = Number(params.amount_tolerance)
  const routineShare = Number(params.routine_share)
  const fenceK = Number(params.routine_fence)
  const scan = scanDuplicates(frame, sel, (c, rows) => ctx.pick(c, rows), {nearDays, similarDays: Number(params.similar_days), tolerance, recurringMin: Number(params.recurring_min)})
  const src = dictColumn(frame, 'source')
  const amount = frame.columns.amount?.type === 'num' ? frame.columns.amount.values : new Float64Array(0)
  // Per import (its source code; rows without one share the last slot).
  const nSrc = (src ? src.dict.length : 0) + 1
  const slotOf = (i: number): number => (src && src.codes[i] >= 0 ? src.codes[i] : nSrc - 1)
  const rows = new Int32Array(nSrc)
  const firstRow = new Int32Array(nSrc).fill(-1)
  const inGroups = new Int32Array(nSrc)
  const groups = new Int32Array(nSrc)
  const flagged = new Int32Array(nSrc)
  const m = sel ? sel.length : frame.length
  for (let j = 0; j < m; j++) {
    const i = sel ? sel[j] : j
    const s = slotOf(i)
    if (rows[s]++ === 0) firstRow[s] = i
  }
  for (const g of scan.exact) {
    groups[slotOf(g.first)]++
    for (const i of g.rows) inGroups[slotOf(i)]++
  }
  const share = (s: number) => inGroups[s] / Math.max(1, rows[s])
  const fences = new Map<number, number>()
  const lineAmounts = new Map<number, number[]>()
  for (let s = 0; s < nSrc; s++) if (rows[s] > 0 && share(s) > routineShare) lineAmounts.set(s, [])
  if (lineAmounts.size > 0) for (let j = 0; j < m; j++) {
    const i = sel ? sel[j] : j
    lineAmounts.get(slotOf(i))?.push(Math.abs(amount[i]))
  }
  for (const [s, list] of lineAmounts) {
    const sorted = Float64Array.from(list).sort()
    const q1 = quantileSorted(sorted, 0.25)
    const q3 = quantileSorted(sorted, 0.75)
    fences.set(s, q3 + fenceK * (q3 - q1))
  }
  const flags: Flag[] = []
  for (const g of scan.exact) {
    const s = slotOf(g.first)
    const fence = fences.get(s)
    if (fence !== undefined && !(Math.abs(g.line) > fence)) continue
    flagged[s]++
    flags.push(toFlag(ctx, scan.detail(g), g, fence === undefined ? null : {share: share(s), fence}))
  }
  const nearHeld = new Int32Array(nSrc)
  for (const g of scan.near) {
    const s = slotOf(g.first)
    const fence = fences.get(s)
    // Where identical lines are routine, so is one amount repeated: the same-amount kinds are held to the exact kind's bar.
    if (SAME_AMOUNT_KINDS.has(g.kind) && fence !== undefined && !(Math.abs(g.line) > fence)) {
      nearHeld[s]++
      continue
    }
    flags.push(toFlag(ctx, scan.detail(g), g, null))
  }
  const text = (name: 'currency' | 'source_file', row: number): string | null => {
    const c = dictColumn(frame, name)
    return c && c.codes[row] >= 0 ? c.dict[c.codes[row]] : null
  }
  const imports = []
  for (let s = 0; s < nSrc; s++) {
    if (rows[s] === 0) continue
    const fence = fences.get(s)
    imports.push({
      import: src && s < nSrc - 1 ? src.dict[s] : null,
      file: text('source_file', firstRow[s]),
      rows: rows[s],
      exact_rows: inGroups[s],
      exact_groups: groups[s],
      exact_share: Math.round(share(s) * 10_000) / 10_000,
      routine: fence !== undefined,
      typical_line_fence: fence === undefined ? null : formatMinor(Math.round(fence), text('currency', firstRow[s]) ?? 'XXX'),
      exact_flagged: flagged[s],
      exact_counted_not_flagged: groups[s] - flagged[s],
      same_amount_counted_not_flagged: nearHeld[s],
      numbers_published: scan.numbered[s] === 1,
    })
  }
  imports.sort((a, b) => codePointCompare(a.import ?? '', b.import ?? '') || codePointCompare(a.file ?? '', b.file ?? ''))
  return {
    flags,
    notes: [],
    echo: {
      score: 'fixed order by kind: exact 6, same-number-other-date 5, similar-number 4, same-number-close-amount 3, same-amount-other-number 2, same-amount-within-days 1',
      amount: 'the payments after the first: the repeated line amount times (payments - 1); for close amounts the later payments',
      routine_rule: `an import with more than routine_share of its rows in exact groups: only exact, same-amount-other-number, similar-number and same-amount-within-days groups whose line is above Q3 + routine_fence x IQR of its absolute line amounts (type 7 quantiles) are flagged`,
      recurring_rule: `at least recurring_min distinct dates, every gap ${SCHEDULES.map((s) => `${s.name} ${s.from === s.to ? s.from : `${s.from}-${s.to}`}`).join(', ')} days`,
      recurring_recognised: Object.fromEntries(Object.entries(scan.recurring).sort(([a], [b]) => (a < b ? -1 : 1))),
      redacted: 'redacted or blank suppliers form no near group; their exact groups need the same invoice or transaction number',
      imports,
    },
  }
}

function toFlag(ctx: CheckContext, d: DupDetail, g: DupGroup, routine: {share: number; fence: number} | null): Flag {
  const f = ctx.frame
  const at = (name: 'buyer' | 'buyer_id' | 'supplier' | 'supplier_key' | 'currency'): string | null => {
    const c = dictColumn(f, name)
    return c && c.codes[g.first] >= 0 ? c.dict[c.codes[g.first]] : null
  }
  const currency = at('currency') ?? 'XXX'
  const money = (v: number | bigint) => `${formatMinor(v, currency)} ${currency}`
  const supplier = at('supplier')
  const line = g.line
  const span = d.dates.length > 1 ? dayNumber(d.dates[d.dates.length - 1]) - dayNumber(d.dates[0]) : 0
  const payments = line === 0 ? d.rows.length : Number(g.involved / BigInt(line)) + 1
  const nums = list(d.numbers)
  const dates = list(d.dates)
  let explanation: string
  switch (g.kind) {
    case 'exact':
      explanation = duplicatesMsg.exact(d.rows.length, money(line), supplier ?? 'an unnamed supplier', d.dates[0], d.numbers[0] ?? null) +
        (routine ? duplicatesMsg.routineAbove(`${(routine.share * 100).toFixed(1)}%`, money(Math.round(routine.fence))) : '')
      break
    case 'same-number-other-date':
      explanation = duplicatesMsg.otherDate(nums, money(line), dates)
      break
    case 'same-number-close-amount':
      explanation = duplicatesMsg.closeAmount(nums, list(d.lines.map(money)), dates, `${(Number(ctx.params.amount_tolerance) * 100).toFixed(2)}%`)
      break
    case 'same-amount-within-days':
      explanation = duplicatesMsg.withinDays(d.dates.length, money(line), span, dates)
      break
    default:
      explanation = duplicatesMsg.otherNumber(payments, money(line), span, dates, nums, g.kind === 'similar-number')
  }
  return {
    check: 'duplicates', kind: g.kind, buyer: at('buyer') ?? '', buyer_id: at('buyer_id') ?? '', supplier, supplier_key: at('supplier_key'),
    category: null, amount: g.involved, currency, score: KIND_SCORE[g.kind], explanation, rows: d.rows,
  }
}

export const duplicatesCheck: CheckDef = {
  name: 'duplicates',
  summary: 'Exact and near duplicate payments (same supplier and amount, number, date), against how common identical lines are in each file.',
  columns: ['invoice_number'],
  params: {
    near_days: {kind: 'days', default: 7, min: 0, max: 366, doc: 'days within which the same amount to the same supplier is a near duplicate (one week, the common window of ledger fuzzy-duplicate tests)'},
    similar_days: {kind: 'days', default: 92, min: 0, max: 366, doc: 'days within which the same amount to the same supplier under similar numbers (one number keyed twice: 102 / I02, INV1020 / INV1020A) is a near duplicate; a re-keyed invoice is often paid in a later month\'s run, so a quarter'},
    amount_tolerance: {kind: 'share', default: 0.01, min: 0, max: 0.5, doc: 'relative difference under which two amounts on one invoice number are close (1%)'},
    routine_share: {kind: 'share', default: 0.01, min: 0, max: 1, doc: 'share of an import\'s rows in exact groups above which identical lines are routine in that file (1%: a clean ledger repeats far fewer lines; Trafford\'s file repeats many more)'},
    routine_fence: {kind: 'number', default: 3, min: 0, max: 100, doc: 'in a routine file, exact groups are flagged only above Q3 + this x IQR of its line amounts (Tukey\'s far-out fence)'},
    recurring_min: {kind: 'int', default: 3, min: 2, max: 100, doc: 'distinct dates on a regular schedule that make a series recurring (not flagged by the near kinds)'},
  },
  run,
}
