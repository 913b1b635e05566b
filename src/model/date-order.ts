/**
 * Day-first vs month-first, decided once per date column from sample cells
 * (never per cell), with the sentence that says why.
 */
import {scanDate, SERIAL_MAX, SERIAL_MIN, type DateOrder} from './date-scan.js'
import {tableMsg} from '../messages.js'

/**
 * Decide a date column's order from sample cells: any first part > 12 means
 * day-first; any second part > 12 means month-first; otherwise the publisher's
 * convention. Returns the order and the sentence saying why.
 *
 * @example decideDateOrder(['9/21/2018'], {order: 'dmy', why: 'UK'}).order // 'mdy'
 */
export function decideDateOrder(
  samples: readonly string[],
  convention: {order: 'dmy' | 'mdy'; why: string},
): {order: DateOrder; reason: string; mixed: boolean} {
  let firstBig = 0
  let secondBig = 0
  let numeric = 0
  let named = 0
  let iso = 0
  let serial = 0
  let other = 0
  let dotted = 0
  let exA = ''
  let exB = ''
  // A value from the column to quote for each way of deciding.
  let exNamed = ''
  let exIso = ''
  let exDotted = ''
  for (const s of samples) {
    const sc = scanDate(s)
    if (sc === null) {
      if (s.trim() !== '') other++
      continue
    }
    if (sc.kind === 'nnn') {
      numeric++
      if (sc.sep === '.' && dotted++ === 0) exDotted = s.trim()
      if (sc.a > 12 && firstBig++ === 0) exA = s.trim()
      if (sc.b > 12 && secondBig++ === 0) exB = s.trim()
    } else if (sc.kind === 'nwn' || sc.kind === 'wnn') {
      if (named++ === 0) exNamed = s.trim()
    } else if (sc.kind === 'ymd') {
      if (iso++ === 0) exIso = s.trim()
    }
    else if (sc.kind === 'serial' && sc.a >= SERIAL_MIN && sc.a <= SERIAL_MAX) serial++
    else other++
  }
  if (serial > 0 && numeric + named + iso + other === 0) {
    return {order: 'serial', reason: tableMsg.datesSerial(serial), mixed: false}
  }
  if (numeric === 0) {
    if (named > 0) return {order: 'dmy', reason: tableMsg.datesNamedMonth(exNamed), mixed: false}
    if (iso > 0) return {order: 'ymd', reason: tableMsg.datesIso(exIso), mixed: false}
    return {order: convention.order, reason: tableMsg.datesUnreadable(convention.why), mixed: false}
  }
  if (firstBig > 0 && secondBig > 0) {
    return {
      order: convention.order,
      reason: tableMsg.datesMixed(firstBig, secondBig, convention.why),
      mixed: true,
    }
  }
  if (firstBig > 0) return {order: 'dmy', reason: tableMsg.datesDayFirst(exA), mixed: false}
  if (secondBig > 0) return {order: 'mdy', reason: tableMsg.datesMonthFirst(exB), mixed: false}
  if (dotted === numeric) return {order: 'dmy', reason: tableMsg.datesDotted(exDotted), mixed: false}
  return {order: convention.order, reason: tableMsg.datesByConvention(numeric, convention.why), mixed: false}
}
