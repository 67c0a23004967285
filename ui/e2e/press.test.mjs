// Browser end-to-end test of media cooperation: the coordinator proposes a programme with two
// outlets and their budget lines; the Department of Finance returns it once, then appraises
// it; the People's Committee's leader approves it by decision; the coordinator signs
// contracts with Báo Hải Phòng and the television; articles of the outlets that monitoring
// stores are proposed as their deliverables and accepted; the settlement shows them, and the
// outlet sees its contract.
// Last, the coordinator downloads the yearly report on the plan: its Word XML has the
// Decree's layout (fonts, margins, motto, signature block) and its PDF the figures.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as loa from './harness.mjs'

before(loa.start)
after(loa.stop)

const year = String(new Date(Date.now() + 7 * 3600e3).getUTCFullYear())

const PLAN = `ỦY BAN NHÂN DÂN
THÀNH PHỐ HẢI PHÒNG
Số: 21/KH-UBND
Hải Phòng, ngày 15 tháng 01 năm ${year}

KẾ HOẠCH
Tuyên truyền về chuyển đổi số năm ${year}

I. MỤC ĐÍCH, YÊU CẦU
Nâng cao nhận thức của người dân về chuyển đổi số.

II. NỘI DUNG TUYÊN TRUYỀN
1. Chuyển đổi số, dịch vụ công trực tuyến, cải cách thủ tục hành chính.
2. Du lịch biển đảo Hải Phòng.

III. TỔ CHỨC THỰC HIỆN
1. Sở Văn hóa, Thể thao và Du lịch
a) Chủ trì, phối hợp với các cơ quan báo chí tuyên truyền về chuyển đổi số.
2. Sở Tài chính
Phối hợp bố trí kinh phí thực hiện Kế hoạch.

Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
`

// The text of the zip's part (unzip, from Debian's unzip package).
function docxPart(file, part) {
  return execFileSync('unzip', ['-p', file, part], { encoding: 'utf8' })
}

test('a cooperation programme is proposed, appraised, approved, contracted and delivered', async () => {
  const coordinator = await loa.signedInPage('coordinator')
  let page = coordinator.page

  // The plan the cooperation serves, imported and put into effect.
  await page.getByRole('navigation').getByRole('link', { name: 'Kế hoạch' }).click()
  const planFile = join(loa.workDir(), 'ke-hoach-21.txt')
  writeFileSync(planFile, PLAN)
  await page.getByTestId('plan-file').setInputFiles(planFile)
  await page.waitForURL(/\/plans\/\d+$/)
  await page.getByTestId('plan-activate').click()
  await page.getByTestId('plan-activate').filter({ hasText: 'Xác nhận: tạo 2 nhiệm vụ' }).waitFor()
  await page.getByTestId('plan-activate').click()
  await page.getByTestId('plan-notice').filter({ hasText: /2 nhiệm vụ đã được giao/ }).waitFor()

  await page.getByRole('navigation').getByRole('link', { name: 'Báo chí' }).click()
  await page.getByRole('heading', { name: 'Hợp tác báo chí' }).waitFor()
  await page.getByTestId('programme-new').click()

  // Two lines; the budget adds up as they are typed.
  await page.getByTestId('programme-year').fill(year)
  await page.getByTestId('programme-plan').selectOption({ label: `Tuyên truyền về chuyển đổi số năm ${year}` })
  let line = page.getByTestId('line-row').nth(0)
  await line.getByTestId('line-outlet').selectOption({ label: 'Báo Hải Phòng' })
  await line.getByTestId('line-content').fill('Tin, bài về chuyển đổi số của thành phố')
  await line.getByTestId('line-quantity').fill('2')
  await line.getByTestId('line-price').fill('3000000')
  await page.getByTestId('line-add').click()
  line = page.getByTestId('line-row').nth(1)
  await line.getByTestId('line-outlet').selectOption({ label: 'Đài Phát thanh và Truyền hình Hải Phòng' })
  await line.getByTestId('line-content').fill('Phóng sự về du lịch biển đảo')
  await line.getByTestId('line-kind').selectOption('video')
  await line.getByTestId('line-quantity').fill('1')
  await line.getByTestId('line-price').fill('10000000')
  await page.getByTestId('programme-budget').filter({ hasText: '16.000.000 đ' }).waitFor()
  await page.getByTestId('programme-save').click()
  await page.waitForURL(/\/press\/programmes\/\d+$/)
  const programmeUrl = page.url()
  await page.getByTestId('programme-status').filter({ hasText: 'Dự thảo' }).waitFor()
  assert.equal(await page.getByTestId('programme-line').count(), 2)
  await page.getByTestId('step-submit').click()
  await page.getByTestId('programme-status').filter({ hasText: 'Chờ thẩm định' }).waitFor()
  await loa.shot(page, '9a-programme-submitted')

  // Finance returns it with a reason, then (resubmitted) appraises it.
  const finance = await loa.signedInPage('taichinh')
  await finance.page.goto(programmeUrl)
  await finance.page.getByTestId('step-comment').fill('Bổ sung căn cứ đơn giá video.')
  await finance.page.getByTestId('step-return').click()
  await finance.page.getByTestId('programme-status').filter({ hasText: 'Dự thảo' }).waitFor()
  await page.reload()
  await page.getByTestId('programme-step').filter({ hasText: 'Bổ sung căn cứ đơn giá video.' }).waitFor()
  await page.getByTestId('step-submit').click()
  await page.getByTestId('programme-status').filter({ hasText: 'Chờ thẩm định' }).waitFor()
  await finance.page.reload()
  await finance.page.getByTestId('step-appraise').click()
  await finance.page.getByTestId('programme-status').filter({ hasText: 'Chờ phê duyệt' }).waitFor()

  // The leader approves by decision; the button waits for its number and date.
  const leader = await loa.signedInPage('leader')
  await leader.page.goto(programmeUrl)
  assert.ok(await leader.page.getByTestId('step-approve').isDisabled())
  await leader.page.getByTestId('step-document-no').fill('412/QĐ-UBND')
  await leader.page.getByTestId('step-document-date').fill(`${year}-01-02`)
  await leader.page.getByTestId('step-approve').click()
  await leader.page.getByTestId('programme-status').filter({ hasText: 'Đã phê duyệt' }).waitFor()
  await leader.page.getByTestId('programme-decision').filter({ hasText: '412/QĐ-UBND' }).waitFor()
  await loa.shot(leader.page, '9b-programme-approved')

  // The coordinator signs the contract with Báo Hải Phòng: more than approved is refused.
  await page.reload()
  await page.getByTestId('contract-outlet').selectOption({ label: 'Báo Hải Phòng' })
  await page.getByTestId('contract-number').fill(`15/${year}/HĐ-SVHTTDL`)
  await page.getByTestId('contract-item-quantity').fill('3')
  await page.getByTestId('contract-save').click()
  await page.getByTestId('contract-error').filter({ hasText: '2 left, not 3' }).waitFor()
  await page.getByTestId('contract-item-quantity').fill('2')
  await page.getByTestId('contract-value').filter({ hasText: '6.000.000 đ' }).waitFor()
  await page.getByTestId('contract-save').click()
  await page.waitForURL(/\/press\/contracts\/\d+$/)
  const contractUrl = page.url()
  await page.getByTestId('contract-item-card').getByText('Chưa có sản phẩm nào.').waitFor()
  // … and the one with the television for its video.
  await page.goto(programmeUrl)
  await page.getByTestId('contract-outlet').selectOption({ label: 'Đài Phát thanh và Truyền hình Hải Phòng' })
  await page.getByTestId('contract-number').fill(`16/${year}/HĐ-SVHTTDL`)
  await page.getByTestId('contract-value').filter({ hasText: '10.000.000 đ' }).waitFor()
  await page.getByTestId('contract-save').click()
  await page.waitForURL((url) => /\/press\/contracts\/\d+$/.test(url.pathname) && url.href !== contractUrl)
  const videoContractUrl = page.url()
  await page.goto(contractUrl)

  // Monitoring stores an article of the outlet about the city: proposed, then accepted.
  const articles = join(loa.workDir(), 'press.jsonl')
  writeFileSync(articles, [{
    url: 'https://baohaiphong.vn/chuyen-doi-so-phuong-le-chan.html',
    title: 'Phường Lê Chân đẩy mạnh chuyển đổi số',
    text: 'Thành phố Hải Phòng đẩy mạnh chuyển đổi số: người dân phường Lê Chân nộp hồ sơ trực tuyến, thời gian giải quyết thủ tục rút ngắn một nửa.',
    published: `${year}-01-03T08:00:00+07:00`,
    outlet: 'Báo Hải Phòng',
  }, {
    url: 'https://thhp.vn/video/du-lich-bien-dao-cat-ba.html',
    title: 'Video: Du lịch biển đảo Cát Bà, Hải Phòng hút khách',
    text: 'Du lịch biển đảo Cát Bà của thành phố Hải Phòng hút khách dịp đầu năm: hàng nghìn du khách đến vịnh Lan Hạ, các khách sạn ở đặc khu Cát Hải kín phòng.',
    published: `${year}-01-04T19:00:00+07:00`,
    outlet: 'Đài Phát thanh và Truyền hình Hải Phòng',
  }].map((a) => JSON.stringify(a)).join('\n') + '\n')
  execFileSync(loa.loaBin(), ['news', 'ingest', '--db', join(loa.workDir(), 'loa.db'), articles])
  await page.reload()
  const deliverable = page.getByTestId('deliverable').filter({ hasText: 'Phường Lê Chân đẩy mạnh chuyển đổi số' })
  await deliverable.getByText('Loa tìm thấy').waitFor()
  await deliverable.getByTestId('deliverable-accept').click()
  await deliverable.getByTestId('deliverable-status').filter({ hasText: 'Đã nghiệm thu' }).waitFor()
  await page.getByTestId('item-progress').filter({ hasText: 'Đã nghiệm thu 1/2' }).waitFor()
  await page.getByTestId('contract-settlement').filter({ hasText: '3.000.000 đ' }).waitFor()
  await page.getByTestId('contract-match').click()
  await page.getByTestId('contract-notice').filter({ hasText: 'Đã tìm thấy 0 bài mới.' }).waitFor()
  await loa.shot(page, '9c-contract-delivered')
  // The television's video, found and accepted too.
  await page.goto(videoContractUrl)
  const video = page.getByTestId('deliverable').filter({ hasText: 'Du lịch biển đảo Cát Bà' })
  await video.getByTestId('deliverable-accept').click()
  await video.getByTestId('deliverable-status').filter({ hasText: 'Đã nghiệm thu' }).waitFor()
  await page.getByTestId('contract-settlement').filter({ hasText: '10.000.000 đ' }).waitFor()
  await page.goto(contractUrl)
  // The deliverables as a workbook.
  const sheetDownload = page.waitForEvent('download')
  await page.getByTestId('deliverables-xlsx').click()
  const sheet = join(loa.workDir(), 'san-pham.xlsx')
  await (await sheetDownload).saveAs(sheet)
  const strings = docxPart(sheet, 'xl/sharedStrings.xml')
  for (const s of ['Tiêu đề', 'Phường Lê Chân đẩy mạnh chuyển đổi số', 'Đã nghiệm thu']) assert.ok(strings.includes(s), s)

  // The programme's settlement; the outlet sees its contract and may send in deliverables.
  await page.goto(programmeUrl)
  await page.getByTestId('programme-accepted').filter({ hasText: '13.000.000 đ' }).waitFor()
  const outlet = await loa.signedInPage('baohp')
  await outlet.page.getByRole('navigation').getByRole('link', { name: 'Báo chí' }).click()
  await outlet.page.getByTestId('contract-row').filter({ hasText: `15/${year}/HĐ-SVHTTDL` }).getByRole('link').click()
  await outlet.page.waitForURL(contractUrl)
  await outlet.page.getByTestId('offer-form').waitFor()
  assert.equal(await outlet.page.getByTestId('deliverable-accept').count(), 0)

  // The yearly report on the plan, as Word: the Decree's layout in its XML.
  await page.getByRole('navigation').getByRole('link', { name: 'Báo cáo' }).click()
  await page.getByTestId('yearly-plan').selectOption({ label: `21/KH-UBND — Tuyên truyền về chuyển đổi số năm ${year}` })
  await page.getByTestId('yearly-more').click()
  await page.getByTestId('yearly-authority').fill('KT. Giám đốc')
  await page.getByTestId('yearly-signer-title').fill('Phó Giám đốc')
  await page.getByTestId('yearly-signer-name').fill('Trần Thị Bình')
  await page.getByTestId('yearly-assessment').fill('Các cơ quan báo chí thực hiện đúng hợp đồng đã ký.')
  await loa.shot(page, '9d-yearly-report')
  let waiting = page.waitForEvent('download')
  await page.getByTestId('yearly-docx').click()
  let download = await waiting
  assert.match(download.suggestedFilename(), new RegExp(`^bao-cao-ket-qua-${year}-ke-hoach-21-kh-ubnd\\.docx$`))
  const docx = join(loa.workDir(), 'bao-cao.docx')
  await download.saveAs(docx)
  await page.getByTestId('yearly-saved').waitFor()
  const styles = docxPart(docx, 'word/styles.xml')
  assert.match(styles, /<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/)
  const body = docxPart(docx, 'word/document.xml')
  assert.match(body, /<w:pgSz w:w="11906" w:h="16838"\/>/)  // A4
  assert.match(body, /<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/)  // 20/15/20/30 mm
  assert.match(body, /<w:b\/><w:sz w:val="24"\/><w:szCs w:val="24"\/><\/w:rPr><w:t xml:space="preserve">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</)
  assert.match(body, />Độc lập - Tự do - Hạnh phúc</)
  assert.match(body, /<w:b\/><w:i\/><w:sz w:val="24"\/><w:szCs w:val="24"\/><\/w:rPr><w:t xml:space="preserve">Nơi nhận:</)
  for (const signature of ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC', 'Trần Thị Bình'])
    assert.match(body, new RegExp(`<w:b/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t xml:space="preserve">${signature}<`))
  assert.match(body, /Kết quả thực hiện Kế hoạch số 21\/KH-UBND ngày 15\/01\/\d{4} về tuyên truyền về chuyển đổi số/)

  // … and as PDF, with the figures.
  waiting = page.waitForEvent('download', { timeout: 120_000 })
  await page.getByTestId('yearly-pdf').click()
  download = await waiting
  const pdf = join(loa.workDir(), 'bao-cao.pdf')
  await download.saveAs(pdf)
  assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-')
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
  for (const expected of [
    'Sở Văn hóa, Thể thao và Du lịch', 'Sở Tài chính',            // the tasks per agency
    'Kế hoạch giao 2 nhiệm vụ cho 2 cơ quan, đơn vị',
    '412/QĐ-UBND', 'dự toán 16.000.000 đồng', 'Đã ký 2 hợp đồng, giá trị 16.000.000 đồng',
    'đã nghiệm thu 2/3 sản phẩm đặt hàng, giá trị 13.000.000 đồng (81,3% dự toán)',
    'Đài Phát thanh và Truyền hình Hải Phòng',
    'Báo Hải Phòng', 'Các cơ quan báo chí thực hiện đúng hợp đồng đã ký.', 'Trần Thị Bình',
  ]) assert.ok(text.includes(expected), `${expected} in ${text}`)

  // 401: the sign-in page's probe of /me; 400: the refused over-quantity contract, on purpose.
  const expected = (p) => !/\b401\b/.test(p)
  assert.deepEqual(coordinator.problems.filter((p) => expected(p) && !/\b400\b/.test(p)), [])
  for (const who of [finance, leader, outlet]) assert.deepEqual(who.problems.filter(expected), [])
})
