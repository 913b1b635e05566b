/**
 * pickColumn: free text at chosen rows only, as a column the duplicate
 * checks can group by code (equal values share one entry, as in a loaded
 * column).
 */
import {describe, expect, it} from 'vitest'
import type {DictColumn} from '../../src/model/frame.js'
import {Workspace} from '../../src/io/workspace/index.js'
import {pickColumn} from '../../src/io/workspace/pick.js'
import {meta, record, report, tempWorkspace} from './workspace-fixtures.js'

const ids = ['T1', 'T2', 'T1', null, 'T3', 'T1', 'T2']

async function workspace(): Promise<{root: string; ws: Workspace}> {
  const root = tempWorkspace()
  const ws = new Workspace(root)
  const w = await ws.beginImport(meta('bbbbbbbbbbbb'), {partRows: 3})
  ids.forEach((id, k) => w.add(record({transaction_id: id, source_line: k + 2})))
  await w.commit({files: [report()]})
  return {root, ws}
}

const valueAt = (col: DictColumn, i: number) => (col.codes[i] < 0 ? null : col.dict[col.codes[i]])

describe('pickColumn', () => {
  it('reads the chosen rows only, across parts, and equal values share one code', async () => {
    const {root, ws} = await workspace()
    const frame = await ws.loadFrame(['transaction_id'])
    const loaded = frame.columns.transaction_id as DictColumn
    const chosen = [0, 2, 3, 5, 6]
    const col = pickColumn(root, await ws.list(), 'transaction_id', chosen, frame.length)
    for (let i = 0; i < ids.length; i++) expect(valueAt(col, i)).toBe(chosen.includes(i) ? ids[i] : null)
    // Grouping by code gives the groups a loaded column gives.
    for (const x of chosen) {
      for (const y of chosen) {
        if (ids[x] === null || ids[y] === null) continue
        expect(col.codes[x] === col.codes[y]).toBe(loaded.codes[x] === loaded.codes[y])
      }
    }
    expect(col.dict).toEqual(['T1', 'T2'])
  })
})
