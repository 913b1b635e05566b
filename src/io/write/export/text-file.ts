import {createWriteStream, type WriteStream} from 'node:fs'
import {rm} from 'node:fs/promises'
import {once} from 'node:events'
import {formatMinor} from '../../../model/money.js'
import type {ExportBatch, RecordWriter} from './types.js'

const DAY_MS = 86_400_000

/** Days since 1970-01-01 as YYYY-MM-DD (UTC). */
export function isoDate(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10)
}

/** A batch's amount at row i in major units, exact (from amount_minor and currency). */
export function amountText(batch: ExportBatch, i: number): string {
  return formatMinor(batch.values.amount_minor[i] as bigint, batch.values.currency[i] as string)
}

/**
 * A streaming text file: each batch becomes one string written with
 * backpressure, so memory holds one batch's text at most.
 */
export function openTextWriter(path: string, head: string, render: (batch: ExportBatch) => string): RecordWriter {
  const out: WriteStream = createWriteStream(path, {flags: 'wx'})
  let bytes = 0
  let failed: Error | null = null
  // One listener for the stream's error: each wait for 'drain' races against it.
  const errored = new Promise<never>((_, reject) => out.once('error', (e) => {
    failed = e
    reject(e)
  }))
  errored.catch(() => {})
  const put = async (text: string) => {
    if (failed) throw failed
    if (text === '') return
    const buf = Buffer.from(text, 'utf8')
    bytes += buf.length
    if (!out.write(buf)) await Promise.race([once(out, 'drain'), errored])
  }
  let started = put(head)
  return {
    async write(batch) {
      await started
      started = put(render(batch))
      await started
    },
    async finish() {
      await started
      await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())))
      if (failed) throw failed
      return {bytes}
    },
    async abort() {
      out.destroy()
      await rm(path, {force: true})
    },
  }
}
