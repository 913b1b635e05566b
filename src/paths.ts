/**
 * Files the code finds at run time (worker entries, bundled data), located
 * from the package root rather than from the calling module: the build
 * bundles modules into shared chunks (scripts/bundle.mjs), so a module's own
 * URL says nothing about where its neighbours are.
 */
import {existsSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

let root: string | null = null

/**
 * The folder holding spendkit's package.json (the first one above this file).
 * @example join(packageRoot(), 'data', 'cpv-2008-en.csv')
 */
export function packageRoot(): string {
  if (root !== null) return root
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir)
    if (up === dir) throw new Error('bug: no package.json above the spendkit code')
    dir = up
  }
  return (root = dir)
}

/**
 * A worker thread's entry file in the build (dist/workers/NAME.js), or null
 * when running from TypeScript sources (vitest), where a Worker cannot load
 * them and callers run the same code in this thread.
 * @example const url = workerUrl('split-worker'); if (url) new Worker(url, {workerData})
 */
export function workerUrl(name: 'split-worker' | 'hash-worker'): URL | null {
  if (!import.meta.url.endsWith('.js')) return null
  return pathToFileURL(join(packageRoot(), 'dist', 'workers', `${name}.js`))
}
