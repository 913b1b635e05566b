// STUB: replaced by the real module at merge (keeps this branch typechecking).
import type {SqlAnalysis} from '../types.js'

export type ConcentrationOptions = Record<string, unknown>

export const concentrationSql: SqlAnalysis<ConcentrationOptions> = {
  name: 'concentration',
  sql: () => 'SELECT 1 AS stub',
  json: () => ({}),
}
