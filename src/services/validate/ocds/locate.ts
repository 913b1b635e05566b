/**
 * Line and column of the value at a JSON path in JSON text, found by one
 * scan that tracks only the current path (no tree of positions is built).
 */

export interface Position {
  line: number
  column: number
}

/**
 * The 1-based line and column where the value at `path` starts, or null.
 * @example locate('{"a":[1,2]}', ['a', '1']) // {line: 1, column: 9}
 */
export function locate(text: string, path: readonly string[]): Position | null {
  let i = 0
  const n = text.length
  const ws = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++
  }
  const readString = (): string => {
    const start = i
    i++
    while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
    i++
    return JSON.parse(text.slice(start, i)) as string
  }
  const skipValue = (): void => {
    ws()
    const c = text[i]
    if (c === '"') {
      readString()
      return
    }
    if (c === '{' || c === '[') {
      let depth = 0
      while (i < n) {
        const d = text[i]
        if (d === '"') {
          readString()
          continue
        }
        if (d === '{' || d === '[') depth++
        else if (d === '}' || d === ']') {
          depth--
          if (depth === 0) {
            i++
            return
          }
        }
        i++
      }
      return
    }
    while (i < n && !/[,\]}\s]/.test(text[i] ?? '')) i++
  }
  for (const key of path) {
    ws()
    const c = text[i]
    if (c === '{') {
      i++
      let found = false
      for (;;) {
        ws()
        if (text[i] !== '"') return null
        const k = readString()
        ws()
        i++ // colon
        if (k === key) {
          found = true
          break
        }
        skipValue()
        ws()
        if (text[i] !== ',') return null
        i++
      }
      if (!found) return null
    } else if (c === '[') {
      i++
      const want = Number(key)
      for (let k = 0; k < want; k++) {
        skipValue()
        ws()
        if (text[i] !== ',') return null
        i++
      }
    } else return null
  }
  ws()
  return position(text, i)
}

/** 1-based line and column of character offset `at`. */
export function position(text: string, at: number): Position {
  let line = 1
  let lineStart = 0
  for (let k = text.indexOf('\n'); k !== -1 && k < at; k = text.indexOf('\n', k + 1)) {
    line++
    lineStart = k + 1
  }
  return {line, column: at - lineStart + 1}
}
