/**
 * Deduplication in two passes over what the file said, without holding it:
 * - while the file streams, every candidate (award, contract or transaction
 *   version) is written to a spool (spool.ts: memory, then a temp file) and a
 *   winner table keeps, per key, only the date and sequence number of the
 *   version that wins so far: about 100 bytes per distinct award (its key, two numbers);
 * - at the end only the winners are read back from the spool, in first-seen
 *   order of their keys (in file order, read ahead in blocks, when nothing repeats).
 * The file itself is read once, so this works for stdin and zip members too.
 */
import type {Candidate, Org, ReleaseFacts} from './extract.js'
import {decodeAwardSuppliers, decodeCandidate, encodeAwardSuppliers, encodeCandidate} from './row.js'
import {KeyTable} from './keys.js'
import {NumColumn, Spool} from './spool.js'

/**
 * Per key, the version that wins so far: the latest `version` (release date),
 * ties to the one offered last, so a repeat inside one release keeps its last copy.
 * Keys are compared in full (keys.ts), so a hash collision never merges two awards.
 */
export class Winners {
  private readonly keys = new KeyTable()
  private readonly version = new NumColumn()
  private readonly seq = new NumColumn()

  /** Offer version `seq` of `key`; true when the key was already known (a repeat). */
  offer(key: string, version: number, seq: number): boolean {
    const i = this.keys.add(key)
    if (i < 0) {
      const n = -1 - i
      this.version.set(n, version)
      this.seq.set(n, seq)
      return false
    }
    if (!(this.version.get(i) > version)) {
      this.version.set(i, version)
      this.seq.set(i, seq)
    }
    return true
  }

  isWinner(key: string, seq: number): boolean {
    const i = this.keys.find(key)
    return i >= 0 && this.seq.get(i) === seq
  }

  /** The winning sequence numbers in first-seen order of their keys. */
  *winnersInOrder(): Generator<number> {
    for (let i = 0; i < this.keys.size; i++) yield this.seq.get(i)
  }

  get size(): number {
    return this.keys.size
  }
}

export class Collector {
  private readonly candidates: Spool
  /** Award suppliers (contracts and transactions levels fall back on them), spooled the same way. */
  private readonly awardRows: Spool
  private readonly winners = new Winners()
  private readonly awardWinners = new Winners()
  /** Award keys some candidate without suppliers of its own refers to. */
  private readonly needed = new Set<string>()
  /** Versions dropped because another version of the same item was later. */
  superseded = 0
  awards = 0
  contracts = 0
  transactions = 0
  readonly tags = new Map<string, number>()

  /** `spoolLimit`: bytes kept in memory before spooling to a temp file. */
  constructor(spoolLimit?: number) {
    this.candidates = new Spool(spoolLimit, true)
    this.awardRows = new Spool(spoolLimit)
  }

  add(facts: ReleaseFacts): void {
    this.awards += facts.awards
    this.contracts += facts.contracts
    this.transactions += facts.transactions
    for (const t of facts.tags) this.tags.set(t, (this.tags.get(t) ?? 0) + 1)
    for (const c of facts.candidates) {
      if (this.winners.offer(c.key, c.version, this.candidates.count)) this.superseded++
      if (c.suppliers === null && c.awardKey !== null) this.needed.add(c.awardKey)
      this.candidates.push(encodeCandidate(c))
    }
    for (const [key, version, suppliers] of facts.awardSuppliers) {
      this.awardWinners.offer(key, version, this.awardRows.count)
      this.awardRows.push(encodeAwardSuppliers(key, suppliers))
    }
  }

  /** The award suppliers that some winning item will ask for: the latest version of each needed award. */
  private neededSuppliers(): Map<string, Org[]> {
    const out = new Map<string, Org[]>()
    if (this.needed.size === 0) return out
    let seq = 0
    this.awardRows.forEach((line) => {
      const i = seq++
      const [key, suppliers] = decodeAwardSuppliers(line)
      if (this.needed.has(key) && this.awardWinners.isWinner(key, i)) out.set(key, suppliers)
    })
    return out
  }

  /**
   * Call `emit` with each distinct item, in the order its key was first seen
   * (as the one-pass reader did), with its winning version read back from the
   * spool; suppliers resolved from their award where needed. `amount` is the
   * amount's decimal text.
   */
  drain(emit: (c: Candidate & {suppliers: Org[]}) => void): void {
    const awardSuppliers = this.neededSuppliers()
    this.needed.clear()
    for (const seq of this.winners.winnersInOrder()) {
      const c = decodeCandidate(this.candidates.line(seq))
      // No list of its own: the latest version of its award's (the award may come later in the file).
      c.suppliers ??= (c.awardKey !== null && awardSuppliers.get(c.awardKey)) || []
      emit(c as Candidate & {suppliers: Org[]})
    }
  }

  /** Remove any temp files. */
  dispose(): void {
    this.candidates.dispose()
    this.awardRows.dispose()
  }
}
