import {readFile} from 'node:fs/promises'
import {SpendInputError} from '../../../errors.js'
import {msg} from '../../../messages.js'

/** Canonical fields a --map file may name. */
export const MAPPABLE_FIELDS = [
  'buyer', 'buyer_id', 'unit', 'supplier', 'supplier_id', 'supplier_vat', 'date', 'amount', 'currency', 'category_code',
  'category', 'expense_type', 'description', 'transaction_id', 'family', 'supplier_scale',
  'invoice_number',
] as const

/**
 * Read a --map file: YAML or JSON mapping canonical fields to the file's
 * column headers, e.g. `amount: Net Amount` / `{"supplier": "Payee"}`.
 * Unknown fields and non-string values are errors (exit 2: the user fixes the file).
 */
export async function readMapFile(file: string): Promise<Record<string, string>> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new SpendInputError('MAP_NOT_FOUND', msg.mapFileUnreadable((error as Error).message), {where: file, exit: 2})
  }
  let data: unknown
  try {
    const {parse} = await import('yaml')
    data = parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new SpendInputError('BAD_MAP', msg.badMapFile(file, (error as Error).message.split('\n')[0]), {exit: 2})
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new SpendInputError('BAD_MAP', msg.badMapFile(file, msg.mapNotAMapping()), {exit: 2})
  }
  const out: Record<string, string> = {}
  for (const [field, header] of Object.entries(data as Record<string, unknown>)) {
    if (!(MAPPABLE_FIELDS as readonly string[]).includes(field)) {
      throw new SpendInputError('BAD_MAP', msg.unknownMapField(field, MAPPABLE_FIELDS), {where: file, exit: 2})
    }
    if (typeof header !== 'string' && typeof header !== 'number') {
      throw new SpendInputError('BAD_MAP', msg.badMapFile(file, msg.mapFieldNotColumn(field)), {exit: 2})
    }
    out[field] = String(header)
  }
  return out
}
