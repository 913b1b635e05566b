/**
 * Per-process state while the file streams: the latest version of every award
 * (or contract, or transaction) by key. This is the only thing held in memory,
 * because a later release of the same `ocid` may restate an award anywhere
 * further down the file. It is stored column-wise (one array per field, repeated
 * values as dictionary ids), about 200 bytes per distinct award, not one object each.
 */
import type {Candidate, Category, Org, ReleaseFacts} from './extract.js'
import {amountText} from './values.js'

/** Values to small integer ids; objects by identity (the interner already shares equal ones). */
class Dict<T> {
  private readonly ids = new Map<T, number>()
  readonly values: T[] = []
  id(v: T): number {
    let i = this.ids.get(v)
    if (i === undefined) {
      i = this.values.length
      this.values.push(v)
      this.ids.set(v, i)
    }
    return i
  }
}

const KINDS = ['award', 'contract', 'transaction'] as const

/** A growable typed column: 4 bytes a value instead of a tagged array slot. */
class IntColumn {
  private data = new Int32Array(1024)
  get(i: number): number {
    return this.data[i]
  }
  set(i: number, v: number): void {
    if (i >= this.data.length) {
      const bigger = new Int32Array(Math.max(this.data.length * 2, i + 1))
      bigger.set(this.data)
      this.data = bigger
    }
    this.data[i] = v
  }
}

export class Collector {
  private readonly slots = new Map<string, number>()
  private count = 0
  private readonly version: number[] = []
  /** kind, line, status, date, currency, fallback currency, suppliers, buyer, category, expense type. */
  private readonly ints = Array.from({length: 10}, () => new IntColumn())
  /** Amounts that arrived as doubles (the fast path) stay doubles; others keep their text in `amountText`. */
  private readonly amountNum: number[] = []
  private readonly amountText = new Map<number, string | null>()
  private readonly awardKey = new Map<number, string>()
  private readonly description: Array<string | null> = []
  private readonly text = new Dict<string | null>()
  private readonly orgs = new Dict<Org | null>()
  private readonly lists = new Dict<Org[]>()
  private readonly categories = new Dict<Category | null>()
  private readonly awardSuppliers = new Map<string, {version: number; suppliers: Org[]}>()
  /** Versions dropped because another version of the same item was later. */
  superseded = 0
  awards = 0
  contracts = 0
  transactions = 0
  readonly tags = new Map<string, number>()

  /**
   * Keep each candidate unless a version already held is later. Equal dates go
   * to the one read last, so a repeat inside one release keeps its last copy.
   */
  add(facts: ReleaseFacts): void {
    this.awards += facts.awards
    this.contracts += facts.contracts
    this.transactions += facts.transactions
    for (const t of facts.tags) this.tags.set(t, (this.tags.get(t) ?? 0) + 1)
    for (const c of facts.candidates) {
      let slot = this.slots.get(c.key)
      if (slot !== undefined) {
        this.superseded++
        if (this.version[slot] > c.version) continue
      } else {
        slot = this.count++
        this.slots.set(c.key, slot)
      }
      this.put(slot, c)
    }
    for (const [key, version, suppliers] of facts.awardSuppliers) {
      const old = this.awardSuppliers.get(key)
      if (!old || old.version <= version) this.awardSuppliers.set(key, {version, suppliers})
    }
  }

  private put(i: number, c: Candidate): void {
    const [kind, line, status, date, currency, fallback, suppliers, buyer, category, expense] = this.ints
    kind.set(i, KINDS.indexOf(c.kind))
    line.set(i, c.line)
    status.set(i, this.text.id(c.status))
    date.set(i, this.text.id(c.date))
    currency.set(i, this.text.id(c.currency))
    fallback.set(i, this.text.id(c.fallbackCurrency))
    // -1: no list (resolve from the award); -2-k: the single organisation k; k >= 0: list k.
    const list = c.suppliers
    suppliers.set(i, list === null ? -1 : list.length === 1 ? -2 - this.orgs.id(list[0]) : this.lists.id(list))
    buyer.set(i, this.orgs.id(c.buyer))
    category.set(i, this.categories.id(c.category))
    expense.set(i, this.text.id(c.expenseType))
    this.version[i] = c.version
    if (typeof c.amount === 'number') {
      this.amountNum[i] = c.amount
      this.amountText.delete(i)
    } else {
      this.amountNum[i] = Number.NaN
      this.amountText.set(i, amountText(c.amount))
    }
    if (list === null && c.awardKey) this.awardKey.set(i, c.awardKey)
    else this.awardKey.delete(i)
    this.description[i] = c.description
  }

  get size(): number {
    return this.slots.size
  }

  /** Distinct items in first-seen order, suppliers resolved from their award where needed; frees the state. */
  *drain(): Generator<Candidate & {suppliers: Org[]}> {
    const t = this.text.values
    const [kind, line, status, date, currency, fallback, suppliers, buyer, category, expense] = this.ints
    for (const [key, i] of this.slots) {
      const s = suppliers.get(i)
      const ak = this.awardKey.get(i) ?? null
      const list = s >= 0 ? this.lists.values[s] : s <= -2 ? [this.orgs.values[-2 - s]!] : ak ? this.awardSuppliers.get(ak)?.suppliers : undefined
      const num = this.amountNum[i]
      yield {key, kind: KINDS[kind.get(i)], version: this.version[i], line: line.get(i), status: t[status.get(i)], date: t[date.get(i)],
        amount: Number.isNaN(num) ? this.amountText.get(i) : num, currency: t[currency.get(i)], fallbackCurrency: t[fallback.get(i)],
        suppliers: list ?? [], awardKey: ak, buyer: this.orgs.values[buyer.get(i)], category: this.categories.values[category.get(i)],
        expenseType: t[expense.get(i)], description: this.description[i]}
    }
    this.slots.clear()
    this.awardSuppliers.clear()
  }
}
