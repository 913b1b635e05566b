/**
 * Procurement thresholds per jurisdiction (data/thresholds/<jurisdiction>.csv,
 * documented in data/thresholds/README.md): quotation, tender and regulated
 * limits with their source and the dates they are in force. A file lists
 * only thresholds whose source is known and named; local quotation limits
 * (a council's contract procedure rules) are never defaults: the config
 * gives them (`thresholds:`).
 */
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import Papa from 'papaparse'
import type {FlagsConfig, ProcurementThreshold} from '../../analysis/flags/types.js'
import {SpendInputError} from '../../errors.js'
import {thresholdsMsg} from '../../messages.js'
import {parseMinor} from '../../model/money.js'
import {packageRoot} from '../../paths.js'

export const THRESHOLDS_DIR = join(packageRoot(), 'data', 'thresholds')

/** The shipped jurisdictions (one file each). */
export const JURISDICTIONS = ['eu', 'no', 'uk', 'us'] as const

/** The jurisdiction whose file a currency reads when the config names none. */
export const DEFAULT_JURISDICTION: Readonly<Record<string, string>> = {GBP: 'uk', NOK: 'no', USD: 'us', EUR: 'eu'}

export const THRESHOLD_COLUMNS = ['name', 'currency', 'amount', 'from', 'to', 'applies', 'source'] as const

const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/
const CURRENCY = /^[A-Z]{3}$/
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** An ISO date that exists (2024-02-30 does not). */
function isDate(s: string): boolean {
  const m = ISO_DATE.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = new Date(Date.UTC(y, mo - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d
}

/** The fields of one threshold as text (a CSV line, or a config entry), checked. */
export interface ThresholdFields {
  name: string
  currency: string
  amount: string
  from: string
  to: string
  source: string
}

/**
 * Check one threshold's fields and build it; errors name `where` (file:line).
 * @example thresholdOf({name: 'quotation', currency: 'GBP', amount: '5000.00', from: '2020-01-01', to: '', source: 'CPR 2020'}, 'config', 'x').minor // 500000
 */
export function thresholdOf(f: ThresholdFields, jurisdiction: string, where: string): ProcurementThreshold {
  if (!NAME.test(f.name)) throw new SpendInputError('BAD_THRESHOLD', thresholdsMsg.badName(f.name), {where, hint: thresholdsMsg.badNameHint()})
  if (!CURRENCY.test(f.currency)) throw new SpendInputError('BAD_THRESHOLD', thresholdsMsg.badCurrency(f.currency), {where, hint: thresholdsMsg.badCurrencyHint()})
  const minor = parseMinor(f.amount, f.currency)
  if (minor === null || minor <= 0n || minor > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new SpendInputError('BAD_THRESHOLD', thresholdsMsg.badAmount(f.amount, f.currency), {where, hint: thresholdsMsg.badAmountHint()})
  }
  for (const [field, v] of [['from', f.from], ['to', f.to]] as const) {
    if (v !== '' && !isDate(v)) throw new SpendInputError('BAD_THRESHOLD', thresholdsMsg.badDate(field, v), {where, hint: thresholdsMsg.badDateHint()})
  }
  if (f.from !== '' && f.to !== '' && f.from > f.to) {
    throw new SpendInputError('BAD_THRESHOLD', thresholdsMsg.badRange(f.from, f.to), {where, hint: thresholdsMsg.badRangeHint()})
  }
  if (f.source === '') throw new SpendInputError('BAD_THRESHOLD', thresholdsMsg.noSource(f.name), {where, hint: thresholdsMsg.noSourceHint()})
  return {jurisdiction, name: f.name, currency: f.currency, minor: Number(minor), from: f.from || null, to: f.to || null, source: f.source}
}

/** Whether two in-force periods share a day (null = open end). */
function overlaps(a: ProcurementThreshold, b: ProcurementThreshold): boolean {
  const aFrom = a.from ?? ''
  const bFrom = b.from ?? ''
  const aTo = a.to ?? '9999-12-31'
  const bTo = b.to ?? '9999-12-31'
  return aFrom <= bTo && bFrom <= aTo
}

/**
 * Parse a thresholds CSV (`name,currency,amount,from,to,applies,source`;
 * amount in major units, dates ISO, empty = open). A threshold's periods
 * (same name and currency) may not overlap. Errors say `file:line`.
 * @example parseThresholds('name,currency,amount,from,to,applies,source\nworks,GBP,5372609.00,2024-01-01,2025-02-23,all,PPN 11/23\n', 'uk')[0].minor // 537260900
 */
export function parseThresholds(text: string, jurisdiction: string, file = `${jurisdiction}.csv`): ProcurementThreshold[] {
  const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {skipEmptyLines: false}).data
    .map((cells, i) => ({line: i + 1, cells: cells.map((c) => c.trim())}))
    .filter((r) => r.cells.some((c) => c !== ''))
  if (rows.length === 0) throw new SpendInputError('EMPTY_FILE', thresholdsMsg.emptyFile(), {where: file, hint: thresholdsMsg.emptyFileHint()})
  const header = rows[0].cells.map((h) => h.toLowerCase())
  const at = THRESHOLD_COLUMNS.map((c) => {
    const i = header.indexOf(c)
    if (i < 0) throw new SpendInputError('MISSING_COLUMN', thresholdsMsg.missingColumn(c, header), {where: file, hint: thresholdsMsg.missingColumnHint()})
    return i
  })
  const out: ProcurementThreshold[] = []
  const lines: number[] = []
  for (const {line, cells} of rows.slice(1)) {
    const [name, currency, amount, from, to, , source] = at.map((j) => cells[j] ?? '')
    const where = `${file}:${line}`
    const t = thresholdOf({name, currency, amount, from, to, source}, jurisdiction, where)
    const clash = out.findIndex((o) => o.name === t.name && o.currency === t.currency && overlaps(o, t))
    if (clash >= 0) throw new SpendInputError('BAD_THRESHOLD', thresholdsMsg.overlap(t.name, t.currency, lines[clash]), {where, hint: thresholdsMsg.overlapHint()})
    out.push(t)
    lines.push(line)
  }
  return out
}

/**
 * A threshold given in a config (`thresholds:` entries), checked; `where` is
 * the config file and the entry (`flags.yaml: thresholds[0]`).
 * @example thresholdFromConfig({name: 'quotation', currency: 'GBP', amount: '5000.00', source: 'CPR'}, 'c.yaml: thresholds[0]').jurisdiction // 'config'
 */
export function thresholdFromConfig(entry: unknown, where: string): ProcurementThreshold {
  const e = (entry ?? {}) as Record<string, unknown>
  const text = (v: unknown): string => (v === undefined || v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim())
  if (typeof entry !== 'object' || entry === null || ['name', 'currency', 'amount', 'source'].some((k) => text(e[k]) === '')) {
    throw new SpendInputError('BAD_CONFIG', thresholdsMsg.configEntry(), {where, hint: thresholdsMsg.configEntryHint()})
  }
  return thresholdOf({name: text(e.name), currency: text(e.currency).toUpperCase(), amount: text(e.amount), from: text(e.from), to: text(e.to), source: text(e.source)}, 'config', where)
}

const cache = new Map<string, Promise<ProcurementThreshold[]>>()

/** The shipped file of one jurisdiction, parsed once. */
function loadJurisdiction(j: string, currency: string, dir: string): Promise<ProcurementThreshold[]> {
  if (!(JURISDICTIONS as readonly string[]).includes(j)) {
    throw new SpendInputError('UNKNOWN_JURISDICTION', thresholdsMsg.unknownJurisdiction(j, currency, JURISDICTIONS), {where: 'jurisdiction', hint: thresholdsMsg.unknownJurisdictionHint()})
  }
  const file = join(dir, `${j}.csv`)
  let p = cache.get(file)
  if (!p) {
    p = readFile(file, 'utf8').then((text) => parseThresholds(text, j, file))
    cache.set(file, p)
  }
  return p
}

/**
 * The thresholds for the given currencies: each currency's jurisdiction file
 * (config `jurisdiction`, else the currency's default), with the config's own
 * thresholds over them (a config threshold replaces every period of the
 * file's threshold with the same name and currency). Ordered by currency,
 * name and start date.
 * @example await thresholdsFor(['GBP'], {}) // the UK file's thresholds
 */
export async function thresholdsFor(currencies: readonly string[], config: FlagsConfig, dir = THRESHOLDS_DIR): Promise<ProcurementThreshold[]> {
  const given = config.thresholds ?? []
  const replaced = new Set(given.map((t) => `${t.name}\u0000${t.currency}`))
  const out: ProcurementThreshold[] = []
  for (const currency of [...new Set(currencies)].sort()) {
    const j = config.jurisdiction?.[currency] ?? DEFAULT_JURISDICTION[currency]
    if (j === undefined || j === 'config') continue
    const file = await loadJurisdiction(j, currency, dir)
    out.push(...file.filter((t) => t.currency === currency && !replaced.has(`${t.name}\u0000${t.currency}`)))
  }
  out.push(...given)
  return out.sort(compareThresholds)
}

/** Currency, name, then start date (open start first): a stable order for the echo. */
export function compareThresholds(a: ProcurementThreshold, b: ProcurementThreshold): number {
  const k = (t: ProcurementThreshold) => `${t.currency}\u0000${t.name}\u0000${t.from ?? ''}`
  const ka = k(a)
  const kb = k(b)
  return ka < kb ? -1 : ka > kb ? 1 : 0
}
