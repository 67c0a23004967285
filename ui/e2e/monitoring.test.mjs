// Browser end-to-end test of press monitoring: the coordinator adds a local outlet's feed as
// a source; Loa polls it in the background, fetches the article page, sorts it with the
// category model, flags a rumour and ties the story to the plan's topics; the feed updates
// and "poll now" brings the new article into the stream, where a saved search's alert tells of
// it; the coordinator opens it and decides.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as loa from './harness.mjs'

// The outlet: a feed whose items change as the test goes, and the article pages.
const pages = new Map()
let items = []
const site = createServer((req, res) => {
  const path = req.url.split('?')[0]
  if (path === '/rss') {
    res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8' })
    res.end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo Thử</title>${
      items.map((i) => `<item><title>${i.title}</title><link>${base}${i.path}</link>` +
        `<pubDate>Tue, 01 Dec 2026 08:30:00 +0700</pubDate></item>`).join('')}</channel></rss>`)
  } else if (pages.has(path)) {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
    res.end(pages.get(path))
  } else {
    res.writeHead(404, { 'Content-Type': 'text/plain' })
    res.end('not found')
  }
})
let base = ''

function page(title, paragraphs) {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title></head>` +
    `<body><nav><a href="/">Trang chủ</a></nav><article><h1>${title}</h1>` +
    paragraphs.map((p) => `<p>${p}</p>`).join('') + '</article></body></html>'
}

pages.set('/the-thao.html', page('Đội bóng Hải Phòng thắng trận', [
  'Đội bóng Hải Phòng giành chiến thắng hai bàn trước đội khách trên sân Lạch Tray.',
  'Cầu thủ ghi bàn thắng quyết định ở phút cuối, huấn luyện viên khen ngợi tinh thần thi đấu.']))
pages.set('/tin-don.html', page('Bác bỏ tin đồn về cầu Hoàng Văn Thụ', [
  'Sở Xây dựng Hải Phòng khẳng định thông tin cầu Hoàng Văn Thụ bị nứt lan truyền trên mạng là sai sự thật.',
  'Cầu vẫn được kiểm tra định kỳ và vận hành an toàn, người dân không nên chia sẻ tin chưa kiểm chứng.']))

before(async () => {
  await new Promise((r) => site.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${site.address().port}`
  await loa.start(['--poll-every', '1', '--host-gap', '0'])
  // A category model from a few labelled articles (a province trains on its own archive).
  const labelled = [
    ['sport', 'Đội tuyển bóng đá thắng trận, cầu thủ ghi bàn, huấn luyện viên khen ngợi'],
    ['sport', 'Vận động viên giành huy chương vàng tại giải đấu thể thao'],
    ['sport', 'Trận bóng đá kết thúc với chiến thắng của đội chủ nhà'],
    ['society', 'Người dân phản ánh tình trạng giao thông, chính quyền kiểm tra cầu đường'],
    ['society', 'Sở Xây dựng kiểm tra an toàn công trình, người dân yên tâm'],
    ['society', 'Thông tin lan truyền trên mạng xã hội được cơ quan chức năng xác minh'],
  ].map(([category, text]) => JSON.stringify({ category, title: '', text })).join('\n')
  const file = join(loa.workDir(), 'labelled.jsonl')
  writeFileSync(file, labelled + '\n')
  execFileSync(loa.loaBin(), ['news', 'classifier', 'train', '--folds', '0', '--db', join(loa.workDir(), 'loa.db'), file])
})
after(async () => {
  await loa.stop()
  site.close()
})

test('a local feed becomes articles in the stream, sorted, flagged, and decided on', async () => {
  items = [{ title: 'Đội bóng Hải Phòng thắng trận', path: '/the-thao.html' }]
  const { page: browserPage, problems } = await loa.signedInPage('coordinator')
  const p = browserPage
  await p.goto(loa.base + '/monitoring/sources')
  await p.getByTestId('source-name').fill('Báo Thử')
  await p.getByTestId('source-url').fill(base + '/rss')
  await p.getByTestId('source-every').fill('600')
  await p.getByTestId('source-outlet').selectOption({ label: 'Báo Hải Phòng' })  // the registry's outlet
  await p.getByTestId('source-add').click()
  await p.getByTestId('source-row').filter({ hasText: 'Báo Thử' }).filter({ hasText: 'Báo Hải Phòng' }).waitFor()

  // The server polls the new source within seconds; the article is in the stream, sorted.
  await p.getByTestId('tab-stream').click()
  for (let i = 0; i < 40 && !(await p.getByTestId('news-item').count()); i++) {
    await p.waitForTimeout(500)
    await p.reload()
  }
  const first = p.getByTestId('news-item').filter({ hasText: 'Đội bóng Hải Phòng thắng trận' })
  await first.waitFor()
  assert.equal(await first.getByTestId('news-category-chip').innerText(), 'Thể thao')

  // A saved search that alerts: nothing matches yet.
  await p.getByTestId('news-query').fill('cau hoang van thu')
  await p.getByTestId('news-apply').click()
  await p.getByTestId('news-empty').waitFor()
  await p.getByTestId('news-save').click()
  await p.getByTestId('news-save-name').fill('Cầu Hoàng Văn Thụ')
  await p.getByTestId('news-save-submit').click()
  await p.getByTestId('news-saved-item').filter({ hasText: 'Cầu Hoàng Văn Thụ' }).waitFor()
  await p.getByTestId('news-query').fill('')
  await p.getByTestId('news-apply').click()

  // The feed updates; "poll now" brings the new article in, flagged as a possible rumour.
  items = [{ title: 'Bác bỏ tin đồn về cầu Hoàng Văn Thụ', path: '/tin-don.html' }, ...items]
  await p.getByTestId('tab-sources').click()
  await p.getByTestId('source-row').filter({ hasText: 'Báo Thử' }).getByTestId('source-poll').click()
  await p.getByTestId('tab-stream').click()
  const rumour = p.getByTestId('news-item').filter({ hasText: 'Bác bỏ tin đồn' })
  for (let i = 0; i < 40 && !(await rumour.count()); i++) {
    await p.waitForTimeout(500)
    await p.reload()
  }
  await rumour.waitFor()
  assert.equal(await rumour.getByTestId('news-risk').innerText(), 'Có dấu hiệu thông tin sai sự thật')
  assert.equal((await p.getByTestId('news-item').first().innerText()).includes('Bác bỏ tin đồn'), true)

  // The saved search's alert: one new match, opened from the notifications.
  await p.getByTestId('unread-count').waitFor()
  await p.getByTestId('notifications').click()
  const alert = p.getByTestId('notification').filter({ hasText: 'Tin mới cho “Cầu Hoàng Văn Thụ”: 1 bài' })
  await alert.waitFor()
  await alert.getByRole('link').first().click()
  await p.getByTestId('news-article-title').filter({ hasText: 'Bác bỏ tin đồn' }).waitFor()
  await p.goto(loa.base + '/monitoring')
  await p.getByTestId('news-saved-item').filter({ hasText: 'Cầu Hoàng Văn Thụ' }).getByRole('button').first().click()
  await p.getByTestId('news-total').filter({ hasText: '1 tin' }).waitFor()
  assert.equal(await p.getByTestId('news-query').inputValue(), 'cau hoang van thu')
  await p.getByTestId('news-query').fill('')
  await p.getByTestId('news-apply').click()

  // Accent-free search finds it; the flagged filter keeps only it.
  await p.getByTestId('news-query').fill('hoang van thu')
  await p.getByTestId('news-apply').click()
  await p.getByTestId('news-total').filter({ hasText: '1 tin' }).waitFor()
  await p.getByTestId('news-query').fill('')
  await p.getByTestId('news-flagged').check()
  await p.getByTestId('news-apply').click()
  await p.getByTestId('news-total').filter({ hasText: '1 tin' }).waitFor()

  // The article: its text without the menu, the flag confirmed by the coordinator.
  await rumour.getByRole('link').first().click()
  await p.getByTestId('news-article-title').filter({ hasText: 'Bác bỏ tin đồn' }).waitFor()
  const text = await p.getByTestId('news-article').innerText()
  assert.ok(text.includes('vận hành an toàn'))
  assert.ok(!text.includes('Trang chủ'))
  await p.getByTestId('news-risk-confirm').click()
  await p.getByTestId('news-risk-status').filter({ hasText: 'Đã xác nhận' }).waitFor()
  // A category corrected by the coordinator is marked as a person's.
  await p.getByTestId('news-category-select').selectOption('health')
  await p.getByTestId('news-category-save').click()
  await p.getByTestId('news-article-category').filter({ hasText: 'do người sửa' }).waitFor()

  // The summary counts it among the flagged articles; the sources screen says all is well.
  await p.getByTestId('tab-dashboard').click()
  await p.getByTestId('board-flagged').filter({ hasText: 'Bác bỏ tin đồn' }).waitFor()
  await p.getByTestId('tab-sources').click()
  assert.equal(await p.getByTestId('source-row').filter({ hasText: 'Báo Thử' }).getByTestId('source-health').innerText(), 'Bình thường')
  await loa.shot(p, 'monitoring')

  // An article Loa did not flag is flagged by the coordinator (the misses teach the model most).
  await p.getByTestId('tab-stream').click()
  if (await p.getByTestId('news-flagged').isChecked()) {
    await p.getByTestId('news-flagged').uncheck()
    await p.getByTestId('news-apply').click()
  }
  await p.getByTestId('news-item').filter({ hasText: 'Đội bóng Hải Phòng thắng trận' }).getByRole('link').first().click()
  await p.getByTestId('news-article-title').filter({ hasText: 'Đội bóng Hải Phòng' }).waitFor()
  assert.equal(await p.getByTestId('news-risk-box').count(), 0)
  await p.getByTestId('news-risk-kind').selectOption('negative')
  await p.getByTestId('news-risk-flag').click()
  await p.getByTestId('news-risk-status').filter({ hasText: 'Đã xác nhận' }).waitFor()
  assert.ok((await p.getByTestId('news-risk-box').innerText()).includes('Tin tiêu cực'))
  assert.ok((await p.getByTestId('news-risk-by').innerText()).includes('Do người điều phối đánh dấu'))
  await loa.shot(p, 'news-flagged-by-coordinator')
  // 401: the session check on the sign-in page, before signing in.
  assert.deepEqual(problems.filter((m) => !/\b401\b/.test(m)), [])
})

// Many matches: by relevance the page comes from the ranked index and the total is an estimate
// ("khoảng"), until the last page has come and the count is what came.
test('a search over many articles shows an estimated total until the last page', async () => {
  const words = ('cảng biển tàu hàng container hạ tầng logistics kinh tế đầu tư doanh nghiệp ' +
    'xuất khẩu nhập khẩu sản lượng tăng trưởng luồng hàng hải cầu cảng bến bãi kho vận ' +
    'dịch vụ khách hàng thị trường quốc tế chuỗi cung ứng vận tải đường bộ đường sắt sông').split(' ')
  let seed = 7
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648)
  const lines = []
  for (let i = 0; i < 90; i++) {
    const text = Array.from({ length: 40 }, () => words[next() % words.length]).join(' ')
    lines.push(JSON.stringify({
      url: `https://baothu.vn/lach-huyen-${i}.html`, outlet: 'Báo Thử',
      title: `Lạch Huyện ${words[next() % words.length]} ${words[next() % words.length]} số ${i}`, text,
    }))
  }
  const file = join(loa.workDir(), 'lach-huyen.jsonl')
  writeFileSync(file, lines.join('\n') + '\n')
  execFileSync(loa.loaBin(), ['news', 'ingest', '--db', join(loa.workDir(), 'loa.db'), file])

  const { page: p, problems } = await loa.signedInPage('coordinator')
  await p.goto(loa.base + '/monitoring?q=lach+huyen')
  const total = p.getByTestId('news-total')
  await total.filter({ hasText: /^khoảng \d+ tin$/ }).waitFor()
  assert.equal(await p.getByTestId('news-item').count(), 30)
  // The snippet, made by Loa from the article, marks the words typed without accents.
  assert.deepEqual(
    (await p.getByTestId('news-item').first().locator('.snippet mark').allTextContents()).slice(0, 2),
    ['Lạch', 'Huyện'])
  // Page after page; when the last has come the total is counted.
  while (await p.getByTestId('news-more').count()) {
    const before = await p.getByTestId('news-item').count()
    await p.getByTestId('news-more').click()
    await p.waitForFunction((n) => document.querySelectorAll('[data-test="news-item"]').length > n ||
      !document.querySelector('[data-test="news-more"]'), before)
  }
  const shown = await p.getByTestId('news-item').count()
  assert.ok(shown > 60, `${shown} articles shown`)
  await total.filter({ hasText: new RegExp(`^${shown} tin$`) }).waitFor()
  assert.deepEqual(problems.filter((m) => !/\b401\b/.test(m)), [])
})
