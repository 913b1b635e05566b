/**
 * Column widths for a terminal table: a pure function of the columns' natural
 * widths, what each may lose, and the terminal width.
 */

/** How a column may give up room: never (ids, numbers, dates), by cutting its end (names) or its middle (paths). */
export type FitRole = 'fixed' | 'end' | 'middle'

export interface FitColumn {
  /** Display width of its widest cell or its header. */
  natural: number
  role: FitRole
  /** Optional: narrowed first, and left out while the table does not fit, the highest first. */
  drop?: number
}

export interface FitPlan {
  /** Text width of each column; null for a column left out. */
  widths: (number | null)[]
  /** Columns whose text wraps onto more lines instead of being cut. */
  wrap: boolean[]
  /** The columns left out, in the order they were dropped. */
  dropped: number[]
}

/** Width a name or path column keeps before anything else gives way (or its natural width when less). */
export const NAME_ROOM = 24
/** Width names grow to before optional columns are shown beside them. */
export const NAME_WANT = 40
/** Width an optional text column is narrowed to (an optional path keeps NAME_ROOM). */
export const OPTIONAL_ROOM = 12

/**
 * Terminal columns a row takes: `│ a │ b │` is the text plus 3 per column plus 1.
 * @example tableWidth([12, 5]) // 24
 */
export function tableWidth(widths: readonly (number | null)[]): number {
  let w = 1
  for (const x of widths) if (x !== null) w += x + 3
  return w
}

/** Give up to `extra` columns of room to `cols`, narrowest first (ties to the left), none past `cap`; returns what is left. */
function fill(w: (number | null)[], cols: readonly number[], cap: (i: number) => number, extra: number): number {
  while (extra > 0) {
    let best = -1
    for (const i of cols) if (w[i]! < cap(i) && (best < 0 || w[i]! < w[best]!)) best = i
    if (best < 0) break
    w[best]!++
    extra--
  }
  return extra
}

/**
 * Fit a table into `width` terminal columns. At natural widths when they fit;
 * else room is handed out in this order, each step only with what is left:
 *
 * 1. the columns that are not optional: fixed ones (ids, money, counts,
 *    shares, dates) at their natural width, names and paths at NAME_ROOM (or
 *    less when their text is shorter);
 * 2. names and paths grow to NAME_WANT, narrowest first;
 * 3. optional columns, the lowest `drop` first, each narrowed (text to
 *    OPTIONAL_ROOM, a path to NAME_ROOM): the first that does not fit is left
 *    out, and so is every one after it;
 * 4. what is left goes to names up to their natural width, then to optional text.
 *
 * When step 1 does not fit, every optional column is left out, and names and
 * paths share what is left and wrap onto more lines; when the fixed columns
 * alone do not fit, they wrap too (their text is never cut). The widths never
 * add up to more than `width` (see tableWidth) unless the terminal is
 * narrower than 4 columns per column kept, and a wider terminal never leaves
 * out more columns.
 *
 * @example fitColumns([{natural: 12, role: 'fixed'}, {natural: 90, role: 'middle'}], 80).widths // [12, 61]
 */
export function fitColumns(cols: readonly FitColumn[], width: number): FitPlan {
  const natural = cols.map((c) => Math.max(1, Math.floor(c.natural)))
  const none = cols.map(() => false)
  if (tableWidth(natural) <= width) return {widths: natural, wrap: none, dropped: []}
  const essential = cols.map((_, i) => i).filter((i) => cols[i].drop === undefined)
  // Admitted lowest drop first (ties: leftmost first); left out in the reverse order.
  const optional = cols.map((_, i) => i).filter((i) => cols[i].drop !== undefined).sort((a, b) => cols[a].drop! - cols[b].drop! || a - b)
  const w: (number | null)[] = cols.map(() => null)
  const names: number[] = []
  for (const i of essential) {
    if (cols[i].role === 'fixed') w[i] = natural[i]
    else {
      w[i] = Math.min(natural[i], NAME_ROOM)
      names.push(i)
    }
  }
  let room = width - tableWidth(w)
  if (room < 0) return {...squeeze(cols, natural, essential, width), dropped: optional.slice().reverse()}
  room = fill(w, names, (i) => Math.min(natural[i], NAME_WANT), room)
  const shown: number[] = []
  for (const i of optional) {
    const floor = cols[i].role === 'fixed' ? natural[i] : Math.min(natural[i], cols[i].role === 'middle' ? NAME_ROOM : OPTIONAL_ROOM)
    if (floor + 3 > room) break
    w[i] = floor
    room -= floor + 3
    shown.push(i)
  }
  fill(w, shown, (i) => natural[i], fill(w, names, (i) => natural[i], room))
  const dropped = optional.slice(shown.length).reverse()
  return {widths: w, wrap: none, dropped}
}

/** When the table does not fit even lean: everything shares what there is, and whatever is narrower than its text wraps. */
function squeeze(cols: readonly FitColumn[], natural: readonly number[], active: readonly number[], width: number): Omit<FitPlan, 'dropped'> {
  const w: (number | null)[] = cols.map(() => null)
  const room = width - tableWidth(active.map(() => 0))
  const fixed = active.filter((i) => cols[i].role === 'fixed')
  const flexible = active.filter((i) => cols[i].role !== 'fixed')
  const fixedWidth = fixed.reduce((a, i) => a + natural[i], 0)
  const cap = (i: number) => natural[i]
  if (room - fixedWidth >= flexible.length) {
    for (const i of fixed) w[i] = natural[i]
    for (const i of flexible) w[i] = 1
    fill(w, flexible, cap, room - fixedWidth - flexible.length)
  } else {
    for (const i of active) w[i] = 1
    fill(w, active, cap, room - active.length)
  }
  return {widths: w, wrap: w.map((x, i) => x !== null && x < natural[i])}
}
