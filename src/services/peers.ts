import {SpendInputError} from '../errors.js'
import {peersMsg} from '../messages.js'
import {columnsFor} from '../analysis/columns.js'
import {dictColumn, dim, type CategoryLevel} from '../analysis/dims.js'
import {subFrame} from '../analysis/frame-access.js'
import {resolveEntity} from '../analysis/resolve.js'
import {buyerFeatures, nearestPeers, parseWeights, DEFAULT_WEIGHTS, type PeerResult} from '../analysis/benchmark/peers.js'
import type {SpendFrame} from '../model/frame.js'
import type {Rows} from '../analysis/kernel.js'
import {categoryLabelsFor} from '../io/cpv-labels.js'
import {loadSizes, readPeerGroup, readSizeInput, type PeerGroupUsed, type SizeUsed} from './peer-inputs.js'
export {groupOf, type PeerGroupUsed, type SizeUsed} from './peer-inputs.js'
import {loadAnalysisInput, type AnalysisFlagValues} from './analysis-input.js'

/** What `spend peers` is asked, as plain values (no CLI framework). */
export interface PeersRequest {
  buyer: string
  auto: number
  weights?: string
  level?: CategoryLevel
  size?: string
  sizeColumn?: string
  /** A peer-group file: candidates are only the buyers in the buyer's group. */
  peerGroup?: string
  year?: string
  fiscalYearStart?: number
  flags: AnalysisFlagValues
}

export interface PeersRun {
  result: PeerResult
  group: Omit<PeerGroupUsed, 'members'> | null
  currency: string
  level: CategoryLevel | null
  size: SizeUsed | null
  /** Display name per buyer id (target and candidates). */
  names: Map<string, string>
  /** How many buyers the features are standardised over (the buyer included). */
  candidates: number
  /** Buyers left out of the candidates, by id. */
  excluded: PeerResultExcluded[]
  notes: string[]
}

export interface PeerResultExcluded {
  buyer: string
  reason: 'no_positive_spend' | 'no_size'
}

/**
 * `--year Y` as --from/--to: a calendar year, or with a fiscal year start
 * month M the twelve months from M of Y (2024 or 2024-25). Exit 2 with
 * --from/--to, or for text that is not a year.
 * @example yearRange('2024-25', 4) // {from: '2024-04', to: '2025-03'}
 */
export function yearRange(year: string, fiscalYearStart = 1): {from: string; to: string} {
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(year.trim())
  if (!m) throw new SpendInputError('BAD_FLAG', peersMsg.badYearFlag(year), {where: '--year', hint: peersMsg.badYearHint(), exit: 2})
  const y = Number(m[1])
  if (fiscalYearStart === 1) return {from: `${y}`, to: `${y}`}
  const pad = (n: number) => String(n).padStart(2, '0')
  return {from: `${y}-${pad(fiscalYearStart)}`, to: `${y + 1}-${pad(fiscalYearStart - 1)}`}
}

/**
 * Find the `auto` nearest peers of a buyer: load the selection, resolve the
 * buyer by the name rule, take its one currency (or --currency), read the
 * sizes if given, and run nearestPeers over every buyer with spend in that
 * currency.
 */
export async function runPeers(req: PeersRequest): Promise<PeersRun> {
  const weights = req.weights === undefined ? {...DEFAULT_WEIGHTS} : parseWeights(req.weights)
  const sizeInput = await readSizeInput(req.size, req.sizeColumn)
  const flags = {...req.flags}
  if (req.year !== undefined) {
    if (flags.from !== undefined || (flags.to ?? []).some((t) => !/^[A-Z]{3}$/.test(t))) {
      throw new SpendInputError('BAD_FLAG', peersMsg.yearAndRange(), {where: '--year', hint: peersMsg.yearAndRangeHint(), exit: 2})
    }
    const r = yearRange(req.year, req.fiscalYearStart)
    flags.from = r.from
    flags.to = [...(flags.to ?? []), r.to]
  }
  const input = await loadAnalysisInput(flags, columnsFor(['buyer', 'category']))
  const notes = [...input.notes]
  // The buyer is found in all the data, so a period or currency it has no payments in says so rather than "no such buyer".
  const target = resolveEntity(input.frame, 'buyer', req.buyer)
  const currency = buyerCurrency(input.frame, input.selection, target.key, target.name)
  const frame = input.selection === null ? input.frame : subFrame(input.frame, input.selection)
  const names = buyerNames(frame)
  let size: SizeUsed | null = null
  let sizeValues: Map<string, number> | undefined
  if (sizeInput) {
    const loaded = loadSizes(frame, sizeInput, req.year, req.fiscalYearStart, notes)
    size = loaded.used
    sizeValues = new Map([...loaded.values].map(([id, v]) => [id, v.value]))
    if (!sizeValues.has(target.id)) throw new SpendInputError('NO_SIZE', peersMsg.buyerNoSize(target.name, size.column, size.year), {where: size.file, hint: peersMsg.buyerNoSizeHint()})
  }
  const categoryLabels = await categoryLabelsFor(frame, ['category'])
  const table = buyerFeatures(frame, {currency, level: req.level, categoryLabels, size: sizeValues && size ? {name: size.column, values: sizeValues} : undefined})
  let group: PeerGroupUsed | null = null
  if (req.peerGroup !== undefined) {
    group = await readPeerGroup(frame, req.peerGroup, target.id, target.name, notes)
    const members = new Set(group.members)
    table.buyers = table.buyers.filter((b) => members.has(b.buyer))
  }
  const result = nearestPeers(target.id, table.buyers, req.auto, weights, table.features)
  if (table.excluded.length) notes.push(peersMsg.excluded(table.excluded.length, table.excluded.map((e) => names.get(e.buyer) ?? e.buyer)))
  for (const d of result.dropped) notes.push(peersMsg.dropped(d.message))
  return {result, currency, level: req.level ?? null, size, group: group && {file: group.file, group: group.group, unmatched: group.unmatched}, names, candidates: table.buyers.length, excluded: table.excluded, notes}
}

/** The buyer's one currency in the selection; exit 2 listing them when it has several. */
function buyerCurrency(frame: SpendFrame, selection: Rows, key: number, name: string): string {
  const b = dim(frame, 'buyer')
  const cur = dictColumn(frame, 'currency')
  const seen = new Set<string>()
  const n = selection === null ? frame.length : selection.length
  for (let j = 0; cur && j < n; j++) {
    const i = selection === null ? j : selection[j]
    if (b.keys[i] === key && cur.codes[i] >= 0) seen.add(cur.dict[cur.codes[i]])
  }
  const list = [...seen].sort()
  if (list.length === 0) throw new SpendInputError('NO_ROWS', peersMsg.noSpend(name), {hint: peersMsg.noSpendHint()})
  if (list.length > 1) throw new SpendInputError('SEVERAL_CURRENCIES', peersMsg.severalCurrencies(name, list), {where: '--currency', hint: peersMsg.severalCurrenciesHint(list), exit: 2})
  return list[0]
}

/** Display name per buyer id. */
function buyerNames(frame: SpendFrame): Map<string, string> {
  const b = dim(frame, 'buyer')
  const out = new Map<string, string>()
  for (let k = 0; k < b.size; k++) if (b.ids[k] !== null) out.set(b.ids[k]!, b.labels[k] ?? b.ids[k]!)
  return out
}
