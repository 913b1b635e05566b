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

/** Split RFC 4180 text into records (CRLF, LF or CR line ends; quoted cells may hold them). Blank lines are skipped. */
function records(text: string, file: string): CsvRecord[] {
  const out: CsvRecord[] = []
  let cells: string[] = []
  let cell = ''
  let line = 1
  let start = 1
  let quoted = false
  let i = 0
  const end = () => {
    cells.push(cell)
    if (cells.length > 1 || cells[0] !== '') out.push({cells, line: start})
    cells = []
    cell = ''
  }
  while (i < text.length) {
    const c = text[i]
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i += 2
          continue
        }
        quoted = false
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++
        cell += c
      }
      i++
      continue
    }
    if (c === '"' && cell === '') quoted = true
    else if (c === ',') {
      cells.push(cell)
      cell = ''
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++
      end()
      line++
      start = line
    } else cell += c
    i++
  }
  if (quoted) throw new SpendInputError('BAD_CROSSWALK', entitiesMsg.unterminated(), {where: `${file}:${start}`, hint: entitiesMsg.unterminatedHint()})
  if (cell !== '' || cells.length > 0) end()
  return out
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
