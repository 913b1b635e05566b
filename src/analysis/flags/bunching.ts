/**
 * The `threshold-bunching` check. More payments just below a procurement threshold than just above it (binomial test).
 * (Stub: returns no flags until the check is written.)
 */
import type {CheckDef} from './types.js'

export const thresholdBunchingCheck: CheckDef = {
  name: 'threshold-bunching',
  summary: 'More payments just below a procurement threshold than just above it (binomial test).',
  columns: [],
  params: {},
  run: () => ({flags: [], notes: []}),
}
