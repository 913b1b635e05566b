import type {Problem} from '../types.js'
import type {CompiledSchema} from './index.js'
import type {Unit} from './spend.js'

const FIX: Record<string, string> = {
  required: 'add the missing field',
  type: 'give the value the type the schema asks for',
  enum: 'use one of the codes the schema lists',
  format: 'write the value in the format the schema asks for (dates as ISO 8601 date-time)',
  pattern: 'write the value to match the schema pattern',
  minItems: 'add at least one item or remove the empty list',
  uniqueItems: 'remove the duplicate items',
  minLength: 'give the field a non-empty value',
  minProperties: 'fill in the object or remove it',
}

/** Release schema problems of one release, one per instance path and keyword (oneOf/anyOf noise dropped). */
export function schemaProblems(validate: CompiledSchema, u: Unit): Omit<Problem, 'line' | 'column'>[] {
  if (validate(u.release)) return []
  const out = new Map<string, Omit<Problem, 'line' | 'column'>>()
  for (const e of validate.errors ?? []) {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf' || e.keyword === 'if') continue
    let segs = e.instancePath === '' ? [] : e.instancePath.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    let message = e.message ?? e.keyword
    if (e.keyword === 'required') {
      const prop = String(e.params.missingProperty)
      message = `required field ${prop} is missing`
    } else if (e.keyword === 'additionalProperties') continue
    segs = [...u.path, ...segs]
    const field = segs.join('/')
    const key = `${field} ${e.keyword} ${message}`
    if (!out.has(key)) out.set(key, {severity: 'error', code: `schema-${e.keyword.toLowerCase()}`, message: `${field || '(release)'}: ${message}`, fix: FIX[e.keyword] ?? 'change the value to match the release schema', field})
  }
  return [...out.values()]
}
