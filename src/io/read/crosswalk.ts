import {SpendInputError} from '../../errors.js'
import {entitiesMsg} from '../../messages.js'
import {type CrosswalkRow, type Decision, DECISIONS, merges, variantOf} from '../../model/crosswalk.js'

/**
 * The supplier-entity crosswalk CSV (src/model/crosswalk.ts), read back from
 * what a person edited: RFC 4180 with line numbers kept across quoted line
 * breaks, so every error names `file:line`.
 */

/** The columns a crosswalk's header must start with, in order (more may follow). */
export const CROSSWALK_HEAD = ['variant', 'entity_key', 'entity_name', 'score', 'evidence', 'decision'] as const

/** A CSV record and the line it starts on. */
interface CsvRecord {
  cells: string[]
  line: number
}

/** Characters a spreadsheet reads as the start of a formula (the writer puts a `'` before them). */
const FORMULA_START = /^'*[=+\-@\t\r]/

/**
 * Undo the writer's formula neutralisation: one leading `'` is dropped from a
 * cell whose text after its leading quotes starts with = + - @ TAB or CR.
 * @example unquoteFormula("'=SUM(A1)") // '=SUM(A1)'
 */
export function unquoteFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell
}

/**
 * Split RFC 4180 text into records (CRLF, LF or CR line ends; quoted cells may
 * hold them). Blank lines are skipped. Unquoted cells are sliced, not built a
 * character at a time: a 50,000-row crosswalk is read at every load.
 */
function records(text: string, file: string): CsvRecord[] {
  const out: CsvRecord[] = []
  let cells: string[] = []
  let line = 1
  let start = 1
  let i = 0
  const n = text.length
  const endRecord = () => {
    if (cells.length > 1 || cells[0] !== '') out.push({cells, line: start})
    cells = []
  }
  while (i <= n) {
    let cell: string
    if (text.charCodeAt(i) === 34) {
      // A quoted cell: up to the closing quote, "" for a quote inside.
      let j = i + 1
      let piece = ''
      for (;;) {
        const q = text.indexOf('"', j)
        if (q < 0) throw new SpendInputError('BAD_CROSSWALK', entitiesMsg.unterminated(), {where: `${file}:${start}`, hint: entitiesMsg.unterminatedHint()})
        piece += text.slice(j, q)
        if (text.charCodeAt(q + 1) === 34) {
          piece += '"'
          j = q + 2
          continue
        }
        line += lineBreaks(text, i + 1, q)
        i = q + 1
        break
      }
      // Text after the closing quote and before the separator stays part of the cell (as a lenient reader does).
      const stop = nextStop(text, i)
      cell = piece + text.slice(i, stop)
      i = stop
    } else {
      const stop = nextStop(text, i)
      cell = text.slice(i, stop)
      i = stop
    }
    cells.push(cell)
    const c = text.charCodeAt(i)
    if (c === 44) {
      i++
      continue
    }
    endRecord()
    if (i >= n) break
    i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1
    line++
    start = line
  }
  return out
}

/** The index of the next `,`, CR or LF at or after `from` (text length when none). */
function nextStop(text: string, from: number): number {
  let i = from
  const n = text.length
  while (i < n) {
    const c = text.charCodeAt(i)
    if (c === 44 || c === 10 || c === 13) return i
    i++
  }
  return n
}

/** Line breaks inside a quoted cell (CRLF counted once). */
function lineBreaks(text: string, from: number, to: number): number {
  let k = 0
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) k++
  }
  return k
}

/**
 * Parse a crosswalk CSV; errors name `file:line`. The header must start with
 * `variant,entity_key,entity_name,score,evidence,decision` (more columns may
 * follow; `supplier_id` is read when present). Decisions are read
 * case-insensitively; the score is a number from 0 to 1 or blank (null);
 * `auto` and `accept` rows need an entity_key; one row per (variant,
 * supplier_id), and a variant is merged into one entity only. Variants have
 * their whitespace collapsed; cells the writer guarded against formulas are
 * read back as written before.
 *
 * @example parseCrosswalk('variant,entity_key,entity_name,score,evidence,decision\nACME Ltd,acme,ACME,1,key,auto\n', 'x.csv')[0].entity_key // 'acme'
 */
export function parseCrosswalk(text: string, file: string): CrosswalkRow[] {
  return parse(text, file, false)
}

/**
 * Read back the crosswalk a workspace stores: the canonical file `spend
 * entities apply` wrote after parseCrosswalk checked it, whose SHA-256 the
 * loader has just matched, so the per-row checks (repeats, two entities,
 * score syntax) are not run again at every load; the header still is.
 * @example parseStoredCrosswalk(stored.text, stored.entry.source)
 */
export function parseStoredCrosswalk(text: string, file: string): CrosswalkRow[] {
  return parse(text, file, true)
}

function parse(text: string, file: string, trusted: boolean): CrosswalkRow[] {
  const recs = records(text.replace(/^\uFEFF/, ''), file)
  const head = recs[0]
  if (!head) throw new SpendInputError('EMPTY_FILE', entitiesMsg.empty(), {where: file, hint: entitiesMsg.headerHint()})
  const header = head.cells.map((h) => h.trim().toLowerCase())
  if (CROSSWALK_HEAD.some((c, i) => header[i] !== c)) {
    throw new SpendInputError('BAD_CROSSWALK', entitiesMsg.header(header.join(',')), {where: `${file}:${head.line}`, hint: entitiesMsg.headerHint()})
  }
  const idAt = header.indexOf('supplier_id')
  const seen = new Map<string, number>()
  const merged = new Map<string, {entity: string; line: number}>()
  const out: CrosswalkRow[] = []
  if (trusted) return recs.slice(1).map(({cells}) => storedRow(cells, idAt))
  for (const {cells, line} of recs.slice(1)) {
    const where = `${file}:${line}`
    const bad = (message: string, hint: string) => new SpendInputError('BAD_CROSSWALK', message, {where, hint})
    const cell = (i: number) => unquoteFormula(cells[i] ?? '')
    const variant = variantOf(cell(0))
    if (variant === '') throw bad(entitiesMsg.noVariant(), entitiesMsg.noVariantHint())
    const rawDecision = cell(5).trim().toLowerCase()
    if (!(DECISIONS as readonly string[]).includes(rawDecision)) throw bad(entitiesMsg.decision(cell(5).trim()), entitiesMsg.decisionHint())
    const decision = rawDecision as Decision
    const scoreText = cell(3).trim()
    const score = scoreText === '' ? null : Number(scoreText)
    if (score !== null && (!/^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(scoreText) || !(score >= 0 && score <= 1))) throw bad(entitiesMsg.score(scoreText), entitiesMsg.scoreHint())
    const entityKey = cell(1).trim()
    if (merges(decision) && entityKey === '') throw bad(entitiesMsg.noKey(decision), entitiesMsg.noKeyHint())
    const id = idAt >= 0 ? cell(idAt).trim() : ''
    const supplierId = id === '' ? null : id
    const pair = `${variant}\u0000${supplierId ?? ''}`
    const first = seen.get(pair)
    if (first !== undefined) throw bad(entitiesMsg.duplicate(variant, supplierId, first), entitiesMsg.duplicateHint())
    seen.set(pair, line)
    if (merges(decision)) {
      // Spellings that differ only in case are one variant to a reader: one entity for them.
      const folded = `${variant.toLowerCase()}\u0000${(supplierId ?? '').toLowerCase()}`
      const before = merged.get(folded)
      if (before && before.entity !== entityKey) throw bad(entitiesMsg.twoEntities(variant, before.entity, before.line, entityKey), entitiesMsg.twoEntitiesHint())
      if (!before) merged.set(folded, {entity: entityKey, line})
    }
    out.push({variant, entity_key: entityKey, entity_name: cell(2).trim(), score, evidence: cell(4).trim(), decision, supplier_id: supplierId})
  }
  return out
}

/** A row of the stored canonical file (checked when it was stored). */
function storedRow(cells: readonly string[], idAt: number): CrosswalkRow {
  const cell = (i: number) => unquoteFormula(cells[i] ?? '')
  const score = cell(3)
  const id = idAt >= 0 ? cell(idAt) : ''
  return {
    variant: cell(0), entity_key: cell(1), entity_name: cell(2), score: score === '' ? null : Number(score),
    evidence: cell(4), decision: cell(5) as Decision, supplier_id: id === '' ? null : id,
  }
}
