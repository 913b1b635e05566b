#!/usr/bin/env node
// Screenshot of a local HTML file in headless Chromium (Debian's `chromium`,
// driven by playwright-core; never a downloaded browser), with every network
// request blocked: the same harness the browser tests use (test/helpers/browser.ts).
//
//   node scripts/screenshot.mjs INPUT.html OUTPUT.png [--width 1280] [--height 1600] [--full-page]
//
// Writes OUTPUT.png of the first WIDTHxHEIGHT of the page (the whole page with
// --full-page). Exits 1 without writing when the page made a request, logged a
// console error, threw, opened a dialog, or the browser is missing; 2 on bad usage.
import {accessSync, constants, existsSync, statSync, writeFileSync} from 'node:fs'
import {delimiter, join, resolve} from 'node:path'
import {pathToFileURL} from 'node:url'
import {chromium} from 'playwright-core'

const USAGE = 'usage: node scripts/screenshot.mjs INPUT.html OUTPUT.png [--width 1280] [--height 1600] [--full-page]'
const INSTALL_HINT = "install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium executable"

function fail(code, message) {
  process.stderr.write(`screenshot: error: ${message}\n`)
  process.exit(code)
}

function parse(argv) {
  const files = []
  const opts = {width: 1280, height: 1600, fullPage: false}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--full-page') opts.fullPage = true
    else if (a === '--width' || a === '--height') {
      const n = Number(argv[++i])
      if (!Number.isInteger(n) || n < 1 || n > 10_000) fail(2, `${a}: expected a whole number of pixels from 1 to 10000 (${USAGE})`)
      opts[a.slice(2)] = n
    } else if (a.startsWith('-')) fail(2, `${a}: unknown option (${USAGE})`)
    else files.push(a)
  }
  if (files.length !== 2) fail(2, `expected INPUT.html and OUTPUT.png (${USAGE})`)
  return {input: files[0], output: files[1], ...opts}
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK)
    return statSync(file).isFile()
  } catch {
    return false
  }
}

function chromiumPath() {
  const given = process.env.CHROMIUM_PATH
  if (given) return isExecutable(given) ? resolve(given) : fail(1, `CHROMIUM_PATH=${given} is not an executable file (${INSTALL_HINT})`)
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of ['chromium', 'chromium-browser']) if (isExecutable(join(dir, name))) return join(dir, name)
  }
  return fail(1, `no chromium or chromium-browser on PATH (${INSTALL_HINT})`)
}

const {input, output, width, height, fullPage} = parse(process.argv.slice(2))
if (!existsSync(input)) fail(1, `${input}: no such file (give the path of an HTML file)`)
const url = pathToFileURL(resolve(input)).href
const own = (u) => u.split('#')[0] === url
const args = ['--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check']
if (process.getuid?.() === 0) args.push('--no-sandbox')
const problems = []
const executablePath = chromiumPath()
let png
const browser = await chromium.launch({executablePath, headless: true, args, timeout: 60_000})
try {
  const context = await browser.newContext({viewport: {width, height}, serviceWorkers: 'block'})
  await context.route('**/*', (route) => (own(route.request().url()) ? route.continue() : route.abort('blockedbyclient')))
  const page = await context.newPage()
  page.on('request', (r) => {
    if (!own(r.url())) problems.push(`blocked a request to ${r.url()}`)
  })
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`)
  })
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  page.on('dialog', (d) => {
    problems.push(`dialog (${d.type()}): ${d.message()}`)
    d.dismiss().catch(() => {})
  })
  await page.goto(url, {waitUntil: 'load'})
  await page.waitForTimeout(100)
  png = await page.screenshot({fullPage, animations: 'disabled'})
} finally {
  await browser.close()
}
if (problems.length > 0) fail(1, `${input}: ${problems.join('; ')} (the page must be self-contained and quiet; nothing written)`)
writeFileSync(output, png)
process.stderr.write(`screenshot: wrote ${output} (${fullPage ? 'full page' : `${width}x${height}`})\n`)
