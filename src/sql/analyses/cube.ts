// STUB: replaced by the real module at merge (keeps this branch typechecking).
import type {SqlAnalysis} from '../types.js'

export type CubeOptions = Record<string, unknown>

export const cubeSql: SqlAnalysis<CubeOptions> = {
  name: 'cube',
  sql: () => 'SELECT 1 AS stub',
  json: () => ({}),
}
