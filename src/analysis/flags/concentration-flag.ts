/**
 * The `concentration` check. Categories whose HHI is in the highly concentrated band.
 * (Stub: returns no flags until the check is written.)
 */
import type {CheckDef} from './types.js'

export const concentrationCheck: CheckDef = {
  name: 'concentration',
  summary: 'Categories whose HHI is in the highly concentrated band.',
  columns: ['category_code'],
  params: {},
  run: () => ({flags: [], notes: []}),
}
