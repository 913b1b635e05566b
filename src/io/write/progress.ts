/** A byte progress bar on stderr, shown only on a TTY, outside CI, and only once a file takes more than a moment. */
export interface Progress {
  update(bytes: number): void
  stop(): void
}

const NOOP: Progress = {update() {}, stop() {}}

export function createProgress(label: string, totalBytes: number, env: NodeJS.ProcessEnv = process.env): Progress {
  if (!process.stderr.isTTY || env.CI || totalBytes <= 0) return NOOP
  const started = Date.now()
  let bar: {update(v: number): void; stop(): void} | null = null
  let loading = false
  let stopped = false
  let last = 0
  return {
    update(bytes: number) {
      last = bytes
      if (bar) {
        bar.update(Math.min(bytes, totalBytes))
        return
      }
      // Only files that take more than a moment get a bar; cli-progress is loaded then, not at start-up.
      if (loading || Date.now() - started < 800) return
      loading = true
      void import('cli-progress').then(({default: cp}) => {
        // The file may have finished while cli-progress loaded: a bar started after stop()
        // would never be stopped, and its redraw timer would keep the process alive.
        if (stopped) return
        bar = new cp.SingleBar(
          {stream: process.stderr, format: `${label} [{bar}] {percentage}% | {value}/{total} bytes`, hideCursor: true},
          cp.Presets.shades_classic,
        )
        ;(bar as unknown as {start(t: number, v: number): void}).start(totalBytes, last)
      })
    },
    stop() {
      stopped = true
      bar?.stop()
    },
  }
}
