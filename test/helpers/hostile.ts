/**
 * Generators for hostile inputs, built at test time (never committed), and a
 * runner for the real binary with a timeout and a heap cap.
 *
 * Big archives cost almost nothing to build: a block compressed with a full
 * flush does not refer back to earlier data, so N copies of its bytes followed
 * by an empty final block are a valid deflate stream of N copies of the block.
 */
import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {closeSync, existsSync, openSync, readFileSync, readdirSync, statSync, writeSync} from 'node:fs'
import {join, relative} from 'node:path'
import zlib from 'node:zlib'
import {BIN, ROOT} from './cli.js'
import {tempEnv} from './temp.js'
import type {CliResult} from './cli.js'

export interface HostileResult extends CliResult {
  timedOut: boolean
}

/**
 * Run `spend` with a heap cap; kill it (SIGKILL) after `timeoutMs` and say so.
 * @example const r = await runCapped(['import', f, '--workspace', ws], {timeoutMs: 20_000})
 */
export function runCapped(args: string[], opts: {timeoutMs: number; heapMb?: number; cwd?: string; input?: Buffer}): Promise<HostileResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        TZ: 'UTC',
        LANG: 'C',
        NODE_OPTIONS: `--max-old-space-size=${opts.heapMb ?? 1024}`,
        ...tempEnv(),
      },
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, opts.timeoutMs)
    child.stdout!.setEncoding('utf8').on('data', (d) => (stdout += d))
    child.stderr!.setEncoding('utf8').on('data', (d) => (stderr += d))
    child.on('error', fail)
    // The child may stop reading early (it refused the input): that is not a test failure.
    child.stdin?.on('error', () => {})
    child.stdin?.end(opts.input)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      done({code, signal, stdout, stderr, timedOut})
    })
  })
}

/**
 * Every file under dir (relative path -> SHA-256 of its bytes), to prove a failed import changed nothing.
 * @example expect(snapshot(ws)).toEqual(before)
 */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  if (!existsSync(dir)) return out
  const walk = (d: string): void => {
    for (const e of readdirSync(d, {withFileTypes: true})) {
      const p = join(d, e.name)
      if (e.isDirectory()) {
        out[relative(dir, p) + '/'] = 'dir'
        walk(p)
      } else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex')
    }
  }
  walk(dir)
  return out
}

/**
 * Write `copies` repetitions of `block` after `head`, without building the whole text in memory.
 * @example writeRepeated('big.csv', 'a\n', Buffer.from('x'), 1e6)
 */
export function writeRepeated(path: string, head: string | Buffer, block: Buffer, copies: number, tail: string | Buffer = ''): number {
  const fd = openSync(path, 'w')
  try {
    writeSync(fd, typeof head === 'string' ? Buffer.from(head) : head)
    for (let i = 0; i < copies; i++) writeSync(fd, block)
    writeSync(fd, typeof tail === 'string' ? Buffer.from(tail) : tail)
  } finally {
    closeSync(fd)
  }
  return statSync(path).size
}

/** A raw deflate stream with its inflated size and CRC-32 (what a zip directory records). */
export interface Deflated {
  data: Buffer
  size: number
  crc: number
}

/**
 * Raw deflate of `head`, then `block` `copies` times, then `tail`, built in O(block) time.
 * @example deflateRepeated(Buffer.alloc(1 << 20), 1024) // 1 GiB of zeros in ~1 MB
 */
export function deflateRepeated(block: Buffer, copies: number, head: Buffer = Buffer.alloc(0), tail: Buffer = Buffer.alloc(0)): Deflated {
  const flush = {finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9}
  const h = zlib.deflateRawSync(head, flush)
  const b = zlib.deflateRawSync(block, flush)
  const t = zlib.deflateRawSync(tail) // final block
  const parts: Buffer[] = [h]
  for (let i = 0; i < copies; i++) parts.push(b)
  parts.push(t)
  let crc = zlib.crc32(head)
  for (let i = 0; i < copies; i++) crc = zlib.crc32(block, crc)
  crc = zlib.crc32(tail, crc)
  return {data: Buffer.concat(parts), size: head.length + block.length * copies + tail.length, crc: crc >>> 0}
}

/**
 * A gzip file around a raw deflate stream.
 * @example writeFileSync('bomb.gz', gzipOf(deflateRepeated(block, 1024)))
 */
export function gzipOf(d: Deflated): Buffer {
  const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3])
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(d.crc, 0)
  trailer.writeUInt32LE(d.size % 2 ** 32, 4)
  return Buffer.concat([header, d.data, trailer])
}

/** A zip member: plain bytes (deflated here unless `store`), or a ready deflate stream whose declared size may lie. */
export type Member = {name: string; data: Buffer; store?: boolean} | {name: string; deflated: Deflated; declaredSize?: number}

/**
 * Build a zip (no zip64; every size must fit in 32 bits).
 * @example zipOf([{name: 'a.csv', data: Buffer.from('a,b\n')}])
 */
export function zipOf(members: Member[]): Buffer {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const m of members) {
    let method: number
    let body: Buffer
    let size: number
    let crc: number
    if ('data' in m) {
      method = m.store ? 0 : 8
      body = m.store ? m.data : zlib.deflateRawSync(m.data)
      size = m.data.length
      crc = zlib.crc32(m.data) >>> 0
    } else {
      method = 8
      body = m.deflated.data
      size = m.declaredSize ?? m.deflated.size
      crc = m.deflated.crc
    }
    const name = Buffer.from(m.name)
    const lh = Buffer.alloc(30)
    lh.writeUInt32LE(0x04034b50, 0)
    lh.writeUInt16LE(20, 4)
    lh.writeUInt16LE(0x800, 6)
    lh.writeUInt16LE(method, 8)
    lh.writeUInt32LE(crc, 14)
    lh.writeUInt32LE(body.length, 18)
    lh.writeUInt32LE(size, 22)
    lh.writeUInt16LE(name.length, 26)
    const ch = Buffer.alloc(46)
    ch.writeUInt32LE(0x02014b50, 0)
    ch.writeUInt16LE(20, 4)
    ch.writeUInt16LE(20, 6)
    ch.writeUInt16LE(0x800, 8)
    ch.writeUInt16LE(method, 10)
    ch.writeUInt32LE(crc, 16)
    ch.writeUInt32LE(body.length, 20)
    ch.writeUInt32LE(size, 24)
    ch.writeUInt16LE(name.length, 28)
    ch.writeUInt32LE(offset, 42)
    locals.push(lh, name, body)
    central.push(ch, name)
    offset += 30 + name.length + body.length
  }
  const cd = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(members.length, 8)
  end.writeUInt16LE(members.length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

/** The parts of a minimal .xlsx other than its one worksheet. */
function xlsxFrame(): Member[] {
  const x = (name: string, text: string): Member => ({name, data: Buffer.from(text)})
  return [
    x(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    x(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    x(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    x(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
  ]
}

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
const SHEET_TAIL = '</sheetData></worksheet>'

/** One worksheet row of inline strings and numbers. */
export function sheetRow(r: number, cells: Array<string | number>): string {
  const c = cells
    .map((v, i) => {
      const ref = String.fromCharCode(65 + i) + r
      return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`
    })
    .join('')
  return `<row r="${r}">${c}</row>`
}

/**
 * A small valid .xlsx with the given rows.
 * @example xlsxOf([['Supplier', 'Amount'], ['Acme', 10]])
 */
export function xlsxOf(rows: Array<Array<string | number>>): Buffer {
  const sheet = SHEET_HEAD + rows.map((r, i) => sheetRow(i + 1, r)).join('') + SHEET_TAIL
  return zipOf([...xlsxFrame(), {name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet)}])
}

/**
 * An .xlsx whose worksheet XML is `head` + `block` x `copies` + tail, compressed
 * as a whole-sheet deflate stream built in O(block) time; `declaredSize` makes
 * the zip directory lie about the sheet's size.
 * @example hugeSheetXlsx(rowsBlock, 500) // ~500 MB of sheet XML for a 1 MB block
 */
export function hugeSheetXlsx(block: Buffer, copies: number, declaredSize?: number): Buffer {
  const d = deflateRepeated(block, copies, Buffer.from(SHEET_HEAD + sheetRow(1, ['Supplier', 'Amount', 'Date'])), Buffer.from(SHEET_TAIL))
  return zipOf([...xlsxFrame(), {name: 'xl/worksheets/sheet1.xml', deflated: d, declaredSize}])
}

/**
 * Deterministic pseudo-random bytes (a xorshift generator), so a failure can be replayed.
 * @example randomBytesSeeded(1 << 20, 42)
 */
export function randomBytesSeeded(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n)
  let x = seed >>> 0 || 1
  for (let i = 0; i < n; i++) {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    out[i] = x & 0xff
  }
  return out
}
