// `npm test`'s build step: build unless dist/ is newer than everything it is
// built from (src/, the build scripts, package.json, tsconfig). `npm ci` has
// just built it on a fresh clone (the prepare script), and building again
// cost CI about 20 s; an edited source file is newer than dist/ and rebuilds,
// as make decides.
import {execFileSync} from 'node:child_process'
import {existsSync, readdirSync, statSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

function newest(path) {
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  return readdirSync(path).reduce((m, n) => Math.max(m, newest(join(path, n))), st.mtimeMs)
}

const outputs = ['dist/main.js', 'oclif.manifest.json'].map((p) => join(root, p))
const inputs = ['src', 'scripts/bundle.mjs', 'scripts/manifest.mjs', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'].map((p) => join(root, p)).filter(existsSync)
const built = outputs.every(existsSync) ? Math.min(...outputs.map((p) => statSync(p).mtimeMs)) : -Infinity
if (built > Math.max(...inputs.map(newest))) {
  process.stderr.write('dist/ is newer than its sources: not rebuilt\n')
} else {
  execFileSync('npm', ['run', 'build'], {cwd: root, stdio: 'inherit'})
}
