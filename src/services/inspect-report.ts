/**
 * Views of `spend inspect`. For people (table, md), per source: a short "what
 * I found" block that says why each decision was made, the column mapping,
 * sample rows as they would be imported, the first problems and warnings.
 * For scripts (csv, tsv): one row per source and currency.
 */
import type {InspectResult, InspectSource} from './inspect.js'
import {groupThousands, type View} from '../io/write/view.js'

/** Longest value line in the "what I found" block: keeps an 80-column terminal table untruncated. */
const WRAP = 56

/** Unused columns named before "and N more". */
const UNUSED_SHOWN = 10

const HOW: Record<string, string> = {
  exact: 'same name',
  synonym: 'known name',
  fuzzy: 'close spelling: check it',
  'map-file': '--map',
  flag: '--buyer',
  title: 'title line above the header',
  filename: 'file name',
  ocds: 'OCDS field',
}

const ORDER: Record<string, string> = {
  dmy: 'day-first (dmy)', mdy: 'month-first (mdy)', ymd: 'year-first (ymd)', serial: 'Excel day numbers', mixed: 'mixed',
}

const n = (v: number) => groupThousands(String(v))
/** "1 line", "2 lines". */
const count = (v: number, noun: string) => `${n(v)} ${noun}${v === 1 ? '' : 's'}`

/** Split text into lines of at most `width` characters, at spaces where possible. */
export function wrapText(text: string, width = WRAP): string[] {
  const out: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      out.push(line)
      line = ''
    }
    line = line === '' ? word : `${line} ${word}`
    while (line.length > width) {
      out.push(line.slice(0, width))
      line = line.slice(width)
    }
  }
  out.push(line)
  return out
}

function howText(how: string | undefined, s: InspectSource): string {
  if (how === 'preset') return `${s.preset?.name ?? 'preset'} layout`
  return how === undefined ? '' : (HOW[how] ?? how)
}

function verdict(s: InspectSource): string {
  if (s.error) return `cannot be read: ${s.error.message}`
  if (s.ocds?.nothing_to_import || s.rows.read === 0) {
    if ((s.skipped.nil ?? 0) > 0) return 'a NIL return (no spend this period): nothing to import'
    return s.warnings.length ? 'nothing to import (see Warnings)' : 'nothing to import: no spend rows found'
  }
  const fuzzy = Object.values(s.mapping_how).includes('fuzzy') ? '; check the columns guessed by close spelling' : ''
  const rows = s.rows.rejected === 0
    ? `${count(s.rows.imported, 'row')}, none rejected`
    : `${count(s.rows.imported, 'row')} and reject ${n(s.rows.rejected)} (see Problems)`
  const unknown = s.currency_evidence?.suggestion
  if (unknown) return `import refuses it: its currency is unknown (give ${unknown.flag}); then it would import ${rows}${fuzzy}`
  return `would import ${rows}${fuzzy}`
}

/** The currency, where it came from, and for an unknown one the flag to give and why. */
function currencyText(s: InspectSource): string {
  const hint = s.currency_evidence?.suggestion
  if (hint) return `unknown: nothing in the file names it; give ${hint.flag} (${hint.why})`
  return s.currency ? `${s.currency}, from ${s.currency_source}` : s.currency_source
}

function layout(s: InspectSource): string {
  const p = s.preset
  if (p?.name === 'ocds') return `OCDS ${s.ocds?.shape ?? ''}`
  if (p) {
    const share = `${Math.round(p.confidence * 100)}%`
    return p.forced
      ? `${p.name} (from --preset; the header has ${share} of its signature columns)`
      : `${p.name} (${share} sure: ${p.matched.length} signature columns found: ${p.matched.join(', ')})`
  }
  const near = s.preset_closest ? ` (closest: ${s.preset_closest.name}, ${s.preset_closest.matched.length} columns)` : ''
  return `no known layout${near}; columns mapped by name`
}

function formatText(s: InspectSource): string {
  const parts = [s.format.toUpperCase()]
  if (s.container.length) parts[0] += ` inside ${s.container.join(' inside ')}`
  if (s.encoding) parts.push(`encoding ${s.encoding}`)
  if (s.delimiter) parts.push(`delimiter ${s.delimiter === '\t' ? 'tab' : `'${s.delimiter}'`}`)
  if (s.format === 'xls' || s.format === 'xlsx' || s.format === 'ods') parts.push('typed cells')
  return parts.join(', ')
}

function buyerText(s: InspectSource): string {
  if (s.buyer !== null) return `"${s.buyer}", from ${s.buyer_source}`
  if (s.buyers === 0) return `none found (from ${s.buyer_source})`
  return `${n(s.buyers)}${s.buyers >= 1000 ? '+' : ''} buyers, from ${s.buyer_source}`
}

function skippedText(s: InspectSource): string {
  const kinds = Object.entries(s.skipped).filter(([, v]) => v > 0)
  if (kinds.length === 0) return 'none'
  return `${count(s.rows.skipped, 'line')}: ${kinds.map(([k, v]) => `${n(v)} ${k.replace(/_/g, ' ')}`).join(', ')}`
}

/** Counts over the rows that would be imported: what analysis will be missing. */
function qualityText(s: InspectSource): string {
  const q = s.quality
  const of = (v: number) => `${n(v)} of ${n(s.rows.imported)}`
  return `no date ${of(q.no_date)}; redacted supplier ${of(q.redacted)}; with supplier id ${of(q.with_supplier_id)}; with category ${of(q.with_category)}`
}

/** Label/value pairs of the "what I found" block, before wrapping. */
function found(s: InspectSource): [string, string][] {
  const out: [string, string][] = [['Verdict', verdict(s)], ['Format', formatText(s)]]
  if (s.error) return out
  if (s.ocds) {
    const o = s.ocds
    out.push(['Document', `${o.shape}: ${count(o.releases, 'release')}${o.records ? `, ${count(o.records, 'record')}` : ''}`])
    out.push([`${o.level[0]?.toUpperCase()}${o.level.slice(1)}`, `${n(o.awards)} distinct, ${n(o.with_value)} with a value, ${n(o.no_value)} without, ${n(o.zero_value)} zero, ${n(o.no_currency)} no currency${o.split ? `, ${n(o.split)} split between suppliers` : ''}${o.superseded ? `, ${n(o.superseded)} repeated versions dropped` : ''}`])
  } else {
    out.push(['Header', `line ${s.header_line ?? '?'}, ${s.header.filter((h) => h.trim()).length} columns`])
  }
  out.push(['Layout', layout(s)])
  out.push(['Currency', currencyText(s)])
  if (s.decimal) out.push(['Decimal', `'${s.decimal}' (${s.decimal_reason ?? ''})`])
  if (s.date_order) out.push(['Dates', `${ORDER[s.date_order] ?? s.date_order}: ${s.date_order_reason ?? ''}`])
  else if (s.date_order_reason) out.push(['Dates', s.date_order_reason])
  out.push(['Buyer', buyerText(s)])
  out.push(['Rows', `${n(s.rows.read)} data rows: ${n(s.rows.imported)} would import, ${n(s.rows.rejected)} rejected`])
  out.push(['Skipped', skippedText(s)])
  if (s.rows.imported > 0) out.push(['Quality', qualityText(s)])
  for (const t of s.totals) {
    out.push([t.currency === 'XXX' ? 'Total (unknown)' : `Total ${t.currency}`, `${groupThousands(t.source)} = imported ${groupThousands(t.imported)} + rejected ${groupThousands(t.rejected)}`])
  }
  const unused = s.unused_columns
  if (unused.length > UNUSED_SHOWN + 2) out.push(['Not used', `${unused.slice(0, UNUSED_SHOWN).join(', ')} and ${unused.length - UNUSED_SHOWN} more (--json lists all)`])
  else if (unused.length) out.push(['Not used', unused.join(', ')])
  return out
}

function foundView(s: InspectSource): View {
  const rows = found(s).flatMap(([item, value]) => wrapText(value).map((line, i) => ({item: i === 0 ? item : '', value: line})))
  return {title: `What I found: ${s.file}`, columns: [{key: 'item', header: ''}, {key: 'value', header: ''}], rows}
}

/** Whether the supplier id column is used as a registry id, and which registry. */
function idNote(s: InspectSource): string {
  return s.supplier_id_scheme ? `; ${s.supplier_id_scheme} ids` : '; own numbers'
}

function mappingView(s: InspectSource): View {
  const rows = Object.entries(s.mapping)
    .filter(([field, col]) => col !== null || ['amount', 'supplier', 'date', 'buyer'].includes(field))
    .map(([field, col]) => ({
      field,
      column: col === null ? (field === 'buyer' && s.buyer ? `(none: "${s.buyer}")` : '(none)') : col.trim(),
      how: howText(s.mapping_how[field], s) + (field === 'supplier_id' && !s.ocds ? idNote(s) : ''),
    }))
  return {title: 'Columns', columns: [{key: 'field', header: 'field'}, {key: 'column', header: 'column'}, {key: 'how', header: 'how chosen'}], rows}
}

/** Sample rows; the buyer column only when there are several (one buyer is named above), so 80 columns suffice. */
function sampleView(s: InspectSource): View {
  const several = s.buyer === null
  return {
    title: `Sample rows (first ${s.samples.length}, as they would be imported)`,
    columns: [
      {key: 'line', header: 'line', kind: 'int'},
      {key: 'date', header: 'date'},
      ...(several ? [{key: 'buyer', header: 'buyer'}] : []),
      {key: 'supplier', header: 'supplier'},
      {key: 'amount', header: 'amount', kind: 'money'},
      {key: 'currency', header: 'cur'},
      ...(several ? [] : [{key: 'expense_type', header: 'expense type'}]),
    ],
    // An unknown currency is carried as ISO 4217 XXX ("no currency"): shown as such.
    rows: s.samples.map((r) => ({...r, currency: r.currency === 'XXX' ? '?' : r.currency})),
  }
}

function problemViews(s: InspectSource): View[] {
  const views: View[] = []
  if (s.problems.length) {
    views.push({
      title: s.problems.length === s.rows.rejected
        ? `Problems (${count(s.rows.rejected, 'rejected row')})`
        : `Problems (first ${s.problems.length} of ${n(s.rows.rejected)} rejected rows)`,
      columns: [{key: 'line', header: 'line', kind: 'int'}, {key: 'reason', header: 'reason'}],
      rows: s.problems.map((p) => ({...p})),
    })
  }
  if (s.warnings.length) {
    const rows = s.warnings.flatMap((w) => wrapText(w, 74).map((line, i) => ({warning: i === 0 ? `- ${line}` : `  ${line}`})))
    views.push({title: 'Warnings', columns: [{key: 'warning', header: ''}], rows})
  }
  return views
}

/**
 * Views of an inspect result: the explained blocks for people, one wide table for scripts.
 *
 * @example inspectViews(result, true)[0].title // 'What I found: spend.csv'
 */
export function inspectViews(r: InspectResult, human: boolean): View[] {
  if (human) {
    return r.sources.flatMap((s) => {
      if (s.error) return [foundView(s)]
      return [foundView(s), mappingView(s), ...(s.samples.length ? [sampleView(s)] : []), ...problemViews(s)]
    })
  }
  return [{
    columns: [
      'file', 'format', 'encoding', 'delimiter', 'header_line', 'preset', 'confidence', 'currency', 'date_order',
      'read', 'imported', 'rejected', 'skipped', 'total_currency', 'source_total', 'imported_total', 'rejected_total', 'error',
    ].map((key) => ({key, header: key})),
    rows: r.sources.flatMap((s) => {
      const base = {
        file: s.file, format: s.format, encoding: s.encoding, delimiter: s.delimiter, header_line: s.header_line,
        preset: s.preset?.name ?? null, confidence: s.preset?.confidence ?? null, currency: s.currency, date_order: s.date_order,
        ...s.rows, error: s.error?.message ?? null,
      }
      if (s.totals.length === 0) return [base]
      return s.totals.map((t) => ({...base, total_currency: t.currency, source_total: t.source, imported_total: t.imported, rejected_total: t.rejected}))
    }),
  }]
}
