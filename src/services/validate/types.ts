/**
 * `spend validate`: a publisher's file checked against a publishing standard
 * before it goes out. Each standard is a `Validator` (registry.ts); each
 * problem names its line and column, a severity, a stable code and how to
 * fix it. JSON contract (issue 13): {"standard","file","errors","warnings",
 * "problems":[{"line","column","severity","code","message","fix"}]}; fields
 * may be added, never renamed.
 */

export type Severity = 'error' | 'warning'

export interface Problem {
  /** 1-based physical line in the file; null for a problem of the whole file. */
  line: number | null
  /** 1-based column (CSV: field number; JSON: character on the line); null when the problem is a whole row or file. */
  column: number | null
  severity: Severity
  /** Stable kebab-case code, e.g. `missing-column`, `mixed-date-formats`. */
  code: string
  /** What is wrong, in one line. */
  message: string
  /** How to fix it, in one line. */
  fix: string
  /** The column's header (CSV) or the JSON path (OCDS) the problem is in, when there is one. */
  field?: string | null
}

/** The guidance a standard checks against, named with its version. */
export interface Guidance {
  name: string
  version: string
  url: string
}

export interface ValidationOutcome {
  problems: Problem[]
  guidance: Guidance
  /** Data rows (CSV) or releases (OCDS) read. */
  rows: number
}

export type StandardName = 'uk-25k' | 'uk-lga' | 'ocds'

export type Validator = (file: string) => Promise<ValidationOutcome>
