/**
 * The demo report (`spend report --out DIR --workspace W` writes
 * DIR/index.html, ISSUE9's file contract) in headless Chromium: no console
 * error, no request, no script; every chart (<svg> in a <figure>) drawn with
 * a size, on screen and printed; a screenshot of the first page (1280x900);
 * and hostile supplier names shown as text. When the report command is not
 * built this file FAILS (it never skips): the browser test must not pass
 * without a report.
 */
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {launchBrowser, openPage, screenshot, type PageVisit} from '../helpers/browser.js'
import {fixture, ROOT, runCli, tempDir} from '../helpers/cli.js'
import {expectDrawn, expectHostileAsText, expectQuiet, PNG_SIGNATURE} from './page-facts.js'

const REPORT_BUILT = existsSync(join(ROOT, 'dist', 'commands', 'report.js'))
const NOT_BUILT = 'spend report is not built (no dist/commands/report.js: merge the report command and run npm run build)'

let browser: Browser | undefined
let dir: string

/** Fail the test when the report command is missing. */
function needReport(): void {
  if (!REPORT_BUILT) throw new Error(NOT_BUILT)
}

/** Run spend and fail with what it printed when it does not exit 0. */
async function spend(args: string[]): Promise<void> {
  const r = await runCli(args)
  expect(r.code, `spend ${args.join(' ')}\n${r.stderr}`).toBe(0)
}

/** Open a report's index.html at 1280x900, run the checks, close its context. */
async function visit(out: string, fn: (v: PageVisit) => Promise<void>): Promise<void> {
  const index = join(out, 'index.html')
  expect(existsSync(index), `${index} written`).toBe(true)
  const v = await openPage(browser!, index, {width: 1280, height: 900})
  try {
    await fn(v)
  } finally {
    await v.page.context().close()
  }
}

beforeAll(async () => {
  if (!REPORT_BUILT) return
  dir = tempDir('spendkit-report-browser-')
  const demo = join(dir, 'demo')
  const hostile = join(dir, 'hostile')
  await spend(['import', fixture('demo'), '--workspace', demo])
  await spend(['report', '--out', join(dir, 'demo-report'), '--workspace', demo])
  await spend(['import', fixture('demo'), '--workspace', hostile])
  await spend(['import', fixture('hostile', 'hostile-names.csv'), '--workspace', hostile])
  await spend(['report', '--out', join(dir, 'hostile-report'), '--workspace', hostile])
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('spend report: index.html in a browser', () => {
  it('is built', () => {
    needReport()
  })

  it('draws every chart with no console error, no request and no script, and saves a first-page screenshot', async () => {
    needReport()
    await visit(join(dir, 'demo-report'), async (v) => {
      expectQuiet(v)
      await expectDrawn(v.page, 'figure svg')
      const png = join(dir, 'report.png')
      await screenshot(v.page, png, {fullPage: false})
      const bytes = readFileSync(png)
      expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE)
      // The first page at 1280x900: the IHDR chunk holds width and height.
      expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1280, 900])
      // Printed (the report's print stylesheet), the charts are still drawn.
      const onScreen = await v.page.locator('figure svg').count()
      await v.page.emulateMedia({media: 'print'})
      expect(await expectDrawn(v.page, 'figure svg')).toBe(onScreen)
    })
  })

  it('shows hostile supplier names as text: no dialog, no script, no request', async () => {
    needReport()
    await visit(join(dir, 'hostile-report'), async (v) => {
      await expectDrawn(v.page, 'figure svg')
      await expectHostileAsText(v)
    })
  })
})
