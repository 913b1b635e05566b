// STUB: replaced by the real module at merge (keeps this branch typechecking).
import type {SqlAnalysis} from '../types.js'

export type TrendOptions = Record<string, unknown>

export const trendSql: SqlAnalysis<TrendOptions> = {
  name: 'trend',
  sql: () => 'SELECT 1 AS stub',
  json: () => ({}),
}
