/**
 * `spend check` on one part file: its size, its metadata and every column
 * against the checksums the manifest stores, its row count, and the shape of
 * each column (codes inside the dictionary, offsets inside the bytes), which
 * is all that can be checked in a part written before checksums.
 */
import {statSync} from 'node:fs'
import {join} from 'node:path'
import {workspaceMsg} from '../../messages.js'
import {LATER_COLUMNS} from '../../model/record.js'
import {WRITTEN_COLUMNS} from './layout.js'
import {damageText} from './damage.js'
import type {PartEntry} from './manifest.js'
import {openPartFile, type PartColumn, type PartFile, Scratch} from './part-reader.js'

/**
 * What is wrong with a part file (empty: nothing).
 * @example checkPart('.spendkit/imports/3f2a9c0d1e2b', entry.parts[0]) // ['column date does not match its checksum']
 */
export function checkPart(dir: string, p: PartEntry, scratch: Scratch = new Scratch()): string[] {
  const path = join(dir, p.file)
  let size: number
  try {
    size = statSync(path).size
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [workspaceMsg.missing()]
    throw error
  }
  if (p.bytes !== undefined && size !== p.bytes) return [workspaceMsg.sizeMismatch(size, p.bytes)]
  let part: PartFile
  try {
    part = openPartFile(path, scratch, p.crc32)
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException).code === 'string') throw error
    return [damageText(error)]
  }
  try {
    if (part.rows !== p.rows) return [workspaceMsg.rowsMismatch(part.rows, p.rows)]
    const problems: string[] = []
    for (const name of WRITTEN_COLUMNS) {
      let col: PartColumn | null
      try {
        col = part.column(name)
      } catch (error) {
        problems.push(damageText(error))
        continue
      }
      // A part written before a later column has none: that is not damage (the loader reads it as null).
      if (!col && LATER_COLUMNS.has(name)) continue
      if (!col) problems.push(workspaceMsg.noColumn(name))
      else {
        const why = shapeProblem(col, p.rows)
        if (why) problems.push(workspaceMsg.columnUnreadable(name, why))
      }
    }
    return problems
  } finally {
    part.close()
  }
}

/** A column that the loader would misread: codes outside the dictionary, offsets outside the bytes. */
function shapeProblem(col: PartColumn, rows: number): string | null {
  if (col.kind === 'dict') {
    const {keys, validity, size} = col
    for (let i = 0; i < rows; i++) {
      if (validity && !((validity[i >> 3] >> (i & 7)) & 1)) continue
      if (keys[i] < 0 || keys[i] >= size) return `row ${i + 1} has code ${keys[i]}, the dictionary has ${size} entries`
    }
  } else if (col.kind === 'text') {
    const {offsets, bytes} = col
    if (offsets[0] < 0 || offsets[rows] > bytes.length) return 'text offsets outside its bytes'
    for (let i = 0; i < rows; i++) if (offsets[i + 1] < offsets[i]) return `row ${i + 1} has a negative text length`
  }
  return null
}
