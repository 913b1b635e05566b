import {applyCrosswalk} from '../analysis/entities/apply.js'
import {type EntityStats, entityStats} from '../analysis/entities/stats.js'
import {parseCrosswalk} from '../io/read/crosswalk.js'
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
  const [stored, forms] = await Promise.all([readOverlay(ws.dir, 'entities'), loadLegalForms()])
  const rows = stored ? parseCrosswalk(stored.text, stored.entry.source) : []
  const {frame} = await loadWorkspaceFrame(ws, ['supplier', 'supplier_key', 'supplier_id', 'amount', 'currency'], {overlays: false})
  const after = applyCrosswalk(frame, rows, forms)
  return {stats: entityStats(frame, after, top), stored: stored !== null}
}
