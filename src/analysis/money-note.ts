/**
 * What was done to amounts before an analysis, for its output to name:
 * converted with --fx (target, source currencies, rates file) and/or
 * restated in constant prices with --deflate (base, index file).
 * @example const note: MoneyNote = {fx: {to: 'EUR', from: ['GBP', 'NOK'], rates: 'rates.csv'}}
 */
export interface MoneyNote {
  fx?: {to: string; from: string[]; rates: string}
  deflate?: {base: string; index: string}
}
