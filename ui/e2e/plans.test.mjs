// Browser end-to-end test of plans: a coordinator imports a plan document, corrects it,
// confirms the agencies and puts it into effect; a secret document is refused.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as loa from './harness.mjs'

before(loa.start)
after(loa.stop)

const PLAN = `ỦY BAN NHÂN DÂN
THÀNH PHỐ HẢI PHÒNG
Số: 15/KH-UBND
Hải Phòng, ngày 20 tháng 1 năm 2026

KẾ HOẠCH
Tuyên truyền về chuyển đổi số năm 2026

Căn cứ Kế hoạch số 358-KH/TU ngày 09/5/2024 của Ban Thường vụ Thành ủy;
Ủy ban nhân dân thành phố ban hành Kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức về chuyển đổi số.

II. TỔ CHỨC THỰC HIỆN
1. Sở Văn hóa, Thể thao và Du lịch
a) Chủ trì, phối hợp với các cơ quan báo chí tuyên truyền về chuyển đổi số.
b) Tổng hợp, báo cáo kết quả thực hiện về Ủy ban nhân dân thành phố trước ngày 10/12/2026.
2. Sở Tài chính
Phối hợp bố trí kinh phí thực hiện Kế hoạch.
3. Trung tâm Sáng tạo Số
Tổ chức các cuộc thi về chuyển đổi số.

Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
`

test('a coordinator imports a plan, corrects it, confirms agencies and puts it into effect', async () => {
  const { page, problems } = await loa.signedInPage('coordinator')
  await page.getByRole('navigation').getByRole('link', { name: 'Kế hoạch' }).click()
  await page.getByRole('heading', { name: 'Kế hoạch', exact: true }).waitFor()
  await page.getByTestId('plan-empty').waitFor()

  const file = join(loa.workDir(), 'ke-hoach-15.txt')
  writeFileSync(file, PLAN)
  await page.getByTestId('plan-file').setInputFiles(file)
  await page.waitForURL(/\/plans\/\d+$/)
  await page.getByTestId('plan-title').filter({ hasText: 'Tuyên truyền về chuyển đổi số năm 2026' }).waitFor()
  assert.equal(await page.getByTestId('plan-status-badge').textContent(), 'Bản nháp')
  assert.equal(await page.getByTestId('assignment').count(), 3)
  await page.getByTestId('plan-basis').getByText('358-KH/TU').waitFor()
  await page.getByTestId('plan-source').getByText(/Sở Tài chính/).waitFor()
  await loa.shot(page, '5-plan-draft')

  // The third agency is not in the registry: activation waits for the coordinator.
  await page.getByTestId('plan-unmatched').filter({ hasText: /Trung tâm Sáng tạo Số/ }).waitFor()
  assert.equal(await page.getByTestId('plan-activate').isDisabled(), true)
  // She confirms it as a new organisation of the registry.
  const third = page.getByTestId('assignment').nth(2)
  await third.getByTestId('add-organisation').click()
  await page.getByTestId('plan-notice').filter({ hasText: /Đã thêm “Trung tâm Sáng tạo Số”/ }).waitFor()
  assert.equal(await third.getByTestId('organisation').locator('option:checked').textContent(), 'Trung tâm Sáng tạo Số')
  // The second agency: another organisation picked from the registry.
  const second = page.getByTestId('assignment').nth(1)
  await second.getByTestId('organisation').selectOption({ label: 'Sở Khoa học và Công nghệ' })
  await second.getByTestId('agency').fill('Sở Khoa học và Công nghệ')

  // A correction, saved.
  await page.getByTestId('field-title').fill('Tuyên truyền về chuyển đổi số năm 2026 (đã sửa)')
  await page.getByTestId('plan-save').click()
  await page.getByTestId('plan-notice').filter({ hasText: 'Đã lưu.' }).waitFor()
  await page.getByTestId('plan-title').getByText('(đã sửa)').waitFor()

  // Into effect: confirm, then one task per item.
  await page.getByTestId('plan-activate').click()
  await page.getByTestId('plan-activate').filter({ hasText: 'Xác nhận: tạo 4 nhiệm vụ' }).waitFor()
  await page.getByTestId('plan-activate').click()
  await page.getByTestId('plan-notice').filter({ hasText: /4 nhiệm vụ đã được giao/ }).waitFor()
  assert.equal(await page.getByTestId('plan-status-badge').textContent(), 'Đang thực hiện')
  assert.equal(await page.getByTestId('plan-tasks').locator('tr').count(), 4)
  await page.getByTestId('plan-tasks').getByText('Trung tâm Sáng tạo Số').waitFor()
  await loa.shot(page, '6-plan-active')

  // The list finds it without accents.
  await page.getByRole('link', { name: /← Kế hoạch/ }).click()
  await page.getByTestId('plan-search').fill('chuyen doi so')
  await page.getByTestId('plan-list').getByText(/đã sửa/).waitFor()
  await page.getByTestId('plan-search').fill('khong co ke hoach nay')
  await page.getByTestId('plan-empty').waitFor()

  // A document marked secret is refused, and nothing is stored.
  const secret = join(loa.workDir(), 'mat.txt')
  writeFileSync(secret, 'MẬT\n' + PLAN)
  await page.getByTestId('plan-file').setInputFiles(secret)
  await page.getByTestId('plan-refused').getByText(/mang dấu mật/).waitFor()
  await loa.shot(page, '7-plan-secret')
  assert.deepEqual(problems.filter((p) => !p.includes('422') && !p.includes('401')), [])
})

test('a member cannot import plans', async () => {
  const { page } = await loa.signedInPage('member')
  await page.goto(loa.base + '/plans')
  await page.getByRole('heading', { name: 'Kế hoạch', exact: true }).waitFor()
  assert.equal(await page.getByTestId('plan-file').count(), 0)
})
