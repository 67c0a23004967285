// Browser end-to-end test: signing in, the organisation tree, languages, the phone layout.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import * as loa from './harness.mjs'

before(loa.start)
after(loa.stop)
const shot = loa.shot

test('coordinator signs in, sees the organisation tree, switches language, signs out', async () => {
  const page = await loa.browser.newPage({ viewport: { width: 1280, height: 800 } })
  const problems = []
  page.on('pageerror', (e) => problems.push(String(e)))
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()) })

  await page.goto(loa.base + '/')
  await page.waitForURL('**/login')
  await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor()
  await shot(page, '1-login')

  // A wrong password is refused with a Vietnamese message.
  await page.getByLabel('Tên đăng nhập').fill('coordinator')
  await page.getByLabel('Mật khẩu').fill('sai-mat-khau')
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.getByText('Sai tên đăng nhập hoặc mật khẩu.').waitFor()

  await page.getByLabel('Mật khẩu').fill('loa-demo-2025')
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.getByRole('heading', { name: 'Xin chào, Nguyễn Thị Hương' }).waitFor()
  assert.equal(await page.getByTestId('my-organisation').textContent(), 'Sở Văn hóa, Thể thao và Du lịch')
  for (const item of ['Tổng quan', 'Kế hoạch', 'Nhiệm vụ', 'Báo chí', 'Theo dõi tin', 'Báo cáo', 'Quản trị']) {
    await page.getByRole('navigation').getByRole('link', { name: item }).waitFor()
  }
  await shot(page, '2-overview')

  // The session cookie is HttpOnly: page scripts cannot read it.
  assert.equal(await page.evaluate(() => document.cookie.includes('loa_session')), false)
  const cookies = await page.context().cookies()
  const session = cookies.find((c) => c.name === 'loa_session')
  assert.ok(session?.httpOnly, 'session cookie must be HttpOnly')
  assert.equal(session?.sameSite, 'Lax')

  await page.getByRole('link', { name: 'Quản trị' }).click()
  await page.getByRole('heading', { name: 'Cơ cấu tổ chức' }).waitFor()
  const tree = page.getByTestId('org-tree')
  await tree.getByText('Ủy ban nhân dân thành phố Hải Phòng', { exact: true }).waitFor()
  await tree.getByText('Sở Văn hóa, Thể thao và Du lịch', { exact: true }).waitFor()
  await tree.getByText('Đặc khu Cát Hải', { exact: true }).waitFor()
  assert.equal(await tree.getByText('Sở Thông tin và Truyền thông', { exact: true }).count(), 0)
  await shot(page, '3-organisations')

  // Accent-insensitive search, and the tree as it was before the 2025 reform.
  await page.getByTestId('org-search').fill('van hoa')
  await tree.getByText('Sở Văn hóa, Thể thao và Du lịch', { exact: true }).waitFor()
  assert.equal(await tree.getByText('Sở Y tế', { exact: true }).count(), 0)
  await page.getByTestId('org-search').fill('')
  await page.getByTestId('as-of').fill('2024-06-01')
  await tree.getByText('Sở Thông tin và Truyền thông', { exact: true }).waitFor()
  await tree.getByText(/Chức năng chuyển cho: .*Sở Khoa học và Công nghệ/).first().waitFor()

  // Switch to English; the choice survives a reload.
  await page.getByTestId('language').selectOption('en')
  await page.getByRole('heading', { name: 'Organisations' }).waitFor()
  await page.getByRole('link', { name: 'Administration' }).waitFor()
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en')
  await page.reload()
  await page.getByRole('heading', { name: 'Organisations' }).waitFor()
  await shot(page, '4-organisations-en')

  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.waitForURL('**/login')
  await page.getByRole('heading', { name: 'Sign in' }).waitFor()
  // Signed out on the server too: the API refuses the old session.
  const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status)
  assert.equal(me, 401)
  await page.goto(loa.base + '/admin')
  await page.waitForURL('**/login?next=/admin')
  assert.deepEqual(problems.filter((p) => !p.includes('401')), [])
})

test('the layout works on a phone', async () => {
  const page = await loa.browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true })
  await page.goto(loa.base + '/login')
  await page.getByLabel('Tên đăng nhập').fill('member')
  await page.getByLabel('Mật khẩu').fill('loa-demo-2025')
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.getByRole('heading', { name: /Xin chào/ }).waitFor()
  const nav = page.getByRole('navigation')
  assert.equal(await nav.isVisible(), false)
  await page.getByRole('button', { name: 'Trình đơn' }).click()
  await nav.getByRole('link', { name: 'Quản trị' }).click()
  await page.getByRole('heading', { name: 'Cơ cấu tổ chức' }).waitFor()
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  await shot(page, '5-phone')
  assert.ok(width <= 375, `page is ${width}px wide on a 375px phone`)
})
