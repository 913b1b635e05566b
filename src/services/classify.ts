import {createHash} from 'node:crypto'
import {relative, resolve, sep} from 'node:path'
import {classifyMsg} from '../messages.js'
import type {SpendFrame} from '../model/frame.js'
import type {FrameColumn} from '../model/record.js'
import {coverage, type Coverage} from '../analysis/classify/coverage.js'
import {suggestRules, type SuggestRow} from '../analysis/classify/suggest.js'
import {cpvLabels} from '../io/cpv-labels.js'
import {loadRuleFiles} from '../io/read/rules-files.js'
import {rulesText} from '../io/write/classify-rules.js'
import {clearOverlay, storeOverlay} from '../io/workspace/overlays.js'
import {resolveWorkspace, Workspace} from '../io/workspace/index.js'
import type {LockWait} from '../io/workspace/lock.js'
import type {OverlayEntry} from '../io/workspace/manifest.js'
import {type AnalysisFlagValues, type AnalysisInput, loadAnalysisInput} from './analysis-input.js'
import type {FrameOverlays} from './frame-load.js'

/**
 * `spend classify`, `classify apply` and `classify suggest`: reading rules
 * files, storing them in the workspace, and the coverage and the
 * unclassified texts of the data as the stored (or previewed) rules
 * classify it.
 */

type Classification = NonNullable<FrameOverlays['classification']>

/**
 * The rules named by `--rules` as a classification overlay (not stored) and its canonical text.
 * @example const {overlay} = await rulesOverlay(['default'], '0.9.0')
 */
export async function rulesOverlay(names: readonly string[], toolVersion: string): Promise<{overlay: Classification; text: string}> {
  const {set, source} = await loadRuleFiles(names, await cpvLabels())
  const text = rulesText(set)
  const bytes = Buffer.from(text, 'utf8')
  const entry: OverlayEntry = {file: '', sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, rows: set.rules.length, source, tool_version: toolVersion}
  return {overlay: {entry, set}, text}
}

/** The stderr line naming the rules a result was worked out with. */
export function rulesUsedLine(overlays: FrameOverlays, preview: boolean): string {
  const c = overlays.classification
  if (!c) return classifyMsg.usedNone()
  return preview ? classifyMsg.usedPreview(c.entry.source, c.set.rules.length) : classifyMsg.usedStored(c.entry.source, c.entry.sha256.slice(0, 12), c.set.rules.length)
}

export const COVERAGE_COLUMNS: readonly FrameColumn[] = ['buyer_id', 'buyer', 'classified_by', 'amount', 'currency']

/**
 * Coverage per buyer and currency under the stored rules, or under `--rules` as a preview.
 * @example const {coverage} = await classifyCoverage(flags, undefined, '0.9.0')
 */
export async function classifyCoverage(flags: AnalysisFlagValues, rules: readonly string[] | undefined, toolVersion: string): Promise<{input: AnalysisInput; coverage: Coverage; used: string}> {
  const preview = rules?.length ? (await rulesOverlay(rules, toolVersion)).overlay : undefined
  const input = await loadAnalysisInput(flags, COVERAGE_COLUMNS, {classification: preview})
  return {input, coverage: coverage(input.frame, input.selection), used: rulesUsedLine(input.overlays, preview !== undefined)}
}

export const SUGGEST_COLUMNS: readonly FrameColumn[] = ['buyer_id', 'buyer', 'expense_type', 'category_scheme', 'category_code', 'category', 'amount', 'currency']

/**
 * The unclassified texts by spend: the data loaded as published (the rules
 * blank a row's category when none matches) and classified with the stored
 * rules (or `--rules`) to find which rows are unclassified.
 * @example const {rows} = await classifySuggest(flags, undefined, 20, '0.9.0')
 */
export async function classifySuggest(flags: AnalysisFlagValues, rules: readonly string[] | undefined, top: number, toolVersion: string): Promise<{input: AnalysisInput; rows: SuggestRow[]; used: string}> {
  const preview = rules?.length ? (await rulesOverlay(rules, toolVersion)).overlay : undefined
  const stored = preview ?? (flags.file?.length ? null : await storedRules(flags.workspace))
  const {ruleColumns, applyRules} = await import('../analysis/classify/apply.js')
  const columns = [...new Set<FrameColumn>([...SUGGEST_COLUMNS, ...(stored ? ruleColumns(stored.set) : [])])]
  const input = await loadAnalysisInput(flags, columns, {classification: null})
  const published: SpendFrame = input.frame
  const classified = stored ? applyRules(published, stored.set, await cpvLabels()).columns.classified_by : published.columns.classified_by
  const {dataClassified} = await import('../analysis/classify/data.js')
  const by = classified && classified.type === 'dict' ? classified : dataClassified(published)
  const used = rulesUsedLine({...input.overlays, classification: stored}, preview !== undefined)
  return {input, rows: suggestRules(published, by, input.selection, top), used}
}

async function storedRules(workspace: string | undefined): Promise<Classification | null> {
  const {readOverlays} = await import('./frame-load.js')
  return (await readOverlays(await Workspace.open(resolveWorkspace(workspace)))).classification
}

/** What `classify apply` did: the stored entry, or the removed one with --clear (null: there was none). */
export interface ApplyResult {
  stored: OverlayEntry | null
  removed: OverlayEntry | null
}

/**
 * Check the rules files and store them as one set in the workspace (atomic,
 * locked, checksummed), or with `clear` remove the stored set.
 * @example await classifyApply({workspace: '.spendkit', rules: ['default']}, '0.9.0', {seconds: 60})
 */
export async function classifyApply(opts: {workspace?: string; rules?: readonly string[]; clear?: boolean}, toolVersion: string, wait: LockWait): Promise<ApplyResult> {
  const ws = await Workspace.open(resolveWorkspace(opts.workspace))
  if (opts.clear) return {stored: null, removed: await clearOverlay(ws.dir, 'classification', wait)}
  const {overlay, text} = await rulesOverlay(opts.rules ?? [], toolVersion)
  // As the manifest names imports: files relative to the workspace folder, with / separators.
  const source = (opts.rules ?? []).map((n) => (n === 'default' ? n : relative(ws.dir, resolve(n)).split(sep).join('/'))).join('+')
  const entry = await storeOverlay(ws.dir, 'classification', text, {rows: overlay.set.rules.length, source, toolVersion}, wait)
  return {stored: entry, removed: null}
}
