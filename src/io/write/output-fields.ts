import type {ColumnKind, ViewColumn} from './view.js'

/**
 * Each output is declared once, as a list of fields: the JSON key, its JSON
 * shape (type, pattern, enum, minimum, nested fields) and its column kind. The
 * machine views' columns (CSV, TSV) are derived from it (columnsOf), and
 * schemas/*.json are generated from it (schemaOf, `npm run schemas`), so adding
 * a field is one edit here plus the line computing its value. A test fails when
 * a committed schema differs from the generated one.
 */

export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'object' | 'array'

/** The shape of a JSON value: a subset of JSON Schema (what test/contracts/schema-check.ts checks). */
export interface Shape {
  description?: string
  type?: JsonType | readonly JsonType[]
  pattern?: string
  enum?: readonly (string | number | boolean | null)[]
  minimum?: number
  /** An object's fields, in JSON order. */
  fields?: readonly Field[]
  /** An object that admits no other fields (additionalProperties: false). */
  closed?: true
  /** Each item of an array. */
  items?: Shape
}

/** A field of an output: its key in JSON (and its CSV header), its shape and how it is shown. */
export interface Field extends Shape {
  key: string
  required?: true
  kind?: ColumnKind
  /** Not a CSV/TSV column (an object field is otherwise flattened to `key_child` columns). */
  csv?: false
  /** Stands for the dimension columns (`--by`): no JSON field of its own in the schema. */
  dims?: true
}

/** An output: its schema's name (schemas/NAME.json), title and top-level fields. */
export interface Output {
  name: string
  title: string
  fields: readonly Field[]
}

/** Exact decimal money text. */
export const MONEY_PATTERN = '^-?\\d+(\\.\\d+)?$'
/** ISO 4217 currency code. */
export const CURRENCY_PATTERN = '^[A-Z]{3}$'

/** Where the dimension columns go in a row. */
export const DIMS: Field = {key: '*dims', dims: true}

/** Shorthands for the usual fields. */
export const money = (key: string, more: Partial<Field> = {}): Field => ({key, type: 'string', pattern: MONEY_PATTERN, kind: 'money', ...more})
export const currency = (key = 'currency', more: Partial<Field> = {}): Field => ({key, type: 'string', pattern: CURRENCY_PATTERN, ...more})
export const count = (key: string, more: Partial<Field> = {}): Field => ({key, type: 'integer', minimum: 0, kind: 'int', ...more})
export const share = (key: string, more: Partial<Field> = {}): Field => ({key, type: ['number', 'null'], kind: 'share', ...more})
export const text = (key: string, more: Partial<Field> = {}): Field => ({key, type: 'string', ...more})
export const req = (f: Field): Field => ({...f, required: true})

const isType = (s: Shape, t: JsonType) => (Array.isArray(s.type) ? s.type.includes(t) : s.type === t)

/**
 * The CSV/TSV columns of rows with these fields, in order: the header is the
 * JSON key; an object field becomes one column per scalar child (`key_child`);
 * arrays and `csv: false` fields are left out; DIMS is replaced by `dims`.
 * @example columnsOf([DIMS, currency(), money('amount')], dimColumns(['buyer'])).map((c) => c.key) // ['buyer', 'buyer_id', 'currency', 'amount']
 */
export function columnsOf(fields: readonly Field[], dims: readonly ViewColumn[] = [], omit: readonly string[] = []): ViewColumn[] {
  const out: ViewColumn[] = []
  for (const f of fields) {
    if (f.dims) out.push(...dims)
    else if (f.csv === false || omit.includes(f.key) || isType(f, 'array')) continue
    else if (f.fields) {
      for (const c of f.fields) if (!c.fields && !isType(c, 'array') && c.csv !== false) out.push(column(`${f.key}_${c.key}`, c))
    } else out.push(column(f.key, f))
  }
  return out
}

/**
 * Columns for people over declared fields: the header people see (and, where
 * a table shows it otherwise, its own kind), with the declared kind. A key
 * not declared throws (a table and its output disagree).
 * @example labelled(rows, {currency: 'cur', amount: 'amount', hhi: ['HHI', 'int']})
 */
export function labelled(fields: readonly Field[], headers: Record<string, string | [string, ColumnKind]>): ViewColumn[] {
  return Object.entries(headers).map(([key, h]) => {
    const declared = fieldOf(fields, key)
    const [header, kind] = typeof h === 'string' ? [h, declared.kind] : h
    return kind ? {key, header, kind} : {key, header}
  })
}

const column = (key: string, f: Field): ViewColumn => (f.kind ? {key, header: key, kind: f.kind} : {key, header: key})

/**
 * The field of this key (throws when there is none: a declaration and its use disagree).
 * @example fieldOf(TOP_OUTPUT.fields, 'rows').fields
 */
export function fieldOf(fields: readonly Field[], key: string): Field {
  const f = fields.find((x) => x.key === key)
  if (!f) throw new Error(`bug: no field ${key}`)
  return f
}

type Json = Record<string, unknown>

function shapeSchema(s: Shape): Json {
  const out: Json = {}
  if (s.description !== undefined) out.description = s.description
  if (s.type !== undefined) out.type = s.type
  if (s.pattern !== undefined) out.pattern = s.pattern
  if (s.enum !== undefined) out.enum = s.enum
  if (s.minimum !== undefined) out.minimum = s.minimum
  if (s.fields) Object.assign(out, objectSchema(s.fields, s.closed))
  if (s.items) out.items = shapeSchema(s.items)
  return out
}

function objectSchema(fields: readonly Field[], closed?: true): Json {
  const own = fields.filter((f) => !f.dims)
  const required = own.filter((f) => f.required).map((f) => f.key)
  const properties: Json = {}
  for (const f of own) {
    const {key, required: _r, kind: _k, csv: _c, dims: _d, ...shape} = f
    properties[key] = shapeSchema(f.fields && shape.type === 'array' ? {...shape, fields: undefined, items: {type: 'object', fields: f.fields}} : shape)
  }
  return {...(required.length ? {required} : {}), properties, additionalProperties: !closed}
}

/**
 * The JSON Schema of an output (what schemas/NAME.json holds).
 * @example schemaOf(TOP_OUTPUT).properties.rows.items.required // ['rank', 'currency', ...]
 */
export function schemaOf(o: Output): Json {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://spendkit.dev/schemas/${o.name}.json`,
    title: o.title,
    type: 'object',
    ...objectSchema(o.fields),
  }
}

/**
 * The schema file's text: two-space JSON, arrays of plain values on one line.
 * @example schemaText(TOP_OUTPUT).startsWith('{\n  "$schema"') // true
 */
export function schemaText(o: Output): string {
  return pretty(schemaOf(o), '') + '\n'
}

function pretty(v: unknown, indent: string): string {
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || typeof x !== 'object')) return `[${v.map((x) => JSON.stringify(x)).join(', ')}]`
    return `[\n${v.map((x) => `${indent}  ${pretty(x, indent + '  ')}`).join(',\n')}\n${indent}]`
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v)
    if (!entries.length) return '{}'
    return `{\n${entries.map(([k, x]) => `${indent}  ${JSON.stringify(k)}: ${pretty(x, indent + '  ')}`).join(',\n')}\n${indent}}`
  }
  return JSON.stringify(v)
}
