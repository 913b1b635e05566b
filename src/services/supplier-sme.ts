import {SpendInputError} from '../errors.js'
import {benchSmeMsg} from '../messages.js'
import type {SpendFrame} from '../model/frame.js'
import {smeOf} from '../model/sme.js'
import {dim} from '../analysis/dims.js'
import {matchEntity} from '../analysis/resolve.js'
import type {SmeOfRow} from '../analysis/benchmark/sme.js'
import {parseSupplierInfo, type SupplierInfoRow} from '../io/read/supplier-info.js'
import {readTextFile} from '../io/read/text-file.js'

/** Unmatched supplier-info lines named in the note, at most. */
const SHOWN = 5

/**
 * Whether each row's supplier is an SME, for the benchmark's sme measures:
 * from a --supplier-info file where it names the supplier (the file wins),
 * else from the row's published supplier_scale (see smeOf), else unknown.
 * Undefined when nothing is known of any supplier's size. Each file line's supplier is found by the analyses' name rule
 * (matchEntity 'supplier'): a line naming no supplier in the data is left
 * out with a note, an ambiguous one is an error at its line, and two lines
 * giving one supplier different values an error at the second.
 * @example (await smeHook(frame, 'info.csv', notes))?.(0) // true
 */
export async function smeHook(frame: SpendFrame, file: string | undefined, notes: string[]): Promise<SmeOfRow | undefined> {
  const fromFile = file === undefined ? null : supplierSme(frame, parseSupplierInfo(await readTextFile(file), file), file, notes)
  const scale = frame.columns.supplier_scale
  const byCode = scale?.type === 'dict' ? Int8Array.from(scale.dict, (v) => code(smeOf(v))) : null
  // Nothing known of any supplier (the usual case for payment files): no pass over the rows.
  if (!fromFile?.some((v) => v >= 0) && !byCode?.some((v) => v >= 0)) return undefined
  const keys = fromFile ? dim(frame, 'supplier').keys : null
  return (i) => {
    const f = fromFile && keys ? fromFile[keys[i]] : -1
    const c = f >= 0 ? f : byCode && scale?.type === 'dict' && scale.codes[i] >= 0 ? byCode[scale.codes[i]] : -1
    return c < 0 ? null : c === 1
  }
}

/** Per supplier key of the frame: 1 SME, 0 not, -1 not in the file. */
function supplierSme(frame: SpendFrame, rows: readonly SupplierInfoRow[], file: string, notes: string[]): Int8Array {
  const s = dim(frame, 'supplier')
  const out = new Int8Array(s.size).fill(-1)
  const unmatched: string[] = []
  for (const row of rows) {
    const where = `${file}:${row.line}`
    let key: number
    try {
      key = matchEntity(frame, 'supplier', row.supplier, where)
    } catch (error) {
      if (error instanceof SpendInputError && error.code === 'UNKNOWN_NAME') {
        unmatched.push(row.supplier)
        continue
      }
      throw error
    }
    const v = code(row.sme)
    if (out[key] >= 0 && out[key] !== v) throw new SpendInputError('BAD_SUPPLIER_INFO_LINE', benchSmeMsg.conflict(row.supplier), {where, hint: benchSmeMsg.conflictHint()})
    out[key] = v
  }
  if (unmatched.length > 0) notes.push(benchSmeMsg.unmatched(unmatched.length, unmatched.slice(0, SHOWN)))
  return out
}

function code(sme: boolean | null): number {
  return sme === null ? -1 : sme ? 1 : 0
}
