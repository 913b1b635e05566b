/**
 * The overview (totals per currency, rows, buyers, suppliers, period) and
 * the data-quality section (rows read, imported, rejected with the top
 * reasons and the rejects file, skipped; redacted, undated and unclassified
 * shares; each import with its SHA-256 and control totals).
 */
import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import type {SpendFrame} from '../../model/frame.js'
import type {Rows} from '../../analysis/kernel.js'
import {summarise, SUMMARY_COLUMNS, type SpendSummary} from '../../analysis/summary.js'
import {CONTROL_TOTAL_COLUMNS, controlTotalRows} from '../import-report.js'
import {importDir, REJECTS_FILE} from '../../io/workspace/layout.js'
import {rejectReasons} from '../../io/workspace/rejects.js'
import {humanCell, type View} from '../../io/write/view.js'
import {reportClassifyMsg} from '../../messages.js'
import {Workspace} from '../../io/workspace/index.js'
import {crosswalkCounts} from '../entities.js'
import {statsOfCrosswalk} from '../entities-stats.js'
import type {SectionBuilder, SectionInput} from './section-types.js'

/** Reasons listed in the data-quality section (the rest are one "other reasons" row). */
const TOP_REASONS = 10

const share = (v: number | null) => (v === null ? 'n/a' : humanCell(v, 'share'))
const count = (n: number) => humanCell(n, 'int')

/** Summaries per frame and selection: the overview and the data-quality section share one (~0.5 s on 1M rows). */
const summaries = new WeakMap<SpendFrame, Map<Rows, SpendSummary>>()

function summaryOf(input: SectionInput): SpendSummary {
  const byRows = summaries.get(input.frame) ?? new Map<Rows, SpendSummary>()
  summaries.set(input.frame, byRows)
  let s = byRows.get(input.selection)
  if (!s) {
    const imports = input.imports.map((e) => ({id: e.id, file: e.file, rows: e.rows}))
    s = summarise(input.frame, imports, {selection: input.selection})
    byRows.set(input.selection, s)
  }
  return s
}

export const overviewSection: SectionBuilder = {
  title: () => 'Overview',
  columns: () => [...SUMMARY_COLUMNS],
  async build(input, cfg) {
    const s = summaryOf(input)
    const facts = [
      {label: 'Rows', value: count(s.rows)},
      {label: 'Buyers', value: count(s.buyers)},
      {label: 'Suppliers', value: count(s.suppliers)},
      {label: 'Period', value: s.from && s.to ? `${s.from} to ${s.to}` : 'no dated rows'},
      ...s.totals.map((t) => ({label: `Total ${t.currency}`, value: humanCell(t.amount, 'money')})),
    ]
    const rows = s.totals.map((t) => {
      const u = s.unidentified.find((x) => x.currency === t.currency)
      return {currency: t.currency, amount: t.amount, unidentified: u?.amount ?? null, unidentified_share: u?.share ?? null}
    })
    const view: View = {
      title: 'Totals per currency',
      columns: [
        {key: 'currency', header: 'currency'},
        {key: 'amount', header: 'total', kind: 'money'},
        {key: 'unidentified', header: 'redacted or blank supplier', kind: 'money'},
        {key: 'unidentified_share', header: 'share', kind: 'share'},
      ],
      rows,
    }
    return {title: this.title(cfg), facts, views: [view], charts: [], notes: ['Currencies are never added together: each has its own total.']}
  },
}

/**
 * With a stored crosswalk, one fact with its numbers (as spend entities stats
 * and entities apply count them, over the report's imports): supplier names
 * as published, entities after the crosswalk, variants waiting for review.
 */
async function entitiesFact(input: SectionInput): Promise<{label: string; value: string}[]> {
  const e = input.overlays?.entities
  if (!e) return []
  const stats = await statsOfCrosswalk(await Workspace.open(input.workspaceDir), e.rows, 1, input.imports.map((i) => i.id))
  const value = reportClassifyMsg.entitiesLine(stats.names_before, stats.names_after, crosswalkCounts(e.rows).review, e.entry.source)
  return [{label: reportClassifyMsg.entitiesLabel(), value}]
}

/** Rejected rows per reason over the imports, largest first (ties by reason). */
async function reasons(input: SectionInput): Promise<{reason: string; rows: number}[]> {
  const all = new Map<string, number>()
  for (const e of input.imports) {
    if (!e.rejects || e.rows.rejected === 0) continue
    const bytes = await readFile(join(importDir(input.workspaceDir, e.id), e.rejects.file || REJECTS_FILE))
    for (const [reason, n] of rejectReasons(bytes)) all.set(reason, (all.get(reason) ?? 0) + n)
  }
  return [...all].map(([reason, rows]) => ({reason, rows})).sort((a, b) => b.rows - a.rows || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0))
}

export const dataQualitySection: SectionBuilder = {
  title: () => 'Data quality',
  columns: () => [...SUMMARY_COLUMNS],
  async build(input, cfg) {
    const s = summaryOf(input)
    const sum = (k: 'read' | 'imported' | 'rejected' | 'skipped') => input.imports.reduce((n, e) => n + e.rows[k], 0)
    const facts = [
      {label: 'Rows read', value: count(sum('read'))},
      {label: 'Imported', value: count(sum('imported'))},
      {label: 'Rejected', value: count(sum('rejected'))},
      {label: 'Skipped (not data: blank, title, header, total lines)', value: count(sum('skipped'))},
      {label: 'Redacted or blank supplier (share of rows)', value: share(s.shares.redacted)},
      {label: 'Undated (share of rows)', value: share(s.shares.no_date)},
      {label: 'Unclassified: no category (share of rows)', value: share(s.shares.with_category === null ? null : 1 - s.shares.with_category)},
      ...await entitiesFact(input),
    ]
    const rows = input.imports.flatMap((e) => controlTotalRows(e, {id: e.id, file: e.file, sha256: e.sha256, ...e.rows}))
    const importsView: View = {
      title: 'Imports and control totals',
      columns: [
        {key: 'id', header: 'import', fit: 'id'},
        {key: 'file', header: 'file', fit: 'path'},
        {key: 'sha256', header: 'SHA-256', fit: 'id'},
        ...CONTROL_TOTAL_COLUMNS,
      ],
      rows,
    }
    const views: View[] = [importsView]
    const notes: string[] = []
    const listed = await reasons(input)
    if (listed.length) {
      const shown = listed.slice(0, TOP_REASONS)
      const rest = listed.slice(TOP_REASONS).reduce((n, r) => n + r.rows, 0)
      views.push({
        title: 'Rejected rows by reason',
        columns: [{key: 'reason', header: 'reason'}, {key: 'rows', header: 'rows', kind: 'int'}],
        rows: rest ? [...shown, {reason: 'other reasons', rows: rest}] : shown,
      })
      for (const e of input.imports) {
        if (e.rejects && e.rows.rejected > 0) notes.push(`Rejected rows of ${e.file} (line and reason each): ${[input.workspaceShown, 'imports', e.id, e.rejects.file || REJECTS_FILE].join('/')}`)
      }
    }
    notes.push('Every source row is imported or rejected: source total = imported + rejected, per currency.')
    return {title: this.title(cfg), facts, views, charts: [], notes}
  },
}
