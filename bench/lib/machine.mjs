/** What the bench ran on: CPU, cores, RAM, load, Node, DuckDB and spend versions, commit. */
import {execFileSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import os from 'node:os'

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'))
    if (line) return line.split(':')[1].trim()
  } catch {
    // Not Linux: fall through to what Node reports.
  }
  return os.cpus()[0]?.model ?? 'unknown'
}

function git(args, cwd) {
  try {
    return execFileSync('git', args, {cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).trim()
  } catch {
    return ''
  }
}

/** Collect the machine description for RESULTS.md. */
export function machineInfo(root, {duckdbVersion, spendVersion}) {
  const commit = git(['rev-parse', '--short', 'HEAD'], root)
  const dirty = git(['status', '--porcelain', '--untracked-files=no'], root) !== ''
  return {
    cpu: cpuModel(),
    cores: os.cpus().length,
    ramGB: (os.totalmem() / 1024 ** 3).toFixed(1),
    loadavg: os.loadavg().map((x) => x.toFixed(2)).join(', '),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    duckdb: duckdbVersion,
    spend: spendVersion,
    commit: commit ? `${commit}${dirty ? ' (with uncommitted changes)' : ''}` : 'unknown',
    // The bench report is a record of one run, so it carries the date (tool outputs never do).
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  }
}
