/**
 * The `splitting` check. Payments by one buyer to one supplier within a window, each under a procurement threshold and together over it.
 * (Stub: returns no flags until the check is written.)
 */
import type {CheckDef} from './types.js'

export const splittingCheck: CheckDef = {
  name: 'splitting',
  summary: 'Payments by one buyer to one supplier within a window, each under a procurement threshold and together over it.',
  columns: [],
  params: {},
  run: () => ({flags: [], notes: []}),
}
