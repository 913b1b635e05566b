/**
 * The spool's line format for one candidate: fields joined by U+0001, null as
 * U+0002, built with one join (a flat string: a long chain of `+` would be a
 * rope that costs more to write out than to build). Cheaper than JSON.stringify
 * + JSON.parse, which matters at one line per award of a large file. A string
 * that holds U+0001-U+0003, a line break or a surrogate is written as U+0003 +
 * its JSON text instead, so every string round-trips exactly.
 */
import type {Candidate, Category, Org} from './extract.js'
import {amountText} from './values.js'

const FS = '\u0001'
const NULL = '\u0002'
const ESC = 3
const NEEDS_ESCAPE = /[\u0001-\u0003\n\r\ud800-\udfff]/
const KINDS = ['award', 'contract', 'transaction'] as const

function enc(v: string | null): string {
  if (v === null) return NULL
  return NEEDS_ESCAPE.test(v) ? String.fromCharCode(ESC) + JSON.stringify(v) : v
}

function dec(p: string): string | null {
  if (p === NULL) return null
  return p.charCodeAt(0) === ESC ? (JSON.parse(p.slice(1)) as string) : p
}

function pushOrgs(out: Array<string | number>, list: Org[]): void {
  out.push(list.length)
  for (const o of list) out.push(enc(o.name), enc(o.id), enc(o.scale))
}

/** Reads fields in order from one split line. */
class Fields {
  private i = 0
  constructor(private readonly parts: string[]) {}
  str(): string | null {
    return dec(this.parts[this.i++])
  }
  num(): number {
    return Number(this.parts[this.i++])
  }
  org(): Org {
    return {name: this.str() ?? '', id: this.str(), scale: this.str()}
  }
  orgs(n: number): Org[] {
    const out: Org[] = []
    for (let k = 0; k < n; k++) out.push(this.org())
    return out
  }
}

/**
 * One candidate as a spool line (the version is left out: only the winner table needs it).
 *
 * @example decodeCandidate(encodeCandidate(c)).key === c.key
 */
export function encodeCandidate(c: Candidate): string {
  const out: Array<string | number> = [KINDS.indexOf(c.kind), c.line, enc(c.key), enc(c.status), enc(c.date), enc(amountText(c.amount)),
    enc(c.currency), enc(c.fallbackCurrency), enc(c.awardKey), enc(c.expenseType), enc(c.description)]
  const b = c.buyer
  if (b) out.push(1, enc(b.name), enc(b.id), enc(b.scale))
  else out.push(0)
  const cat = c.category
  if (cat) out.push(1, enc(cat[0]), enc(cat[1]), enc(cat[2]))
  else out.push(0)
  if (c.suppliers) pushOrgs(out, c.suppliers)
  else out.push(-1)
  return out.join(FS)
}

/** A spooled candidate back; `amount` is its decimal text, `version` 0. */
export function decodeCandidate(line: string): Candidate {
  const f = new Fields(line.split(FS))
  const kind = KINDS[f.num()]
  const srcLine = f.num()
  const key = f.str() ?? ''
  const status = f.str()
  const date = f.str()
  const amount = f.str()
  const currency = f.str()
  const fallbackCurrency = f.str()
  const awardKey = f.str()
  const expenseType = f.str()
  const description = f.str()
  const buyer = f.num() === 1 ? f.org() : null
  const category: Category | null = f.num() === 1 ? [f.str() ?? '', f.str() ?? '', f.str()] : null
  const n = f.num()
  const suppliers = n < 0 ? null : f.orgs(n)
  return {key, kind, version: 0, line: srcLine, status, date, amount, currency, fallbackCurrency, suppliers, awardKey, buyer, category,
    expenseType, description}
}

/** An award's suppliers as a spool line. */
export function encodeAwardSuppliers(key: string, suppliers: Org[]): string {
  const out: Array<string | number> = [enc(key)]
  pushOrgs(out, suppliers)
  return out.join(FS)
}

export function decodeAwardSuppliers(line: string): [key: string, suppliers: Org[]] {
  const f = new Fields(line.split(FS))
  const key = f.str() ?? ''
  return [key, f.orgs(f.num())]
}
