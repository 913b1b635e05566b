/**
 * The browser harness itself (test/helpers/browser.ts): a page that does every
 * forbidden thing is caught on each count, and a quiet page on none, so the
 * checks in the chart and report tests can fail.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {chromiumPath, drawnSizes, launchBrowser, openPage, screenshot} from '../helpers/browser.js'
import {tempDir} from '../helpers/cli.js'
import {expectHostileAsText, HOSTILE_NAMES} from './page-facts.js'

let browser: Browser
let dir: string

beforeAll(async () => {
  dir = tempDir('spendkit-browser-')
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('browser harness', () => {
  it('catches requests, console errors, page errors, dialogs and scripts', async () => {
    const file = join(dir, 'bad.html')
    writeFileSync(file, [
      '<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="https://example.invalid/x.css"></head><body>',
      '<img src="x" onerror="alert(1)">',
      '<script>window.__x = 1; console.error("boom"); fetch("http://example.invalid/beacon").catch(() => {})</script>',
      '<script>throw new Error("uncaught")</script>',
      '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
      '</body></html>',
    ].join('\n'))
    const v = await openPage(browser, file)
    try {
      expect(v.requests).toEqual(expect.arrayContaining(['https://example.invalid/x.css', 'http://example.invalid/beacon']))
      expect(v.requests.some((u) => u.endsWith('/x'))).toBe(true)
      expect(v.requests.some((u) => u.startsWith('data:'))).toBe(false)
      expect(v.consoleErrors).toContain('boom')
      expect(v.pageErrors.join('\n')).toContain('uncaught')
      expect(v.dialogs).toEqual(['alert: 1'])
      expect(v.scripts.length).toBeGreaterThanOrEqual(3)
      expect(await v.page.evaluate(() => (globalThis as any).__x)).toBe(1)
    } finally {
      await v.page.context().close()
    }
  })

  it('finds nothing on a quiet page, measures what is drawn and saves a PNG', async () => {
    const file = join(dir, 'quiet.html')
    writeFileSync(file, '<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0}</style></head><body><svg width="200" height="100"><rect width="200" height="100" fill="#0072B2"/></svg><svg></svg></body></html>')
    const v = await openPage(browser, file)
    try {
      expect(v).toMatchObject({requests: [], consoleErrors: [], pageErrors: [], dialogs: [], scripts: []})
      const sizes = await drawnSizes(v.page, 'svg')
      expect(sizes[0]).toEqual({width: 200, height: 100})
      expect(sizes).toHaveLength(2)
      const png = join(dir, 'quiet.png')
      await screenshot(v.page, png)
      expect(readFileSync(png).subarray(1, 4).toString('latin1')).toBe('PNG')
    } finally {
      await v.page.context().close()
    }
  })

  it('fails the hostile-name check on a page that pastes the names in as markup', async () => {
    const file = join(dir, 'unescaped.html')
    writeFileSync(file, `<!doctype html><html><head><meta charset="utf-8"></head><body><ul>${HOSTILE_NAMES.map((n) => `<li>${n}</li>`).join('')}</ul></body></html>`)
    const v = await openPage(browser, file)
    try {
      await expect(expectHostileAsText(v)).rejects.toThrow()
      expect(v.dialogs).toEqual(['alert: 1'])
      expect(await v.page.evaluate(() => (globalThis as any).__x)).toBe(1)
    } finally {
      await v.page.context().close()
    }
  })

  it('names how to install chromium when none is found', () => {
    expect(() => chromiumPath({PATH: dir})).toThrow(/apt-get install -y chromium/)
    expect(() => chromiumPath({CHROMIUM_PATH: join(dir, 'nope')})).toThrow(/CHROMIUM_PATH=.*not an executable/)
  })
})
