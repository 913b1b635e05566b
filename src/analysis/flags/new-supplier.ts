/**
 * The `new-supplier-large` check. A supplier's first payment far above the buyer\'s typical payment (above Q3 + k IQR).
 * (Stub: returns no flags until the check is written.)
 */
import type {CheckDef} from './types.js'

export const newSupplierLargeCheck: CheckDef = {
  name: 'new-supplier-large',
  summary: 'A supplier\'s first payment far above the buyer\'s typical payment (above Q3 + k IQR).',
  columns: [],
  params: {},
  run: () => ({flags: [], notes: []}),
}
