import {describe, expect, it} from 'vitest'
import {gzipSync} from 'node:zlib'
import {join} from 'node:path'
import {zipSync} from 'fflate'
import {InflateGuard} from '../../../src/io/read/bytes/archive.js'
import {resolveLimits} from '../../../src/io/read/limits.js'
import {errorOf, lieAboutSizes, openAll, tempDir} from './helpers.js'

/** Small limits so bombs can be built in a test in milliseconds. */
const small = {ratioFloorBytes: 1 << 20, maxCompressionRatio: 100}
const zeros = (n: number): Uint8Array => new Uint8Array(n).fill(0x30) // '0' characters: text, compresses ~1000:1

describe('zip and gzip bombs are stopped while inflating', () => {
  it('bomb.zip: a member whose directory entry declares a 1000:1 ratio is refused before inflating', async () => {
    const dir = tempDir({'bomb.zip': zipSync({'big.csv': zeros(5 << 20)}, {level: 9})})
    const err = await errorOf(join(dir, 'bomb.zip'), small)
    expect(err.code).toBe('ARCHIVE_TOO_LARGE')
    expect(err.line).toContain('bomb.zip')
  })

  it('a zip that lies about its member sizes is stopped by what actually inflates', async () => {
    const dir = tempDir({'liar.zip': lieAboutSizes(zipSync({'big.csv': zeros(5 << 20)}, {level: 9}), 1000)})
    const err = await errorOf(join(dir, 'liar.zip'), small)
    expect(err.code).toBe('BROKEN_ARCHIVE')
    expect(err.line).toMatch(/larger than the zip directory says/)
  })

  it('InflateGuard: stops an archive at the total size and at the ratio past the floor', () => {
    const limits = resolveLimits({maxUncompressedBytes: 1000, ratioFloorBytes: 100, maxCompressionRatio: 10})
    const total = new InflateGuard('t.zip', limits)
    total.add(600, 600, 500)
    expect(() => total.add(600, 600, 500)).toThrow(expect.objectContaining({code: 'ARCHIVE_TOO_LARGE'}))
    const ratio = new InflateGuard('r.zip', limits)
    ratio.add(90, 90, 1) // under the floor: fine
    expect(() => ratio.add(20, 110, 10)).toThrow(expect.objectContaining({code: 'ARCHIVE_TOO_LARGE'}))
  })

  it('a gz bomb is stopped by ratio while inflating', async () => {
    const dir = tempDir({'bomb.csv.gz': gzipSync(zeros(5 << 20), {level: 9})})
    const err = await errorOf(join(dir, 'bomb.csv.gz'), small)
    expect(err.code).toBe('ARCHIVE_TOO_LARGE')
  })

  it('a gz bomb is stopped by total size while inflating', async () => {
    const dir = tempDir({'big.csv.gz': gzipSync(zeros(3 << 20))})
    expect((await errorOf(join(dir, 'big.csv.gz'), {maxUncompressedBytes: 1 << 20})).code).toBe('ARCHIVE_TOO_LARGE')
  })

  it('too many members -> ARCHIVE_TOO_LARGE', async () => {
    const files: Record<string, Uint8Array> = {}
    for (let i = 0; i < 20; i++) files[`m${i}.csv`] = new TextEncoder().encode('a\n1\n')
    const dir = tempDir({'many.zip': zipSync(files)})
    expect((await errorOf(join(dir, 'many.zip'), {maxArchiveMembers: 10})).code).toBe('ARCHIVE_TOO_LARGE')
  })

  it('zips nested deeper than maxArchiveDepth are refused', async () => {
    let z = zipSync({'a.csv': new TextEncoder().encode('a\n1\n')})
    for (let i = 0; i < 3; i++) z = zipSync({[`l${i}.zip`]: z})
    const dir = tempDir({'deep.zip': z})
    expect((await errorOf(join(dir, 'deep.zip'), {maxArchiveDepth: 2})).code).toBe('ARCHIVE_TOO_LARGE')
    expect((await openAll(join(dir, 'deep.zip'))).map((s) => s.name)).toEqual(['deep.zip!l2.zip!l1.zip!l0.zip!a.csv'])
  })
})

describe('broken archives', () => {
  it('a corrupted member fails its checksum -> BROKEN_ARCHIVE', async () => {
    const z = Buffer.from(zipSync({'a.csv': new TextEncoder().encode('supplier,amount\nA,1\n')}, {level: 0}))
    const at = z.indexOf('A,1')
    z[at] = 0x42 // 'B'
    const dir = tempDir({'bad.zip': z})
    const err = await errorOf(join(dir, 'bad.zip'))
    expect(err.code).toBe('BROKEN_ARCHIVE')
    expect(err.line).toMatch(/checksum/)
  })

  it('a truncated gz -> BROKEN_ARCHIVE', async () => {
    const gz = gzipSync('a,b\n'.repeat(10_000))
    const dir = tempDir({'cut.csv.gz': gz.subarray(0, gz.length >> 1)})
    expect((await errorOf(join(dir, 'cut.csv.gz'))).code).toBe('BROKEN_ARCHIVE')
  })

  it('random bytes after a zip signature -> BROKEN_ARCHIVE', async () => {
    const junk = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from(Array.from({length: 3000}, (_, i) => (i * 31 + 7) % 256))])
    const dir = tempDir({'junk.zip': junk})
    expect((await errorOf(join(dir, 'junk.zip'))).code).toBe('BROKEN_ARCHIVE')
  })
})
