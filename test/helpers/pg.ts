/**
 * A PostgreSQL database for a test file. With SPENDKIT_TEST_PG_URL (set by
 * .ci/run, which starts one server for the run) a fresh database is made on
 * that server and dropped at the end; without it, a throwaway cluster is
 * made with Debian's initdb in a temp folder (as the `postgres` user when
 * running as root, since initdb refuses root), listening on a Unix socket
 * only, and stopped at the end. No mock: tests need the real server, and
 * fail (never skip) without one: scripts/need-postgres.sh installs it.
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {chmodSync, existsSync, readdirSync, statSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {tempDir} from './temp.js'

export interface TestPg {
  /** A connection URL for the test's own database. */
  url: string
  close(): Promise<void>
}

function pgBin(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir && existsSync(join(dir, name))) return join(dir, name)
  const base = '/usr/lib/postgresql'
  const versions = existsSync(base) ? readdirSync(base).sort((a, b) => Number(b) - Number(a)) : []
  for (const v of versions) if (existsSync(join(base, v, 'bin', name))) return join(base, v, 'bin', name)
  throw new Error(`PostgreSQL's ${name} was not found: install Debian's postgresql (bash scripts/need-postgres.sh) or set SPENDKIT_TEST_PG_URL`)
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0

function asPostgres(file: string, args: string[]): void {
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args]
  const r = spawnSync(cmd, argv, {encoding: 'utf8', env: {...process.env, LC_ALL: 'C', TZ: 'UTC'}})
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} failed: ${r.stderr || r.stdout}`)
}

let counter = 0

async function adminQuery(url: string, sql: string): Promise<void> {
  const pg = (await import('pg')).default
  const client = new pg.Client({connectionString: url})
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

/** A database on the run's server: created fresh, dropped on close. */
async function onServer(base: string): Promise<TestPg> {
  const name = `spend_test_${process.pid}_${++counter}`
  await adminQuery(base, `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`)
  const u = new URL(base)
  u.pathname = `/${name}`
  return {url: u.toString(), close: () => adminQuery(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)}
}

/**
 * A throwaway cluster in a temp folder, on a Unix socket; stopped on close
 * (the folder goes with the test's other temp folders). As root the server
 * runs as `postgres`, which then needs to pass through the run's private
 * temp folder (search permission only, not listing).
 */
async function ownCluster(): Promise<TestPg> {
  const dir = tempDir('spendkit-pg-')
  if (isRoot()) {
    const parent = dirname(dir)
    chmodSync(parent, statSync(parent).mode | 0o111)
    execFileSync('chown', ['postgres:postgres', dir])
  }
  const data = join(dir, 'data')
  asPostgres(pgBin('initdb'), ['-D', data, '-A', 'trust', '-U', 'spend', '-E', 'UTF8', '--locale=C', '--no-sync'])
  // The socket file's name holds the port; the folder is the test's own, so any port is free there.
  const port = '5432'
  asPostgres(pgBin('pg_ctl'), ['-D', data, '-w', '-s', '-l', join(dir, 'log'), '-o', `-k ${dir} -c listen_addresses='' -p ${port} -c fsync=off`, 'start'])
  const url = `postgresql://spend@localhost:${port}/postgres?host=${encodeURIComponent(dir)}`
  return {
    url,
    close: async () => {
      asPostgres(pgBin('pg_ctl'), ['-D', data, '-w', '-s', '-m', 'immediate', 'stop'])
    },
  }
}

/** The test file's database (call in beforeAll, close in afterAll). */
export async function testPg(): Promise<TestPg> {
  const base = process.env.SPENDKIT_TEST_PG_URL
  return base ? onServer(base) : ownCluster()
}
