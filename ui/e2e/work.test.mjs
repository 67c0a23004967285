// Browser end-to-end test of work tracking on the real plan 001 of the corpus: the
// coordinator puts it into effect; an officer of Sở Ngoại vụ reports progress with an article
// and a file as evidence and sends the yearly report; the coordinator returns it once and
// accepts the corrected one; the plan's matrix shows all of it.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import * as loa from './harness.mjs'

const plans = resolve(new URL('.', import.meta.url).pathname, '../../../shared/corpus/plans')
const plan001 = existsSync(plans) ? readdirSync(plans).find((f) => /^001_.*\.txt$/.test(f)) : undefined

before(loa.start)
after(loa.stop)

test('an agency reports on its tasks and its yearly report is returned, then accepted',
  { skip: plan001 ? false : `corpus plan 001 not found under ${plans}` }, async () => {
    // The coordinator puts plan 001 into effect.
    const coordinator = await loa.signedInPage('coordinator')
    let page = coordinator.page
    await page.goto(loa.base + '/plans')
    await page.getByTestId('plan-file').setInputFiles(join(plans, plan001))
    await page.waitForURL(/\/plans\/\d+$/)
    // A 2024 plan: bodies abolished in 2025 hand their tasks to a successor first.
    await page.getByTestId('plan-ceased').waitFor()
    assert.ok(await page.getByTestId('plan-activate').isDisabled())
    while (await page.getByTestId('use-successor').count()) await page.getByTestId('use-successor').first().click()
    await page.getByTestId('plan-activate').click()
    await page.getByTestId('plan-activate').filter({ hasText: /Xác nhận: tạo \d+ nhiệm vụ/ }).waitFor()
    await page.getByTestId('plan-activate').click()
    await page.getByTestId('plan-notice').filter({ hasText: /nhiệm vụ đã được giao/ }).waitFor()
    const planUrl = page.url()

    // An officer of Sở Ngoại vụ sees her organisation's two tasks, and is told of them.
    const officer = await loa.signedInPage('ngoaivu')
    page = officer.page
    await page.getByTestId('unread-count').waitFor()
    await page.getByRole('navigation').getByRole('link', { name: 'Nhiệm vụ' }).click()
    await page.getByRole('heading', { name: 'Việc của tôi' }).waitFor()
    // The heading shows before the list has loaded: wait for the rows, not just the page.
    await page.getByTestId('task-row').nth(1).waitFor()
    assert.equal(await page.getByTestId('task-row').count(), 2)
    await page.getByTestId('task-row').first().getByRole('link').click()
    await page.getByTestId('progress-form').waitFor()

    // Progress with evidence: an article and a signed record as PDF.
    await page.getByTestId('new-status').selectOption('in_progress')
    await page.getByTestId('new-progress').fill('40')
    await page.getByTestId('progress-text').fill('Đã tổ chức đón đoàn phóng viên Hàn Quốc tới thành phố.')
    await page.getByTestId('add-link').click()
    await page.getByTestId('link-url').fill('https://baohaiphong.vn/phong-vien-han-quoc')
    await page.getByTestId('link-title').fill('Phóng viên Hàn Quốc tìm hiểu Hải Phòng')
    const pdf = join(loa.workDir(), 'bien-ban.pdf')
    writeFileSync(pdf, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
    await page.getByTestId('evidence-file').setInputFiles(pdf)
    await page.getByTestId('attached-files').getByText('bien-ban.pdf').waitFor()
    // A file whose content is not what its name says is refused on the spot.
    const fake = join(loa.workDir(), 'anh.png')
    writeFileSync(fake, 'không phải ảnh')
    await page.getByTestId('evidence-file').setInputFiles(fake)
    await page.getByTestId('file-error').filter({ hasText: /Không nhận tệp “anh.png”/ }).waitFor()
    await page.getByTestId('send-progress').click()
    await page.getByTestId('task-notice').filter({ hasText: 'Đã ghi nhận cập nhật.' }).waitFor()
    assert.equal(await page.getByTestId('task-status').textContent(), 'Đang thực hiện')
    await page.getByTestId('task-history').getByRole('link', { name: 'Phóng viên Hàn Quốc tìm hiểu Hải Phòng' }).waitFor()
    await page.getByTestId('history-file').filter({ hasText: 'bien-ban.pdf' }).waitFor()
    await loa.shot(page, '8-task-progress')

    // A press article naming Sở Ngoại vụ arrives: it is suggested for the task and attached in
    // one click, into the task's history.
    const articles = join(loa.workDir(), 'articles.jsonl')
    writeFileSync(articles, JSON.stringify({
      url: 'https://baohaiphong.vn/doan-phong-vien-nhat-ban.html',
      title: 'Đoàn phóng viên Nhật Bản tìm hiểu Hải Phòng',
      text: 'Sở Ngoại vụ thành phố Hải Phòng đón đoàn phóng viên Nhật Bản đến tìm hiểu tiềm năng du lịch và đầu tư của thành phố.',
      published: '2026-11-20T08:00:00+07:00',
      outlet: 'Báo Hải Phòng',
    }) + '\n')
    execFileSync(loa.loaBin(), ['news', 'ingest', '--db', join(loa.workDir(), 'loa.db'), articles])
    await page.reload()
    const suggestion = page.getByTestId('task-press-suggestion').filter({ hasText: 'Đoàn phóng viên Nhật Bản' })
    await suggestion.filter({ hasText: 'Nêu tên: Sở Ngoại vụ' }).waitFor()
    await suggestion.getByTestId('task-press-attach').click()
    await page.getByTestId('task-press-attached').getByRole('link', { name: 'Đoàn phóng viên Nhật Bản tìm hiểu Hải Phòng' }).waitFor()
    await page.getByTestId('history-item').filter({ hasText: 'Minh chứng: bài “Đoàn phóng viên Nhật Bản' }).waitFor()
    assert.equal(await page.getByTestId('task-press-suggestion').filter({ hasText: 'Đoàn phóng viên Nhật Bản' }).count(), 0)
    await loa.shot(page, '8b-task-press')

    // Her deadlines as a calendar a phone can subscribe to.
    await page.getByRole('navigation').getByRole('link', { name: 'Nhiệm vụ' }).click()
    await page.getByTestId('calendar-feed').click()
    const feedUrl = await page.getByTestId('calendar-url').inputValue()
    assert.match(feedUrl, /\/api\/v1\/calendar\/[\w-]+\.ics$/)
    const feed = await (await fetch(feedUrl)).text()
    assert.match(feed, /^BEGIN:VCALENDAR/)
    // Plan 001 gives no dates for its tasks: the yearly report is the one deadline.
    assert.equal(feed.split('BEGIN:VEVENT').length - 1, 1)
    assert.match(feed, /UID:report-\d+@loa/)

    // The yearly report.
    await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo' }).click()
    await page.getByTestId('report-row').first().getByRole('link', { name: /Báo cáo năm \d{4}/ }).click()
    await page.getByTestId('report-text').fill('Năm nay Sở Ngoại vụ đã đón 12 đoàn phóng viên nước ngoài.')
    await page.getByTestId('figure-articles_published').fill('35')
    await page.getByTestId('report-submit').click()
    await page.getByTestId('report-status').filter({ hasText: 'Đã gửi, chờ duyệt' }).waitFor()
    const reportUrl = page.url()

    // The coordinator returns it with what to add.
    page = coordinator.page
    await page.goto(reportUrl)
    await page.getByTestId('decision-form').waitFor()
    await page.getByTestId('report-return').click()
    await page.getByTestId('report-error').filter({ hasText: /comment is required/ }).waitFor()
    await page.getByTestId('decision-comment').fill('Đề nghị bổ sung số người được tiếp cận.')
    await page.getByTestId('report-return').click()
    await page.getByTestId('report-status').filter({ hasText: 'Bị trả lại' }).waitFor()

    // The officer corrects it: the form starts from what she sent.
    page = officer.page
    await page.goto(reportUrl)
    await page.getByTestId('revision-returned').filter({ hasText: /bổ sung số người được tiếp cận/ }).waitFor()
    assert.match(await page.getByTestId('report-text').inputValue(), /12 đoàn phóng viên/)
    await page.getByTestId('figure-people_reached').fill('150000')
    await page.getByTestId('report-submit').click()
    await page.getByTestId('report-status').filter({ hasText: 'Đã gửi, chờ duyệt' }).waitFor()

    // Accepted.
    page = coordinator.page
    await page.goto(reportUrl)
    await page.getByTestId('report-accept').click()
    await page.getByTestId('report-status').filter({ hasText: 'Đã chấp nhận' }).waitFor()
    assert.equal(await page.getByTestId('revision').count(), 2)
    await loa.shot(page, '9-report-accepted')

    // The matrix shows the state: Sở Ngoại vụ has a task under way and its report accepted.
    await page.goto(planUrl)
    await page.getByTestId('plan-matrix-link').click()
    const row = page.getByTestId('matrix-row').filter({ hasText: 'Sở Ngoại vụ' })
    await row.getByTestId('cell-in_progress').waitFor()
    await row.getByTestId('report-cell-accepted').waitFor()
    await page.getByTestId('matrix-totals').filter({ hasText: /1\/\d+ báo cáo đã chấp nhận/ }).waitFor()
    // The figures roll up: the accepted report's 35 articles are counted, at the city level.
    await page.getByTestId('rollup-total-articles_published').filter({ hasText: /35.*đã duyệt 35/ }).waitFor()
    await loa.shot(page, '10-plan-matrix')

    // The overdue dashboard answers (nothing of this year's plan is late yet).
    await page.getByRole('navigation').getByRole('link', { name: 'Việc quá hạn' }).click()
    await page.getByTestId('overdue-summary').waitFor()

    const expected = (p) => !p.includes('401') && !p.includes('400') && !p.includes('409')
    assert.deepEqual(coordinator.problems.filter(expected), [])
    assert.deepEqual(officer.problems.filter(expected), [])
  })

test('an administrator reads the audit log filtered by action (after the test above)',
  { skip: plan001 ? false : `corpus plan 001 not found under ${plans}` }, async () => {
  const { page, problems } = await loa.signedInPage('admin')
  await page.getByRole('navigation').getByRole('link', { name: 'Quản trị' }).click()
  await page.getByTestId('audit-link').click()
  await page.getByRole('heading', { name: 'Nhật ký thay đổi' }).waitFor()
  await page.getByTestId('audit-row').first().waitFor()
  await page.getByTestId('audit-action').fill('report')
  await page.getByTestId('audit-apply').click()
  await page.getByTestId('audit-list').getByText('report.accept').waitFor()
  const actions = await page.getByTestId('audit-row').locator('code').allTextContents()
  assert.ok(actions.length > 0 && actions.every((a) => a.startsWith('report.')), actions.join(' '))
  const href = await page.getByTestId('audit-csv').getAttribute('href')
  assert.match(href, /format=csv/)
  assert.match(href, /action=report/)
  await loa.shot(page, '11-audit')
  assert.deepEqual(problems.filter((p) => !p.includes('401')), [])
})
