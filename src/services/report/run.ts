/**
 * What the report command needs around buildReport: the config file read,
 * and the --json contract `{out, files, sections}`.
 */
import {readFile} from 'node:fs/promises'
import {basename} from 'node:path'
import {SpendInputError} from '../../errors.js'
import {benchReportMsg, reportMsg} from '../../messages.js'
import type {SectionConfig} from './config.js'
import type {OutputFile} from './folder.js'
import type {ReportResult} from './build.js'
import type {View} from '../../io/write/view.js'

/** The configuration's text and file name (as recorded: no folders). */
export async function readReportConfig(file: string): Promise<{configText: string; configFile: string}> {
  try {
    return {configText: await readFile(file, 'utf8'), configFile: basename(file)}
  } catch (error) {
    throw new SpendInputError('FILE_NOT_FOUND', reportMsg.configUnreadable((error as NodeJS.ErrnoException).code ?? 'error'), {where: file, hint: reportMsg.configUnreadableHint(), exit: 2})
  }
}

export interface ReportJson {
  out: string
  files: OutputFile[]
  sections: ReportResult['sections']
}

/** The --json contract of spend report. */
export function reportJson(r: ReportResult): ReportJson {
  return {out: r.out, files: r.files, sections: r.sections}
}

/**
 * The files written, as a view for `spend report --format table|csv|tsv|md`.
 * @example filesView([{path: 'index.html', bytes: 10, sha256: 'ab..'}]).rows[0].path // 'index.html'
 */
export function filesView(files: OutputFile[]): View {
  return {
    title: 'Files written',
    columns: [
      {key: 'path', header: 'File', fit: 'path'},
      {key: 'bytes', header: 'Bytes', kind: 'int'},
      {key: 'sha256', header: 'SHA-256', fit: 'id', drop: 1},
    ],
    rows: files.map((f) => ({path: f.path, bytes: f.bytes, sha256: f.sha256})),
  }
}

/**
 * The benchmark section --benchmark BUYER asks for (peers: --benchmark-peers
 * A,B, else the --benchmark-auto N nearest, 8 by default), in the order the
 * configuration parser gives, so the manifest records what a rebuild parses.
 * @example benchmarkFlag('Leeds', undefined, 5) // {type: 'benchmark', buyer: 'Leeds', auto: 5}
 */
export function benchmarkFlag(buyer: string | undefined, peers: string | undefined, auto: number | undefined): SectionConfig | undefined {
  if (buyer === undefined) {
    const given = peers !== undefined ? '--benchmark-peers' : auto !== undefined ? '--benchmark-auto' : null
    if (given) throw new SpendInputError('BAD_FLAG', benchReportMsg.flagNeedsBenchmark(given), {where: given, hint: benchReportMsg.flagNeedsBenchmarkHint(), exit: 2})
    return undefined
  }
  if (peers !== undefined && auto !== undefined) throw new SpendInputError('BAD_FLAG', benchReportMsg.flagPeersAndAuto(), {where: '--benchmark-peers', hint: benchReportMsg.flagPeersAndAutoHint(), exit: 2})
  if (peers !== undefined) return {type: 'benchmark', buyer, peers: peers.split(',').map((p) => p.trim()).filter((p) => p !== '')}
  return auto === undefined ? {type: 'benchmark', buyer} : {type: 'benchmark', buyer, auto}
}
