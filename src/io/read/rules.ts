import Papa from 'papaparse'
import {SpendInputError} from '../../errors.js'
import {classifyMsg} from '../../messages.js'
import {RULE_COLUMNS, RULE_FIELDS, type Rule, type RuleField, type RuleSet} from '../../model/rules.js'

/**
 * Parse a rules CSV (see src/model/rules.ts); `cpv` is the CPV 2008 list
 * (code -> label) every rule's code must be in. Errors name `file:line`.
 * A column `at` after `note` (what `spend classify apply` stores) keeps each
 * rule's origin; without it a rule's origin is `file:line` (the file's name
 * without its folders). Blank lines are skipped; lines count as in the file.
 * @example parseRules('buyer,field,scheme,match,pattern,cpv,note\n,expense_type,,exact,Stationery,30192700,\n', 'r.csv', cpv).rules[0].at // 'r.csv:2'
 */
export function parseRules(text: string, file: string, cpv: ReadonlyMap<string, string>): RuleSet {
  const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {skipEmptyLines: false}).data
  const name = file.split(/[\\/]/).pop() || file
  const first = rows.findIndex((r) => !isBlank(r))
  if (first < 0) throw new SpendInputError('EMPTY_FILE', classifyMsg.emptyFile(), {where: file, hint: classifyMsg.headerHint()})
  const header = rows[first].map((h) => h.trim().toLowerCase())
  const at = RULE_COLUMNS.map((c) => {
    const i = header.indexOf(c)
    if (i < 0) throw new SpendInputError('MISSING_COLUMN', classifyMsg.missingColumn(c, header), {where: `${file}:${first + 1}`, hint: classifyMsg.headerHint()})
    return i
  })
  const atColumn = header.indexOf('at')
  const rules: Rule[] = []
  for (let r = first + 1; r < rows.length; r++) {
    const cells = rows[r]
    if (isBlank(cells)) continue
    const where = `${file}:${r + 1}`
    const [buyer, field, scheme, match, pattern, code, note] = at.map((j) => (cells[j] ?? '').trim()) as string[]
    const origin = atColumn >= 0 ? (cells[atColumn] ?? '').trim() : ''
    rules.push(parseRule({buyer, field, scheme, match, pattern, code, note}, where, cpv, origin || `${name}:${r + 1}`))
  }
  return {rules}
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '')

function parseRule(c: Record<'buyer' | 'field' | 'scheme' | 'match' | 'pattern' | 'code' | 'note', string>, where: string, cpv: ReadonlyMap<string, string>, at: string): Rule {
  const field = c.field.toLowerCase()
  if (!(RULE_FIELDS as readonly string[]).includes(field)) throw new SpendInputError('BAD_RULE', classifyMsg.badField(c.field), {where, hint: classifyMsg.badFieldHint()})
  const match = c.match.toLowerCase()
  if (match !== 'exact' && match !== 'regex') throw new SpendInputError('BAD_RULE', classifyMsg.badMatch(c.match), {where, hint: classifyMsg.badMatchHint()})
  if (c.scheme !== '' && field !== 'category_code') throw new SpendInputError('BAD_RULE', classifyMsg.schemeNotCode(field), {where, hint: classifyMsg.schemeNotCodeHint()})
  if (c.pattern === '') throw new SpendInputError('BAD_RULE', classifyMsg.emptyPattern(), {where, hint: classifyMsg.emptyPatternHint()})
  if (match === 'regex') {
    try {
      new RegExp(c.pattern, 'iu')
    } catch (error) {
      throw new SpendInputError('BAD_RULE', classifyMsg.badRegex(c.pattern, (error as Error).message.replace(/^Invalid regular expression: /, '')), {where, hint: classifyMsg.badRegexHint()})
    }
  }
  const m = /^(\d{8})(?:-\d)?$/.exec(c.code)
  if (!m) throw new SpendInputError('BAD_RULE', classifyMsg.badCpv(c.code), {where, hint: classifyMsg.badCpvHint()})
  if (!cpv.has(m[1])) throw new SpendInputError('BAD_RULE', classifyMsg.unknownCpv(c.code), {where, hint: classifyMsg.unknownCpvHint()})
  return {at, buyer: c.buyer || null, field: field as RuleField, scheme: c.scheme || null, match, pattern: c.pattern, cpv: m[1], note: c.note}
}
