/**
 * The checks the browser tests share (chart pages and the report): a quiet
 * page, charts drawn with a size, and hostile supplier names
 * (fixtures/hostile/hostile-names.csv) shown as text.
 */
import type {Page} from 'playwright-core'
import {expect} from 'vitest'
import {drawnSizes, type PageVisit} from '../helpers/browser.js'

/** The supplier names in fixtures/hostile/hostile-names.csv, as a reader must see them. */
export const HOSTILE_NAMES = ['<img src=x onerror=alert(1)>', '<script>window.__x=1</script>', '=HYPERLINK("http://x")', '"quoted" & <b>bold</b>']

/**
 * The page's text (with SVG `<title>`s, where cut labels keep the full name),
 * the elements the names would have made had they been read as markup
 * (`<img src=x>`, any `<script>`, `<b>bold</b>`, a link to `http://x`, `on*`
 * handlers) and the `window.__x` marker the script name sets when it runs.
 * @example const f = await pageFacts(page); expect(f.injected).toEqual([])
 */
export function pageFacts(page: Page): Promise<{text: string; injected: string[]; x: unknown}> {
  // Runs in the page (the project's TypeScript has no DOM library: reach it through globalThis).
  return page.evaluate(() => {
    const doc = (globalThis as any).document
    const all = (selector: string): {outerHTML: string; textContent: string | null}[] => [...doc.querySelectorAll(selector)]
    return {
      text: doc.documentElement.textContent ?? '',
      injected: [
        ...all('img[src="x"], script, iframe, object, embed, a[href^="http://x"], [onerror], [onload]'),
        ...all('b').filter((e) => e.textContent === 'bold'),
      ].map((e) => e.outerHTML),
      x: (globalThis as any).__x,
    }
  })
}

/**
 * No console error, no page error, no request, no dialog and no script run.
 * @example expectQuiet(await openPage(browser, file))
 */
export function expectQuiet(v: PageVisit): void {
  expect(v.consoleErrors, 'console errors').toEqual([])
  expect(v.pageErrors, 'page errors').toEqual([])
  expect(v.requests, 'network requests').toEqual([])
  expect(v.dialogs, 'dialogs').toEqual([])
  expect(v.scripts, 'scripts run by the page').toEqual([])
}

/**
 * Every element matching `selector` is drawn with a non-zero width and height,
 * and there is at least one; returns how many.
 * @example expect(await expectDrawn(page, 'figure svg')).toBeGreaterThan(0)
 */
export async function expectDrawn(page: Page, selector: string): Promise<number> {
  const sizes = await drawnSizes(page, selector)
  expect(sizes.length, `elements matching ${selector}`).toBeGreaterThan(0)
  sizes.forEach((s, i) => {
    expect(s.width, `${selector} #${i + 1} width`).toBeGreaterThan(0)
    expect(s.height, `${selector} #${i + 1} height`).toBeGreaterThan(0)
  })
  return sizes.length
}

/**
 * Each hostile name shows as text, none became markup, `window.__x` is unset,
 * and the page stayed quiet.
 * @example await expectHostileAsText(visit)
 */
export async function expectHostileAsText(v: PageVisit): Promise<void> {
  const facts = await pageFacts(v.page)
  for (const name of HOSTILE_NAMES) expect(facts.text).toContain(name)
  expect(facts.injected, 'elements made from data').toEqual([])
  expect(facts.x, 'window.__x').toBeUndefined()
  expectQuiet(v)
}

/** The 8 bytes every PNG file starts with. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
