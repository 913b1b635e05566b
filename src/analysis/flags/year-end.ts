/**
 * The `year-end` check. Spend in the last month of the fiscal year against the monthly average.
 * (Stub: returns no flags until the check is written.)
 */
import type {CheckDef} from './types.js'

export const yearEndCheck: CheckDef = {
  name: 'year-end',
  summary: 'Spend in the last month of the fiscal year against the monthly average.',
  columns: [],
  params: {},
  run: () => ({flags: [], notes: []}),
}
