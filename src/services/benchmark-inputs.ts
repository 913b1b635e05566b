import {SpendInputError} from '../errors.js'
import {benchInputsMsg, peersMsg} from '../messages.js'
import type {SpendFrame} from '../model/frame.js'
import {currencyExponent} from '../model/currency.js'
import type {SizeFile, SizeValue} from '../io/read/size-file.js'
import {dim, type CategoryLevel} from '../analysis/dims.js'
import {filterRows, type FilterOptions} from '../analysis/filter.js'
import {compareIds} from '../analysis/json.js'
import type {Rows} from '../analysis/kernel.js'
import {matchEntity} from '../analysis/resolve.js'
import type {MonthPeriod} from '../analysis/benchmark/coverage.js'
import {buyerFeatures, nearestPeers, parseWeights, type PeerResult} from '../analysis/benchmark/peers.js'
import {PER_UNIT_EXTRA, PER_UNIT_ROUNDING, perUnitName, perUnitText, perUnitUnit} from '../analysis/benchmark/per-unit.js'
import type {BuyerMeasures} from '../analysis/benchmark/measures.js'
import {chooseColumn, loadSizes, readPeerGroup, readSizeInput, type PeerGroupUsed} from './peer-inputs.js'
import type {Named, PerUnitParts} from './benchmark-compare.js'
import {ownPeriod} from './benchmark-period.js'

/**
 * The side inputs of `spend benchmark`: --size (the size feature of --auto,
 * and with --per COLUMN money per unit), --peer-group (the peers are the
 * buyer's group; with --auto the nearest within it), and the rows --auto
 * measures its features on (the comparison period's).
 */

export interface BenchmarkInputOptions {
  peers?: string
  auto?: number
  weights?: string
  level?: CategoryLevel
  year?: number
  fiscalYearStart?: number
  size?: string
  sizeColumn?: string
  per?: string
  peerGroup?: string
}

/** The size file read: the feature column (--size-column, else --per, else the only one) and the --per column. */
export interface SizeInputs {
  file: SizeFile
  column: string
  per: string | null
}

/** `size` in the JSON: the file, the column, the year and why that year. */
export interface BenchmarkSizeJson {
  file: string
  column: string
  year: string
  year_source: 'given' | 'period' | 'latest'
  unmatched: string[]
}

/** Exit 2 for flags that do not go together (checked before any data is read). */
export function checkInputs(opts: BenchmarkInputOptions): void {
  if (opts.peers !== undefined && opts.peerGroup !== undefined) {
    throw new SpendInputError('BAD_FLAG', benchInputsMsg.peersAndGroup(), {where: '--peer-group', hint: benchInputsMsg.peersAndGroupHint(), exit: 2})
  }
  if (opts.per !== undefined && opts.size === undefined) throw new SpendInputError('BAD_FLAG', benchInputsMsg.perNeedsSize(), {where: '--per', hint: benchInputsMsg.perNeedsSizeHint(), exit: 2})
  if (opts.size !== undefined && opts.auto === undefined && opts.per === undefined) {
    throw new SpendInputError('BAD_FLAG', benchInputsMsg.sizeUnused(), {where: '--size', hint: benchInputsMsg.sizeUnusedHint(), exit: 2})
  }
}

/** Read --size (exit 2 for an unknown column); null without it. */
export async function readSizes(opts: BenchmarkInputOptions): Promise<SizeInputs | null> {
  const input = await readSizeInput(opts.size, opts.sizeColumn ?? opts.per)
  if (!input) return null
  return {...input, per: opts.per === undefined ? null : chooseColumn(input.file, opts.per)}
}

/**
 * The size year: --year (as `spend peers` reads it), else the period's year
 * when the period is one whole calendar year the file has, else the latest
 * year in the file; the note says which.
 */
export function sizesFor(frame: SpendFrame, input: SizeInputs, column: string, period: MonthPeriod | null, opts: BenchmarkInputOptions, notes: string[]): {json: BenchmarkSizeJson; values: Map<string, SizeValue>} {
  const calendar = period && period.from.endsWith('-01') && period.to === `${period.from.slice(0, 4)}-12` ? period.from.slice(0, 4) : null
  const fromPeriod = opts.year === undefined && calendar !== null && input.file.rows.some((r) => r.year === calendar) ? calendar : undefined
  const given = opts.year !== undefined ? String(opts.year) : fromPeriod
  const loaded = loadSizes(frame, {file: input.file, column}, given, opts.year !== undefined ? opts.fiscalYearStart : undefined, fromPeriod ? [] : notes)
  if (fromPeriod) {
    notes.push(benchInputsMsg.sizeYearPeriod(column, fromPeriod))
    if (loaded.used.unmatched.length) notes.push(peersMsg.sizeUnmatched(loaded.used.unmatched.length, loaded.used.unmatched))
  }
  const source = opts.year !== undefined ? 'given' : fromPeriod ? 'period' : 'latest'
  return {json: {...loaded.used, year_source: source}, values: loaded.values}
}

/**
 * The rows --auto measures its features on: the given period's (already the
 * selection), else the latest 12 months the buyer covers (all it has when
 * fewer), within the common filters.
 */
export function featureRows(frame: SpendFrame, selection: Rows, filters: FilterOptions, target: Named, months: ReadonlyMap<string, ReadonlySet<string>>, explicit: boolean): {rows: Rows; period: MonthPeriod | null} {
  if (explicit || !months.has(target.id)) return {rows: selection, period: null}
  const period = ownPeriod(target.id, months)
  return {rows: filterRows(frame, {...filters, from: period.from, to: period.to}), period}
}

/**
 * The peers: named with --peers (by the name rule, the buyer itself
 * dropped), the buyer's --peer-group, or the --auto N nearest (within the
 * group when one is given) on features over `rows`.
 */
export function choosePeers(
  frame: SpendFrame, target: Named, currency: string, opts: BenchmarkInputOptions, rows: Rows, sizes: {column: string; year: string; values: Map<string, SizeValue>} | null,
  group: PeerGroupUsed | null, notes: string[],
): {peers: Named[]; nearest: PeerResult | null} {
  const b = dim(frame, 'buyer')
  const named = (k: number): Named => ({key: k, id: b.ids[k]!, name: b.labels[k] ?? b.ids[k]!})
  if (opts.auto !== undefined) {
    const weights = opts.weights ? parseWeights(opts.weights) : undefined
    const size = sizes ? {name: sizes.column, values: new Map([...sizes.values].map(([id, v]) => [id, v.value]))} : undefined
    if (sizes && !sizes.values.has(target.id)) throw new SpendInputError('NO_SIZE', peersMsg.buyerNoSize(target.name, sizes.column, sizes.year), {where: opts.size, hint: peersMsg.buyerNoSizeHint()})
    const table = buyerFeatures(frame, {currency, level: opts.level, selection: rows, size})
    if (group) {
      const members = new Set(group.members)
      table.buyers = table.buyers.filter((x) => members.has(x.buyer))
    }
    if (table.excluded.length) notes.push(peersMsg.excluded(table.excluded.length, table.excluded.map((e) => b.labels[b.ids.indexOf(e.buyer)] ?? e.buyer)))
    const nearest = nearestPeers(target.id, table.buyers, opts.auto, weights, table.features)
    return {peers: nearest.peers.map((p) => named(b.ids.indexOf(p.buyer))), nearest}
  }
  if (group) {
    const peers = group.members.filter((id) => id !== target.id).map((id) => named(b.ids.indexOf(id)))
    if (peers.length === 0) throw new SpendInputError('NO_PEERS', benchInputsMsg.noGroupPeers(target.name, group.group), {where: group.file, hint: benchInputsMsg.noGroupPeersHint()})
    return {peers, nearest: null}
  }
  const keys = new Set<number>()
  for (const q of opts.peers!.split(',').map((s) => s.trim()).filter((s) => s !== '')) keys.add(matchEntity(frame, 'buyer', q, '--peers'))
  keys.delete(target.key)
  return {peers: [...keys].map(named).sort((x, y) => compareIds(x.id, y.id)), nearest: null}
}

/** Read --peer-group when given. */
export async function peerGroupFor(frame: SpendFrame, opts: BenchmarkInputOptions, target: Named, notes: string[]): Promise<PeerGroupUsed | null> {
  return opts.peerGroup === undefined ? null : readPeerGroup(frame, opts.peerGroup, target.id, target.name, notes)
}

/**
 * Total spend per unit of the --per column for the buyer and its peers:
 * exact, rounded half to even; buyers without a (positive) size for the year
 * get null and are named (a note, and `no_size` in the JSON).
 */
export function perUnitParts(group: readonly Named[], measured: ReadonlyMap<string, BuyerMeasures>, currency: string, column: string, year: string, sizes: ReadonlyMap<string, SizeValue>, notes: string[]): PerUnitParts {
  const values = new Map<string, string | null>()
  const missing: Named[] = []
  for (const g of group) {
    const size = sizes.get(g.id)
    const total = measured.get(g.id)?.measures.total_spend ?? null
    const v = size ? perUnitText(typeof total === 'string' ? total : null, currency, size.text) : null
    if (!size || (v === null && typeof total === 'string')) missing.push(g)
    values.set(g.id, v)
  }
  if (missing.length) notes.push(benchInputsMsg.noSize(missing.length, missing.map((m) => m.name), column, year))
  return {
    name: perUnitName(column), column, year, unit: perUnitUnit(currency, column), decimals: currencyExponent(currency) + PER_UNIT_EXTRA, extra: PER_UNIT_EXTRA, rounding: PER_UNIT_ROUNDING, values,
    noSize: missing.map((m) => m.id), buyerNote: missing.some((m) => m.id === group[0].id) ? benchInputsMsg.buyerNoSizeNote(column, year) : null,
  }
}
