// Browser end-to-end test of the organisation registry as an administrator keeps it: an
// organisation gets another name; one with accounts cannot be deleted, so its validity is
// ended instead and it leaves today's tree; the registry goes out as Excel and comes back
// from a CSV file, checked first and then applied.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as loa from './harness.mjs'

before(loa.start)
after(loa.stop)

test('an administrator edits, ends and imports organisations', async () => {
  const { page, problems } = await loa.signedInPage('admin')
  await page.getByRole('navigation').getByRole('link', { name: 'Quản trị' }).click()
  await page.getByTestId('org-tree').waitFor()

  // Another name for the Journalists' Association.
  await page.getByRole('button', { name: 'Sửa Hội Nhà báo thành phố' }).click()
  await page.getByTestId('org-editor').waitFor()
  await page.getByTestId('add-alias').click()
  await page.getByTestId('alias-text').last().fill('Hội Nhà báo HP')
  await page.getByTestId('alias-kind').last().selectOption('abbreviation')
  await page.getByTestId('org-save').click()
  await page.getByTestId('org-notice').filter({ hasText: 'Đã lưu.' }).waitFor()
  await page.getByTestId('org-search').fill('hoi nha bao hp')
  assert.equal(await page.getByTestId('org-count').textContent(), '1 cơ quan, đơn vị')
  await page.getByTestId('org-search').fill('')

  // Cát Hải has a member's account: deleting is refused and ending its validity is offered.
  await page.getByRole('button', { name: 'Sửa Đặc khu Cát Hải' }).click()
  await page.waitForFunction(() => document.querySelector('[data-test="org-name"]')?.value === 'Đặc khu Cát Hải')
  await page.getByTestId('org-delete').click()
  await page.getByTestId('org-in-use').filter({ hasText: /1 tài khoản/ }).waitFor()
  await loa.shot(page, '12-registry-in-use')
  await page.getByTestId('org-end-date').fill('2025-12-31')
  await page.getByTestId('org-end').click()
  await page.getByTestId('org-notice').filter({ hasText: 'Đã lưu.' }).waitFor()
  await page.getByTestId('org-search').fill('cat hai')
  await page.getByTestId('as-of').fill('2026-01-15')
  assert.equal(await page.getByTestId('org-tree').getByText('Đặc khu Cát Hải', { exact: true }).count(), 0)
  await page.getByTestId('as-of').fill('2025-12-31')
  await page.getByTestId('org-tree').getByText('Đặc khu Cát Hải', { exact: true }).waitFor()
  await page.getByTestId('org-search').fill('')

  // Export as Excel: the link downloads a workbook.
  const href = await page.getByTestId('export-xlsx').getAttribute('href')
  const workbook = await page.evaluate(async (url) => {
    const r = await fetch(url)
    return { status: r.status, type: r.headers.get('content-type'), size: (await r.arrayBuffer()).byteLength }
  }, href)
  assert.equal(workbook.status, 200)
  assert.match(workbook.type, /spreadsheetml/)
  assert.ok(workbook.size > 2000, `workbook of ${workbook.size} bytes`)

  // Import a CSV with a mistake: every error is listed and nothing is applied.
  const bad = join(loa.workDir(), 'co-cau-loi.csv')
  writeFileSync(bad, '\uFEFFMã (code);Tên (name);Cấp (level)\r\nx-moi;Trung tâm Truyền thông mới;thiên hà\r\n')
  await page.getByTestId('import-file').setInputFiles(bad)
  await page.getByTestId('import-errors').filter({ hasText: /row 2, column 'Cấp \(level\)'/ }).waitFor()
  assert.equal(await page.getByTestId('import-apply').count(), 0)

  // A correct file is checked, then applied.
  const good = join(loa.workDir(), 'co-cau.csv')
  writeFileSync(good, '\uFEFFMã (code);Tên (name);Loại (kind);Cấp (level)\r\n' +
    'tt-truyen-thong;Trung tâm Truyền thông thành phố;Đơn vị sự nghiệp;province\r\n')
  await page.getByTestId('import-file').setInputFiles(good)
  await page.getByTestId('import-result').filter({ hasText: 'Kiểm tra tệp: 1 cơ quan mới' }).waitFor()
  await page.getByTestId('import-apply').click()
  await page.getByTestId('import-result').filter({ hasText: 'Đã nhập: 1 cơ quan mới' }).waitFor()
  await page.getByTestId('org-search').fill('trung tam truyen thong')
  await page.getByTestId('org-tree').getByText('Trung tâm Truyền thông thành phố').waitFor()
  await loa.shot(page, '13-registry-import')
  // 401 before sign-in; 409 and 422 are the refusals this test provokes.
  assert.deepEqual(problems.filter((p) => !/\b(401|409|422)\b/.test(p)), [])
})
