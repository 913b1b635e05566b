import {readFile} from 'node:fs/promises'
import {relative, resolve} from 'node:path'
import {nameStats} from '../analysis/entities/names.js'
import {suggestEntities} from '../analysis/entities/suggest.js'
import {type CrosswalkRow, merges} from '../model/crosswalk.js'
import {parseCrosswalk, parseStoredCrosswalk} from '../io/read/crosswalk.js'
import {loadLegalForms} from '../io/read/legal-forms.js'
import {crosswalkCsv, crosswalkOrder} from '../io/write/crosswalk-csv.js'
import {writeFileAtomic} from '../io/workspace/fsutil.js'
import {resolveWorkspace, Workspace} from '../io/workspace/index.js'
import type {OverlayEntry} from '../io/workspace/manifest.js'
import {clearOverlay, readOverlay, storeOverlay} from '../io/workspace/overlays.js'
import {loadWorkspaceFrame} from './frame-load.js'

/**
 * `spend entities suggest` and `spend entities apply`: the crosswalk proposed
 * from the workspace's published names (earlier decisions kept), and the
 * crosswalk a person edited, stored in the workspace and applied at every load.
 */

const pairKey = (r: {variant: string; supplier_id: string | null}) => `${r.variant}\u0000${r.supplier_id ?? ''}`

/** The proposed crosswalk: every row, and how many are not in the stored one. */
export interface Suggestion {
  rows: CrosswalkRow[]
  /** Rows not in the stored crosswalk. */
  fresh: CrosswalkRow[]
}

/**
 * Keep earlier decisions: a proposed row already in the stored crosswalk
 * comes back exactly as stored; a new row whose proposed entity holds stored
 * variants takes their stored entity key and name (a merged one's first);
 * stored rows no longer proposed are kept. Sorted by crosswalkOrder.
 * @example keepDecisions(suggestEntities(names, {forms}), stored)
 */
export function keepDecisions(proposed: readonly CrosswalkRow[], stored: readonly CrosswalkRow[]): Suggestion {
  const byPair = new Map(stored.map((r) => [pairKey(r), r]))
  // Per proposed entity key: the stored rows among its variants, merged ones first.
  const storedIn = new Map<string, CrosswalkRow>()
  for (const p of proposed) {
    const s = byPair.get(pairKey(p))
    if (!s) continue
    const had = storedIn.get(p.entity_key)
    if (!had || (!merges(had.decision) && merges(s.decision))) storedIn.set(p.entity_key, s)
  }
  const rows: CrosswalkRow[] = []
  const fresh: CrosswalkRow[] = []
  const seen = new Set<string>()
  for (const p of proposed) {
    const k = pairKey(p)
    seen.add(k)
    const s = byPair.get(k)
    if (s) {
      rows.push(s)
      continue
    }
    const cluster = storedIn.get(p.entity_key)
    const row = cluster && cluster.entity_key !== '' ? {...p, entity_key: cluster.entity_key, entity_name: cluster.entity_name} : p
    rows.push(row)
    fresh.push(row)
  }
  for (const s of stored) if (!seen.has(pairKey(s))) rows.push(s)
  return {rows: rows.sort(crosswalkOrder), fresh: fresh.sort(crosswalkOrder)}
}

/**
 * Propose the crosswalk of the workspace's names as published (no crosswalk
 * applied), keeping the decisions of the stored one.
 * @example const {rows, fresh} = await suggestCrosswalk({workspace: '.spendkit'})
 */
export async function suggestCrosswalk(flags: {workspace?: string}): Promise<Suggestion> {
  const ws = await Workspace.open(resolveWorkspace(flags.workspace))
  const [{frame}, forms, stored] = await Promise.all([
    loadWorkspaceFrame(ws, ['supplier', 'supplier_id', 'supplier_key'], {overlays: false}),
    loadLegalForms(),
    readOverlay(ws.dir, 'entities'),
  ])
  const storedRows = stored ? parseStoredCrosswalk(stored.text, stored.entry.source) : []
  return keepDecisions(suggestEntities(nameStats(frame), {forms}), storedRows)
}

/**
 * Write the crosswalk CSV atomically (a temp file renamed over `file`).
 * @example await writeCrosswalkFile('crosswalk.csv', rows)
 */
export async function writeCrosswalkFile(file: string, rows: readonly CrosswalkRow[]): Promise<void> {
  await writeFileAtomic(resolve(file), crosswalkCsv(rows))
}

/** What a crosswalk holds: rows, entities merged into, and rows per decision. */
export interface CrosswalkCounts {
  variants: number
  entities: number
  merged: number
  review: number
  rejected: number
}

/**
 * Count a crosswalk's rows by what they do.
 * @example crosswalkCounts(rows).merged
 */
export function crosswalkCounts(rows: readonly CrosswalkRow[]): CrosswalkCounts {
  const entities = new Set(rows.filter((r) => merges(r.decision)).map((r) => r.entity_key))
  return {
    variants: rows.length,
    entities: entities.size,
    merged: rows.filter((r) => merges(r.decision)).length,
    review: rows.filter((r) => r.decision === 'review').length,
    rejected: rows.filter((r) => r.decision === 'reject').length,
  }
}

/** What `spend entities apply FILE` did. */
export interface ApplyResult {
  stored: OverlayEntry
  counts: CrosswalkCounts
  /** Against the crosswalk stored before (all rows added when there was none). */
  changes: {added: number; changed: number; removed: number}
}

/**
 * Parse and check a crosswalk file, then store it (in its canonical form:
 * sorted, as the writer writes it) in the workspace: atomic, locked, checksummed.
 * @example await applyCrosswalkFile({workspace: '.spendkit', wait: 0}, 'crosswalk.csv', '0.9.0')
 */
export async function applyCrosswalkFile(flags: {workspace?: string; wait?: number}, file: string, toolVersion: string): Promise<ApplyResult> {
  const ws = await Workspace.open(resolveWorkspace(flags.workspace))
  const path = resolve(file)
  const rows = parseCrosswalk(await readFile(path, 'utf8'), file).sort(crosswalkOrder)
  const before = await readOverlay(ws.dir, 'entities').then((s) => (s ? parseStoredCrosswalk(s.text, s.entry.source) : []))
  const stored = await storeOverlay(ws.dir, 'entities', crosswalkCsv(rows), {rows: rows.length, source: relative(ws.dir, path), toolVersion}, {seconds: flags.wait ?? 0})
  const old = new Map(before.map((r) => [pairKey(r), r]))
  let added = 0
  let changed = 0
  for (const r of rows) {
    const o = old.get(pairKey(r))
    if (!o) added++
    else if (o.entity_key !== r.entity_key || o.entity_name !== r.entity_name || o.decision !== r.decision) changed++
    old.delete(pairKey(r))
  }
  return {stored, counts: crosswalkCounts(rows), changes: {added, changed, removed: old.size}}
}

/**
 * Remove the stored crosswalk; the entry removed, or null when there was none.
 * @example await clearCrosswalk({workspace: '.spendkit'})
 */
export async function clearCrosswalk(flags: {workspace?: string; wait?: number}): Promise<OverlayEntry | null> {
  const ws = await Workspace.open(resolveWorkspace(flags.workspace))
  return clearOverlay(ws.dir, 'entities', {seconds: flags.wait ?? 0})
}
