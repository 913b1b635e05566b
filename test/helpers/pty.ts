import {execFileSync, spawn} from 'node:child_process'

const hasScript = (() => {
  try {
    execFileSync('script', ['--version'], {stdio: 'ignore'})
    return true
  } catch {
    return false
  }
})()

/** Quote for sh. */
export const sh = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`

/**
 * Run a shell command on a pseudo-terminal (`cols` wide when given) and return what the
 * terminal showed: util-linux `script` when present, else python3's pty module.
 * @example const {screen} = await runInPty(`node ${sh(BIN)} imports`, env, 100)
 */
export function runInPty(command: string, env: Record<string, string>, cols?: number): Promise<{code: number | null; screen: string}> {
  // Without `cols` the terminal keeps the size the pty was made with.
  const sized = cols === undefined ? command : `stty cols ${cols} rows 50; ${command}`
  const [file, args] = hasScript
    ? ['script', ['-qfec', sized, '/dev/null']]
    : ['python3', ['-c', 'import pty,sys; sys.exit(pty.spawn(["sh","-c",sys.argv[1]]) >> 8)', sized]]
  return new Promise((done, fail) => {
    const child = spawn(file, args, {env, stdio: ['ignore', 'pipe', 'pipe']})
    let screen = ''
    child.stdout.setEncoding('utf8').on('data', (d) => (screen += d))
    child.stderr.resume()
    child.on('error', fail)
    child.on('close', (code) => done({code, screen}))
  })
}
