/**
 * Organisation identifiers and keys for OCDS parties. Schemes follow
 * org-id.guide (`GB-COH`, `NO-BRC`, `PY-RUC`, `AM-TIN`): a country or `XI`/`XM`
 * prefix and a register code, letters only.
 */
import {obj, text} from './values.js'

const ORG_SCHEME = /^[A-Z]{2}-[A-Z]{2,12}$/
const ORG_ID = /^[A-Z]{2}-[A-Z]{2,12}-\S+$/

/**
 * Publishers that wrote a sentence instead of the org-id.guide code. Each entry
 * is a known real-world spelling; anything else is not guessed.
 */
const SCHEME_ALIASES: Array<[RegExp, string]> = [
  [/registro [úu]nico de contribuyente.*paraguay/i, 'PY-RUC'],
]

/**
 * `scheme-id` for an OCDS identifier when the scheme is an org-id.guide code
 * (or a known long-hand spelling of one); otherwise null, never a guess.
 *
 * @example orgId({scheme: 'AM-TIN', id: '02629081'}) // 'AM-TIN-02629081'
 * @example orgId({scheme: '', id: ''}) // null
 */
export function orgId(identifier: unknown): string | null {
  const o = obj(identifier)
  if (!o) return null
  const id = text(o.id)
  let scheme = text(o.scheme)
  if (!id || !scheme) return null
  const upper = scheme.toUpperCase()
  if (ORG_SCHEME.test(upper)) scheme = upper
  else scheme = SCHEME_ALIASES.find(([re]) => re.test(scheme!))?.[1] ?? ''
  if (!scheme) return null
  return id.toUpperCase().startsWith(`${scheme}-`) ? id : `${scheme}-${id}`
}

/** The party id itself when it is already scheme-prefixed (`AM-TIN-00018357`). */
export function orgIdLike(id: unknown): string | null {
  const t = text(id)
  return t && ORG_ID.test(t) ? t : null
}

/**
 * Keeps one copy of each repeated value (buyer names, currencies, dates, CPV
 * labels, whole organisations, category triples), for callers that hold many
 * extracted values at once. The reader itself holds nothing (it spools to
 * disk), so it passes `enabled = false`: sharing would only cost lookups.
 */
export class Interner {
  private readonly strings = new Map<string, string>()
  private readonly objects = new Map<string, object>()

  constructor(private readonly enabled = true) {}

  get<T extends string | null>(s: T): T {
    if (s === null || !this.enabled) return s
    const hit = this.strings.get(s)
    if (hit !== undefined) return hit as T
    // Cap the table: past this, unique strings (titles) would only cost memory.
    if (this.strings.size < 500_000) this.strings.set(s, s)
    return s
  }

  /** One shared object per distinct `parts` (an organisation, a category triple). */
  shared<T extends object>(parts: ReadonlyArray<string | null>, make: () => T): T {
    if (!this.enabled) return make()
    const key = parts.join('\u0000')
    const hit = this.objects.get(key)
    if (hit) return hit as T
    const made = make()
    if (this.objects.size < 500_000) this.objects.set(key, made)
    return made
  }
}
