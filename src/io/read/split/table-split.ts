/**
 * The first half of a split read (see split.ts): `readTablePlanned` that
 * stops at the cut, checks the second half read the same way (a record
 * starts exactly on the cut's line, same plan, exact merge), and then takes
 * the second half's rows and counters. When any check fails it discards
 * the second half and reads on by itself, so the result never depends on
 * the split.
 */
import type {ImportWriter} from '../../workspace/writer.js'
import type {HalfRead} from './split.js'
import {absorbHalf, planKey} from './split-stats.js'
import {bufferSample, buildReport} from '../table/table.js'
import {TableReader} from '../table/table-rows.js'
import {planTable} from '../table/tableplan.js'
import type {CellRow, ImportOptions, SourceReport, TableSource} from '../types.js'

/**
 * Read a table source whose second half `half` is reading elsewhere.
 *
 * @example const report = await readTableSplit(source, opts, writer, startHalf(args))
 */
export async function readTableSplit(source: TableSource, opts: ImportOptions, sink: ImportWriter, half: HalfRead): Promise<SourceReport> {
  const {it, buf, done} = await bufferSample(source)
  const plan = planTable(source, opts, buf)
  const reader = new TableReader(plan, source, opts, sink)
  const headerLine = (buf[plan.headerIdx] as CellRow).line
  reader.headerLine = headerLine
  let pending = true
  let merged = false
  /** At the row on the cut's line: take the second half if it is exactly what reading on would give. */
  const join = async (r: CellRow): Promise<boolean> => {
    pending = false
    const atCut = r.line === half.line && r.line > headerLine
    reader.flush()
    // Get the writer ready to take the other half while that half finishes.
    if (atCut) sink.split?.prepare()
    const h = atCut && (await half.valid) ? await half.result : null
    if (h !== null && sink.split && h.planKey === planKey(plan, headerLine, source) && absorbHalf(reader, h.stats)) {
      sink.split.adopt(h.written)
      return true
    }
    // Not the same read: stop the other half now, not after reading on.
    await half.discard()
    return false
  }
  try {
    const feed = async (rows: CellRow[]): Promise<boolean> => {
      for (const r of rows) {
        if (pending && r.line >= half.line && (await join(r))) return true
        reader.row(r)
      }
      return false
    }
    merged = await feed(buf)
    buf.length = 0
    while (!merged && !done) {
      const next = await it.next()
      if (next.done) break
      merged = await feed(next.value)
    }
    if (merged) await it.return?.()
  } finally {
    if (pending) await half.discard()
  }
  reader.flush()
  return buildReport(reader)
}
