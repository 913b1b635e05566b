/**
 * Preloaded with `node --import` when GNU time is missing: on exit, write this process's
 * peak RSS in KB (as `time -f %M` would) to $BENCH_RSS_FILE.
 */
import {writeFileSync} from 'node:fs'

process.on('exit', () => {
  const file = process.env.BENCH_RSS_FILE
  if (file) writeFileSync(file, `${process.resourceUsage().maxRSS}\n`)
})
