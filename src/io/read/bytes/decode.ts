/**
 * Text encoding: pick one per source from a sample of its bytes, then decode
 * the byte stream chunk by chunk so a big file never sits in memory as one string.
 */
import {isAscii, isUtf8} from 'node:buffer'
import iconv from 'iconv-lite'
import {notSpendDataError, utf16WithoutBom} from './detect.js'
import {bytesMsg} from '../../../messages.js'
import {partialUtf8Tail} from './utf8-tail.js'

/** Encodings we report: 'utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252', 'cp850'. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'cp850'

const isDigit = (b: number | undefined): boolean => b !== undefined && b >= 0x30 && b <= 0x39
/** Start/end of text, space, tab, line break, comma, semicolon or quote. */
const isSep = (b: number | undefined): boolean =>
  b === undefined || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x2c || b === 0x3b || b === 0x22

/** A sample cut at an arbitrary byte may end inside a UTF-8 sequence: drop that tail. */
function trimPartialUtf8(s: Uint8Array): Uint8Array {
  const tail = partialUtf8Tail(s)
  return tail === 0 ? s : s.subarray(0, s.length - tail)
}

/**
 * Choose the encoding of a text from a sample of its first bytes.
 * Valid UTF-8 wins (ASCII is reported as 'utf-8'). Otherwise it is a legacy
 * single-byte code page. UK DOS exports (cp850/cp437) write £ as 0x9C, which
 * in Windows-1252 is "œ", a letter that never sits next to a number. So: 0x9C
 * beside digits, no 0xA3 (the Windows £) beside digits, and no more signs of
 * Windows typography (curly quotes and dashes placed as punctuation, € beside
 * digits) than of DOS (0x9C pounds, bytes Windows-1252 leaves undefined) means cp850.
 * @param final true when the sample is the whole file (no partial character at the end)
 * @example detectEncoding(Buffer.from('Amount\n\x9C12.50\n', 'latin1')) // 'cp850'
 * @example detectEncoding(Buffer.from('Amount\n\xA312.50\n', 'latin1')) // 'windows-1252'
 */
export function detectEncoding(sample: Uint8Array, final = false): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom'
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le'
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be'
  const utf16 = utf16WithoutBom(sample)
  if (utf16 !== null) return utf16
  if (isUtf8(final ? sample : trimPartialUtf8(sample))) return 'utf-8'
  return legacyCodePage(sample)
}

/** Windows-1252 or cp850, for bytes that are not UTF-8 (see detectEncoding). */
function legacyCodePage(sample: Uint8Array): 'windows-1252' | 'cp850' {
  let poundDos = 0
  let poundWin = 0
  let dos = 0
  let win = 0
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]
    if (b < 0x80) continue
    const prev = sample[i - 1]
    const next = sample[i + 1]
    const nearDigit = isDigit(prev) || isDigit(next) || (next === 0x20 && isDigit(sample[i + 2]))
    if (b === 0x9c && nearDigit) poundDos++
    else if (b === 0xa3 && nearDigit) poundWin++
    else if (b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d) dos++
    else if (b === 0x80 && nearDigit) win++
    else if ((b === 0x96 || b === 0x97) && isSep(prev) && isSep(next)) win++
    else if ((b === 0x91 || b === 0x93) && isSep(prev) && !isSep(next)) win++
    else if ((b === 0x92 || b === 0x94) && !isSep(prev) && isSep(next)) win++
  }
  return poundDos > 0 && poundWin === 0 && poundDos + dos > win ? 'cp850' : 'windows-1252'
}

/** iconv-lite's name for the encodings TextDecoder does not cover everywhere. */
function iconvName(enc: TextEncoding): string {
  switch (enc) {
    case 'utf-16be':
      return 'utf-16be'
    case 'cp850':
      return 'cp850'
    default:
      return 'windows-1252'
  }
}

const asBuffer = (u: Uint8Array): Buffer => (Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength))

/** A streaming decoder: feed chunks, then `end()` for what is left. */
interface Decoder {
  write(b: Uint8Array): string
  end(): string
}

function makeDecoder(enc: TextEncoding): Decoder {
  if (enc === 'utf-8' || enc === 'utf-8-bom' || enc === 'utf-16le') {
    // TextDecoder is native and strips the BOM itself (ignoreBOM: false).
    const td = new TextDecoder(enc === 'utf-16le' ? 'utf-16le' : 'utf-8')
    return {write: (b) => td.decode(b, {stream: true}), end: () => td.decode()}
  }
  const dec = iconv.getDecoder(iconvName(enc))
  return {write: (b) => dec.write(asBuffer(b)), end: () => dec.end() ?? ''}
}

/**
 * Decode a byte stream to text chunks (BOM removed). A NUL character in the
 * text means it is not a text file after all: throw rather than import junk.
 *
 * When the sample was pure ASCII, 'utf-8' is only a guess: the first chunk
 * with a byte over 0x7F decides. If it is not UTF-8 the rest is decoded as the
 * legacy code page it looks like, and `onEncoding` hears the change. Nothing
 * before it needs decoding again, since ASCII reads the same in all of them.
 * @example for await (const s of decodeChunks(fs.createReadStream(p), 'utf-8', p)) out += s
 */
export async function* decodeChunks(
  bytes: AsyncIterable<Uint8Array>,
  enc: TextEncoding,
  name: string,
  opts: {asciiGuess?: boolean; onEncoding?: (enc: TextEncoding) => void} = {},
): AsyncGenerator<string> {
  let dec = makeDecoder(enc)
  let guessing = opts.asciiGuess === true && enc === 'utf-8'
  // Most chunks of spend data are pure ASCII: then every supported encoding
  // but UTF-16 reads them byte for byte, and a latin1 read is ~3x faster than
  // TextDecoder. Only allowed when no multi-byte character is half-read.
  const asciiFast = enc !== 'utf-16le' && enc !== 'utf-16be'
  let pending = false
  for await (const chunk of bytes) {
    let s: string
    if (asciiFast && !pending && isAscii(chunk)) {
      s = asBuffer(chunk).toString('latin1')
    } else {
      if (guessing) {
        guessing = false
        const found = isUtf8(trimPartialUtf8(chunk)) ? 'utf-8' : legacyCodePage(chunk)
        if (found !== 'utf-8') {
          dec = makeDecoder(found)
          opts.onEncoding?.(found)
        }
      }
      if (asciiFast) pending = trimPartialUtf8(chunk).length !== chunk.length
      s = dec.write(chunk)
    }
    if (s.length === 0) continue
    if (s.indexOf('\0') !== -1) throw notSpendDataError(name, bytesMsg.binaryNul())
    yield s
  }
  const tail = dec.end()
  if (tail.length > 0) {
    if (tail.indexOf('\0') !== -1) throw notSpendDataError(name, bytesMsg.binaryNul())
    yield tail
  }
}

/**
 * Decode a sample (e.g. the first 64 KB) in one go, for sniffing only: a
 * character cut at the end of the sample becomes U+FFFD, which is harmless there.
 * @example decodeSample(Buffer.from('a;b'), 'utf-8') // 'a;b'
 */
export function decodeSample(sample: Uint8Array, enc: TextEncoding): string {
  if (enc === 'utf-8' || enc === 'utf-8-bom' || enc === 'utf-16le') {
    return new TextDecoder(enc === 'utf-16le' ? 'utf-16le' : 'utf-8').decode(sample)
  }
  return iconv.decode(asBuffer(sample), iconvName(enc))
}
