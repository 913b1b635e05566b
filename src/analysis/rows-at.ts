/**
 * `spend rows --at IMPORT:LINE`: the records of chosen source lines, found by
 * their import and physical line (what the flags' evidence and every listing
 * print). An import is named by its id or a unique prefix of it; every record
 * of a line is listed (an OCDS award split between suppliers is several).
 */
import {SpendInputError} from '../errors.js'
import {rowsAtMsg} from '../messages.js'
import type {SpendFrame} from '../model/frame.js'

/** One `IMPORT:LINE` reference, with where it was given (for errors). */
export interface LineRef {
  import: string
  line: number
  /** `--at` or `FILE:N`, for the error's WHERE. */
  where: string
}

/**
 * Parse `IMPORT:LINE` references (comma lists allowed); a malformed one is a
 * SpendInputError (exit 2 from a flag, 1 from a file).
 * @example parseLineRefs('3f2a9c:12,3f2a9c:14', '--at', 2) // [{import: '3f2a9c', line: 12, ...}, {import: '3f2a9c', line: 14, ...}]
 */
export function parseLineRefs(text: string, where: string, exit: number): LineRef[] {
  const out: LineRef[] = []
  for (const part of text.split(',')) {
    const ref = part.trim()
    if (ref === '') continue
    const at = ref.lastIndexOf(':')
    const id = at > 0 ? ref.slice(0, at).trim() : ''
    const line = at > 0 ? ref.slice(at + 1).trim() : ''
    if (id === '' || !/^[1-9]\d{0,9}$/.test(line)) throw new SpendInputError('BAD_LINE_REF', rowsAtMsg.malformed(ref), {where, hint: rowsAtMsg.malformedHint(), exit})
    out.push({import: id, line: Number(line), where})
  }
  return out
}

/**
 * The frame rows of the referenced lines, in the order given (a line given
 * twice is listed once); an unknown import or a line with no record is a
 * SpendInputError naming it (exit 1).
 * @example rowsAt(frame, [{import: '3f2a9c', line: 12, where: '--at'}]) // Uint32Array [41]
 */
export function rowsAt(frame: SpendFrame, refs: readonly LineRef[]): Uint32Array {
  const source = frame.columns.source
  const lines = frame.columns.source_line
  if (!source || source.type !== 'dict' || !lines || lines.type !== 'num') throw new Error('bug: rowsAt needs source and source_line')
  const codes = refs.map((r) => importCode(source.dict, r))
  // Wanted (import code, line) pairs, then one pass over the frame collecting their rows.
  const key = (code: number, line: number) => code * 2 ** 32 + line
  const found = new Map<number, number[]>()
  refs.forEach((r, k) => found.set(key(codes[k], r.line), []))
  for (let i = 0; i < frame.length; i++) {
    const c = source.codes[i]
    if (c < 0) continue
    const list = found.get(key(c, lines.values[i]))
    if (list) list.push(i)
  }
  const out: number[] = []
  const done = new Set<number>()
  refs.forEach((r, k) => {
    const id = key(codes[k], r.line)
    const list = found.get(id)!
    if (list.length === 0) throw new SpendInputError('LINE_NOT_FOUND', rowsAtMsg.noRecord(source.dict[codes[k]], r.line), {where: r.where, hint: rowsAtMsg.noRecordHint()})
    if (done.has(id)) return
    done.add(id)
    out.push(...list)
  })
  return Uint32Array.from(out)
}

/** The source code of an import id or unique prefix; SpendInputError naming it otherwise. */
function importCode(ids: readonly string[], ref: LineRef): number {
  const exact = ids.indexOf(ref.import)
  if (exact >= 0) return exact
  const matches = ids.flatMap((id, c) => (id.startsWith(ref.import) ? [c] : []))
  if (matches.length === 1) return matches[0]
  const message = matches.length === 0 ? rowsAtMsg.unknownImport(ref.import) : rowsAtMsg.ambiguousImport(ref.import, matches.length)
  throw new SpendInputError('IMPORT_NOT_FOUND', message, {where: ref.where, hint: rowsAtMsg.importHint()})
}
