/**
 * Who the buyer of a table's rows is, decided once per file: the file's own
 * buyer column, else --buyer, a title line ("payments made by GLA"), or the
 * file name, unless that names only a period (`september-2018.csv`): then a
 * placeholder the user can override, with a warning that says so.
 */
import {SpendInputError} from '../../../errors.js'
import {tableMsg} from '../../../messages.js'
import {type CellRow, STDIN_NAME} from '../types.js'
import {opt} from './rowclass.js'

/**
 * Buyer named in a title line: "Report of all payments made by GLA for value ..." -> "GLA".
 *
 * @example buyerFromTitle(['Report of all payments made by GLA for value over £500']) // 'GLA'
 */
export function buyerFromTitle(lines: readonly string[]): string | null {
  for (const line of lines) {
    const m = /\b(?:made|paid|spent|incurred|published)\s+by\s+(?:the\s+)?([^,;:()]{2,80}?)(?:\s+(?:for|over|on|in|during|of|from|with|between|to|at)\b|[,;:(]|$)/i.exec(line)
    if (m?.[1]) return m[1].trim()
  }
  return null
}

/** The buyer of rows whose file names no buyer (see buyerFromFileName); `--buyer` names it. */
export const UNKNOWN_BUYER = 'unknown buyer'

/**
 * Words a file name may hold that name no body: periods (months in English
 * and Norwegian, quarters, halves, periods, financial years) and the words
 * spend publications are named with. Numbers are dropped before the check.
 */
const NOT_A_BODY = new Set([
  'jan', 'january', 'feb', 'february', 'mar', 'march', 'apr', 'april', 'may', 'jun', 'june', 'jul', 'july', 'aug', 'august',
  'sep', 'sept', 'september', 'oct', 'october', 'nov', 'november', 'dec', 'december',
  'januar', 'februar', 'mars', 'mai', 'juni', 'juli', 'okt', 'oktober', 'des', 'desember',
  'q', 'qtr', 'quarter', 'quarterly', 'h', 'half', 'p', 'period', 'month', 'monthly', 'year', 'yearly', 'annual', 'fy', 'week', 'wk',
  'kvartal', 'termin', 'maned', 'måned', 'ar', 'år',
  'to', 'and', 'of', 'from', 'for', 'the', 'in', 'end', 'ending', 'k', 'v', 'version', 'final', 'draft', 'copy', 'new', 'old',
  'spend', 'spending', 'expenditure', 'expenditures', 'expenses', 'payment', 'payments', 'paid', 'transactions', 'transaction',
  'transparency', 'data', 'report', 'over', 'above', 'supplier', 'suppliers', 'vendor', 'vendors', 'invoices', 'export',
  'ledger', 'checkbook', 'gbp', 'nok', 'usd', 'eur', 'leverandor', 'leverandør', 'leverandører', 'reskontro', 'utbetalinger',
])

/**
 * A readable buyer from a file name (`leeds-payments.csv` -> `leeds payments`),
 * or null when the name names no body: only a period and the words spend
 * files are named with (`september-2018.csv`, `spend-over-25k-2024-03.csv`),
 * or no file name at all (`<stdin>`).
 *
 * @example buyerFromFileName('spend.zip!leeds-payments.csv') // 'leeds payments'
 * @example buyerFromFileName('september-2018.csv') // null
 */
export function buyerFromFileName(name: string): string | null {
  const base = (name.split('!').pop() ?? name).split(/[\\/]/).pop() ?? name
  if (base === STDIN_NAME) return null
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '')
  const nice = stem.replace(/[_\-.]+/g, ' ').replace(/\s+/g, ' ').trim()
  // Letters and digits apart (`sep2018`, `q1`, `fy2024`, `25k`), numbers dropped.
  const words = nice.toLowerCase().replace(/(\p{L})(\p{N})/gu, '$1 $2').replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '' && !/^\p{N}+$/u.test(w))
  return words.every((w) => NOT_A_BODY.has(w)) ? null : nice
}

/** Where the buyer of rows with no buyer cell comes from (see TablePlan.fallbackBuyer). */
export type FallbackOrigin = 'flag' | 'title' | 'filename' | 'unknown'

/**
 * The buyer of rows with no buyer cell, and where it came from. A file whose
 * buyer column names buyers in the sample refuses `--buyer` (it would name
 * only the blank cells; the column wins): BUYER_HAS_COLUMN, exit 1, as for
 * other flag values the data contradicts (a `--map` column not in the file).
 * Without a buyer column, `--buyer` names the buyer of every row.
 * Pushes the warning an import shows when the buyer is a guess.
 *
 * @example planBuyer('september-2018.csv', header, undefined, sample, [], undefined, warnings) // {fallbackBuyer: 'unknown buyer', fallbackOrigin: 'unknown'}
 */
export function planBuyer(
  name: string, header: readonly string[], buyerCol: number | undefined, sample: readonly CellRow[], titles: readonly string[],
  flag: string | undefined, warnings: string[],
): {fallbackBuyer: string; fallbackOrigin: FallbackOrigin} {
  const flagBuyer = flag?.trim() ?? ''
  if (flagBuyer !== '' && buyerCol !== undefined && sample.some((r) => opt(r.cells, buyerCol) !== null)) {
    throw new SpendInputError('BUYER_HAS_COLUMN', tableMsg.buyerFlagRefused(flagBuyer, (header[buyerCol] ?? '').trim()), {
      where: name, hint: tableMsg.buyerFlagRefusedHint(),
    })
  }
  if (flagBuyer !== '') return {fallbackBuyer: flagBuyer, fallbackOrigin: 'flag'}
  const fromTitle = buyerFromTitle(titles)
  const fromName = fromTitle ? null : buyerFromFileName(name)
  const noColumn = buyerCol === undefined
  if (fromTitle || fromName !== null) {
    const fallbackBuyer = (fromTitle ?? fromName) as string
    if (noColumn) warnings.push(tableMsg.buyerFallback(fallbackBuyer, fromTitle !== null))
    return {fallbackBuyer, fallbackOrigin: fromTitle ? 'title' : 'filename'}
  }
  if (noColumn) warnings.push(tableMsg.buyerUnknown(UNKNOWN_BUYER, name, name === STDIN_NAME))
  return {fallbackBuyer: UNKNOWN_BUYER, fallbackOrigin: 'unknown'}
}
