// Shared by the media-cooperation screens: amounts as Vietnamese documents write them, the
// sums a form shows while it is filled in, and the CSS class of a programme's status.
import type { ProgrammeStatus } from '../../api/client'

// 12500000 → "12.500.000 đ"
export function money(amount: number): string {
  return amount.toLocaleString('vi-VN') + ' đ'
}

// The sum of quantity × unit price over rows whose figures are whole numbers (others count 0).
export function total(rows: { quantity: number | ''; unit_price: number | '' }[]): number {
  let sum = 0
  for (const r of rows) {
    const q = Number(r.quantity)
    const p = Number(r.unit_price)
    if (Number.isInteger(q) && Number.isInteger(p) && q > 0 && p >= 0) sum += q * p
  }
  return sum
}

export function programmeClass(status: ProgrammeStatus): string {
  return { draft: 'st-not_started', appraisal: 'st-submitted', approval: 'st-in_progress', approved: 'st-accepted' }[status]
}
