import {join} from 'node:path'
import {SpendInputError} from '../../errors.js'
import type {DictColumn} from '../../model/frame.js'
import type {RecordColumn} from '../../model/record.js'
import {importDir} from './layout.js'
import type {ImportEntry} from './manifest.js'
import {openPartFile, type PartColumn, Scratch} from './part-reader.js'

/**
 * One string column at chosen rows only, numbered as loadFrameFrom numbers
 * the rows of `entries` (imports in order, each part in order): a listing of
 * 20 rows reads 20 transaction ids, not the million a whole column holds
 * (decoding and indexing those costs ~1 s). Only the parts holding a chosen
 * row are opened. The result is a column over the frame's rows: chosen rows
 * with equal values share one dictionary entry, so the column can be grouped
 * by code as a loaded one can (the duplicate checks compare transaction
 * numbers by code), every other row is -1.
 * @example pickColumn('.spendkit', entries, 'transaction_id', Uint32Array.of(4, 17), frame.length)
 */
export function pickColumn(root: string, entries: readonly ImportEntry[], name: RecordColumn, rows: ArrayLike<number>, length: number): DictColumn {
  const wanted = Uint32Array.from(rows).sort()
  const codes = new Int32Array(length).fill(-1)
  const dict: string[] = []
  const index = new Map<string, number>()
  const scratch = new Scratch()
  let offset = 0
  let j = 0
  for (const e of entries) {
    const dir = importDir(root, e.id)
    for (const p of e.parts) {
      const end = offset + p.rows
      if (j < wanted.length && wanted[j] < end) {
        const path = join(dir, p.file)
        const part = openPartFile(path, scratch)
        try {
          const col = part.column(name)
          const value = col ? valueReader(col) : null
          if (!col || !value) throw corrupt(path, name)
          const validity = 'validity' in col ? col.validity : null
          for (; j < wanted.length && wanted[j] < end; j++) {
            const r = wanted[j] - offset
            if (validity && !((validity[r >> 3] >> (r & 7)) & 1)) continue
            const v = value(r)
            let code = index.get(v)
            if (code === undefined) {
              code = dict.length
              dict.push(v)
              index.set(v, code)
            }
            codes[wanted[j]] = code
          }
        } finally {
          part.close()
        }
      }
      offset = end
    }
  }
  return {type: 'dict', codes, dict}
}

/** The string at a row of a part's column (free text or dictionary); null for other kinds. */
function valueReader(col: PartColumn): ((r: number) => string) | null {
  if (col.kind === 'text') {
    // Buffer's UTF-8 slice is quicker than a TextDecoder call per short value; invalid bytes read as U+FFFD in both.
    const bytes = Buffer.from(col.bytes.buffer, col.bytes.byteOffset, col.bytes.byteLength)
    const {offsets} = col
    return (r) => bytes.toString('utf8', offsets[r], offsets[r + 1])
  }
  if (col.kind === 'dict') {
    const {keys} = col
    return (r) => col.entry(keys[r])
  }
  return null
}

function corrupt(path: string, name: string): SpendInputError {
  return new SpendInputError('WORKSPACE_CORRUPT', `workspace part has no column ${name}`, {where: path, hint: 'remove the import and import it again'})
}
