/**
 * The `duplicates` check. Exact and near duplicate payments (same supplier and amount, number, date), against how common identical lines are in each file.
 * (Stub: returns no flags until the check is written.)
 */
import type {CheckDef} from './types.js'

export const duplicatesCheck: CheckDef = {
  name: 'duplicates',
  summary: 'Exact and near duplicate payments (same supplier and amount, number, date), against how common identical lines are in each file.',
  columns: ['invoice_number'],
  params: {},
  run: () => ({flags: [], notes: []}),
}
