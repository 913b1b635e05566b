/**
 * Stream the top-level OCDS items out of JSON text without holding the document:
 * the elements of `releases[]` / `records[]` one at a time, a bare release or
 * record, or one value per JSON Lines line.
 */
import type {Tokenizer} from '@streamparser/json'
import {SpendInputError} from '../../../errors.js'
import type {JsonSource} from '../types.js'
import {DepthGuard, JsonTooDeep, MAX_JSON_DEPTH, textDepth} from './depth.js'
import {errorPosition, exactParse, exactParser, short, type OnValue} from './exact.js'
import {DocScanner} from './fast-doc.js'
import {ocdsMsg, type JsonRoot} from './messages.js'
import {notOcdsDeepError, notOcdsObjectError} from './not-ocds.js'

/**
 * One thing found at the top of the file; `line` is the JSON Lines line or the 1-based item index.
 * A bad item says what it was, for the message when nothing in the file is OCDS: the `value` that
 * is not an object, the `depth` of a line too deep to build, or the `syntax` error of a line that is not JSON.
 */
export type TopItem =
  | {kind: 'release' | 'record' | 'any'; value: Record<string, unknown>; line: number}
  | {kind: 'bad'; line: number; reason: string; value?: unknown; depth?: number; syntax?: string}

/**
 * A number literal of 16+ characters (after `:`, `,` or `[`) may have more
 * significant digits than a double keeps. Strings can match too; that only
 * costs the slower exact parse for that line.
 */
const LONG_NUMBER = /[:,[]\s*-?\d[\d.eE+-]{15}/

/**
 * Parse one JSON Lines line. JSON.parse is about five times faster than the
 * streaming tokenizer; it is exact for amounts unless the line holds a digit
 * run long enough to lose precision as a double, and then the exact parser runs.
 */
export function parseLine(line: string): unknown {
  return LONG_NUMBER.test(line) ? exactParse(line) : JSON.parse(line)
}

/** Longest JSON Lines line, in characters: a file without line breaks must not be gathered whole. */
export const MAX_LINE = 64 << 20

/**
 * JSON Lines lines longer than this are measured for depth before they are parsed: building a line
 * nested millions deep would take gigabytes. A shorter line costs at most about 100 MB built, so the
 * common short line is parsed at once.
 */
const DEPTH_CHECK_CHARS = 1 << 20

/**
 * JSON Lines, split and parsed synchronously within each chunk: one callback per
 * line instead of one awaited generator step per line (a million awaits add up).
 */
async function jsonLines(source: JsonSource, onItem: (item: TopItem) => void, onBytes?: (n: number) => void,
  maxLine = MAX_LINE): Promise<void> {
  // The unfinished line, in pieces: joined once when its end arrives, never re-copied per chunk.
  let pending: string[] = []
  let pendingLength = 0
  let line = 0
  const take = (raw: string): void => {
    line++
    const s = line === 1 ? raw.replace(/^\uFEFF/, '').trim() : raw.trim()
    if (s === '') return
    const depth = s.length > DEPTH_CHECK_CHARS ? textDepth(s) : 0
    if (depth > MAX_JSON_DEPTH) return onItem({kind: 'bad', line, reason: ocdsMsg.tooDeepLine(depth), depth})
    let value: unknown
    try {
      value = parseLine(s)
    } catch (e) {
      if (e instanceof JsonTooDeep) return onItem({kind: 'bad', line, reason: ocdsMsg.tooDeepLine(e.depth), depth: e.depth})
      return onItem({kind: 'bad', line, reason: ocdsMsg.badJsonLine(short(e)), syntax: short(e)})
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      onItem({kind: 'any', value: value as Record<string, unknown>, line})
    } else onItem({kind: 'bad', line, reason: ocdsMsg.notOcdsLine(), value})
  }
  for await (const chunk of source.text) {
    // Counting UTF-8 bytes scans the whole chunk: only when someone listens.
    if (onBytes) onBytes(Buffer.byteLength(chunk))
    let i = 0
    let j = chunk.indexOf('\n')
    if (j >= 0 && pendingLength > 0) {
      take(pending.join('') + chunk.slice(0, j))
      pending = []
      pendingLength = 0
      i = j + 1
      j = chunk.indexOf('\n', i)
    }
    for (; j >= 0; j = chunk.indexOf('\n', i)) {
      take(chunk.slice(i, j))
      i = j + 1
    }
    if (i < chunk.length) {
      pending.push(i === 0 ? chunk : chunk.slice(i))
      pendingLength += chunk.length - i
      if (pendingLength > maxLine) {
        throw new SpendInputError('LINE_TOO_LONG', ocdsMsg.lineTooLong(line + 1, maxLine), {where: source.name,
          hint: 'save it with a .json extension if it is one document'})
      }
    }
  }
  if (pendingLength > 0) take(pending.join(''))
}

/** Text held for a replay while the fast path has not committed (a bare release is streamed past this). */
const REPLAY_LIMIT = 32 << 20

/**
 * A JSON document: the fast scanner (fast-doc.ts) when the document is a package
 * or top-level array; anything else is replayed into the streaming reader.
 */
async function jsonDocument(source: JsonSource, onItem: (item: TopItem) => void, onBytes: ((n: number) => void) | undefined,
  doc: DocTuning): Promise<JsonRoot> {
  const it = source.text[Symbol.asyncIterator]()
  const scanner = new DocScanner(source.name, onItem, doc.unitLimit)
  const held: string[] = []
  if (doc.fast === false) return streamDocument(rest(), source.name, onItem)
  for (;;) {
    const next = await it.next()
    if (next.done) {
      if (scanner.finish()) return scanner.rootKind()
      break
    }
    const chunk = next.value
    if (onBytes) onBytes(Buffer.byteLength(chunk))
    if (!scanner.committed) held.push(chunk)
    if (!scanner.write(chunk) || (!scanner.committed && scanner.seen > REPLAY_LIMIT)) break
    if (scanner.committed) held.length = 0
  }
  return streamDocument(rest(), source.name, onItem)

  /** What was held for a replay, then the rest of the text (each chunk's bytes counted once). */
  async function* rest(): AsyncGenerator<string> {
    yield* held.splice(0)
    for (let n = await it.next(); !n.done; n = await it.next()) {
      if (onBytes) onBytes(Buffer.byteLength(n.value))
      yield n.value
    }
  }
}

/** The streaming reader: exact, holds no more than one item, but about five times slower than JSON.parse. */
async function streamDocument(text: AsyncIterable<string>, name: string, onItem: (item: TopItem) => void): Promise<JsonRoot> {
  const out: TopItem[] = []
  // Depth (past MAX_JSON_DEPTH nothing more is built) and the root object's first keys, for the NOT_OCDS messages.
  const guard = new DepthGuard()
  let root: Record<string, unknown> | null = null
  let rootOcid: unknown
  let index = 0
  let first = ''
  let linesBefore = 0
  let tokenizer: Tokenizer | null = null
  // Elements of a bare record's own `releases` are held (one process, bounded) until we know it is a record.
  const held: Record<string, unknown>[] = []
  const onValue: OnValue = ({value, key, parent, stack}) => {
    // An emitted array element is ours now: take it out of the parser's array so the document is never held.
    if (Array.isArray(parent) && parent[parent.length - 1] === value) parent.pop()
    if (first === '[') {
      if (stack.length !== 1) return
      index++
      if (value && typeof value === 'object' && !Array.isArray(value)) out.push({kind: 'any', value: value as Record<string, unknown>, line: index})
      else out.push({kind: 'bad', line: index, reason: ocdsMsg.notOcdsLine(), value})
      return
    }
    if (stack.length === 1) {
      root = parent as Record<string, unknown>
      if (key === 'ocid') rootOcid = value
      return
    }
    root = (stack[1]?.value as Record<string, unknown>) ?? root
    const list = stack[1]?.key
    const item = value as Record<string, unknown>
    if (list === 'releases' && rootOcid !== undefined) held.push(item)
    else out.push({kind: list === 'records' ? 'record' : 'release', value: item, line: ++index})
  }
  for await (const raw of text) {
    let chunk = raw
    if (!tokenizer) {
      chunk = chunk.replace(/^\uFEFF/, '')
      const m = /\S/.exec(chunk)
      if (!m) continue
      first = m[0]
      if (first !== '{' && first !== '[') throw new SpendInputError('NOT_OCDS', ocdsMsg.notJson(), {where: name})
      const paths = first === '[' ? ['$.*'] : ['$.releases.*', '$.records.*', '$.ocid', '$.uri', '$.publisher', '$.publishedDate', '$.version']
      tokenizer = exactParser(paths, onValue, undefined, guard)
    }
    try {
      tokenizer.write(chunk)
    } catch (e) {
      // Past the depth limit only the depth matters: broken text after it does not change the answer.
      if (guard.over) break
      throw badJson(name, linesBefore, chunk, e)
    }
    linesBefore += count(chunk, '\n')
    for (const item of out.splice(0)) onItem(item)
  }
  if (!tokenizer) throw new SpendInputError('EMPTY_FILE', ocdsMsg.emptyJson(), {where: name})
  try {
    tokenizer.end()
  } catch (e) {
    if (!guard.over) throw badJson(name, linesBefore, '', e)
  }
  const shape = first === '[' ? 'array' : 'object'
  if (guard.over) throw notOcdsDeepError(name, shape, guard.deepest)
  for (const item of out.splice(0)) onItem(item)
  if (first === '[') return 'array'
  const r = root as Record<string, unknown> | null
  if (r && rootOcid !== undefined) {
    r.ocid = rootOcid
    if (held.length) r.releases = held
    onItem({kind: 'any', value: r, line: 1})
  } else if (!r || (!Array.isArray(r.releases) && !Array.isArray(r.records))) {
    throw notOcdsObjectError(name, guard.shownKeys())
  } else if (index === 0) {
    // An empty package: still say what it was (its lists are empty, nothing else is held).
    onItem({kind: 'any', value: r, line: 1})
  }
  return 'object'
}

/** For tests: `fast: false` reads JSON documents with the streaming reader only; `unitLimit` as in DocScanner. */
export interface DocTuning {
  fast?: boolean
  unitLimit?: number
}

/**
 * Call `onItem` for each top-level item of an OCDS source, streamed. JSON
 * documents go through the fast scanner (fast-doc.ts) or, for anything it does
 * not take, the exact streaming parser; JSON Lines are split here and parsed
 * line by line (`maxLine` characters at most, else LINE_TOO_LONG).
 * `onBytes` gets the UTF-8 bytes of each chunk read. Resolves to the source's
 * shape: a document's top-level array or object, or JSON Lines. A document
 * nested past MAX_JSON_DEPTH, or an object that is no package, release or
 * record, is NOT_OCDS.
 *
 * @example await forEachItem(source, (item) => console.log(item.kind, item.line)) // 'object'
 */
export async function forEachItem(source: JsonSource, onItem: (item: TopItem) => void, onBytes?: (n: number) => void,
  maxLine = MAX_LINE, doc: DocTuning = {}): Promise<JsonRoot> {
  if (source.format !== 'jsonl') return jsonDocument(source, onItem, onBytes, doc)
  await jsonLines(source, onItem, onBytes, maxLine)
  return 'lines'
}

function count(s: string, ch: string): number {
  let n = 0
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++
  return n
}

function badJson(file: string, linesBefore: number, chunk: string, e: unknown): SpendInputError {
  // The tokenizer reports a UTF-8 byte position within the chunk; count the lines before it.
  let line = linesBefore + 1
  const pos = errorPosition(e)
  if (pos !== null && chunk) {
    const bytes = Buffer.from(chunk)
    line += count(bytes.subarray(0, Math.min(pos, bytes.length)).toString(), '\n')
  }
  return new SpendInputError('BAD_JSON', ocdsMsg.badJson(line, short(e)), {where: file})
}
