import {SpendInputError} from '../errors.js'
import {benchInputsMsg, benchmarkCmdMsg} from '../messages.js'
import type {SpendFrame} from '../model/frame.js'
import type {FrameColumn} from '../model/record.js'
import {parseMinor} from '../model/money.js'
import {columnsFor} from '../analysis/columns.js'
import {amounts, dim} from '../analysis/dims.js'
import {filterRows} from '../analysis/filter.js'
import type {ColumnBuckets, Rows} from '../analysis/kernel.js'
import {matchEntity} from '../analysis/resolve.js'
import {monthIndex, periodBounds} from '../analysis/period.js'
import {buyerMonths, fiscalYearPeriod} from '../analysis/benchmark/coverage.js'
import {effectiveFloor, effectiveFloors, groupFloor, manualFloor, manualFloorSentence, type Floor} from '../analysis/benchmark/floor.js'
import {buyerMeasures, type BuyerMeasures} from '../analysis/benchmark/measures.js'
import {SHARED_TOP, sharedSuppliers} from '../analysis/benchmark/shared-suppliers.js'
import {categoryLabelsFor} from '../io/cpv-labels.js'
import {loadAnalysisInput, splitTo, type AnalysisFlagValues, type AnalysisInput} from './analysis-input.js'
import {benchmarkJson, sharedNotes, type BenchmarkJson, type BenchmarkLeftOut, type Named} from './benchmark-compare.js'
import {choosePeriod, earliest, fixedPeriod, memberRows, rowsPerBuyer} from './benchmark-period.js'
import type {PeerResult} from '../analysis/benchmark/peers.js'
import {checkInputs, choosePeers, type BenchmarkInputOptions, featureRows, peerGroupFor, perUnitParts, readSizes, sizesFor} from './benchmark-inputs.js'
import {moneyJson} from '../io/write/analysis-common.js'
import type {BenchmarkInputsJson} from '../io/write/benchmark-report.js'
import {smeHook} from './supplier-sme.js'

export type {BenchmarkJson} from './benchmark-compare.js'

/** What `spend benchmark BUYER` was asked, beyond the common analysis flags. */
export interface BenchmarkOptions extends BenchmarkInputOptions {
  buyer: string
  anyPeriod?: boolean
  floor?: string
  /** Shared suppliers shown (default 20). */
  sharedTop?: number
  /** A measure for every category (default: the categories making up most of the group's spend, the rest folded). */
  allCategories?: boolean
  /** A CSV saying which suppliers are SMEs (it wins over the data's supplier_scale). */
  supplierInfo?: string
}

/** The record columns a benchmark reads. */
export const BENCHMARK_COLUMNS: readonly FrameColumn[] = [...columnsFor(['buyer', 'supplier', 'category']), 'date', 'buyer_id', 'supplier_scale']

/** Loads the rows a benchmark works on: the workspace (the command), or a frame already loaded (a report's section). */
export type BenchmarkLoader = (flags: AnalysisFlagValues, columns: readonly FrameColumn[]) => Promise<AnalysisInput>

export interface BenchmarkRun {
  json: BenchmarkJson
  notes: string[]
  /** With --auto: the distances and features that chose the peers (before any was left out). */
  nearest: PeerResult | null
}

/**
 * `spend benchmark`: resolve the buyer and its peers by the name rule, keep
 * one currency (peers without spend in it named and left out), choose the
 * period (given, or the latest 12 months all cover; partial peers left out;
 * with --any-period each buyer's own), find the group floor, measure every
 * buyer and compare the buyer with its peers.
 * @example (await runBenchmark(flags, {buyer: 'leeds', peers: 'york,hull'})).json.measures[0].measure // 'total_spend'
 */
export async function runBenchmark(flags: AnalysisFlagValues, opts: BenchmarkOptions, load: BenchmarkLoader = loadAnalysisInput): Promise<BenchmarkRun> {
  checkInputs(opts)
  checkOptions(flags, opts)
  const sizeInput = await readSizes(opts)
  const to = splitTo(flags.to)
  const explicit = flags.from !== undefined ? fixedPeriod(flags.from, to.date!) : opts.year !== undefined ? fiscalYearPeriod(opts.year, opts.fiscalYearStart ?? 1) : null
  // The rows are selected by the days given (--from 2024-03-16); coverage is checked on whole months.
  const given = flags.from !== undefined ? {from: flags.from, to: to.date!} : explicit
  const loadFlags = {...flags, from: given?.from, to: given ? [given.to, ...(to.currency ? [to.currency] : [])] : to.currency ? [to.currency] : undefined}
  const input = await load(loadFlags, BENCHMARK_COLUMNS)
  const {frame} = input
  const notes = [...input.notes]
  const b = dim(frame, 'buyer')
  const target = named(frame, matchEntity(frame, 'buyer', opts.buyer, 'BUYER'))
  const currency = buyerCurrency(frame, input.selection, target, flags.currency)
  const leftOut: BenchmarkLeftOut[] = []
  const spending = buyersWithSpend(frame, input.selection, currency)
  const months = buyerMonths(frame, {currency})
  const group = await peerGroupFor(frame, opts, target, notes)
  // --auto measures its features on the comparison period's rows (without one, the buyer's latest 12 months).
  const features = opts.auto !== undefined ? featureRows(frame, input.selection, input.filters, target, months, explicit !== null) : null
  const sized = sizeInput && opts.auto !== undefined ? sizesFor(frame, sizeInput, sizeInput.column, explicit, opts, notes) : null
  const featureSizes = sized ? {column: sized.json.column, year: sized.json.year, values: sized.values} : null
  const picked = choosePeers(frame, target, currency, opts, features?.rows ?? input.selection, featureSizes, group, notes)
  let peers = picked.peers.filter((p) => {
    if (spending.has(p.key)) return true
    leftOut.push({buyer: p.name, buyer_id: p.id, reason: 'currency', message: benchmarkCmdMsg.peerOtherCurrency(p.name, currency), covers: []})
    return false
  })
  const nameOf = (id: string) => b.labels[b.ids.indexOf(id)] ?? id
  const chosen = choosePeriod(target, peers, months, explicit, opts.anyPeriod === true, nameOf)
  const {period, periods} = chosen
  leftOut.push(...chosen.leftOut)
  if (periods) notes.push(benchmarkCmdMsg.anyPeriod())
  const partial = new Set(chosen.leftOut.map((l) => l.buyer_id))
  peers = peers.filter((p) => !partial.has(p.id))
  if (peers.length === 0) throw new SpendInputError('NO_PEERS', benchmarkCmdMsg.noPeers(target.name), {hint: benchmarkCmdMsg.noPeersHint()})
  const members = [target, ...peers]
  // The features' rows are the period's when --auto measured them on the same months (the same filter): not filtered again.
  const sameRows = features?.period && features.period.from === period.from && features.period.to === period.to
  const selection = explicit || periods ? input.selection : sameRows ? features.rows : filterRows(frame, {...input.filters, from: period.from, to: period.to})
  // One common period: the group's rows in frame order (read in order); each buyer's own period: per buyer.
  const inOrder = periods ? null : memberRows(frame, selection, members)
  const perBuyer = periods ? rowsPerBuyer(frame, selection, members, periods) : null
  const floor = chooseFloor(frame, members, perBuyer ?? inOrder!, currency, opts.floor)
  const categoryLabels = await categoryLabelsFor(frame, ['category'])
  const smeOf = await smeHook(frame, opts.supplierInfo, notes)
  const measured = new Map<string, BuyerMeasures>()
  let paidByBuyer: ColumnBuckets | undefined
  const runs = periods ? members.map((g) => ({ids: [g], period: periods.get(g.id)!})) : [{ids: members, period}]
  for (const run of runs) {
    const rows = perBuyer ? concatRows(run.ids.map((g) => perBuyer.get(g.id)!)) : inOrder!
    const start = periodBounds(given && !periods ? given.from : run.period.from, '--from')[0]
    const first = monthIndex(start)
    const result = buyerMeasures(frame, {
      currency, selection: rows, floorMinor: floor.minor, level: opts.level, categoryLabels, smeOf,
      newSuppliers: {periodFrom: start, lookbackAvailable: (id) => id !== null && earliest(months.get(id)) <= first - 12},
    })
    for (const m of result.buyers) if (m.buyer_id !== null) measured.set(m.buyer_id, m)
    paidByBuyer = result.paid_by_buyer
  }
  // Shared suppliers only on one common period: spend over different periods is not comparable.
  const sharedTop = opts.sharedTop ?? SHARED_TOP
  const shared = periods ? null : sharedSuppliers(frame, {currency, paidByBuyer, selection: inOrder, buyerId: target.id, peerIds: peers.map((p) => p.id), floorMinor: floor.minor, top: sharedTop})
  // With --any-period only share measures are compared, so no per-unit money measure either.
  const perColumn = periods ? null : (sizeInput?.per ?? null)
  if (periods && sizeInput?.per) notes.push(benchInputsMsg.perAnyPeriod(sizeInput.per))
  // The per-unit size year follows the compared period (the --auto feature year the given period, if any).
  const perSizes = perColumn ? (sized && perColumn === sized.json.column && explicit ? sized : sizesFor(frame, sizeInput!, perColumn, periods ? null : period, opts, notes)) : null
  const perUnit = perColumn && perSizes ? perUnitParts(members, measured, currency, perColumn, perSizes.json.year, perSizes.values, notes) : null
  const names = new Map(members.map((m) => [m.id, m.name]))
  const inputs: BenchmarkInputsJson = {
    size: sized?.json ?? perSizes?.json ?? null,
    per: perUnit && {column: perUnit.column, measure: perUnit.name, unit: perUnit.unit, year: perUnit.year, decimals: perUnit.decimals, rounding: perUnit.rounding, no_size: perUnit.noSize.map((id) => ({buyer: names.get(id) ?? id, buyer_id: id}))},
    peer_group: group && {file: group.file, group: group.group, members: group.members.map((id) => ({buyer: nameOf(id), buyer_id: id})), unmatched: group.unmatched},
    ...moneyJson(input.money),
  }
  const choice = opts.auto !== undefined ? 'auto' : group ? 'group' : 'named'
  const json = benchmarkJson({
    target, peers, currency, period: given ? {...period, from: given.from, to: given.to} : period, periods, floor: floor.json, level: opts.level ?? null, leftOut, measured, choice, perUnit, inputs, shared, sharedTop, allCategories: opts.allCategories,
  })
  for (const l of leftOut) notes.push(l.message)
  notes.push(...sharedNotes(json.shared_suppliers))
  if (json.weak) notes.push(benchmarkCmdMsg.weak(peers.length))
  return {json, notes: [...new Set(notes)], nearest: picked.nearest}
}

function checkOptions(flags: AnalysisFlagValues, opts: BenchmarkOptions): void {
  if ((opts.peers === undefined) === (opts.auto === undefined && opts.peerGroup === undefined)) {
    throw new SpendInputError('BAD_FLAG', benchmarkCmdMsg.peersOrAuto(), {where: '--peers', hint: benchmarkCmdMsg.peersOrAutoHint(), exit: 2})
  }
  if (opts.auto !== undefined && !(Number.isInteger(opts.auto) && opts.auto >= 1)) throw new SpendInputError('BAD_FLAG', benchmarkCmdMsg.badAuto(opts.auto), {where: '--auto', exit: 2})
  const to = splitTo(flags.to)
  const range = flags.from !== undefined || to.date !== undefined
  if (opts.year !== undefined && range) throw new SpendInputError('BAD_FLAG', benchmarkCmdMsg.yearAndRange(), {where: '--year', hint: benchmarkCmdMsg.yearAndRangeHint(), exit: 2})
  if (opts.anyPeriod && (range || opts.year !== undefined)) {
    throw new SpendInputError('BAD_FLAG', benchmarkCmdMsg.anyPeriodAndRange(), {where: '--any-period', hint: benchmarkCmdMsg.anyPeriodAndRangeHint(), exit: 2})
  }
  if (range && (flags.from === undefined || to.date === undefined)) {
    throw new SpendInputError('BAD_FLAG', benchmarkCmdMsg.fromAndTo(), {where: flags.from === undefined ? '--from' : '--to', hint: benchmarkCmdMsg.fromAndToHint(), exit: 2})
  }
  if ((flags.currency?.length ?? 0) > 1) throw new SpendInputError('BAD_FLAG', benchmarkCmdMsg.oneCurrency(), {where: '--currency', hint: benchmarkCmdMsg.oneCurrencyHint(), exit: 2})
}


function named(frame: SpendFrame, key: number): Named {
  const b = dim(frame, 'buyer')
  return {key, id: b.ids[key]!, name: b.labels[key] ?? b.ids[key]!}
}

/** The buyer's one currency: --currency, else the only one it has spend in (several: exit 2). */
function buyerCurrency(frame: SpendFrame, selection: ArrayLike<number> | null, target: Named, given: readonly string[] | undefined): string {
  const cur = dim(frame, 'currency')
  const b = dim(frame, 'buyer')
  const seen = new Set<string>()
  const m = selection ? selection.length : frame.length
  for (let j = 0; j < m; j++) {
    const i = selection ? selection[j] : j
    if (b.keys[i] === target.key && cur.ids[cur.keys[i]] !== null) seen.add(cur.ids[cur.keys[i]]!)
  }
  if (given?.length === 1) {
    if (!seen.has(given[0])) throw new SpendInputError('NO_SPEND', benchmarkCmdMsg.buyerNoSpend(target.name, given[0]), {where: '--currency', hint: benchmarkCmdMsg.buyerNoSpendHint()})
    return given[0]
  }
  const list = [...seen].sort()
  if (list.length === 0) throw new SpendInputError('NO_SPEND', benchmarkCmdMsg.buyerNoSpend(target.name, null), {where: 'BUYER', hint: benchmarkCmdMsg.buyerNoSpendHint()})
  if (list.length > 1) throw new SpendInputError('MANY_CURRENCIES', benchmarkCmdMsg.manyCurrencies(target.name, list), {where: '--currency', hint: benchmarkCmdMsg.manyCurrenciesHint(), exit: 2})
  return list[0]
}

/** The buyer keys with a selected row in the currency (one pass). */
function buyersWithSpend(frame: SpendFrame, selection: Rows, currency: string): Set<number> {
  const cur = dim(frame, 'currency')
  const b = dim(frame, 'buyer')
  const c = cur.ids.indexOf(currency)
  const has = new Uint8Array(b.size)
  const m = selection ? selection.length : frame.length
  for (let j = 0; j < m; j++) {
    const i = selection ? selection[j] : j
    if (cur.keys[i] === c) has[b.keys[i]] = 1
  }
  const out = new Set<number>()
  for (let k = 0; k < b.size; k++) if (has[k]) out.add(k)
  return out
}




function concatRows(parts: readonly Uint32Array[]): Uint32Array {
  const out = new Uint32Array(parts.reduce((n, p) => n + p.length, 0))
  let k = 0
  for (const p of parts) {
    out.set(p, k)
    k += p.length
  }
  // Buyer by buyer: the measures group by buyer and sum exact integers, so row order does not matter.
  return out
}

/** The floor: set by --floor, else the highest effective floor among the group. */
function chooseFloor(frame: SpendFrame, group: readonly Named[], rows: Map<string, Uint32Array> | Uint32Array, currency: string, given: string | undefined) {
  if (given !== undefined) {
    const minor = parseMinor(given.trim(), currency)
    if (minor === null || minor < 0n || minor > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new SpendInputError('BAD_FLOOR', benchmarkCmdMsg.badFloor(given), {where: '--floor', hint: benchmarkCmdMsg.badFloorHint(currency), exit: 2})
    }
    const f = manualFloor(Number(minor), currency)
    return {minor: f.minor, json: floorJson(f, manualFloorSentence(f), [])}
  }
  const values = amounts(frame)
  const nameOf = new Map(group.map((g) => [g.id, g.name]))
  // The group's rows in frame order: every buyer's floor in one pass.
  const all = rows instanceof Uint32Array ? effectiveFloors(values, dim(frame, 'buyer').keys, dim(frame, 'buyer').size, rows, currency) : null
  const floors = group.map((g) => ({buyer: g.id, floor: all ? all[g.key] : effectiveFloor(values, (rows as Map<string, Uint32Array>).get(g.id)!, currency)}))
  const gf = groupFloor(floors)
  const json = gf.floor ? floorJson(gf.floor, gf.sentence, gf.setBy.map((id) => nameOf.get(id) ?? id)) : {amount: null, currency, source: null, sentence: gf.sentence, set_by: []}
  return {minor: gf.floor?.minor ?? 0, json}
}

function floorJson(f: Floor, sentence: string, setBy: string[]) {
  return {amount: f.amount, currency: f.currency, source: f.source, sentence, set_by: setBy}
}
