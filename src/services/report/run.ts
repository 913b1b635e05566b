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
