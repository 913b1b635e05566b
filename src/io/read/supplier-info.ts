import {SpendInputError} from '../../errors.js'
import {benchSmeMsg} from '../../messages.js'
import {smeOf} from '../../model/sme.js'
import {readSideTable, sideColumn} from './side-table.js'

/**
 * The `--supplier-info FILE` side file of `spend benchmark`: CSV with a
 * supplier column (id or name, matched to suppliers by the analyses' name
 * rule in the service) and an `sme` column saying whether the supplier is a
 * small or medium-sized enterprise (yes/no, true/false, Y/N, or a size class
 * such as sme/micro/large: see smeOf). Other columns are ignored. A blank sme
 * cell means not known (the line says nothing); any other value that is not
 * one of these is an error at its line.
 */

export interface SupplierInfoRow {
  /** 1-based line in the file. */
  line: number
  /** The supplier as written (id or name). */
  supplier: string
  sme: boolean
}

/** Names a supplier column may have (case-insensitive). */
export const SUPPLIER_COLUMN_NAMES: readonly string[] = [
  'supplier', 'supplier_id', 'supplier id', 'supplier_name', 'supplier name', 'supplier_key', 'company', 'name', 'id',
]

/** Names the sme column may have (case-insensitive). */
export const SME_COLUMN_NAMES: readonly string[] = ['sme', 'is_sme', 'is sme', 'sme_flag', 'supplier_scale', 'scale']

/**
 * Parse a supplier-info CSV; lines with a blank supplier or sme cell are skipped.
 * @example parseSupplierInfo('supplier,sme\nACME Ltd,yes\n', 'info.csv')[0] // {line: 2, supplier: 'ACME Ltd', sme: true}
 */
export function parseSupplierInfo(text: string, file = 'supplier-info'): SupplierInfoRow[] {
  const t = readSideTable(text, file)
  const s = sideColumn(t, SUPPLIER_COLUMN_NAMES, file, 'supplier')
  if (!t.header.some((h) => SME_COLUMN_NAMES.includes(h.toLowerCase()))) {
    throw new SpendInputError('MISSING_COLUMN', benchSmeMsg.noSmeColumn(), {where: file, hint: benchSmeMsg.noSmeColumnHint()})
  }
  const k = sideColumn(t, SME_COLUMN_NAMES, file, 'sme')
  const out: SupplierInfoRow[] = []
  for (const {line, cells} of t.rows) {
    const supplier = cells[s] ?? ''
    const value = cells[k] ?? ''
    if (supplier === '' || value === '') continue
    const sme = smeOf(value)
    if (sme === null) throw new SpendInputError('BAD_SUPPLIER_INFO_LINE', benchSmeMsg.badSme(value), {where: `${file}:${line}`, hint: benchSmeMsg.badSmeHint()})
    out.push({line, supplier, sme})
  }
  return out
}
