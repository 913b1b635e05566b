/**
 * `spend flags` output: the JSON contract (declared once in FLAGS_OUTPUT,
 * schemas/flags.json comes from it), the table for people with the
 * parameters echoed under it, and one row per flag for CSV/TSV. Each flag
 * gets a stable id (its check, kind, subject and first source line hashed),
 * so `spend flags --flag ID` finds it again on the same data.
 */
import {createHash} from 'node:crypto'
import {flagsMsg} from '../../messages.js'
import type {SpendFrame} from '../../model/frame.js'
import {formatMinor} from '../../model/money.js'
import type {FlagsOutcome} from '../../analysis/flags/run.js'
import type {CheckName, Flag, FlagsConfig, ProcurementThreshold} from '../../analysis/flags/types.js'
import type {FilterFields} from './analysis-common.js'
import {count, currency, fieldOf, money, req, text, type Field, type Output} from './output-fields.js'
import type {View, ViewColumn} from './view.js'

/** Evidence lines a flag lists (evidence_count gives the total; `--flag ID` lists all). */
export const EVIDENCE_CAP = 50

const nullableText = (key: string, description?: string): Field => req(text(key, {type: ['string', 'null'], ...(description ? {description} : {})}))

const FLAG_FIELDS: readonly Field[] = [
  req(text('id', {pattern: '^[a-z]+-[0-9a-f]{8}(-\\d+)?$', description: 'Stable id: the check\'s short name and a hash of its kind, subject and first source line (spend flags --flag ID).'})),
  req(text('check')),
  req(text('kind', {description: 'The test within the check (stable ids scripts may key on).'})),
  req(text('buyer')),
  req(text('buyer_id')),
  nullableText('supplier', 'Null where the check is about a buyer (benford, year-end).'),
  nullableText('supplier_key'),
  nullableText('category'),
  req(money('amount', {description: 'Amount involved, exact, in major units of currency.'})),
  req(currency()),
  req({key: 'score', type: 'number', kind: 'number', description: 'Higher is stronger; each check states its scale in parameters.<check>.score.'}),
  req(text('explanation')),
  req({key: 'evidence', type: 'array', description: `The source lines behind the flag, in frame order: the first ${EVIDENCE_CAP} (all with --flag ID).`, fields: [
    req(text('import')),
    req(text('file')),
    req(count('line')),
  ]}),
  req(count('evidence_count')),
]

/** `spend flags --json`, declared once. */
export const FLAGS_OUTPUT: Output = {
  name: 'flags',
  title: '`spend flags --json` (issue 12): integrity flags with their evidence and every parameter used',
  fields: [
    req(text('note')),
    req({key: 'parameters', type: 'object', csv: false, description: 'Everything used, so each flag can be recomputed: checks, filters, min_amount, fiscal_year_start, thresholds (with sources), allow (with how many flags each kept), and per check its parameters and echoed facts.', fields: [
      req({key: 'checks', type: 'array', items: {type: 'string'}}),
      req({key: 'filters', type: 'object'}),
      req(text('min_amount', {type: ['string', 'null']})),
      req({key: 'fiscal_year_start', type: 'integer', minimum: 1}),
      req({key: 'thresholds', type: 'array', fields: [
        req(text('jurisdiction')), req(text('name')), req(currency()), req(money('amount')),
        req(text('from', {type: ['string', 'null']})), req(text('to', {type: ['string', 'null']})), req(text('source')),
      ]}),
      req({key: 'allow', type: 'array', items: {type: 'object', fields: [req(text('reason')), req(count('allowed'))]}}),
    ]}),
    req({key: 'counts', type: 'object', description: 'Per check run: flags raised and flags the allow-list kept.'}),
    req({key: 'notes', type: 'array', fields: [
      req(text('check')), nullableText('buyer'), nullableText('currency'), req(text('text')),
    ]}),
    req(count('below_min_amount')),
    req({key: 'flags', type: 'array', fields: FLAG_FIELDS}),
  ],
}

/** What was run, beside the outcome: for `parameters`. */
export interface FlagsRunFacts {
  checks: readonly CheckName[]
  filters: FilterFields
  config: FlagsConfig
  thresholds: readonly ProcurementThreshold[]
  fiscalYearStart: number
}

export interface FlagJson {
  id: string
  check: string
  kind: string
  buyer: string
  buyer_id: string
  supplier: string | null
  supplier_key: string | null
  category: string | null
  amount: string
  currency: string
  score: number
  explanation: string
  evidence: {import: string; file: string; line: number}[]
  evidence_count: number
}

export interface FlagsOutput {
  note: string
  parameters: Record<string, unknown>
  counts: Record<string, {flags: number; allowed: number}>
  notes: {check: string; buyer: string | null; currency: string | null; text: string}[]
  below_min_amount: number
  flags: FlagJson[]
}

const SHORT: Record<CheckName, string> = {
  duplicates: 'dup', splitting: 'split', 'threshold-bunching': 'bunch', benford: 'benford', 'round-amounts': 'round',
  weekend: 'weekend', 'year-end': 'yearend', 'new-supplier-large': 'newsup', 'market-share': 'share', concentration: 'hhi',
}

/** A frame row's source: import, file and line. */
function evidenceAt(frame: SpendFrame): (row: number) => {import: string; file: string; line: number} {
  const {source, source_file: file, source_line: line} = frame.columns
  const textAt = (c: typeof source, i: number) => (c?.type === 'dict' && c.codes[i] >= 0 ? c.dict[c.codes[i]] : '')
  return (i) => ({import: textAt(source, i), file: textAt(file, i), line: line?.type === 'num' ? line.values[i] : 0})
}

/**
 * A flag's id: the check's short name and 8 hex digits of the SHA-256 of its
 * kind, buyer, supplier, currency and first source line (import, file, line).
 * @example flagId(flag, evidenceAt(frame)) // 'weekend-1a2b3c4d'
 */
export function flagId(f: Flag, at: (row: number) => {import: string; file: string; line: number}): string {
  const first = f.rows.length ? at(f.rows[0]) : {import: '', file: '', line: 0}
  const key = [f.check, f.kind, f.buyer_id, f.supplier_key ?? '', f.category ?? '', f.currency, first.import, first.file, first.line].join('\u0000')
  return `${SHORT[f.check]}-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`
}

/**
 * The ids of flags in output order; a second flag with the same id (same
 * subject and first line) gets `-2`, and so on.
 * @example flagIds(outcome.flags, frame)[0] // 'weekend-1a2b3c4d'
 */
export function flagIds(flags: readonly Flag[], frame: SpendFrame): string[] {
  const at = evidenceAt(frame)
  const seen = new Map<string, number>()
  return flags.map((f) => {
    const base = flagId(f, at)
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    return n === 1 ? base : `${base}-${n}`
  })
}

/** Round a score to 4 decimals for output (scores are floats by nature; -0 and non-finite values shown as 0). */
const score4 = (s: number) => (Number.isFinite(s) ? Math.round(s * 1e4) / 1e4 || 0 : 0)

/**
 * The `--json` result of a run. `only` keeps one flag (by id) and lists all its evidence.
 * @example flagsOutput(outcome, frame, facts).flags[0].evidence_count
 */
export function flagsOutput(outcome: FlagsOutcome, frame: SpendFrame, facts: FlagsRunFacts, only?: string): FlagsOutput {
  const at = evidenceAt(frame)
  const ids = flagIds(outcome.flags, frame)
  const flags: FlagJson[] = []
  outcome.flags.forEach((f, k) => {
    const id = ids[k]
    if (only !== undefined && id !== only) return
    const cap = only !== undefined ? f.rows.length : Math.min(EVIDENCE_CAP, f.rows.length)
    const evidence = Array.from(f.rows.subarray(0, cap), at)
    flags.push({
      id, check: f.check, kind: f.kind, buyer: f.buyer, buyer_id: f.buyer_id, supplier: f.supplier, supplier_key: f.supplier_key,
      category: f.category, amount: formatMinor(f.amount, f.currency), currency: f.currency, score: score4(f.score),
      explanation: f.explanation, evidence, evidence_count: f.rows.length,
    })
  })
  const counts: FlagsOutput['counts'] = {}
  for (const c of facts.checks) counts[c] = {flags: 0, allowed: outcome.allowedByCheck[c] ?? 0}
  for (const f of outcome.flags) if (counts[f.check]) counts[f.check].flags++
  const thresholds = facts.thresholds.map((t) => ({
    jurisdiction: t.jurisdiction, name: t.name, currency: t.currency, amount: formatMinor(t.minor, t.currency), from: t.from, to: t.to, source: t.source,
  }))
  const allow = (facts.config.allow ?? []).map((e, i) => ({...e, allowed: outcome.allowed[i] ?? 0}))
  return {
    note: flagsMsg.note(),
    parameters: {
      checks: [...facts.checks], filters: facts.filters, min_amount: facts.config.min_amount ?? null, fiscal_year_start: facts.fiscalYearStart,
      thresholds, allow, ...outcome.parameters,
    },
    counts,
    notes: outcome.notes.map((n) => ({check: n.check, buyer: n.buyer, currency: n.currency, text: n.text})),
    below_min_amount: outcome.belowMinAmount,
    flags,
  }
}

/** Evidence as people read it: the first file:line and how many more. */
const evidenceShort = (f: FlagJson) => (f.evidence.length ? `${f.evidence[0].file}:${f.evidence[0].line}${f.evidence_count > 1 ? ` +${f.evidence_count - 1}` : ''}` : '')

/** One line per parameter and echoed fact: `check.key = value`. */
export function parameterLines(out: FlagsOutput): string[] {
  const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v))
  const lines: string[] = []
  const p = out.parameters
  lines.push(`checks = ${(p.checks as string[]).join(', ')}`)
  const filters = Object.entries(p.filters as Record<string, unknown>)
  if (filters.length) lines.push(`filters = ${filters.map(([k, v]) => `${k} ${show(v)}`).join('; ')}`)
  lines.push(`min_amount = ${p.min_amount ?? 'none'}`, `fiscal_year_start = ${p.fiscal_year_start}`)
  for (const t of p.thresholds as Record<string, unknown>[]) {
    lines.push(`threshold ${t.name} ${t.currency} ${t.amount} (${t.from ?? 'open'} to ${t.to ?? 'open'}; ${t.jurisdiction}: ${t.source})`)
  }
  for (const a of p.allow as Record<string, unknown>[]) {
    const what = ['check', 'buyer', 'supplier', 'amount', 'currency'].filter((k) => a[k] !== undefined).map((k) => `${k} ${show(a[k])}`).join(', ')
    lines.push(`allow ${what || 'any'}: ${a.reason} (kept ${a.allowed})`)
  }
  for (const c of p.checks as string[]) {
    for (const [k, v] of Object.entries((p[c] ?? {}) as Record<string, unknown>)) lines.push(`${c}.${k} = ${show(v)}`)
  }
  return lines
}

const lineView = (title: string, lines: readonly string[]): View => ({title, columns: [{key: 'line', header: '', fit: 'id'}], rows: lines.map((line) => ({line}))})

/** The verdict line under the table. */
export function verdictLine(out: FlagsOutput): string {
  const allowed = Object.values(out.counts).reduce((n, c) => n + c.allowed, 0)
  return flagsMsg.verdict(out.flags.length, Object.keys(out.counts).length, allowed, out.below_min_amount)
}

/**
 * Views of `spend flags`: for people the flags table (80 columns read well:
 * explanation and names are cut first, ids never), the parameters, the notes
 * and the verdict; for CSV/TSV one row per flag with its evidence as a
 * `file:line` list (the first 50) and evidence_count.
 * @example flagsViews(out, true)[0].columns.map((c) => c.header) // ['id', 'check', 'buyer', ...]
 */
export function flagsViews(out: FlagsOutput, human: boolean, limit?: number): View[] {
  const fields = fieldOf(FLAGS_OUTPUT.fields, 'flags').fields!
  if (!human) {
    const columns: ViewColumn[] = fields.map((f) => (f.key === 'evidence' ? {key: 'evidence', header: 'evidence'} : {key: f.key, header: f.key, ...(f.kind ? {kind: f.kind} : {})}))
    const rows = out.flags.map((f) => ({...f, evidence: f.evidence.map((e) => `${e.file}:${e.line}`).join(' ')}))
    return [{title: 'Integrity flags', columns, rows}]
  }
  const shown = limit === undefined ? out.flags : out.flags.slice(0, limit)
  const columns: ViewColumn[] = [
    {key: 'id', header: 'id', fit: 'id'},
    // The id starts with the check's short name, so a narrow terminal may leave the check column out.
    {key: 'check', header: 'check', fit: 'id', drop: 2},
    {key: 'buyer', header: 'buyer', fit: 'name', drop: 3},
    {key: 'supplier', header: 'supplier', fit: 'name'},
    {key: 'amount', header: 'amount', kind: 'money'},
    {key: 'currency', header: 'cur'},
    {key: 'score', header: 'score', kind: 'number', drop: 1},
    {key: 'evidence', header: 'evidence', fit: 'path', drop: 4},
  ]
  const rows = shown.map((f) => ({...f, supplier: f.supplier ?? f.category ?? '', evidence: evidenceShort(f)}))
  const views: View[] = [shown.length ? {title: 'Integrity flags', columns, rows} : lineView('Integrity flags', [flagsMsg.noFlags()])]
  // The explanations are sentences: a line each under the table reads at any width, where a column of them did not.
  if (shown.length) views.push(lineView('Why each was flagged', shown.map((f) => `${f.id}: ${f.explanation} (evidence ${evidenceShort(f)})`)))
  if (limit !== undefined && out.flags.length > limit) views.push(lineView('', [flagsMsg.moreFlags(out.flags.length - limit)]))
  views.push(lineView('Parameters', parameterLines(out)))
  if (out.notes.length) views.push(lineView('Notes', out.notes.map((n) => `${n.check}${n.buyer ? ` (${n.buyer}${n.currency ? `, ${n.currency}` : ''})` : ''}: ${n.text}`)))
  views.push(lineView('', [verdictLine(out)]))
  return views
}
