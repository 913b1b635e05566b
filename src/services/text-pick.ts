/**
 * Free-text columns (transaction_id, description) at chosen rows of a loaded
 * frame: read from the workspace's parts for those rows only (pickColumn), or
 * taken from the frame when it holds them (files read with --file).
 */
import {SpendInputError} from '../errors.js'
import type {DictColumn, SpendFrame} from '../model/frame.js'
import type {TextPick} from '../analysis/identical.js'
import {type ImportEntry, resolveWorkspace, Workspace} from '../io/workspace/index.js'
import {pickColumn} from '../io/workspace/pick.js'
import type {AnalysisFlagValues} from './analysis-input.js'

/**
 * A reader of free-text columns at chosen rows, for identicalGroups and the checks.
 * @example (await textPicker(flags, input.frame))('transaction_id', Uint32Array.of(3, 9))
 */
export async function textPicker(flags: AnalysisFlagValues, frame: SpendFrame): Promise<TextPick> {
  if (flags.file?.length) return (name) => ownColumn(frame, name)
  const ws = new Workspace(resolveWorkspace(flags.workspace))
  const entries = await ws.list()
  return workspacePicker(frame, ws.dir, () => entries)
}

/**
 * A reader of free-text columns at chosen rows of a frame loaded from the
 * workspace at `root`: the frame's own column when it holds one, else the
 * parts (pickColumn) of the imports it was loaded from, checked against the
 * frame (loadedEntries) at the first read.
 * @example workspacePicker(frame, input.workspaceDir, () => [...input.imports])('description', rows)
 */
export function workspacePicker(frame: SpendFrame, root: string, entries: () => ImportEntry[]): TextPick {
  let loaded: ImportEntry[] | null = null
  return (name, rows) => {
    const own = frame.columns[name]
    if (own?.type === 'dict') return own
    loaded ??= loadedEntries(frame, entries())
    return pickColumn(root, loaded, name, rows, frame.length)
  }
}

function ownColumn(frame: SpendFrame, name: 'transaction_id' | 'description'): DictColumn {
  const own = frame.columns[name]
  return own?.type === 'dict' ? own : {type: 'dict', codes: new Int32Array(frame.length).fill(-1), dict: []}
}

/**
 * The imports the frame was loaded from (all of them, in id order), checked
 * against the frame: rows are found again by position, so an import added or
 * removed meanwhile must not shift them.
 */
export function loadedEntries(frame: SpendFrame, entries: ImportEntry[]): ImportEntry[] {
  const source = frame.columns.source
  const ids = source?.type === 'dict' ? source.dict : []
  const rows = entries.reduce((n, e) => n + e.parts.reduce((k, p) => k + p.rows, 0), 0)
  if (rows !== frame.length || ids.length !== entries.length || entries.some((e, k) => e.id !== ids[k])) {
    throw new SpendInputError('WORKSPACE_CHANGED', 'the workspace changed while it was read (an import added or removed)', {hint: 'run the command again'})
  }
  return entries
}
