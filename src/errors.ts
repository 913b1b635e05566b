/**
 * A problem the user must act on (bad file, missing column, bad flag value).
 * Commands turn it into one line on stderr, exit code `exit` (1 by default),
 * and no stack trace unless --debug. Anything else is a bug.
 */
export class SpendInputError extends Error {
  /** Where: file, file:line, or flag name. */
  readonly where?: string
  /** How to fix it, shown as a hint. */
  readonly hint?: string
  readonly exit: number
  /** Stable machine code, e.g. 'EMPTY_FILE', 'NO_AMOUNT_COLUMN'. */
  readonly code: string

  constructor(code: string, message: string, opts: {where?: string; hint?: string; exit?: number} = {}) {
    super(message)
    this.name = 'SpendInputError'
    this.code = code
    this.where = opts.where
    this.hint = opts.hint
    this.exit = opts.exit ?? 1
  }

  /** The one line printed to the user. */
  oneLine(): string {
    const where = this.where ? `${this.where}: ` : ''
    const hint = this.hint ? ` (${this.hint})` : ''
    return `${where}${this.message}${hint}`
  }
}

export function isSpendInputError(e: unknown): e is SpendInputError {
  return e instanceof SpendInputError
}

/**
 * Keep an error on one line and free of terminal control: file contents and
 * names can hold line breaks and escape sequences.
 */
export function oneLine(text: string): string {
  return text.replace(/\r\n|\r|\n/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
