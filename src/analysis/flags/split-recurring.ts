/**
 * Recurring payments: the same amount to one supplier on a regular schedule
 * (weekly pensions, fortnightly or four-weekly payroll deductions, monthly
 * rent, quarterly charges). Two rents a month apart look like a split under
 * a threshold to a window test, but they are one standing arrangement, so
 * `splitting` leaves the payments of a recurring series out.
 *
 * The rule: within one buyer and supplier, an amount paid on at least
 * `minCount` distinct days (default 3) whose gaps between consecutive days
 * fall, for at least `share` of them (default 3 in 4, so one missed or moved
 * payment does not break a series), in one schedule band: weekly 6-8 days,
 * fortnightly 13-15, four-weekly or monthly 26-35 (the 1st of each month is
 * 28-31 days apart; a last working day 26-35), quarterly 84-98.
 */

/** Gap bands in days, inclusive. */
export const SCHEDULE_BANDS: readonly {name: string; min: number; max: number}[] = [
  {name: 'weekly', min: 6, max: 8},
  {name: 'fortnightly', min: 13, max: 15},
  {name: 'monthly', min: 26, max: 35},
  {name: 'quarterly', min: 84, max: 98},
]

export interface RecurringOptions {
  minCount?: number
  share?: number
}

/**
 * Which of one group's payments belong to a recurring series. `days` and
 * `amounts` are per payment (day numbers, minor units), in any order; the
 * result marks payments (1) in the same order.
 * @example recurringMask([0, 31, 59, 90], [100, 100, 100, 100]) // Uint8Array [1, 1, 1, 1]
 */
export function recurringMask(days: ArrayLike<number>, amounts: ArrayLike<number>, opts: RecurringOptions = {}): Uint8Array {
  const minCount = opts.minCount ?? 3
  const share = opts.share ?? 0.75
  const n = days.length
  const out = new Uint8Array(n)
  const byAmount = new Map<number, number[]>()
  for (let i = 0; i < n; i++) {
    const list = byAmount.get(amounts[i])
    if (list) list.push(i)
    else byAmount.set(amounts[i], [i])
  }
  for (const idx of byAmount.values()) {
    if (idx.length < minCount) continue
    const distinct = [...new Set(idx.map((i) => days[i]))].sort((a, b) => a - b)
    if (distinct.length < minCount) continue
    if (!regular(distinct, share)) continue
    for (const i of idx) out[i] = 1
  }
  return out
}

/** Whether at least `share` of the gaps between consecutive days fall in one schedule band. */
export function regular(sortedDays: readonly number[], share = 0.75): boolean {
  const gaps = sortedDays.length - 1
  if (gaps < 1) return false
  for (const band of SCHEDULE_BANDS) {
    let hits = 0
    for (let i = 1; i < sortedDays.length; i++) {
      const g = sortedDays[i] - sortedDays[i - 1]
      if (g >= band.min && g <= band.max) hits++
    }
    if (hits >= share * gaps) return true
  }
  return false
}
