import {RULE_COLUMNS, type RuleSet} from '../../model/rules.js'

/** The header of a stored rules set: the rules file's columns and each rule's origin. */
export const STORED_RULE_COLUMNS = [...RULE_COLUMNS, 'at'] as const

const cell = (v: string) => (/[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replaceAll('"', '""')}"` : v)

/**
 * A rules set as the canonical CSV `spend classify apply` stores: the rules
 * file's columns plus `at` (each rule's origin, which parseRules reads back),
 * `\n` line ends, cells quoted only when they must be. The text is stored as
 * data, never opened in a spreadsheet, so cells are kept exactly (no formula
 * neutralising: a pattern may start with `=`).
 * @example rulesText({rules: [rule]}).split('\n')[0] // 'buyer,field,scheme,match,pattern,cpv,note,at'
 */
export function rulesText(set: RuleSet): string {
  const lines = [STORED_RULE_COLUMNS.join(',')]
  for (const r of set.rules) lines.push([r.buyer ?? '', r.field, r.scheme ?? '', r.match, r.pattern, r.cpv, r.note, r.at].map(cell).join(','))
  return `${lines.join('\n')}\n`
}
