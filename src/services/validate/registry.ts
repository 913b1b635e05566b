import type {StandardName, ValidationOutcome} from './types.js'

export const STANDARDS: readonly StandardName[] = ['uk-25k', 'uk-lga', 'ocds']

/** What `spend validate --json` prints: the contract first, fields added after. */
export interface ValidateResult {
  standard: StandardName
  file: string
  errors: number
  warnings: number
  problems: ValidationOutcome['problems']
  guidance: ValidationOutcome['guidance']
  rows: number
}

/**
 * Check `file` against `standard`: the OCDS release schema (with the spend
 * checks), or the UK guidance for spend over £25,000 (central government) or
 * over £500 (local government).
 */
export async function validateFile(file: string, standard: StandardName): Promise<ValidateResult> {
  let outcome: ValidationOutcome
  if (standard === 'ocds') {
    const {validateOcds} = await import('./ocds/index.js')
    outcome = await validateOcds(file)
  } else {
    const {validateUk} = await import('./uk/index.js')
    outcome = await validateUk(file, standard)
  }
  const errors = outcome.problems.filter((p) => p.severity === 'error').length
  // The contract's order: line, column, severity, code, message, fix, then what was added.
  const problems = outcome.problems.map((p) => ({line: p.line, column: p.column, severity: p.severity, code: p.code, message: p.message, fix: p.fix, field: p.field ?? null}))
  return {standard, file, errors, warnings: problems.length - errors, problems, guidance: outcome.guidance, rows: outcome.rows}
}
