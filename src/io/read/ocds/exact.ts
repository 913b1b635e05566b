/**
 * The exact streaming JSON parser: @streamparser/json with every number kept as
 * the text it was written with (RawNumber), errors re-thrown instead of swallowed.
 */
import {TokenParser, Tokenizer} from '@streamparser/json'
import {DepthGuard, JsonTooDeep} from './depth.js'
import {RawNumber} from './values.js'

/** Tokenizer that keeps each number as its written text (never a double). */
class ExactTokenizer extends Tokenizer {
  protected override parseNumber(numberStr: string): number {
    return new RawNumber(numberStr) as unknown as number
  }
}

export type OnValue = (info: {value: unknown; key?: string | number; parent?: unknown; stack: Array<{key?: unknown; value?: unknown}>}) => void

/**
 * A tokenizer to write text into; `onValue` gets the values at `paths`. Past
 * MAX_JSON_DEPTH (depth.ts) nothing more is built: the tokens are only counted
 * by `guard` (one of its own when none is given), whose `over` the caller checks.
 *
 * @example const t = exactParser(['$'], ({value}) => use(value)); t.write('{"a":1.50}'); t.end()
 */
export function exactParser(paths: string[], onValue: OnValue, separator?: string, guard = new DepthGuard()): Tokenizer {
  const tokenizer = new ExactTokenizer()
  // keepStack: the library would otherwise also drop every finished value outside an emitted path
  // (a bare release's fields); we drop the emitted array elements ourselves instead (see json-stream.ts).
  const parser = new TokenParser({paths, keepStack: true, separator})
  const write = parser.write.bind(parser)
  tokenizer.onToken = (t) => {
    if (guard.token(t.token, t.value)) write(t)
  }
  parser.onValue = onValue as TokenParser['onValue']
  // Re-throw instead of the default of swallowing into an 'error' state.
  tokenizer.onError = (err) => {
    throw err
  }
  parser.onError = (err) => {
    throw err
  }
  // A document cut short must fail, not end quietly with what was parsed so far.
  tokenizer.onEnd = () => {
    if (!parser.isEnded && !guard.over) parser.end()
  }
  return tokenizer
}

/**
 * Parse one whole JSON text exactly (numbers as RawNumber); JsonTooDeep past MAX_JSON_DEPTH.
 *
 * @example (exactParse('{"a":1.50}') as {a: RawNumber}).a.raw // '1.50'
 */
export function exactParse(text: string): unknown {
  let out: unknown
  const guard = new DepthGuard()
  const t = exactParser(['$'], ({value}) => {
    out = value
  }, undefined, guard)
  try {
    t.write(text)
    t.end()
  } catch (e) {
    if (!guard.over) throw e
  }
  if (guard.over) throw new JsonTooDeep(guard.deepest)
  return out
}

/** The parser's message without its position and state details. */
export function short(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e)
  return m.replace(/ at chunk position.*| in state .*/s, '').slice(0, 80)
}

/** UTF-8 byte position of a tokenizer error within the text written, if it says. */
export function errorPosition(e: unknown): number | null {
  const rel = /chunk position "(\d+)"/.exec(e instanceof Error ? e.message : '')
  return rel ? Number(rel[1]) : null
}
