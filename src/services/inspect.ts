/**
 * `spend inspect`: read a file exactly as `import` would (same sources, same
 * header/mapping/plan logic, same row classification) into a counting sink
 * that keeps only a few samples and the first problems. Nothing is written:
 * no workspace, no temp files. The result types are in `inspect-types.ts`,
 * the sink and the per-source result in `inspect-source.ts`.
 */
import {stat} from 'node:fs/promises'
import {SpendInputError, isSpendInputError} from '../errors.js'
import {isCurrencyCode} from '../model/currency.js'
import {msg} from '../messages.js'
import {failedSource, InspectSink, ocdsSource, tableSource} from './inspect-source.js'
import type {InspectFlags, InspectResult, InspectSource} from './inspect-types.js'
import {readMapFile} from '../io/read/table/map-file.js'
import {openSources} from '../io/read/bytes/sources.js'
import type {ImportOptions, JsonSource, Source, TableSource} from '../io/read/types.js'
import {createProgress} from '../io/write/progress.js'

export {PROBLEM_COUNT, SAMPLE_COUNT} from './inspect-source.js'
export type {InspectFlags, InspectPreset, InspectResult, InspectSample, InspectSource} from './inspect-types.js'

/**
 * Inspect a file, folder or '-' (stdin) without importing it. A source that
 * cannot be read is reported with its error; if none can, the first error is thrown.
 *
 * @example
 * const {sources} = await runInspect('spend.csv', {})
 * sources[0].preset?.name // 'uk-25k'
 */
export async function runInspect(input: string, flags: InspectFlags): Promise<InspectResult> {
  const currency = flags.currency?.trim().toUpperCase()
  if (currency !== undefined && !isCurrencyCode(currency)) {
    throw new SpendInputError('BAD_CURRENCY', msg.badCurrency(flags.currency ?? ''), {exit: 2})
  }
  const opts: ImportOptions = {
    importId: 'inspect', label: input, buyer: flags.buyer, currency, map: flags.map ? await readMapFile(flags.map) : undefined,
    preset: flags.preset, ocdsLevel: flags['ocds-level'],
    // Inspect explains a file whose currency nothing names (import refuses it): shown as unknown, with the flag to give.
    allowUnknownCurrency: true,
  }
  const size = input === '-' ? 0 : ((await stat(input).catch(() => null))?.size ?? 0)
  const bar = createProgress(input, size)
  const sources: InspectSource[] = []
  let firstError: SpendInputError | null = null
  try {
    for await (const source of openSources(input, {onProgress: (b) => bar.update(b)})) {
      // As in import, a folder's README is documentation, not data.
      if (README.test(source.name)) {
        await drain(source, null)
        continue
      }
      try {
        sources.push(await inspectSource(source, opts))
      } catch (error) {
        if (!isSpendInputError(error)) throw error
        firstError ??= error
        await drain(source, error)
        sources.push(failedSource(source, error))
      }
    }
  } finally {
    bar.stop()
  }
  if (firstError && sources.every((s) => s.error !== null)) throw firstError
  if (sources.length === 0) throw new SpendInputError('NO_FILES', 'nothing but README files', {where: input, hint: 'give a spend file'})
  return {sources}
}

async function inspectSource(source: Source, opts: ImportOptions): Promise<InspectSource> {
  const sink = new InspectSink()
  if (source.kind === 'table') {
    const {readTablePlanned} = await import('../io/read/table/table.js')
    const {report, plan} = await readTablePlanned(source, opts, sink)
    return tableSource(report, plan, sink)
  }
  const {readOcds} = await import('../io/read/ocds/index.js')
  return ocdsSource(await readOcds(source, opts, sink), sink)
}

const README = /(^|[\\/])README(\.md)?$/i

/** Read the rest of a source so the next one can be opened; a broken stream ends inspect with `error` (or its own). */
async function drain(source: Source, error: SpendInputError | null): Promise<void> {
  try {
    const rest: AsyncIterable<unknown> = source.kind === 'table' ? (source as TableSource).rows : (source as JsonSource).text
    for await (const _ of rest) {
      // discard
    }
  } catch (own) {
    throw error ?? own
  }
}
