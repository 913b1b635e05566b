/**
 * A deliberately tiny JSON Schema checker for the hand-written schemas in
 * schemas/*.json, so the contract tests need no new dependency (ajv). It knows
 * only the keywords those schemas use: type (a name or an array of names,
 * which is how a field is made nullable), required, properties, items,
 * additionalProperties, pattern, enum and minimum. Any other keyword throws,
 * so a schema can never silently ask for a check that is not made.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {ROOT} from '../helpers/cli.js'

export interface Schema {
  type?: string | string[]
  required?: string[]
  properties?: Record<string, Schema>
  items?: Schema
  additionalProperties?: boolean
  pattern?: string
  enum?: unknown[]
  minimum?: number
  [annotation: string]: unknown
}

const CHECKED = new Set(['type', 'required', 'properties', 'items', 'additionalProperties', 'pattern', 'enum', 'minimum'])
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description'])

/** The JSON type name of a value, with 'integer' for whole numbers (they are also 'number'). */
function typeNames(value: unknown): string[] {
  if (value === null) return ['null']
  if (Array.isArray(value)) return ['array']
  if (typeof value === 'number') return Number.isInteger(value) ? ['integer', 'number'] : ['number']
  return [typeof value]
}

/**
 * Every way `value` breaks `schema`, as `path: problem` lines (empty when it conforms).
 * @example check({type: 'object', required: ['rows']}, {}) // ['$: missing required "rows"']
 */
export function check(schema: Schema, value: unknown, path = '$'): string[] {
  for (const key of Object.keys(schema)) {
    if (!CHECKED.has(key) && !ANNOTATIONS.has(key)) throw new Error(`schema-check: unsupported keyword "${key}" at ${path}`)
  }
  const errors: string[] = []
  if (schema.type !== undefined) {
    const allowed = Array.isArray(schema.type) ? schema.type : [schema.type]
    const actual = typeNames(value)
    if (!actual.some((t) => allowed.includes(t))) {
      return [`${path}: expected ${allowed.join('|')}, got ${actual[0]} ${JSON.stringify(value)?.slice(0, 60)}`]
    }
  }
  if (schema.enum && !schema.enum.some((e) => e === value)) errors.push(`${path}: ${JSON.stringify(value)} not one of ${JSON.stringify(schema.enum)}`)
  if (schema.pattern !== undefined && typeof value === 'string' && !new RegExp(schema.pattern, 'u').test(value)) {
    errors.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`)
  }
  if (schema.minimum !== undefined && typeof value === 'number' && value < schema.minimum) errors.push(`${path}: ${value} < ${schema.minimum}`)
  if (Array.isArray(value) && schema.items) value.forEach((item, i) => errors.push(...check(schema.items!, item, `${path}[${i}]`)))
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>
    for (const name of schema.required ?? []) if (!(name in obj)) errors.push(`${path}: missing required "${name}"`)
    for (const [name, sub] of Object.entries(schema.properties ?? {})) {
      if (name in obj) errors.push(...check(sub, obj[name], `${path}.${name}`))
    }
    if (schema.additionalProperties === false) {
      for (const name of Object.keys(obj)) if (!(name in (schema.properties ?? {}))) errors.push(`${path}: unexpected "${name}"`)
    }
  }
  return errors
}

/** Load schemas/NAME.json from the repository root. */
export function loadSchema(name: string): Schema {
  return JSON.parse(readFileSync(join(ROOT, 'schemas', `${name}.json`), 'utf8')) as Schema
}
