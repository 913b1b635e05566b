// STUB: replaced by the real module at merge (keeps this branch typechecking).
import type {SqlAnalysis} from '../types.js'

export type ParetoOptions = Record<string, unknown>

export const paretoSql: SqlAnalysis<ParetoOptions> = {
  name: 'pareto',
  sql: () => 'SELECT 1 AS stub',
  json: () => ({}),
}
