import {readFile, stat} from 'node:fs/promises'
import {join} from 'node:path'

import {SpendInputError} from '../../../errors.js'
import {packageRoot} from '../../../paths.js'
import type {Guidance, Problem, ValidationOutcome} from '../types.js'
import {locate} from './locate.js'
import {schemaProblems} from './schema.js'
import {spendProblems, type Unit} from './spend.js'

export const OCDS_GUIDANCE: Guidance = {
  name: 'Open Contracting Data Standard release schema',
  version: '1.1.5',
  url: 'https://standard.open-contracting.org/1.1/en/schema/release/',
}

/** Largest OCDS file parsed whole (a package is one JSON value). */
const MAX_BYTES = 512 << 20

/** Releases to check in a parsed file, each with its path prefix and the text it is located in. */
function units(doc: unknown): Unit[] {
  const out: Unit[] = []
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return out
  const o = doc as Record<string, unknown>
  if (Array.isArray(o.releases)) {
    o.releases.forEach((r, k) => out.push({release: r, path: ['releases', String(k)]}))
  } else if (Array.isArray(o.records)) {
    o.records.forEach((rec, k) => {
      const r = rec as Record<string, unknown>
      if (Array.isArray(r.releases))
        r.releases.forEach((x, j) => {
          // Linked releases ({url, date, tag}) are not full releases.
          if (x !== null && typeof x === 'object' && 'ocid' in x) out.push({release: x, path: ['records', String(k), 'releases', String(j)]})
        })
      if (r.compiledRelease !== undefined) out.push({release: r.compiledRelease, path: ['records', String(k), 'compiledRelease']})
    })
  } else out.push({release: doc, path: []})
  return out
}

/** Check an OCDS release or record package (or JSON Lines of releases) against the release schema and the spend checks. */
export async function validateOcds(file: string): Promise<ValidationOutcome> {
  const size = await stat(file).then(
    (s) => s.size,
    () => {
      throw new SpendInputError('FILE_NOT_FOUND', `cannot read ${file}`, {where: file, hint: 'check the path', exit: 2})
    },
  )
  if (size > MAX_BYTES)
    throw new SpendInputError('FILE_TOO_LARGE', `OCDS file is ${size} bytes, past the ${MAX_BYTES} bytes read whole`, {
      where: file,
      hint: 'split it into JSON Lines of releases or smaller packages',
    })
  const text = await readFile(file, 'utf8')
  const schema = JSON.parse(await readFile(join(packageRoot(), 'data', 'ocds', 'release-schema-1.1.5.json'), 'utf8')) as object
  const validate = await compileSchema(schema)
  const docs: {text: string; offsetLine: number; units: Unit[]}[] = []
  try {
    docs.push({text, offsetLine: 0, units: units(JSON.parse(text))})
  } catch {
    // JSON Lines: one release per line.
    const lines = text.split('\n')
    for (let k = 0; k < lines.length; k++) {
      const line = lines[k] ?? ''
      if (line.trim() === '') continue
      let doc: unknown
      try {
        doc = JSON.parse(line)
      } catch {
        throw new SpendInputError('BAD_JSON', `line ${k + 1} is not JSON`, {where: `${file}:${k + 1}`, hint: 'fix the JSON syntax', exit: 1})
      }
      docs.push({text: line, offsetLine: k, units: units(doc)})
    }
  }
  const problems: Problem[] = []
  const seen = new Map<string, Set<string>>()
  let rows = 0
  for (const d of docs) {
    for (const u of d.units) {
      rows++
      const found = [...schemaProblems(validate, u), ...spendProblems(u, seen)]
      for (const p of found) {
        const path = p.field === '' || p.field == null ? [] : p.field.split('/')
        const at = locate(d.text, path)
        problems.push({...p, line: at === null ? null : at.line + d.offsetLine, column: at?.column ?? null})
      }
    }
  }
  return {problems, guidance: OCDS_GUIDANCE, rows}
}

export type CompiledSchema = ((data: unknown) => boolean) & {errors?: {instancePath: string; keyword: string; message?: string; params: Record<string, unknown>}[] | null}

async function compileSchema(schema: object): Promise<CompiledSchema> {
  // Both packages are CommonJS: under ESM their class sits on default.default.
  const ajvMod = (await import('ajv-draft-04')) as unknown as {default: {default: typeof import('ajv-draft-04').default}}
  const fmtMod = (await import('ajv-formats')) as unknown as {default: {default: typeof import('ajv-formats').default}}
  const Ajv = ajvMod.default.default ?? (ajvMod.default as unknown as typeof import('ajv-draft-04').default)
  const addFormats = fmtMod.default.default ?? (fmtMod.default as unknown as typeof import('ajv-formats').default)
  const ajv = new Ajv({allErrors: true, strict: false})
  addFormats(ajv)
  return ajv.compile(schema) as CompiledSchema
}
