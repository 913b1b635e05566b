/**
 * The `benford` check. First-digit and first-two-digits tests per buyer, Nigrini\'s mean absolute deviation and conformity bands.
 * (Stub: returns no flags until the check is written.)
 */
import type {CheckDef} from './types.js'

export const benfordCheck: CheckDef = {
  name: 'benford',
  summary: 'First-digit and first-two-digits tests per buyer, Nigrini\'s mean absolute deviation and conformity bands.',
  columns: [],
  params: {},
  run: () => ({flags: [], notes: []}),
}
