/**
 * `spend top suppliers --chart page.html` in headless Chromium: the page is
 * quiet (no console error, no request, no script), every chart is drawn with a
 * size, and supplier names that are markup or script show as text.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {launchBrowser, openPage, screenshot, type PageVisit} from '../helpers/browser.js'
import {fixture, runCli, tempDir} from '../helpers/cli.js'
import {expectDrawn, expectHostileAsText, expectQuiet, PNG_SIGNATURE} from './page-facts.js'

let browser: Browser
let dir: string

/** Run spend and fail with what it printed when it does not exit 0. */
async function spend(args: string[]): Promise<void> {
  const r = await runCli(args)
  expect(r.code, `spend ${args.join(' ')}\n${r.stderr}`).toBe(0)
}

/** Open one page, run the checks, close its context. */
async function visit(file: string, fn: (v: PageVisit) => Promise<void>): Promise<void> {
  const v = await openPage(browser, file)
  try {
    await fn(v)
  } finally {
    await v.page.context().close()
  }
}

beforeAll(async () => {
  dir = tempDir('spendkit-chart-page-')
  const ws = join(dir, 'ws')
  await spend(['import', fixture('demo'), '--workspace', ws])
  await spend(['top', 'suppliers', '--workspace', ws, '--chart', join(dir, 'page.html')])
  await spend(['import', fixture('hostile', 'hostile-names.csv'), '--workspace', ws])
  await spend(['top', 'suppliers', '--workspace', ws, '--chart', join(dir, 'hostile.html')])
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('spend top suppliers --chart page.html in a browser', () => {
  it('draws every chart with no console error, no request and no script, and saves a screenshot', async () => {
    await visit(join(dir, 'page.html'), async (v) => {
      expectQuiet(v)
      const charts = await expectDrawn(v.page, 'svg')
      expect(charts).toBe(await v.page.locator('figure > svg').count())
      // One chart per currency (the demo has GBP and NOK), each with its money axis labelled.
      const drawn = (await v.page.locator('svg').allTextContents()).join('\n')
      for (const currency of ['GBP', 'NOK']) expect(drawn).toContain(currency)
      const png = join(dir, 'page.png')
      await screenshot(v.page, png)
      const bytes = readFileSync(png)
      expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE)
      expect(bytes.length).toBeGreaterThan(1000)
    })
  })

  it('shows hostile supplier names as text: no dialog, no script, no request', async () => {
    await visit(join(dir, 'hostile.html'), async (v) => {
      await expectDrawn(v.page, 'svg')
      await expectHostileAsText(v)
    })
  })
})
