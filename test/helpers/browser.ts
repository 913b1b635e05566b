/**
 * Open a local HTML file in headless Chromium (Debian's `chromium`, driven by
 * playwright-core with its `executablePath`; never a downloaded browser) and
 * record what a reader's browser would do with it: every network request
 * (recorded and aborted), console errors, page errors, dialogs (recorded and
 * dismissed) and every script the document itself runs (inline `<script>`,
 * `on*` attributes, `javascript:` URLs: seen through the DevTools protocol as
 * scripts parsed from the page's own URL). One browser per test file.
 */
import {accessSync, constants, existsSync, statSync} from 'node:fs'
import {delimiter, join, resolve} from 'node:path'
import {pathToFileURL} from 'node:url'
import {chromium, type Browser, type Page} from 'playwright-core'

/** What a page did while it was open. */
export interface PageVisit {
  page: Page
  /** The file URL of the page itself (never counted as a request). */
  url: string
  /** Every request other than the page's own file, in order (all were aborted). */
  requests: string[]
  /** Console messages of type error. */
  consoleErrors: string[]
  /** Uncaught exceptions in the page. */
  pageErrors: string[]
  /** Dialogs opened (type: message), all dismissed. */
  dialogs: string[]
  /** Scripts the document ran (inline scripts, event-handler attributes, javascript: URLs). */
  scripts: string[]
}

export const INSTALL_HINT = 'install Debian\'s chromium (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium executable'

const isExecutable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK)
    return statSync(file).isFile()
  } catch {
    return false
  }
}

/**
 * The Chromium to drive: env CHROMIUM_PATH, else `chromium` or
 * `chromium-browser` on PATH; throws naming how to install one.
 * @example const exe = chromiumPath() // '/usr/bin/chromium'
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  const given = env.CHROMIUM_PATH
  if (given) {
    if (isExecutable(given)) return resolve(given)
    throw new Error(`CHROMIUM_PATH=${given} is not an executable file (${INSTALL_HINT})`)
  }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of ['chromium', 'chromium-browser']) if (isExecutable(join(dir, name))) return join(dir, name)
  }
  throw new Error(`no chromium or chromium-browser on PATH (${INSTALL_HINT})`)
}

/**
 * Start headless Chromium (no sandbox when running as root, as in CI containers).
 * @example const browser = await launchBrowser(); try { ... } finally { await browser.close() }
 */
export function launchBrowser(): Promise<Browser> {
  const args = ['--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check']
  if (process.getuid?.() === 0) args.push('--no-sandbox')
  return chromium.launch({executablePath: chromiumPath(), headless: true, args, timeout: 60_000})
}

/**
 * Open `file` in a fresh page of `browser` and wait until it has loaded (and
 * the event loop of the page has had a turn, so `onerror` handlers of broken
 * images would have fired). Close the page with `visit.page.context().close()`.
 * @example const v = await openPage(browser, join(dir, 'page.html')); expect(v.requests).toEqual([])
 */
export async function openPage(browser: Browser, file: string, opts: {width?: number; height?: number} = {}): Promise<PageVisit> {
  if (!existsSync(file)) throw new Error(`${file}: no such file to open in the browser`)
  const url = pathToFileURL(resolve(file)).href
  const context = await browser.newContext({viewport: {width: opts.width ?? 1280, height: opts.height ?? 900}, serviceWorkers: 'block'})
  const page = await context.newPage()
  const visit: PageVisit = {page, url, requests: [], consoleErrors: [], pageErrors: [], dialogs: [], scripts: []}
  const own = (u: string): boolean => u === url || u.split('#')[0] === url
  page.on('request', (r) => {
    if (!own(r.url())) visit.requests.push(r.url())
  })
  page.on('websocket', (ws) => visit.requests.push(ws.url()))
  await context.route('**/*', (route) => (own(route.request().url()) ? route.continue() : route.abort('blockedbyclient')))
  page.on('console', (m) => {
    if (m.type() === 'error') visit.consoleErrors.push(m.text())
  })
  page.on('pageerror', (e) => visit.pageErrors.push(e.message))
  page.on('dialog', (d) => {
    visit.dialogs.push(`${d.type()}: ${d.message()}`)
    d.dismiss().catch(() => {})
  })
  const cdp = await context.newCDPSession(page)
  cdp.on('Debugger.scriptParsed', (s) => {
    if (own(s.url) || s.url.startsWith('javascript:')) visit.scripts.push(`${s.url}:${s.startLine + 1}`)
  })
  await cdp.send('Debugger.enable')
  const response = await page.goto(url, {waitUntil: 'load'})
  if (response && !response.ok()) throw new Error(`${file}: the browser could not load it (status ${response.status()})`)
  // Let pending error events (broken images) and timers of zero delay run.
  await page.waitForTimeout(100)
  return visit
}

/**
 * Save a screenshot of the open page (full page unless `fullPage` is false).
 * @example await screenshot(v.page, join(dir, 'page.png'))
 */
export async function screenshot(page: Page, path: string, opts: {fullPage?: boolean} = {}): Promise<Buffer> {
  return page.screenshot({path, fullPage: opts.fullPage ?? true, animations: 'disabled'})
}

/**
 * The size of every element matching `selector`, as drawn.
 * @example expect((await drawnSizes(v.page, 'svg')).every((s) => s.width > 0)).toBe(true)
 */
export function drawnSizes(page: Page, selector: string): Promise<{width: number; height: number}[]> {
  return page.$$eval(selector, (els) => els.map((el) => {
    const r = el.getBoundingClientRect()
    return {width: r.width, height: r.height}
  }))
}

/**
 * Open `file` in a browser of its own, run `fn` on the visit, and always close the browser.
 * @example const v = await withPage('page.html', async (v) => v)
 */
export async function withPage<T>(file: string, fn: (visit: PageVisit) => Promise<T>, opts: {width?: number; height?: number} = {}): Promise<T> {
  const browser = await launchBrowser()
  try {
    return await fn(await openPage(browser, file, opts))
  } finally {
    await browser.close()
  }
}
