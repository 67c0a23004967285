// Freshness of press alerts, end to end: a real `loa serve` polls a local outlet's feed at a
// 1-minute interval; the feed gets a new article at a random moment between two polls; the
// time from that update to the saved search's notification (GET /api/v1/notifications) is
// measured. Target (issue 6): ≤ 60 s. Europe Media Monitor refreshes every 10 minutes.
//
//   node bench/news/freshness.mjs [--trials 5] [--loa build/release/src/loa]
//
// Each trial takes up to a minute: the update lands at a uniformly random point of the poll
// interval, so the latency is that wait plus Loa's own work (fetch, extract, analyse, alert).
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const args = process.argv.slice(2)
const option = (name, fallback) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : fallback
}
const TRIALS = Math.min(8, Number(option('--trials', '5')))
const LOA = resolve(option('--loa', 'build/release/src/loa'))
if (!existsSync(LOA)) throw new Error(`no loa binary at ${LOA}: build the release preset first`)

// The outlet.
let items = []
const pages = new Map()
const feedRequests = []
const site = createServer((req, res) => {
  const path = req.url.split('?')[0]
  if (path === '/rss') {
    feedRequests.push(Date.now())
    res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' })
    res.end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo Thử</title>${
      items.map((i) => `<item><title>${i.title}</title><link>${siteBase}${i.path}</link>` +
        `<pubDate>${new Date(i.at).toUTCString()}</pubDate></item>`).join('')}</channel></rss>`)
  } else if (pages.has(path)) {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(pages.get(path))
  } else {
    res.writeHead(404)
    res.end()
  }
})
await new Promise((r) => site.listen(0, '127.0.0.1', r))
const siteBase = `http://127.0.0.1:${site.address().port}`

// Each new article a story of its own (a copy of an earlier story would rightly not alert).
const BRIDGE_NEWS = [
  'Sở Xây dựng Hải Phòng kiểm tra định kỳ cầu Hoàng Văn Thụ, các nhịp cầu và gối cầu được đo đạc, kết quả cho thấy công trình vận hành an toàn.',
  'Ban quản lý dự án đề xuất lắp hệ thống quan trắc tự động trên cầu Hoàng Văn Thụ để theo dõi dao động khi lưu lượng xe tăng vào giờ cao điểm.',
  'Cảnh sát giao thông phân luồng xe tải nặng tránh cầu Hoàng Văn Thụ trong ba đêm để đơn vị thi công thảm lại mặt đường dẫn lên cầu.',
  'Người dân hai bờ sông Cấm phản ánh đèn chiếu sáng trên cầu Hoàng Văn Thụ hỏng nhiều ngày, công ty chiếu sáng đô thị đã thay mới toàn bộ bóng đèn.',
  'Lễ hội đường phố cuối tuần lấy cầu Hoàng Văn Thụ làm điểm bắn pháo hoa, thành phố cấm xe lưu thông qua cầu từ tám giờ tối đến nửa đêm.',
  'Học sinh trường trung học cơ sở Lê Chân tham quan cầu Hoàng Văn Thụ trong chương trình tìm hiểu các công trình giao thông tiêu biểu của quê hương.',
  'Đơn vị duy tu sơn lại lan can cầu Hoàng Văn Thụ bằng loại sơn chống gỉ mới, thời gian thi công dự kiến hai tuần, không ảnh hưởng giao thông.',
  'Hội đồng nghiệm thu đánh giá chất lượng khe co giãn trên cầu Hoàng Văn Thụ sau năm năm khai thác, đề nghị thay thế một số khe bị mòn.',
]

function addArticle(n, aboutBridge) {
  const title = aboutBridge ? `Cầu Hoàng Văn Thụ: tin số ${n}` : `Tin thời sự số ${n}`
  const body = aboutBridge
    ? BRIDGE_NEWS[(n - 1) % BRIDGE_NEWS.length]
    : 'Tin tức thời sự trong ngày của thành phố Hải Phòng.'
  const path = `/bai-${n}.html`
  pages.set(path, `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title></head>` +
    `<body><article><h1>${title}</h1><p>${body}</p></article></body></html>`)
  items = [{ title, path, at: Date.now() }, ...items].slice(0, 30)
}

// Loa, with the demo database.
const dir = mkdtempSync(join(tmpdir(), 'loa-fresh-'))
const portFile = join(dir, 'port')
const server = spawn(LOA, ['serve', '--demo', '--db', join(dir, 'loa.db'), '--listen', '127.0.0.1:0',
  '--port-file', portFile, '--host-gap', '0'], { stdio: ['ignore', 'ignore', 'ignore'] })
for (let i = 0; i < 300 && !(existsSync(portFile) && readFileSync(portFile, 'utf8').endsWith('\n')); i++)
  await new Promise((r) => setTimeout(r, 50))
const base = `http://127.0.0.1:${readFileSync(portFile, 'utf8').trim()}`

let cookie = ''
let csrf = ''
async function call(method, path, body) {
  const r = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
    body: body ? JSON.stringify(body) : undefined,
  })
  const setCookie = r.headers.get('set-cookie')
  if (setCookie) cookie = setCookie.split(';')[0]
  const text = await r.text()
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`)
  return text ? JSON.parse(text) : null
}

const results = []
try {
  csrf = (await call('POST', '/api/v1/auth/login', { username: 'coordinator', password: 'loa-demo-2025' })).csrf_token
  addArticle(0, false)
  await call('POST', '/api/v1/news/sources', { name: 'Báo Thử', url: siteBase + '/rss', poll_seconds: 60 })
  await call('POST', '/api/v1/news/searches', { name: 'Cầu Hoàng Văn Thụ', params: { q: 'cau hoang van thu' }, alert: true })
  const alerts = async () =>
    (await call('GET', '/api/v1/notifications?limit=200')).notifications.filter((n) => n.kind === 'news.alert').length
  // The first poll (a new source is due at once).
  while (!feedRequests.length) await new Promise((r) => setTimeout(r, 200))
  for (let trial = 1; trial <= TRIALS; trial++) {
    const lastPoll = feedRequests[feedRequests.length - 1]
    const offset = Math.random() * 60000
    await new Promise((r) => setTimeout(r, Math.max(0, lastPoll + offset - Date.now())))
    const before = await alerts()
    addArticle(trial, true)
    const updated = Date.now()
    while ((await alerts()) === before) {
      if (Date.now() - updated > 300000) throw new Error(`trial ${trial}: no alert within 5 minutes`)
      await new Promise((r) => setTimeout(r, 100))
    }
    const seconds = (Date.now() - updated) / 1000
    results.push(seconds)
    console.log(`trial ${trial}: update ${(offset / 1000).toFixed(1)} s after a poll → alert after ${seconds.toFixed(1)} s`)
  }
} finally {
  server.kill('SIGTERM')
  site.close()
  rmSync(dir, { recursive: true, force: true })
}
results.sort((a, b) => a - b)
const mean = results.reduce((a, b) => a + b, 0) / results.length
console.log(`freshness over ${results.length} trials: mean ${mean.toFixed(1)} s, max ${results[results.length - 1].toFixed(1)} s (target ≤ 60 s)`)
