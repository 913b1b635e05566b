/**
 * Recurring payments for the `duplicates` check: the same supplier and
 * amount on a regular schedule (rent, pensions, tax) are recognised and not
 * flagged as near duplicates. A series is recurring when it has at least
 * `min` distinct dates and every gap between consecutive dates fits one
 * schedule: weekly (7 days), fortnightly (14), monthly (28 to 34 days: the
 * same day of the month within 3 days either way) or quarterly (88 to 95).
 */

/** The schedules, as inclusive ranges of days between consecutive payments. */
export const SCHEDULES: readonly {name: string; from: number; to: number}[] = [
  {name: 'weekly', from: 7, to: 7},
  {name: 'fortnightly', from: 14, to: 14},
  {name: 'monthly', from: 28, to: 34},
  {name: 'quarterly', from: 88, to: 95},
]

/**
 * The schedule a series of day numbers follows (sorted, repeats allowed), or null.
 * @example recurringSchedule([0, 7, 14], 3) // 'weekly'
 * @example recurringSchedule([0, 3, 14], 3) // null
 */
export function recurringSchedule(days: ArrayLike<number>, min: number): string | null {
  const distinct: number[] = []
  for (let k = 0; k < days.length; k++) if (distinct.length === 0 || distinct[distinct.length - 1] !== days[k]) distinct.push(days[k])
  if (distinct.length < Math.max(2, min)) return null
  for (const s of SCHEDULES) {
    let ok = true
    for (let k = 1; k < distinct.length && ok; k++) {
      const gap = distinct[k] - distinct[k - 1]
      ok = gap >= s.from && gap <= s.to
    }
    if (ok) return s.name
  }
  return null
}
