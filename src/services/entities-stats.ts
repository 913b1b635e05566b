import type {CrosswalkRow} from '../model/crosswalk.js'
import {applyCrosswalk} from '../analysis/entities/apply.js'
import {type EntityStats, entityStats} from '../analysis/entities/stats.js'
import {parseStoredCrosswalk} from '../io/read/crosswalk.js'
import {loadLegalForms} from '../io/read/legal-forms.js'
import {readOverlay} from '../io/workspace/overlays.js'
import {resolveWorkspace, Workspace} from '../io/workspace/index.js'
import {loadWorkspaceFrame} from './frame-load.js'

/**
 * `spend entities stats`: the workspace's rows as published and with the
 * stored crosswalk applied, compared (one load: the crosswalk is applied here
 * to the same columns).
 * @example const {stats, stored} = await crosswalkStats({workspace: '.spendkit'}, 10)
 */
export async function crosswalkStats(flags: {workspace?: string}, top: number): Promise<{stats: EntityStats; stored: boolean}> {
  const ws = await Workspace.open(resolveWorkspace(flags.workspace))
  const stored = await readOverlay(ws.dir, 'entities')
  const rows = stored ? parseStoredCrosswalk(stored.text, stored.entry.source) : []
  return {stats: await statsOfCrosswalk(ws, rows, top), stored: stored !== null}
}

/**
 * The stats of crosswalk `rows` over the workspace's imports (all, or `imports`):
 * what `spend entities stats` reports, also for the report's data-quality section.
 * @example (await statsOfCrosswalk(ws, rows, 10)).names_after
 */
export async function statsOfCrosswalk(ws: Workspace, rows: readonly CrosswalkRow[], top: number, imports?: readonly string[]): Promise<EntityStats> {
  const [forms, {frame}] = await Promise.all([
    loadLegalForms(),
    loadWorkspaceFrame(ws, ['supplier', 'supplier_key', 'supplier_id', 'amount', 'currency'], {overlays: false, imports}),
  ])
  return entityStats(frame, applyCrosswalk(frame, rows, forms), top)
}
