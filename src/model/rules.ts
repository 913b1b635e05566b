/**
 * Classification rules: what a publisher wrote (expense type, account code or
 * name, ProClass code or label, a description keyword) mapped to a CPV code.
 * A rules file is CSV with the header `buyer,field,scheme,match,pattern,cpv,note`;
 * rows are tried in file order, a buyer's own rules (buyer set) before the
 * global ones (buyer blank); the first match gives the row its CPV code.
 */

/** The record fields a rule can test. */
export const RULE_FIELDS = ['expense_type', 'category', 'category_code', 'unit', 'description'] as const
export type RuleField = (typeof RULE_FIELDS)[number]

/** `exact`: equal after case folding and whitespace collapsing; `regex`: a case-insensitive regular expression. */
export type RuleMatch = 'exact' | 'regex'

export interface Rule {
  /** Where the rule was read: `FILE:LINE` (the file as named when stored; a shipped set by its name). */
  at: string
  /** The buyer (id or name, the filters' rule) the rule is for; null: every buyer. */
  buyer: string | null
  field: RuleField
  /** For `category_code` rules: the code's scheme (`ProClass`, `NAICS`, `PSC`, `kontoplan`...); null: any. */
  scheme: string | null
  match: RuleMatch
  pattern: string
  /** 8-digit CPV code (no check digit), present in the CPV 2008 list. */
  cpv: string
  note: string
}

/** An ordered rules set, as stored in the workspace. */
export interface RuleSet {
  rules: Rule[]
}

/** The CSV header of a rules file, in order. */
export const RULE_COLUMNS = ['buyer', 'field', 'scheme', 'match', 'pattern', 'cpv', 'note'] as const
