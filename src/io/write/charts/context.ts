/**
 * What every chart says about where its numbers come from: the filters as
 * typed and the period the rows cover, in the subtitle and the description.
 */

export interface ChartContext {
  /** The filters as typed (`--buyer Oxford --from 2024`), or null for none. */
  filters: string | null
  /** First and last date of the rows drawn, or null when none is dated. */
  period: [string, string] | null
  /** What was done to money (`converted to EUR`...), or null. */
  money?: string | null
}

/** The subtitle lines of a chart: currency and period, then the filters. */
export function subtitleLines(ctx: ChartContext, currency?: string | null): string[] {
  const first = [currency ?? null, ctx.period ? `${ctx.period[0]} to ${ctx.period[1]}` : 'no dated rows', ctx.money ?? null].filter(Boolean).join(' · ')
  return [first, ctx.filters ? `filters: ${ctx.filters}` : 'all rows (no filters)']
}

/** The same as one sentence, for a chart's `<desc>`. */
export function contextSentence(ctx: ChartContext, currency?: string | null): string {
  return `${subtitleLines(ctx, currency).join('; ')}.`
}

/**
 * A name made safe for file names and SVG ids.
 * @example slug('Top suppliers', 'GBP') // 'top-suppliers-gbp'
 */
export function slug(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => Boolean(p))
    .join('-')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'chart'
}
