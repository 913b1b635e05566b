import {unidentifiedMsg} from '../../messages.js'
import {groupThousands, humanCell, type View} from './view.js'
import {count, money, req, share, type Field} from './output-fields.js'

/**
 * Saying beside a supplier measure what it left out: the spend of redacted
 * and blank suppliers, per group and currency. People get a small table
 * after the measure; scripts reading CSV/TSV (one table) get a line on stderr.
 */

/** Groups named in the stderr line; the rest are counted (every one is in --json and the table). */
const NOTE_PARTS = 3

/** One group's left-out spend: the group as shown (absent without --by), exact amount, payments, share of its whole total. */
export interface LeftOutLine {
  group?: string
  currency: string | null
  amount: string
  count: number
  share: number | null
}

/** The `{amount, count, share}` JSON of a group as a LeftOutLine. */
export function leftOutLine(json: unknown, currency: unknown, group?: string): LeftOutLine {
  const u = json as {amount: string; count: number; share: number | null}
  return {group, currency: (currency ?? null) as string | null, amount: u.amount, count: u.count, share: u.share}
}

/**
 * The table for people, or null when nothing was left out.
 * @example leftOutView('ranking', 'buyer', lines)?.title // 'Left out of the ranking: redacted or blank suppliers ...'
 */
export function leftOutView(what: string, groupHeader: string | null, lines: readonly LeftOutLine[]): View | null {
  const shown = lines.filter((l) => l.count > 0)
  if (shown.length === 0) return null
  return {
    title: unidentifiedMsg.viewTitle(what),
    columns: [
      ...(groupHeader ? [{key: 'group', header: groupHeader}] : []),
      {key: 'currency', header: 'cur'},
      {key: 'amount', header: 'amount', kind: 'money'},
      {key: 'count', header: 'payments', kind: 'int'},
      {key: 'share', header: 'of total', kind: 'share'},
    ],
    rows: shown.map((l) => ({...l})),
  }
}

/**
 * The stderr line for scripts, or null when nothing was left out.
 * @example leftOutNote('ranking', [{currency: 'GBP', amount: '1234.50', count: 3, share: 0.25}]) // 'left out of the ranking: ...'
 */
export function leftOutNote(what: string, lines: readonly LeftOutLine[]): string | null {
  const shown = lines.filter((l) => l.count > 0)
  if (shown.length === 0) return null
  const parts = shown.slice(0, NOTE_PARTS).map((l) =>
    unidentifiedMsg.part(l.currency ?? '', groupThousands(l.amount), groupThousands(String(l.count)), humanCell(l.share, 'share'), l.group))
  if (shown.length > NOTE_PARTS) parts.push(unidentifiedMsg.moreGroups(shown.length - NOTE_PARTS))
  return unidentifiedMsg.leftOut(what, parts)
}

/** `unidentified_suppliers`: how redacted and blank suppliers were treated (top-level field of the supplier analyses). */
export const UNIDENTIFIED_MODE_FIELD: Field = {
  key: 'unidentified_suppliers', type: 'string', enum: ['left-out', 'as-supplier', 'excluded'],
  description: 'How redacted and blank suppliers were treated: left-out (default: out of supplier counts, ranks and shares, kept in totals), as-supplier (--redacted-as-supplier: one supplier), excluded (--exclude-redacted: rows dropped).',
}

/** `unidentified` of a group: the spend of redacted and blank suppliers left out of its supplier measures. */
export const UNIDENTIFIED_FIELD: Field = {
  key: 'unidentified', type: 'object',
  description: 'Spend with a redacted or blank supplier (many unknown payees) left out of the supplier counts, ranks and shares; share is of the whole total. Zero when they are counted as one supplier (--redacted-as-supplier) or dropped (--exclude-redacted).',
  fields: [req(money('amount')), req(count('count')), req(share('share'))],
}
