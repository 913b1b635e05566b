/**
 * The `market-share` check. Suppliers with a high share of a buyer's or a category's spend.
 * (Stub: returns no flags until the check is written.)
 */
import type {CheckDef} from './types.js'

export const marketShareCheck: CheckDef = {
  name: 'market-share',
  summary: 'Suppliers with a high share of a buyer\'s or a category\'s spend.',
  columns: ['category_code'],
  params: {},
  run: () => ({flags: [], notes: []}),
}
