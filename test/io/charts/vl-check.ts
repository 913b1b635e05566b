/**
 * What the chart spec tests share: compile a spec with vega-lite collecting
 * its warnings (a chart must compile with none), and round the floats of a
 * spec to 4 significant digits so a snapshot does not hang on the last bit.
 */
import * as vl from 'vega-lite'
import type {Chart} from '../../../src/io/write/charts/chart.js'

/** vega-lite's warnings (and errors) while compiling the chart's spec. */
export function compileWarnings(chart: Chart): string[] {
  const warnings: string[] = []
  const logger = {
    level: () => logger,
    warn: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger },
    error: (...m: unknown[]) => { warnings.push(`error: ${m.join(' ')}`); return logger },
    info: () => logger,
    debug: () => logger,
  }
  vl.compile(chart.spec as unknown as Parameters<typeof vl.compile>[0], {logger: logger as never})
  return warnings
}

/** The value with every non-integer number rounded to 4 significant digits. */
export function rounded<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (_k, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(4)) : v)) as T
}
