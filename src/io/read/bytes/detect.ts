/**
 * Format detection from bytes (magic numbers), not from file names, plus the
 * one-line errors for input that is not spend data at all.
 */
import {SpendInputError} from '../../../errors.js'
import {bytesMsg} from '../../../messages.js'

export type ByteKind = 'zip' | 'gzip' | 'ole2' | 'text' | 'empty' | 'binary'

export const EXPECTED_FORMATS = bytesMsg.expectedFormats()

/** Binary formats people send by mistake, named so the error says what the file is. */
const KNOWN_BINARIES: Array<[number[], string]> = [
  [[0x89, 0x50, 0x4e, 0x47], bytesMsg.png()],
  [[0xff, 0xd8, 0xff], bytesMsg.jpeg()],
  [[0x47, 0x49, 0x46, 0x38], bytesMsg.gif()],
  [[0x25, 0x50, 0x44, 0x46], bytesMsg.pdf()],
  [[0x37, 0x7a, 0xbc, 0xaf], bytesMsg.sevenZip()],
  [[0x52, 0x61, 0x72, 0x21], bytesMsg.rar()],
  [[0x42, 0x5a, 0x68], bytesMsg.bzip2()],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a], bytesMsg.xz()],
  [[0x28, 0xb5, 0x2f, 0xfd], bytesMsg.zstd()],
  [[0x50, 0x41, 0x52, 0x31], bytesMsg.parquet()],
  [[0x41, 0x52, 0x52, 0x4f, 0x57, 0x31], bytesMsg.arrow()],
]

function startsWith(b: Uint8Array, sig: number[]): boolean {
  if (b.length < sig.length) return false
  for (let i = 0; i < sig.length; i++) if (b[i] !== sig[i]) return false
  return true
}

/**
 * Classify the first bytes of a file.
 * @example sniffBytes(Buffer.from('a,b\n1,2\n')) // 'text'
 * @example sniffBytes(Buffer.from([0x1f, 0x8b, 8])) // 'gzip'
 */
export function sniffBytes(head: Uint8Array): ByteKind {
  if (head.length === 0) return 'empty'
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip'
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip'
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole2'
  // UTF-16 text is full of NUL bytes: trust it with a BOM, or when it is plainly UTF-16 (see utf16WithoutBom).
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]) || utf16WithoutBom(head) !== null) return 'text'
  if (describeBinary(head) !== null) return 'binary'
  let control = 0
  for (let i = 0; i < head.length; i++) {
    const b = head[i]
    if (b === 0) return 'binary'
    // TAB LF VT FF CR and the DOS end-of-file mark (0x1A) occur in real text exports.
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 11 && b !== 12 && b !== 13 && b !== 0x1a) control++
  }
  return control > head.length / 100 ? 'binary' : 'text'
}

/**
 * 'utf-16le' or 'utf-16be' for text written as UTF-16 with no byte-order mark
 * (some database and .NET exports), else null. Spend data is mostly ASCII, which
 * in UTF-16 is a printable byte beside a zero byte: at least 95% of the first
 * 2048 characters must look like that, with the zero always on the same side,
 * and none may be U+0000. Binary files with zeros fail the printable test.
 * @example utf16WithoutBom(Buffer.from('a,b\n', 'utf16le')) // 'utf-16le'
 */
export function utf16WithoutBom(head: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.min(2048, head.length >> 1)
  if (pairs < 2) return null
  const printable = (b: number): boolean => (b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13
  let le = 0
  let be = 0
  for (let i = 0; i < pairs; i++) {
    const a = head[2 * i]
    const b = head[2 * i + 1]
    if (a === 0 && b === 0) return null
    if (b === 0 && printable(a)) le++
    else if (a === 0 && printable(b)) be++
  }
  const need = Math.ceil(pairs * 0.95)
  return le >= need ? 'utf-16le' : be >= need ? 'utf-16be' : null
}

/**
 * A short phrase naming a known binary format, or null.
 * @example describeBinary(Buffer.from('%PDF-1.7')) // bytesMsg.pdf()
 */
export function describeBinary(head: Uint8Array): string | null {
  for (const [sig, what] of KNOWN_BINARIES) if (startsWith(head, sig)) return what
  return null
}

/** C0 and C1 control characters, DEL, and the bidi overrides that can make a name read backwards. */
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/**
 * A file or zip member name made safe to print: control characters would end
 * the one-line error early, forge another line, or drive the terminal, so they
 * are shown as \uXXXX escapes.
 * @example safeName('a\nb.csv') // 'a\\u000ab.csv'
 */
export function safeName(name: string): string {
  return name.replace(UNSAFE_IN_NAME, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/**
 * The extension of the last part of a source name, lower case, no dot.
 * @example extensionOf('a.zip!Data.CSV') // 'csv'
 */
export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('!') + 1)
  const dot = base.lastIndexOf('.')
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase()
}

/**
 * Read from a byte stream until at least `n` bytes (or the end) are seen,
 * returning those bytes, a stream that replays everything from the start, and
 * whether the head is the whole stream.
 * @example const {head, stream} = await peekBytes(fileStream, 65536)
 */
export async function peekBytes(
  src: AsyncIterable<Uint8Array>,
  n: number,
): Promise<{head: Uint8Array; stream: AsyncIterable<Uint8Array>; whole: boolean}> {
  const it = src[Symbol.asyncIterator]()
  const parts: Uint8Array[] = []
  let len = 0
  let done = false
  while (len < n) {
    const r = await it.next()
    if (r.done) {
      done = true
      break
    }
    parts.push(r.value)
    len += r.value.length
  }
  const head = parts.length === 1 ? parts[0] : Buffer.concat(parts)
  async function* replay(): AsyncGenerator<Uint8Array> {
    try {
      if (head.length > 0) yield head
      while (!done) {
        const r = await it.next()
        if (r.done) return
        yield r.value
      }
    } finally {
      await it.return?.()
    }
  }
  return {head, stream: replay(), whole: done}
}

/**
 * The error for a file with nothing in it.
 * @example throw emptyFileError('x.csv') // "x.csv: file is empty (...)"
 */
export function emptyFileError(name: string): SpendInputError {
  return new SpendInputError('EMPTY_FILE', bytesMsg.emptyFile(), {where: name, hint: bytesMsg.emptyFileHint()})
}

/**
 * The error for bytes that are no format we read.
 * @example throw notSpendDataError('x.png', bytesMsg.png())
 */
export function notSpendDataError(name: string, what = bytesMsg.binary()): SpendInputError {
  return new SpendInputError('NOT_SPEND_DATA', bytesMsg.notSpendData(what), {where: name, hint: bytesMsg.expectedFormats()})
}

/**
 * The error for a zip/gz that cannot be read.
 * @example throw brokenArchiveError('a.zip', 'no zip directory found')
 */
export function brokenArchiveError(name: string, why: string): SpendInputError {
  return new SpendInputError('BROKEN_ARCHIVE', bytesMsg.brokenArchive(why), {
    where: name,
    hint: bytesMsg.brokenArchiveHint(),
  })
}

/**
 * The error for an archive past the limits (a zip bomb, too many members).
 * @example throw archiveTooLargeError('a.zip', '20000 members (limit 10000)')
 */
export function archiveTooLargeError(name: string, why: string): SpendInputError {
  return new SpendInputError('ARCHIVE_TOO_LARGE', bytesMsg.archiveRefused(why), {
    where: name,
    hint: bytesMsg.archiveRefusedHint(),
  })
}
