/** The local store of imports: see workspace.ts for the layout and guarantees. */
export {Workspace, type BeginOptions} from './workspace.js'
export {resolveWorkspace, optionsKey, importIdFor, normaliseOptions, DEFAULT_WORKSPACE, DEFAULT_PART_ROWS, type ImportOptionsUsed} from './layout.js'
export type {ImportEntry, Manifest, SourceReportJson, TotalsJson} from './manifest.js'
export type {ImportMeta, ImportStart, CommitInfo, ImportWriter} from './writer.js'
export {csvCell} from './rejects.js'
export type {LockWait} from './lock.js'
