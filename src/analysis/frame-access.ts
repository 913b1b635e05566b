import type {Column, DictColumn, SpendFrame} from '../model/frame.js'
import type {FrameColumn} from '../model/record.js'

/** A dictionary column of the frame, or undefined when the frame lacks it. */
export function dictColumn(frame: SpendFrame, name: FrameColumn): DictColumn | undefined {
  const col = frame.columns[name]
  return col && col.type === 'dict' ? col : undefined
}

/** The amount column; a frame without one is a bug in the loader, not user input. */
export function amounts(frame: SpendFrame): Float64Array {
  const col = frame.columns.amount
  if (!col || col.type !== 'num') throw new Error('frame has no amount column')
  return col.values
}

/** Maps string ids to dense keys, with the null key added last. */
export class KeyMaker {
  readonly ids: (string | null)[] = []
  private readonly index = new Map<string, number>()
  key(id: string): number {
    let k = this.index.get(id)
    if (k === undefined) {
      k = this.ids.length
      this.ids.push(id)
      this.index.set(id, k)
    }
    return k
  }
}

/**
 * A frame holding only the given rows (same dictionaries, codes copied), for
 * steps that rewrite amounts and must not touch rows outside the selection.
 */
export function subFrame(frame: SpendFrame, rows: Uint32Array): SpendFrame {
  const columns: SpendFrame['columns'] = {}
  for (const [name, col] of Object.entries(frame.columns) as [FrameColumn, Column][]) {
    if (col.type === 'dict') columns[name] = {type: 'dict', dict: col.dict, codes: Int32Array.from(rows, (i) => col.codes[i])}
    else if (col.type === 'num') columns[name] = {type: 'num', values: Float64Array.from(rows, (i) => col.values[i])}
    else columns[name] = {type: 'bool', values: Uint8Array.from(rows, (i) => col.values[i])}
  }
  return {length: rows.length, columns}
}
