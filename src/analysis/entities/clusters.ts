/**
 * Union-find over crosswalk items with a constraint: a cluster holds at most
 * one supplier id, so two different ids never end up in one entity, whatever
 * chain of name matches links them. A cluster may also be barred from
 * joining any id (a name that matches several id clusters equally).
 */

export class ConstrainedClusters {
  private readonly parent: Int32Array
  private readonly ids: (string | null)[]
  private readonly barred: Uint8Array

  /** One cluster per item, holding that item's id (or none). */
  constructor(ids: readonly (string | null)[]) {
    this.parent = new Int32Array(ids.length)
    for (let i = 0; i < ids.length; i++) this.parent[i] = i
    this.ids = [...ids]
    this.barred = new Uint8Array(ids.length)
  }

  /**
   * The representative of an item's cluster.
   * @example new ConstrainedClusters([null]).find(0) // 0
   */
  find(i: number): number {
    let r = i
    while (this.parent[r] !== r) r = this.parent[r] as number
    let x = i
    while (this.parent[x] !== r) {
      const next = this.parent[x] as number
      this.parent[x] = r
      x = next
    }
    return r
  }

  /** The id a cluster holds, or null. */
  idOf(i: number): string | null {
    return this.ids[this.find(i)] ?? null
  }

  /** Mark an item's cluster as one that must never join an id cluster. */
  bar(i: number): void {
    this.barred[this.find(i)] = 1
  }

  /** Whether two items' clusters may be joined (the same cluster counts as yes). */
  canJoin(a: number, b: number): boolean {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra === rb) return true
    const ia = this.ids[ra] ?? null
    const ib = this.ids[rb] ?? null
    if (ia !== null && ib !== null) return ia === ib
    if (ia !== null && this.barred[rb] === 1) return false
    if (ib !== null && this.barred[ra] === 1) return false
    return true
  }

  /**
   * Join two items' clusters when the constraint allows; true when they are one cluster afterwards.
   * @example const c = new ConstrainedClusters(['A', 'B']); c.union(0, 1) // false
   */
  union(a: number, b: number): boolean {
    if (!this.canJoin(a, b)) return false
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra === rb) return true
    // The lower index is the root: the result does not depend on call order.
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra]
    this.parent[child] = root
    this.ids[root] = this.ids[root] ?? this.ids[child] ?? null
    this.barred[root] = this.barred[root] === 1 || this.barred[child] === 1 ? 1 : 0
    return true
  }
}
