/**
 * Selection in place on a typed array: after `selectKth(xs, k)`, xs[k] holds
 * the value a numeric sort would put there, everything before it is no
 * larger and everything after no smaller. O(n) on average, where a sort is
 * O(n log n): a median needs one or two order statistics, not the order.
 * @example selectKth(Float64Array.of(5, 1, 4, 2, 3), 2) // 3
 */
export function selectKth(xs: Float64Array, k: number): number {
  let lo = 0
  let hi = xs.length - 1
  while (hi > lo) {
    // Median of three as the pivot: sorted or constant runs stay linear.
    const mid = lo + ((hi - lo) >> 1)
    const pivot = median3(xs[lo], xs[mid], xs[hi])
    let i = lo
    let j = hi
    while (i <= j) {
      while (xs[i] < pivot) i++
      while (xs[j] > pivot) j--
      if (i <= j) {
        const t = xs[i]
        xs[i] = xs[j]
        xs[j] = t
        i++
        j--
      }
    }
    if (k <= j) hi = j
    else if (k >= i) lo = i
    else break
  }
  return xs[k]
}

function median3(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a
  return a < c ? a : b < c ? c : b
}
