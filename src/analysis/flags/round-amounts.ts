/**
 * The `round-amounts` check. A buyer's share of round amounts against what amounts of its size make likely.
 * (Stub: returns no flags until the check is written.)
 */
import type {CheckDef} from './types.js'

export const roundAmountsCheck: CheckDef = {
  name: 'round-amounts',
  summary: 'A buyer\'s share of round amounts against what amounts of its size make likely.',
  columns: [],
  params: {},
  run: () => ({flags: [], notes: []}),
}
