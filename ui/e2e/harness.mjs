// Shared by the browser end-to-end tests: a real `loa serve` with a fresh demo database and
// Debian's Chromium driven by playwright-core. Run by `make test` (LOA_BIN and LOA_UI_DIR set).
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, existsSync, rmSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, selectors } from 'playwright-core'

selectors.setTestIdAttribute('data-test')

const here = new URL('.', import.meta.url).pathname
const LOA_BIN = process.env.LOA_BIN ?? resolve(here, '../../build/release/src/loa')
const UI_DIR = process.env.LOA_UI_DIR ?? resolve(here, '../dist')
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const SHOTS = process.env.LOA_SCREENSHOTS // optional folder for screenshots

let dir, server
export let browser, base
export const loaBin = () => LOA_BIN
export const workDir = () => dir

async function waitForPort(file, child) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`loa serve exited with ${child.exitCode}`)
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8')
      if (text.endsWith('\n')) return Number(text.trim())
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error('loa serve did not start within 15 s')
}

// extraArgs: more `loa serve` options (e.g. faster polling for the press tests).
export async function start(extraArgs = []) {
  assert.ok(existsSync(LOA_BIN), `loa binary not found at ${LOA_BIN}: build it first (make cpp)`)
  assert.ok(existsSync(join(UI_DIR, 'index.html')), `built UI not found at ${UI_DIR}: run make ui`)
  assert.ok(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: run scripts/setup`)
  dir = mkdtempSync(join(tmpdir(), 'loa-e2e-'))
  const portFile = join(dir, 'port')
  server = spawn(LOA_BIN, ['serve', '--demo', '--db', join(dir, 'loa.db'), '--listen', '127.0.0.1:0',
    '--port-file', portFile, '--ui', UI_DIR, ...(Array.isArray(extraArgs) ? extraArgs : [])], { stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  server.stderr.on('data', (d) => (log += d))
  server.on('exit', (code) => { if (code) console.error(log) })
  base = `http://127.0.0.1:${await waitForPort(portFile, server)}`
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  if (SHOTS) mkdirSync(SHOTS, { recursive: true })
}

export async function stop() {
  await browser?.close()
  if (server && server.exitCode === null) {
    server.kill('SIGTERM')
    await new Promise((r) => server.once('exit', r))
  }
  if (dir) rmSync(dir, { recursive: true, force: true })
}

export async function shot(page, name) {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}


// Opens a page signed in as a demo user, with page errors collected in `problems`.
export async function signedInPage(username, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport })
  const problems = []
  page.on('pageerror', (e) => problems.push(String(e)))
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()) })
  await page.goto(base + '/login')
  await page.getByLabel('Tên đăng nhập').fill(username)
  await page.getByLabel('Mật khẩu').fill('loa-demo-2025')
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.getByRole('heading', { name: /Xin chào/ }).waitFor()
  return { page, problems }
}
