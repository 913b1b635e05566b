import type {Format} from './view.js'
import type {View} from './view.js'

export interface RenderContext {
  isTTY: boolean
  color: boolean
  /** Terminal width a table is fitted to. */
  width: number
  /** Where a table says what it left out (stderr). */
  note?: (message: string) => void
}

/**
 * The width to fit tables to: `COLUMNS` when it is a positive whole number,
 * else the terminal's width when stdout is one, else 80.
 * @example terminalWidth({COLUMNS: '120'}, undefined) // 120
 */
export function terminalWidth(env: NodeJS.ProcessEnv, ttyColumns: number | undefined): number {
  const fromEnv = /^\s*\d+\s*$/.test(env.COLUMNS ?? '') ? Number(env.COLUMNS) : 0
  if (fromEnv > 0) return fromEnv
  return ttyColumns !== undefined && ttyColumns > 0 ? ttyColumns : 80
}

/** The terminal context of stdout: colour only on a TTY (FORCE_COLOR / NO_COLOR respected), width from COLUMNS or the TTY. */
export function stdoutContext(env: NodeJS.ProcessEnv = process.env): RenderContext {
  const isTTY = Boolean(process.stdout.isTTY)
  let color = isTTY
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') color = false
  if (env.FORCE_COLOR !== undefined) color = env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false'
  return {isTTY, color, width: terminalWidth(env, isTTY ? process.stdout.columns : undefined)}
}

/** The format to use when none was asked for: a table for people, CSV for pipes. */
export function defaultFormat(ctx: RenderContext): Format {
  return ctx.isTTY ? 'table' : 'csv'
}

/**
 * Render views in a text format. CSV and TSV carry one table for scripts: the
 * first view (the command's main result); a big one may come as UTF-8 bytes.
 */
export async function renderViews(views: View[], format: Exclude<Format, 'json'>, ctx: RenderContext): Promise<string | Uint8Array> {
  switch (format) {
    case 'csv':
    case 'tsv': {
      const {renderDelimited} = await import('./delimited.js')
      return views.length ? renderDelimited(views[0], format === 'csv' ? ',' : '\t') : ''
    }
    case 'md': {
      const {renderMarkdown} = await import('./markdown.js')
      return renderMarkdown(views)
    }
    case 'table': {
      const {renderTable} = await import('./table.js')
      return renderTable(views, {width: ctx.width, color: ctx.color, note: ctx.note})
    }
  }
}
