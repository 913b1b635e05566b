// STUB: replaced by the real module at merge (keeps this branch typechecking).
import type {SqlAnalysis} from '../types.js'

export type TopOptions = Record<string, unknown>

export const topSql: SqlAnalysis<TopOptions> = {
  name: 'top',
  sql: () => 'SELECT 1 AS stub',
  json: () => ({}),
}
