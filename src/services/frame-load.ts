import type {LegalForm} from '../model/entity-name.js'
import type {SpendFrame} from '../model/frame.js'
import type {CrosswalkRow} from '../model/crosswalk.js'
import {type FrameColumn, isDerivedColumn, type RecordColumn} from '../model/record.js'
import type {RuleSet} from '../model/rules.js'
import type {OverlayEntry} from '../io/workspace/manifest.js'
import type {Workspace} from '../io/workspace/index.js'

/**
 * Loading a frame with the workspace's common definitions applied: the
 * supplier-entity crosswalk (`spend entities apply`) and the classification
 * rules (`spend classify apply`) are read from the workspace and applied to
 * the loaded columns, and the derived columns (DERIVED_COLUMNS) are worked
 * out, so every analysis, filter, chart and report groups by entity and by
 * classified category without knowing how. Each overlay is read and its
 * stored columns loaded only when a requested column depends on it.
 */

/** The overlays a frame was loaded with (null: none stored, or none of the frame's columns depends on it). */
export interface FrameOverlays {
  entities: {entry: OverlayEntry; rows: CrosswalkRow[]} | null
  classification: {entry: OverlayEntry; set: RuleSet} | null
}

export const NO_OVERLAYS: FrameOverlays = {entities: null, classification: null}

const ENTITY_COLUMNS: readonly FrameColumn[] = ['supplier', 'supplier_key', 'published_supplier']
const CATEGORY_COLUMNS: readonly FrameColumn[] = ['category_scheme', 'category_code', 'category', 'classified_by', 'gpp_group']

/**
 * Read the workspace's stored overlays (checked against their checksums);
 * `wanted` leaves out the ones a load does not need (a 50,000-row crosswalk
 * costs ~0.2 s to read and parse, the rules the CPV list's 440 KB).
 * @example const overlays = await readOverlays(ws)
 */
export async function readOverlays(ws: Workspace, wanted: {entities: boolean; classification: boolean} = {entities: true, classification: true}): Promise<FrameOverlays> {
  const {readOverlay} = await import('../io/workspace/overlays.js')
  const [e, c] = await Promise.all([
    wanted.entities ? readOverlay(ws.dir, 'entities') : null,
    wanted.classification ? readOverlay(ws.dir, 'classification') : null,
  ])
  let entities: FrameOverlays['entities'] = null
  let classification: FrameOverlays['classification'] = null
  if (e) {
    const {parseStoredCrosswalk} = await import('../io/read/crosswalk.js')
    entities = {entry: e.entry, rows: parseStoredCrosswalk(e.text, e.entry.source)}
  }
  if (c) {
    const [{parseRules}, {cpvLabels}] = await Promise.all([import('../io/read/rules.js'), import('../io/cpv-labels.js')])
    classification = {entry: c.entry, set: parseRules(c.text, c.entry.source, await cpvLabels())}
  }
  return {entities, classification}
}

/** The stored columns to load for `columns` under `overlays` (the overlays' inputs added). */
export async function storedColumns(columns: readonly FrameColumn[], overlays: FrameOverlays): Promise<RecordColumn[]> {
  const out = new Set<RecordColumn>()
  for (const c of columns) if (!isDerivedColumn(c)) out.add(c)
  if (columns.includes('published_supplier')) out.add('supplier')
  if (overlays.entities && columns.some((c) => ENTITY_COLUMNS.includes(c))) for (const c of ['supplier', 'supplier_key', 'supplier_id'] as const) out.add(c)
  const wantsCategory = columns.some((c) => CATEGORY_COLUMNS.includes(c))
  if (wantsCategory) for (const c of ['category_scheme', 'category_code', 'category'] as const) out.add(c)
  if (overlays.classification && wantsCategory) {
    const {ruleColumns} = await import('../analysis/classify/apply.js')
    for (const c of ruleColumns(overlays.classification.set)) out.add(c)
  }
  return [...out]
}

/**
 * Apply the overlays to a loaded frame and add the derived columns asked for.
 * Also serves frames read from files in memory (`--file`), with NO_OVERLAYS.
 */
export async function deriveColumns(frame: SpendFrame, columns: readonly FrameColumn[], overlays: FrameOverlays): Promise<SpendFrame> {
  let out = frame
  if (overlays.entities && columns.some((c) => ENTITY_COLUMNS.includes(c))) {
    const [{applyCrosswalk}, forms] = await Promise.all([import('../analysis/entities/apply.js'), legalForms()])
    out = applyCrosswalk(out, overlays.entities.rows, forms)
  } else if (columns.includes('published_supplier') && out.columns.supplier) {
    out = {...out, columns: {...out.columns, published_supplier: out.columns.supplier}}
  }
  if (overlays.classification && columns.some((c) => CATEGORY_COLUMNS.includes(c))) {
    const [{applyRules}, {cpvLabels}] = await Promise.all([import('../analysis/classify/apply.js'), import('../io/cpv-labels.js')])
    out = applyRules(out, overlays.classification.set, await cpvLabels())
  } else if (columns.includes('classified_by')) {
    const {dataClassified} = await import('../analysis/classify/data.js')
    out = {...out, columns: {...out.columns, classified_by: dataClassified(out)}}
  }
  if (columns.includes('gpp_group')) {
    const [{gppColumn}, {loadGppTags}] = await Promise.all([import('../analysis/gpp.js'), import('../io/read/gpp.js')])
    out = {...out, columns: {...out.columns, gpp_group: gppColumn(out, await loadGppTags())}}
  }
  return out
}

/**
 * Load `columns` of the workspace's imports (all, or `imports`) with its
 * overlays applied (`overlays: false` loads the data as published;
 * `classification` replaces the stored rules: null for none, or a set to
 * preview without storing it).
 * @example const {frame} = await loadWorkspaceFrame(ws, ['supplier_key', 'supplier', 'amount', 'currency'])
 */
export async function loadWorkspaceFrame(ws: Workspace, columns: readonly FrameColumn[], opts: {imports?: readonly string[]; overlays?: boolean; classification?: FrameOverlays['classification']} = {}): Promise<{frame: SpendFrame; overlays: FrameOverlays}> {
  const wanted = {entities: columns.some((c) => ENTITY_COLUMNS.includes(c)), classification: columns.some((c) => CATEGORY_COLUMNS.includes(c))}
  const stored = opts.overlays === false ? NO_OVERLAYS : await readOverlays(ws, wanted)
  const overlays = opts.classification === undefined ? stored : {...stored, classification: opts.classification}
  const frame = await ws.loadFrame(await storedColumns(columns, overlays), {imports: opts.imports})
  return {frame: await deriveColumns(frame, columns, overlays), overlays}
}

let forms: Promise<LegalForm[]> | undefined

function legalForms(): Promise<LegalForm[]> {
  forms ??= import('../io/read/legal-forms.js').then((m) => m.loadLegalForms())
  return forms
}
