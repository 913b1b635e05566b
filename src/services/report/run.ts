/**
 * What the report command needs around buildReport: the config file read,
 * and the --json contract `{out, files, sections}`.
 */
import {readFile} from 'node:fs/promises'
import {basename} from 'node:path'
import {SpendInputError} from '../../errors.js'
import {reportMsg} from '../../messages.js'
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
