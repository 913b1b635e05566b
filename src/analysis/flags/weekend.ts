/**
 * The `weekend` check. Payments dated on a Saturday, a Sunday or a listed public holiday.
 * (Stub: returns no flags until the check is written.)
 */
import type {CheckDef} from './types.js'

export const weekendCheck: CheckDef = {
  name: 'weekend',
  summary: 'Payments dated on a Saturday, a Sunday or a listed public holiday.',
  columns: [],
  params: {},
  run: () => ({flags: [], notes: []}),
}
