import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {packageRoot, workerUrl} from '../../src/paths.js'

describe('package paths', () => {
  it('finds spendkit\'s own package root, where the data files are', () => {
    const root = packageRoot()
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name).toBe('spendkit')
    expect(existsSync(join(root, 'data', 'cpv-2008-en.csv'))).toBe(true)
  })

  it('gives no worker file when running from TypeScript sources (callers then work in this thread)', () => {
    expect(workerUrl('split-worker')).toBeNull()
    expect(workerUrl('hash-worker')).toBeNull()
  })

  it('has the worker entries in the build', () => {
    // npm test builds first (pretest); the split and hash tests run them through the binary.
    for (const name of ['split-worker', 'hash-worker']) expect(existsSync(join(packageRoot(), 'dist', 'workers', `${name}.js`))).toBe(true)
  })
})
