/**
 * User-facing text of the OCDS reader, as named functions (to merge into
 * src/messages.ts when the lead prefers one catalogue).
 */
export type OcdsLevel = 'awards' | 'contracts' | 'transactions'

export const ocdsMsg = {
  notJson: () => 'not JSON (expected an OCDS release, record or package)',
  emptyJson: () => 'empty JSON file (nothing to import)',
  notOcds: () => 'JSON is not OCDS: no releases[], records[] or ocid found',
  badJson: (line: number, why: string) => `not valid JSON near line ${line} (${why})`,
  badJsonLine: (why: string) => `not valid JSON (${why})`,
  lineTooLong: (line: number, max: number) => `JSON Lines line ${line} is longer than ${max} characters (is it one JSON document?)`,
  notOcdsLine: () => 'not an OCDS release, record or package',
  notOcdsItem: () => 'item is not an OCDS release (no ocid)',
  linkedOnly: (n: number) => `${n} record(s) have only linked releases and no compiledRelease: nothing to read from them`,
  compiled: (n: number) => `${n} record(s) had no compiledRelease: compiled from their releases (latest by date, arrays merged by id)`,
  /** The "nothing to analyse" line; `try` names levels that do have data. */
  nothingAtLevel: (file: string, what: string, tags: string, level: OcdsLevel, tryLevels: OcdsLevel[]) =>
    `${file}: OCDS ${what} has no ${level} (tags: ${tags || 'none'}); nothing to import at --ocds-level ${level}` +
    (tryLevels.length ? `; try --ocds-level ${tryLevels.join(' or ')}` : '; it holds no awards, contracts or transactions'),
  noValue: (what: string) => `${what} has no value`,
  zeroValue: (what: string) => `${what} has a zero value`,
  noCurrency: (what: string) => `${what} has no currency`,
  badAmount: (what: string, amount: string) => `${what} amount "${amount}" is not a number`,
  tooPrecise: (what: string, amount: string, currency: string) => `${what} amount ${amount} has more decimals than ${currency} allows`,
  tooLarge: (what: string, amount: string) => `${what} amount ${amount} is too large`,
  split: (n: number, level: string) =>
    `${n} ${level} with several suppliers: each split equally in minor units, remainder to the first supplier listed (description ends "[share i/n]")`,
  duplicates: (n: number, level: string) => `${n} repeated ${level} version(s) ignored (same ocid and id; the latest by release date kept)`,
  noSuppliers: (n: number, level: string) => `${n} ${level} have no supplier (imported with an empty supplier)`,
  noBuyer: (n: number) => `${n} rows have no buyer (no buyer, tender.procuringEntity or buyer party)`,
  status: (n: number, level: string, statuses: string) => `${n} ${level} are not active (${statuses}); imported as published`,
  currencyFromContract: (n: number) => `${n} transactions have no currency: used their contract's currency`,
  currencyFromFlag: (n: number, level: string) => `${n} ${level} have no currency: used --currency`,
  sme: (withScale: number, rows: number, shares: string) =>
    `details.scale known for ${withScale} of ${rows} rows; SME share of that value: ${shares}`,
} as const
