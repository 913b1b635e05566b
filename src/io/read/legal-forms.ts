import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import Papa from 'papaparse'
import {SpendInputError} from '../../errors.js'
import {entityNameMsg} from '../../messages.js'
import type {LegalForm} from '../../model/entity-name.js'
import {packageRoot} from '../../paths.js'

/**
 * The legal-form table that supplier-name matching strips (data/legal-forms.csv,
 * documented in data/README.md), read once and handed to the pure functions of
 * src/model/entity-name.ts.
 */
export const LEGAL_FORMS_FILE = join(packageRoot(), 'data', 'legal-forms.csv')

const COLUMNS = ['form', 'variants', 'country', 'language', 'source'] as const

function list(cell: string): string[] {
  return cell.split(';').map((s) => s.trim()).filter(Boolean)
}

/**
 * Parse the legal-form CSV (`form,variants,country,language,source`; lists
 * `;`-separated). Every row needs a form, a spelling and a source; a spelling
 * (compared lower-cased) may appear on one row only. Errors say `file:line`.
 *
 * @example parseLegalForms('form,variants,country,language,source\nLtd,ltd;limited,GB,en,Companies House company types\n')[0].variants // ['ltd', 'limited']
 */
export function parseLegalForms(text: string, file = 'legal-forms.csv'): LegalForm[] {
  const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {skipEmptyLines: 'greedy'}).data
  if (rows.length === 0) throw new SpendInputError('EMPTY_FILE', entityNameMsg.emptyFile(), {where: file, hint: entityNameMsg.emptyFileHint()})
  const header = (rows[0] as string[]).map((h) => h.trim().toLowerCase())
  const at = COLUMNS.map((c) => {
    const i = header.indexOf(c)
    if (i < 0) throw new SpendInputError('MISSING_COLUMN', entityNameMsg.missingColumn(c, header), {where: file, hint: entityNameMsg.missingColumnHint()})
    return i
  })
  const seen = new Map<string, number>()
  return rows.slice(1).map((cells, i) => {
    const line = i + 2
    const [form, variants, country, language, source] = at.map((j) => (cells[j] ?? '').trim()) as [string, string, string, string, string]
    const spellings = list(variants)
    const where = `${file}:${line}`
    if (form === '' || spellings.length === 0) throw new SpendInputError('BAD_LEGAL_FORM', entityNameMsg.emptyForm(), {where, hint: entityNameMsg.emptyFormHint()})
    if (source === '') throw new SpendInputError('BAD_LEGAL_FORM', entityNameMsg.noSource(form), {where, hint: entityNameMsg.noSourceHint()})
    for (const v of spellings) {
      const id = v.toLowerCase()
      const first = seen.get(id)
      if (first !== undefined) throw new SpendInputError('BAD_LEGAL_FORM', entityNameMsg.duplicate(v, first), {where, hint: entityNameMsg.duplicateHint()})
      seen.set(id, line)
    }
    return {form, variants: spellings, country: list(country), language: list(language), source}
  })
}

let cached: Promise<LegalForm[]> | undefined

/**
 * The shipped legal-form table (or another file in the same format), parsed.
 * @example matchName('Norsk Firma AS', await loadLegalForms()).key // 'norsk firma'
 */
export function loadLegalForms(file = LEGAL_FORMS_FILE): Promise<LegalForm[]> {
  const read = async () => parseLegalForms(await readFile(file, 'utf8'), file)
  if (file !== LEGAL_FORMS_FILE) return read()
  cached ??= read()
  return cached
}
