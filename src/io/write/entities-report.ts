import type {EntityStats} from '../../analysis/entities/stats.js'
import type {CrosswalkRow} from '../../model/crosswalk.js'
import {DECISIONS} from '../../model/crosswalk.js'
import {formatMinor} from '../../model/money.js'
import {columnsOf, count, currency, fieldOf, money, req, text, type Field, type Output} from './output-fields.js'
import type {View, ViewColumn} from './view.js'

/**
 * `spend entities suggest|apply|stats`: their JSON declared once (schemas
 * from it), and their views.
 */

/** The fields of one crosswalk row, in CSV order. */
export const CROSSWALK_FIELDS: readonly Field[] = [
  req(text('variant', {description: 'The published supplier name, whitespace collapsed.'})),
  req(text('entity_key', {description: 'The entity the variant belongs to (blank allowed for review and reject rows).'})),
  req(text('entity_name', {description: 'The entity\'s display name.'})),
  req({key: 'score', type: ['number', 'null'], kind: 'number', description: '0..1, how sure the proposal is; null for a row a person added with no score.'}),
  req(text('evidence', {description: 'Which rule or id matched.'})),
  req(text('decision', {enum: DECISIONS})),
  req(text('supplier_id', {type: ['string', 'null'], description: 'The scheme-prefixed id the variant arrived with.'})),
]

/** `spend entities suggest --json`: exactly {rows}. */
export const ENTITIES_SUGGEST_OUTPUT: Output = {
  name: 'entities-suggest',
  title: '`spend entities suggest --json` (issue 11): the proposed supplier-entity crosswalk, one row per (variant, supplier_id), earlier decisions kept',
  fields: [req({key: 'rows', type: 'array', fields: CROSSWALK_FIELDS})],
}

const COUNTS: readonly Field[] = [
  req(count('variants')),
  req(count('entities')),
  req(count('merged')),
  req(count('review')),
  req(count('rejected')),
]

/** `spend entities apply FILE --json` and `--clear --json`. */
export const ENTITIES_APPLY_OUTPUT: Output = {
  name: 'entities-apply',
  title: '`spend entities apply FILE|--clear --json` (issue 11): the crosswalk stored in the workspace (or removed), what it holds and what changed',
  fields: [
    req({key: 'stored', type: ['object', 'null'], description: 'The stored crosswalk (null after --clear).', fields: [
      req(text('file')),
      req(text('sha256', {pattern: '^[0-9a-f]{64}$'})),
      req(count('rows')),
      req(text('source')),
    ]}),
    {key: 'removed', type: ['string', 'null'], description: 'With --clear: the file removed (null when none was stored).'},
    {key: 'counts', type: 'object', fields: COUNTS},
    {key: 'changes', type: 'object', description: 'Rows against the crosswalk stored before.', fields: [req(count('added')), req(count('changed')), req(count('removed'))]},
  ],
}

const AMOUNTS: Field = req({key: 'amounts', type: 'array', fields: [req(currency('currency', {type: ['string', 'null']})), req(count('rows')), req(money('amount'))]})

/** `spend entities stats --json`. */
export const ENTITIES_STATS_OUTPUT: Output = {
  name: 'entities-stats',
  title: '`spend entities stats --json` (issue 11): supplier names before and after the crosswalk, the largest merges, the spend whose supplier changed entity (per currency)',
  fields: [
    req({key: 'crosswalk', type: 'boolean', description: 'Whether the workspace stores a crosswalk.'}),
    req(count('names_before', {description: 'Distinct supplier keys as published (redacted and blank not counted).'})),
    req(count('names_after', {description: 'Distinct supplier keys with the crosswalk applied.'})),
    req({key: 'merges', type: 'array', fields: [
      req(text('entity_key')),
      req(text('entity_name')),
      req(count('variants', {description: 'Distinct published names merged.'})),
      req(count('keys', {description: 'Distinct published supplier keys merged.'})),
      req(count('rows')),
      AMOUNTS,
    ]}),
    req({key: 'changed', type: 'array', description: 'Per currency: rows whose entity key differs from the published supplier_key.', fields: [req(currency('currency', {type: ['string', 'null']})), req(count('rows')), req(money('amount'))]}),
  ],
}

/** A crosswalk row as JSON. */
export const crosswalkJson = (r: CrosswalkRow) => ({variant: r.variant, entity_key: r.entity_key, entity_name: r.entity_name, score: r.score, evidence: r.evidence, decision: r.decision, supplier_id: r.supplier_id})

/**
 * The crosswalk as a view (tables, TSV, Markdown).
 * @example suggestViews(rows)[0].columns.map((c) => c.key) // ['variant', 'entity_key', ...]
 */
export function suggestViews(rows: readonly CrosswalkRow[]): View[] {
  const columns = columnsOf(fieldOf(ENTITIES_SUGGEST_OUTPUT.fields, 'rows').fields!)
  return [{title: 'Proposed supplier entities', columns, rows: rows.map(crosswalkJson)}]
}

const amountJson = (a: {currency: string | null; rows: number; amount: bigint}) => ({currency: a.currency, rows: a.rows, amount: formatMinor(a.amount, a.currency ?? '')})

/**
 * `spend entities stats --json`.
 * @example statsJson(stats, true).names_after
 */
export function statsJson(stats: EntityStats, crosswalk: boolean) {
  return {
    crosswalk,
    names_before: stats.names_before,
    names_after: stats.names_after,
    merges: stats.merges.map((m) => ({entity_key: m.entity_key, entity_name: m.entity_name, variants: m.variants, keys: m.keys, rows: m.rows, amounts: m.amounts.map(amountJson)})),
    changed: stats.changed.map(amountJson),
  }
}

/**
 * Views of `spend entities stats`: the counts, the merges (one row per entity and currency), the changed spend.
 * @example statsViews(statsJson(stats, true))
 */
export function statsViews(out: ReturnType<typeof statsJson>): View[] {
  const cur: ViewColumn = {key: 'currency', header: 'cur'}
  return [
    {title: 'Supplier names', columns: [{key: 'before', header: 'before', kind: 'int'}, {key: 'after', header: 'after', kind: 'int'}], rows: [{before: out.names_before, after: out.names_after}]},
    {
      title: 'Largest merges',
      columns: [{key: 'entity_name', header: 'entity'}, {key: 'entity_key', header: 'entity key', fit: 'id', drop: 2}, {key: 'variants', header: 'variants', kind: 'int'}, {key: 'keys', header: 'keys', kind: 'int', drop: 1}, cur, {key: 'rows', header: 'rows', kind: 'int'}, {key: 'amount', header: 'amount', kind: 'money'}],
      rows: out.merges.flatMap((m) => m.amounts.map((a) => ({entity_name: m.entity_name, entity_key: m.entity_key, variants: m.variants, keys: m.keys, currency: a.currency, rows: a.rows, amount: a.amount}))),
    },
    {title: 'Spend whose supplier changed entity', columns: [cur, {key: 'rows', header: 'rows', kind: 'int'}, {key: 'amount', header: 'amount', kind: 'money'}], rows: out.changed},
  ]
}

/**
 * What a CSV/TSV of `spend entities stats` (the merges only) cannot carry: the counts and the changed spend, for stderr.
 * @example statsNote(statsJson(stats, true)) // 'supplier names: 1406 before, 1400 after; spend that changed entity: GBP 3 rows 600.60'
 */
export function statsNote(out: ReturnType<typeof statsJson>): string {
  const changed = out.changed.map((c) => `${c.currency ?? '(no currency)'} ${c.rows} rows ${c.amount}`).join(', ')
  return `supplier names: ${out.names_before} before, ${out.names_after} after; spend that changed entity: ${changed === '' ? 'none' : changed}`
}
